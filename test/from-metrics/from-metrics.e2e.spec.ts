/**
 * Issue 27 over the wire: POST /v1/workloads/from-metrics takes an exported GetMetricData JSON, or names a stream or
 * cluster the server reads live from a local CloudWatch / Kinesis / MSK server speaking the SDK's protocols
 * (pages, missing hours, throttling); both give the same workload; the evaluation of that workload with
 * currentOption states what runs costs, the best fit and the saving.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { AwsMetricsServer } from '../support/aws-metrics-server';
import { bearer } from '../support/keys';
import { exportedMetricData, KNOWN_SHAPE_MBPS, knownStream } from '../support/metric-shapes';
import { startTestApp } from '../support/test-app';

const HOUR = 3_600_000;
const within1 = (actual: number, expected: number) => expect(Math.abs(actual - expected) / expected).toBeLessThan(0.01);

/** The last 14 whole days up to the current hour, as the live read asks them. */
function recentStream(overrides: Parameters<typeof knownStream>[0] = {}) {
  const now = Math.floor(Date.now() / HOUR) * HOUR;
  return knownStream({ start: new Date(now - 14 * 24 * HOUR), ...overrides });
}

describe('POST /v1/workloads/from-metrics', () => {
  const aws = new AwsMetricsServer();
  let app: NestFastifyApplication;
  let viewer = '';
  const post = (path: string, body: unknown) =>
    request(app.getHttpServer())
      .post(path)
      .set('authorization', viewer)
      .send(body as object);

  const stream = recentStream();
  // Two hours without any data point (CloudWatch leaves them out), not at the same hour of the day.
  stream.missing.add(stream.start.getTime() + 50 * HOUR).add(stream.start.getTime() + 100 * HOUR);
  let streamArn = '';
  let clusterArn = '';

  beforeAll(async () => {
    await aws.start();
    streamArn = aws.addStream({
      name: 'orders',
      stream,
      mode: 'PROVISIONED',
      shards: 100,
      retentionHours: 48,
      consumers: ['fraud', 'search', 'audit'],
    });
    clusterArn = aws.addCluster({
      name: 'clicks',
      stream: recentStream({ sharedFanOut: 2, dedicatedFanOut: 0 }),
      brokers: 6,
      instanceType: 'kafka.m5.xlarge',
      volumeSize: 1000,
    });
    app = await startTestApp({
      CLOUDWATCH_ENDPOINT: aws.endpoint,
      KINESIS_ENDPOINT: aws.endpoint,
      KAFKA_ENDPOINT: aws.endpoint,
      METRICS_ACCESS_KEY_ID: 'AKIDLOCAL',
      METRICS_SECRET_ACCESS_KEY: 'local-secret',
    });
    viewer = await bearer(app, 'from-metrics', 'viewer');
  });
  afterAll(async () => {
    await app?.close();
    await aws.stop();
  });

  it('offline: an exported JSON of a known daily shape gives the shape back, valid for /v1/evaluations', async () => {
    const res = await post('/v1/workloads/from-metrics', {
      source: 'KINESIS_STREAM',
      metricData: exportedMetricData(stream, 'KINESIS_STREAM'),
      retentionHours: 48,
      dedicatedConsumers: 3,
    });
    expect(res.status).toBe(200);
    const { workload, observed, current } = res.body;
    const avg = KNOWN_SHAPE_MBPS.reduce((s, r) => s + r, 0) / 24;
    within1(observed.statistics.avgWriteMBps, avg);
    within1(workload.peakWriteMBps, 12);
    workload.hourlyWriteMBps.forEach((r: number, h: number) => within1(r, KNOWN_SHAPE_MBPS[h]));
    within1(workload.avgRecordSizeKB, 2000 / 1024);
    expect(observed.coverage).toMatchObject({ expectedHours: 336, hoursWithData: 334, missingHours: 2 });
    expect(current).toBeNull();
    const evaluation = await post('/v1/evaluations', { workload });
    expect(evaluation.status).toBe(200);
    const scenario = await request(app.getHttpServer())
      .post('/v1/scenarios')
      .set('authorization', await bearer(app, 'from-metrics', 'editor'))
      .send({ name: 'orders as it runs', workload });
    expect(scenario.status).toBe(201);
  });

  it('live: the same workload from the local CloudWatch and Kinesis, through pages and throttling; what runs is priced', async () => {
    aws.requests.length = 0;
    aws.throttle('GetMetricData', 2);
    const live = await post('/v1/workloads/from-metrics', { source: 'KINESIS_STREAM', name: 'orders', days: 14 });
    expect(live.status).toBe(200);
    const offline = await post('/v1/workloads/from-metrics', {
      source: 'KINESIS_STREAM',
      metricData: exportedMetricData(stream, 'KINESIS_STREAM'),
      retentionHours: 48,
      dedicatedConsumers: 3,
    });
    expect(live.body.workload).toEqual(offline.body.workload);
    expect(live.body.workload).toMatchObject({ retentionHours: 48, dedicatedConsumers: 3, sharedConsumers: 2 });
    expect(live.body.observed.coverage).toMatchObject({ expectedHours: 336, missingHours: 2 });
    const cw = aws.requests.filter((r) => r.service === 'cloudwatch');
    expect(cw.filter((r) => r.status === 400)).toHaveLength(2); // throttled, then retried by the SDK
    expect(cw.filter((r) => r.status === 200 && r.nextToken).length).toBeGreaterThan(0); // pages followed
    expect(aws.requests.filter((r) => r.operation === 'ListStreamConsumers')).toHaveLength(2); // 3 consumers, 2 a page
    const { current } = live.body;
    expect(current.configuration).toMatchObject({
      option: 'KDS_PROVISIONED',
      name: 'orders',
      arn: streamArn,
      shards: 100,
      retentionHours: 48,
      efoConsumers: 3,
    });
    const shardHours = current.lineItems.find((l: { code: string }) => l.code === 'KDS_PROV_SHARD_HOURS');
    expect(shardHours.quantity).toBe(100 * 730);
    expect(shardHours.monthlyCostUsd).toBeCloseTo(100 * 730 * shardHours.unitPriceUsd, 2);
    const total = current.lineItems.reduce((s: number, l: { monthlyCostUsd: number }) => s + l.monthlyCostUsd, 0);
    expect(current.monthlyCostUsd).toBeCloseTo(total, 2);

    // By ARN, the same answer.
    const byArn = await post('/v1/workloads/from-metrics', { source: 'KINESIS_STREAM', arn: streamArn });
    expect(byArn.status).toBe(200);
    expect(byArn.body.workload).toEqual(live.body.workload);
  });

  it('the evaluation of the derived workload with currentOption states what runs costs, the best fit and the saving', async () => {
    const derived = await post('/v1/workloads/from-metrics', { source: 'KINESIS_STREAM', name: 'orders' });
    const { workload, current } = derived.body;
    const res = await post('/v1/evaluations', {
      workload,
      currentOption: current.configuration.option,
      currentMonthlyCostUsd: current.monthlyCostUsd,
    });
    expect(res.status).toBe(200);
    const comparison = res.body.current;
    const best = res.body.options.find((o: { option: string }) => o.option === res.body.recommendation.option);
    expect(comparison).toMatchObject({
      option: 'KDS_PROVISIONED',
      costBasis: 'MEASURED',
      monthlyCostUsd: current.monthlyCostUsd,
      bestOption: res.body.recommendation.option,
      bestMonthlyCostUsd: best.monthlyCostUsd,
    });
    expect(comparison.monthlySavingUsd).toBeCloseTo(current.monthlyCostUsd - best.monthlyCostUsd, 2);
    expect(comparison.monthlySavingUsd).toBeGreaterThan(0); // 100 open shards for a 12 MB/s peak
    expect(comparison.summary).toContain(
      `costs $${current.monthlyCostUsd.toLocaleString('en-US', { minimumFractionDigits: 2 })}/month (measured)`,
    );
    expect(comparison.summary).toMatch(/saving of \$[\d,.]+\/month/);
    expect(comparison.risksOfMoving.length).toBeGreaterThan(0);

    // Priced by streamfit when no measured cost is given; GraphQL answers the same.
    const priced = await post('/v1/evaluations', { workload, currentOption: 'MSK_PROVISIONED' });
    expect(priced.body.current).toMatchObject({ option: 'MSK_PROVISIONED', costBasis: 'PRICED' });
    expect(priced.body.current.risksOfMoving.join(' ')).toMatch(/data does not move/);
    // The best fit (chosen by the decision rules) may cost more than what runs: the answer says so.
    if (priced.body.current.monthlySavingUsd < 0)
      expect(priced.body.current.summary).toMatch(/it costs \$[\d,.]+\/month more, chosen for/);
    const gql = await post('/graphql', {
      query:
        'query($w: WorkloadInput!) { evaluateWorkload(input: $w, currentOption: MSK_PROVISIONED) { current { option monthlyCostUsd bestOption monthlySavingUsd summary } } }',
      variables: { w: workload },
    });
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.evaluateWorkload.current).toMatchObject({
      option: 'MSK_PROVISIONED',
      monthlyCostUsd: priced.body.current.monthlyCostUsd,
      summary: priced.body.current.summary,
    });
    // No currentOption: no comparison.
    expect((await post('/v1/evaluations', { workload })).body.current).toBeUndefined();
    const bad = await post('/v1/evaluations', { workload, currentOption: 'KDS_SOMETHING', currentMonthlyCostUsd: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'currentMonthlyCostUsd',
      'currentOption',
    ]);
  });

  it('live MSK: DescribeClusterV2 (REST-JSON) gives the brokers; the cluster is priced at its broker type', async () => {
    aws.throttle('DescribeClusterV2', 1);
    const res = await post('/v1/workloads/from-metrics', {
      source: 'MSK_CLUSTER',
      arn: clusterArn,
      retentionHours: 72,
    });
    expect(res.status).toBe(200);
    workloadShape(res.body.workload);
    expect(res.body.workload).toMatchObject({
      sharedConsumers: 2,
      dedicatedConsumers: 0,
      retentionHours: 72,
      existingKafkaClients: true,
    });
    expect(res.body.current.configuration).toMatchObject({
      option: 'MSK_PROVISIONED',
      brokers: 6,
      brokerType: 'kafka.m5.xlarge',
      storageGbPerBroker: 1000,
    });
    const brokerHours = res.body.current.lineItems.find((l: { code: string }) => l.code === 'MSK_BROKER_HOURS');
    expect(brokerHours).toMatchObject({ quantity: 6 * 730, rateKey: expect.stringContaining('kafka.m5.xlarge') });
    const storage = res.body.current.lineItems.find((l: { code: string }) => l.code === 'MSK_STORAGE');
    expect(storage.quantity).toBe(6000);
  });

  it('live: a stream that does not exist is 404; an MSK cluster by name is a 400 asking for the ARN', async () => {
    const missing = await post('/v1/workloads/from-metrics', { source: 'KINESIS_STREAM', name: 'nope' });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('Kinesis stream nope was not found in us-east-1');
    const byName = await post('/v1/workloads/from-metrics', { source: 'MSK_CLUSTER', name: 'clicks' });
    expect(byName.status).toBe(400);
    expect(byName.body.fields).toContainEqual({ field: 'arn', message: expect.stringContaining('by its ARN') });
  });

  it('bad input: a 400 naming each problem', async () => {
    const data = exportedMetricData(knownStream({ days: 2 }), 'KINESIS_STREAM');
    (data.MetricDataResults[0] as { Id: string }).Id = 'incomingByte';
    data.MetricDataResults[1].Values[0] = -1;
    data.MetricDataResults[2].Values.pop();
    const res = await post('/v1/workloads/from-metrics', { source: 'KINESIS_STREAM', metricData: data, days: 3 });
    expect(res.status).toBe(400);
    const messages = (res.body.fields as Array<{ field: string; message: string }>).map(
      (f) => `${f.field}: ${f.message}`,
    );
    expect(messages).toEqual(['days: days applies to the live read; with metricData the window is the data’s']);
    const res2 = await post('/v1/workloads/from-metrics', { source: 'KINESIS_STREAM', metricData: data });
    const fields = (res2.body.fields as Array<{ field: string; message: string }>).map((f) => f.message);
    expect(res2.status).toBe(400);
    expect(fields).toEqual([
      expect.stringContaining('unknown query id "incomingByte"'),
      'incomingRecords: Values[0] is negative (-1): bytes and records cannot be',
      'getRecordsBytes: 48 timestamps but 47 values (each value needs its timestamp)',
      expect.stringContaining('metric incomingBytes (AWS/Kinesis IncomingBytes (Sum)) is missing'),
    ]);
    const neither = await post('/v1/workloads/from-metrics', { source: 'KINESIS', days: 99 });
    expect(neither.status).toBe(400);
    expect(neither.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['days', 'metricData', 'source']);
  });

  it('nothing costly before authentication: without a key the body is not even read (401, not 400)', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/workloads/from-metrics')
      .set('content-type', 'application/json')
      .send('{"not json');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', requestId: expect.any(String) });
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
  });

  it('a 35-day export (~150 KB, above the default body limit) is accepted on this route', async () => {
    const long = exportedMetricData(knownStream({ days: 35 }), 'KINESIS_STREAM');
    expect(JSON.stringify(long).length).toBeGreaterThan(65536);
    const res = await post('/v1/workloads/from-metrics', { source: 'KINESIS_STREAM', metricData: long });
    expect(res.status).toBe(200);
    expect(res.body.observed.period.days).toBe(35);
  });
});

