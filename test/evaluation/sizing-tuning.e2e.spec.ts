/**
 * The sizing assumptions a caller can change reach REST and GraphQL alike: record-size distribution, Kinesis
 * shard headroom, MSK local retention (tiered storage), Express egress factor; bad values are a 400 naming the field.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { evaluate } from '../../src/domain';
import { RatesService } from '../../src/rates/rates.service';
import { gql } from '../support/graphql';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

const workload = {
  ingestGbPerDay: 100,
  avgRecordSizeKB: 3.45,
  recordSizeDistribution: [
    { sizeKB: 0.5, share: 0.9 },
    { sizeKB: 30, share: 0.1 },
  ],
  sharedConsumers: 2,
  retentionHours: 720,
  mskLocalRetentionHours: 48,
  sizingHeadroomPercent: 0,
  mskExpressEgressFactor: 2,
};

describe('sizing assumptions over REST and GraphQL', () => {
  let app: NestFastifyApplication;
  let viewer: string;
  beforeAll(async () => {
    app = await startTestApp();
    viewer = await bearer(app, 'portal', 'viewer');
  });
  afterAll(async () => app.close());

  it('REST and GraphQL answer what the domain computes with the tuning fields', async () => {
    const card = await app.get(RatesService).current('us-east-1');
    const expected = JSON.parse(JSON.stringify(evaluate(workload, card)));
    const rest = await request(app.getHttpServer())
      .post('/v1/evaluations')
      .set('authorization', viewer)
      .send({ workload });
    expect(rest.status).toBe(200);
    expect(rest.body.workload.recordSizeDistribution).toEqual(workload.recordSizeDistribution);
    expect(rest.body.options).toEqual(expected.options);
    const msk = rest.body.options.find((o: { option: string }) => o.option === 'MSK_PROVISIONED');
    expect(msk.sizing).toMatchObject({ tieredStorage: true, localRetentionHours: 48 });
    // the all-EBS cluster and its total beside the tiered one, over REST as the domain computes them
    expect(msk.sizing.tieredMonthlyCostUsd).toBe(msk.monthlyCostUsd);
    expect(msk.sizing.untieredMonthlyCostUsd).toBeGreaterThan(msk.monthlyCostUsd);
    expect(msk.sizing.untieredBrokers).toBeGreaterThanOrEqual(3);
    const graph = await gql(
      app,
      viewer,
      `query($input: WorkloadInput!) { evaluateWorkload(input: $input) {
        workload { recordSizeDistribution { sizeKB share } sizingHeadroomPercent mskLocalRetentionHours mskExpressEgressFactor }
        options { option monthlyCostUsd sizing { tieredStorage localRetentionHours expressEgressFactor headroomFactor
          tieredMonthlyCostUsd untieredBrokerType untieredBrokers untieredStorageGbPerBroker untieredTotalStorageGb untieredMonthlyCostUsd } } } }`,
      { input: workload },
    );
    expect(graph.body.errors).toBeUndefined();
    const g = graph.body.data.evaluateWorkload;
    expect(g.workload).toEqual({
      recordSizeDistribution: workload.recordSizeDistribution,
      sizingHeadroomPercent: 0,
      mskLocalRetentionHours: 48,
      mskExpressEgressFactor: 2,
    });
    for (const o of g.options) {
      expect(o.monthlyCostUsd).toBe(
        expected.options.find((x: { option: string }) => x.option === o.option).monthlyCostUsd,
      );
    }
    const gMsk = g.options.find((o: { option: string }) => o.option === 'MSK_PROVISIONED');
    const { untieredBrokerType, untieredBrokers, untieredStorageGbPerBroker, untieredTotalStorageGb } = msk.sizing;
    expect(gMsk.sizing).toMatchObject({
      tieredMonthlyCostUsd: msk.sizing.tieredMonthlyCostUsd,
      untieredBrokerType,
      untieredBrokers,
      untieredStorageGbPerBroker,
      untieredTotalStorageGb,
      untieredMonthlyCostUsd: msk.sizing.untieredMonthlyCostUsd,
    });
  });

  it('a bad distribution is a 400 naming the field, over REST and GraphQL', async () => {
    const bad = { ...workload, recordSizeDistribution: [{ sizeKB: 1, share: 0.4 }] };
    const rest = await request(app.getHttpServer())
      .post('/v1/evaluations')
      .set('authorization', viewer)
      .send({ workload: bad });
    expect(rest.status).toBe(400);
    expect(JSON.stringify(rest.body)).toContain('recordSizeDistribution');
    const graph = await gql(
      app,
      viewer,
      'query($input: WorkloadInput!) { evaluateWorkload(input: $input) { recommendation { option } } }',
      { input: bad },
    );
    expect(graph.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(graph.body.errors[0])).toContain('recordSizeDistribution');
  });
});
