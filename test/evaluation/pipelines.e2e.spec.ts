/**
 * Pipelines over REST and GraphQL: deliverTo and cross-region replication priced with rate keys the rate card
 * lists (with provenance), the architecture presets listed on both transports, and bad deliverTo → 400.
 */
import request from 'supertest';
import { ARCHITECTURE_PRESETS, evaluate } from '../../src/domain';
import { RatesService } from '../../src/rates/rates.service';
import { gql } from '../support/graphql';
import { bearer } from '../support/keys';
import { useViewerApp } from '../support/viewer-app';

type Line = { code: string; rateKey: string; monthlyCostUsd: number; usageType: string; rateSource: string };
type Option = {
  option: string;
  priced: boolean;
  lineItems: Line[];
  sizing: { pipeline?: string; deliveryVia?: string; replicationVia?: string };
};

const workload = { ingestGbPerDay: 200, avgRecordSizeKB: 1, deliverTo: ['S3'], needsCrossRegionReplication: true };

describe('pipelines over REST and GraphQL', () => {
  const suite = useViewerApp('pipelines');
  const { post } = suite;

  it('POST /v1/evaluations prices Firehose, MSK Connect or Firehose, and MSK Replicator, each line citing a rate key of the card', async () => {
    const res = await post('/v1/evaluations', { workload });
    expect(res.status).toBe(200);
    const card = (
      await request(suite.app.getHttpServer()).get('/v1/rate-cards/us-east-1').set('authorization', suite.viewer)
    ).body;
    const keys = new Map<string, { source: string; usageType: string }>(
      card.rates.map((r: { key: string; source: string; usageType: string }) => [r.key, r]),
    );
    const options = res.body.options as Option[];
    const codes = (code: string) => options.find((o) => o.option === code)!.lineItems.map((l) => l.code);
    for (const code of ['KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_PROVISIONED'])
      expect(codes(code)).toContain('FIREHOSE_INGEST_S3');
    for (const code of ['MSK_PROVISIONED', 'MSK_EXPRESS', 'MSK_SERVERLESS']) {
      expect(codes(code).some((c) => c === 'FIREHOSE_MSK_INGEST_S3' || c === 'MSK_CONNECT_MCU_HOURS_S3')).toBe(true);
    }
    for (const code of ['MSK_PROVISIONED', 'MSK_EXPRESS'])
      expect(codes(code)).toEqual(
        expect.arrayContaining(['MSK_REPLICATOR_HOURS', 'MSK_REPLICATOR_DATA', 'INTER_REGION_TRANSFER']),
      );
    for (const o of options) {
      expect(o.priced).toBe(true);
      expect(o.sizing.pipeline).toMatch(/→/);
      for (const l of o.lineItems)
        expect(keys.get(l.rateKey)).toMatchObject({ source: l.rateSource, usageType: l.usageType });
    }
    expect(res.body.workload.deliverTo).toEqual([
      { sink: 'S3', sharePercent: 100, convertToParquet: false, dynamicPartitioning: false },
    ]);
    expect(res.body.decisionTrace.find((t: { ruleId: string }) => t.ruleId === 'PIPELINE_IMPLIED')).toMatchObject({
      fired: true,
    });
    // The JSON answer is the domain's evaluation, field for field (the new sizing and workload fields included).
    const served = await suite.app.get(RatesService).current('us-east-1');
    expect(res.body).toEqual(JSON.parse(JSON.stringify(evaluate(workload as never, served))));
  });

  it('GET /v1/rate-cards/us-east-1 lists the pipeline rates with their Price List provenance', async () => {
    const res = await request(suite.app.getHttpServer())
      .get('/v1/rate-cards/us-east-1')
      .set('authorization', suite.viewer);
    const byKey = Object.fromEntries(res.body.rates.map((r: { key: string }) => [r.key, r]));
    const expected: Record<string, Record<string, unknown>> = {
      'firehose.ingest.streamSourceGb': {
        usdPerUnit: '0.0290000000',
        unit: 'GB',
        usageType: 'BilledBytes',
        source: 'BUNDLED_SNAPSHOT',
      },
      'aws.dataTransfer.interRegionOutGb': { usdPerUnit: '0.0200000000', usageType: 'USE1-USW2-AWS-Out-Bytes' },
      // AWS's own usage types and operations (the MSK pricing feed, real SKUs), not the names once assumed.
      'msk.replicator.hour': {
        usdPerUnit: '0.3000000000',
        usageType: 'USE1-KafkaReplication-ReplicatorHours',
        operation: 'RunReplicator',
        sku: 'D89CN43NRW2RWV5P',
        provenance: { kind: 'AWS_DOCUMENT', label: 'V-feed' },
      },
      'msk.replicator.dataGb': {
        usageType: 'USE1-KafkaReplication-Processed-Bytes',
        operation: 'CrossRegionSourceLocal',
      },
      'msk.connect.mcuHour': {
        usdPerUnit: '0.1100000000',
        usageType: 'USE1-Kafka.mcu.general',
        operation: 'RunConnect',
      },
    };
    for (const [key, rate] of Object.entries(expected)) expect({ key, ...byKey[key] }).toMatchObject({ key, ...rate });
    expect(byKey['firehose.ingest.streamSourceGb'].description).toContain('first tier, up to 512000 GB a month');
  });

  it('GraphQL evaluateWorkload takes deliverTo objects and answers the same pipeline', async () => {
    const query = `query($input: WorkloadInput!) { evaluateWorkload(input: $input) {
      workload { deliverTo { sink sharePercent convertToParquet dynamicPartitioning } }
      options { option priced lineItems { code rateKey monthlyCostUsd } sizing { pipeline deliveryVia mskConnectMcus replicationVia } }
      decisionTrace { ruleId outcome } } }`;
    const input = {
      ingestGbPerDay: 200,
      avgRecordSizeKB: 1,
      deliverTo: [{ sink: 'S3', convertToParquet: true }],
      needsCrossRegionReplication: true,
    };
    const res = await gql(suite.app, suite.viewer, query, { input });
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data.evaluateWorkload;
    expect(data.workload.deliverTo).toEqual([
      { sink: 'S3', sharePercent: 100, convertToParquet: true, dynamicPartitioning: false },
    ]);
    const rest = await post('/v1/evaluations', { workload: { ...input } });
    for (const o of data.options) {
      const same = rest.body.options.find((r: Option) => r.option === o.option);
      expect(o.lineItems).toEqual(
        same.lineItems.map((l: Line) => ({ code: l.code, rateKey: l.rateKey, monthlyCostUsd: l.monthlyCostUsd })),
      );
      expect(o.sizing.pipeline).toBe(same.sizing.pipeline);
    }
    expect(
      data.options.find((o: Option) => o.option === 'KDS_PROVISIONED').lineItems.map((l: Line) => l.code),
    ).toContain('FIREHOSE_FORMAT_CONVERSION_S3');
  });

  it('answers a bad deliverTo with 400 naming the field, on both transports', async () => {
    const res = await post('/v1/evaluations', {
      workload: {
        ingestGbPerDay: 1,
        avgRecordSizeKB: 1,
        deliverTo: ['S3', { sink: 'REDSHIFT', dynamicPartitioning: true }, { sink: 'S3', sharePercent: 0 }, 'TAPE'],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      {
        field: 'workload.deliverTo[1].dynamicPartitioning',
        message: expect.stringContaining('applies to S3 delivery only'),
      },
      {
        field: 'workload.deliverTo[2].sharePercent',
        message: 'deliverTo[2].sharePercent must be a number greater than 0 and at most 100',
      },
      { field: 'workload.deliverTo[3]', message: 'deliverTo[3] must be one of S3, REDSHIFT, OPENSEARCH, HTTP' },
    ]);
    const notList = await post('/v1/estimates', {
      workload: { ingestGbPerDay: 1, avgRecordSizeKB: 1, deliverTo: 'S3' },
    });
    expect(notList.status).toBe(400);
    expect(notList.body.fields).toEqual([{ field: 'workload.deliverTo', message: 'deliverTo must be a list' }]);
    const graph = await gql(
      suite.app,
      suite.viewer,
      '{ evaluateWorkload(input: { avgRecordSizeKB: 1, ingestGbPerDay: 5, deliverTo: [{ sink: S3, sharePercent: 150 }] }) { recommendation { option } } }',
    );
    expect(graph.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        {
          field: 'input.deliverTo[0].sharePercent',
          message: 'deliverTo[0].sharePercent must be a number greater than 0 and at most 100',
        },
      ],
    });
  });

  it('lists the architecture presets over REST and GraphQL, each workload evaluating to its pattern', async () => {
    const rest = await request(suite.app.getHttpServer()).get('/v1/presets').set('authorization', suite.viewer);
    expect(rest.status).toBe(200);
    expect(rest.body.map((p: { id: string }) => p.id)).toEqual([
      'KINESIS_FIREHOSE_S3',
      'MSK_CONNECT_S3',
      'KINESIS_LAMBDA',
      'MSK_MULTI_REGION',
    ]);
    expect(rest.body).toEqual(JSON.parse(JSON.stringify(ARCHITECTURE_PRESETS)));
    const graph = await gql(
      suite.app,
      suite.viewer,
      '{ architecturePresets { id pattern impliedOptions patternFields workload { ingestGbPerDay deliverTo { sink convertToParquet } needsCrossRegionReplication } } }',
    );
    expect(graph.body.data.architecturePresets.map((p: { id: string }) => p.id)).toEqual(
      rest.body.map((p: { id: string }) => p.id),
    );
    expect(graph.body.data.architecturePresets[0].workload.deliverTo).toEqual([{ sink: 'S3', convertToParquet: true }]);
    const mskConnect = await post('/v1/evaluations', { workload: rest.body[1].workload });
    expect(mskConnect.body.recommendation.service).toBe('MSK');
    expect(
      mskConnect.body.options.find((o: Option) => o.option === mskConnect.body.recommendation.option).sizing.pipeline,
    ).toMatch(/^Amazon MSK → (MSK Connect|Amazon Data Firehose) → S3$/);
    expect((await request(suite.app.getHttpServer()).get('/v1/presets')).status).toBe(401);
  });

  it('prices the consumers that cost (KCL lease table, Lambda pollers, private connectivity) over REST and GraphQL alike', async () => {
    const input = {
      ingestGbPerDay: 100,
      avgRecordSizeKB: 1,
      kclConsumers: true,
      lambdaEventPollers: 2,
      mskPrivateConnectivityVpcs: 1,
    };
    const rest = await post('/v1/evaluations', { workload: input });
    expect(rest.status).toBe(200);
    const codes = (code: string) =>
      (rest.body.options as Option[]).find((o) => o.option === code)!.lineItems.map((l) => l.code);
    expect(codes('KDS_PROVISIONED')).toEqual(
      expect.arrayContaining(['KCL_LEASE_TABLE_WRITES', 'KCL_LEASE_TABLE_READS']),
    );
    expect(codes('MSK_EXPRESS')).toEqual(
      expect.arrayContaining([
        'LAMBDA_EVENT_POLLER_UNITS',
        'MSK_PRIVATE_CONNECTIVITY_HOURS',
        'MSK_PRIVATE_CONNECTIVITY_DATA',
      ]),
    );
    const graph = await gql(
      suite.app,
      suite.viewer,
      'query($input: WorkloadInput!) { evaluateWorkload(input: $input) { options { option lineItems { code monthlyCostUsd } } } }',
      { input },
    );
    for (const o of graph.body.data.evaluateWorkload.options) {
      const same = (rest.body.options as Option[]).find((r) => r.option === o.option)!;
      expect(o.lineItems).toEqual(same.lineItems.map((l) => ({ code: l.code, monthlyCostUsd: l.monthlyCostUsd })));
    }
    const bad = await post('/v1/evaluations', { workload: { ...input, lambdaEventPollers: 0 } });
    expect(bad.body.fields).toEqual([
      { field: 'workload.lambdaEventPollers', message: 'lambdaEventPollers must be greater than or equal to 1' },
    ]);
  });

  it('saves deliverTo in a scenario in one shape (object form)', async () => {
    const editor = await bearer(suite.app, 'pipelines', 'editor');
    const res = await request(suite.app.getHttpServer())
      .post('/v1/scenarios')
      .set('authorization', editor)
      .send({
        name: 'lake',
        workload: { ingestGbPerDay: 10, avgRecordSizeKB: 1, deliverTo: ['S3', { sink: 'HTTP', sharePercent: 10 }] },
      });
    expect(res.status).toBe(201);
    expect(res.body.workload.deliverTo).toEqual([{ sink: 'S3' }, { sink: 'HTTP', sharePercent: 10 }]);
  });
});