function workloadShape(workload: { hourlyWriteMBps: number[]; avgRecordSizeKB: number }) {
  workload.hourlyWriteMBps.forEach((r, h) => within1(r, KNOWN_SHAPE_MBPS[h]));
  within1(workload.avgRecordSizeKB, 2000 / 1024);
}

describe('POST /v1/workloads/from-metrics without AWS access', () => {
  let app: NestFastifyApplication;
  let viewer = '';
  beforeAll(async () => {
    app = await startTestApp({ METRICS_LIVE: 'false' });
    viewer = await bearer(app, 'from-metrics-offline', 'viewer');
  });
  afterAll(async () => app?.close());

  it('naming a stream is a 400 pointing at metricData; capabilities say live is off', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/workloads/from-metrics')
      .set('authorization', viewer)
      .send({ source: 'KINESIS_STREAM', name: 'orders' });
    expect(res.status).toBe(400);
    expect(res.body.fields[0]).toEqual({ field: 'metricData', message: expect.stringContaining('no AWS access') });
    const caps = await request(app.getHttpServer())
      .get('/v1/workloads/from-metrics/capabilities')
      .set('authorization', viewer);
    expect(caps.body).toMatchObject({ live: false, sources: ['KINESIS_STREAM', 'MSK_CLUSTER'] });
  });
});
