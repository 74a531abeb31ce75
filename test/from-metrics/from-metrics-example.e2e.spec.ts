/**
 * The README's worked example, run as written: docs/metrics/example-kinesis-get-metric-data.json → a workload →
 * an evaluation with currentOption that states the saving; and the query files of docs/metrics are the queries the
 * live read runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kinesisQueries, mskQueries } from '../../src/infrastructure/aws/aws-metrics.client';
import { useViewerApp } from '../support/viewer-app';

const docs = (name: string) => JSON.parse(readFileSync(join(__dirname, '../../docs/metrics', name), 'utf8'));

describe('README "From CloudWatch": the worked example', () => {
  const suite = useViewerApp('from-metrics-example');

  it('the exported JSON gives the README figures and the README recommendation with its saving', async () => {
    const derived = await suite.post('/v1/workloads/from-metrics', {
      source: 'KINESIS_STREAM',
      metricData: docs('example-kinesis-get-metric-data.json'),
      retentionHours: 48,
      current: { option: 'KDS_PROVISIONED', shards: 100 },
    });
    expect(derived.status).toBe(200);
    const { workload, observed, current } = derived.body;
    expect(observed.statistics).toMatchObject({
      avgWriteMBps: 7.5125,
      p99HourWriteMBps: 12.06,
      maxHourWriteMBps: 12.12,
      avgRecordSizeBytes: 2000,
      sharedReadFanOut: 2,
      dedicatedReadFanOut: 1,
    });
    expect(workload).toEqual({
      region: 'us-east-1',
      hourlyWriteMBps: [4, 4, 4, 4, 4, 4, 5, 6, 8, 9, 10, 11, 11.5, 11.8, 12, 11.5, 11, 10, 9, 8, 7, 6, 5, 4.5],
      peakWriteMBps: 12.06,
      avgRecordSizeKB: 1.953125,
      sharedConsumers: 2,
      dedicatedConsumers: 1,
      retentionHours: 48,
      trafficPattern: 'VARIABLE',
    });
    expect(current.monthlyCostUsd).toBe(4045.55);
    const evaluation = await suite.post('/v1/evaluations', {
      workload,
      currentOption: current.configuration.option,
      currentMonthlyCostUsd: current.monthlyCostUsd,
    });
    expect(evaluation.status).toBe(200);
    expect(evaluation.body.current.summary).toContain(
      'the best fit is Kinesis Data Streams, on-demand Advantage at $3,214.71/month: a saving of $830.84/month ($9,970.08/year, 20.5 %)',
    );
    expect(evaluation.body.current.risksOfMoving).toHaveLength(3);
  });

  it('docs/metrics holds the queries the live read runs', () => {
    expect(docs('kinesis-stream.json')).toEqual(kinesisQueries('my-stream'));
    expect(docs('msk-cluster.json')).toEqual(mskQueries('my-cluster'));
  });
});
