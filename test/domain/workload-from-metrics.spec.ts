/**
 * Issue 27, the derivation: an exported GetMetricData JSON of a stream with a known daily shape gives that shape
 * back (average, peak, 24-hour profile, record size within 1 %); bad exports are refused naming what is wrong.
 */
import { deriveWorkload, normalizeWorkload, parseMetricData, ValidationError } from '../../src/domain';
import { exportedMetricData, KNOWN_SHAPE_MBPS, knownStream } from '../support/metric-shapes';

const within1 = (actual: number, expected: number) => expect(Math.abs(actual - expected) / expected).toBeLessThan(0.01);
const shapeAvg = KNOWN_SHAPE_MBPS.reduce((s, r) => s + r, 0) / 24;
const HOUR = 3_600_000;

function fieldsOf(fn: () => unknown): Array<{ field: string; message: string }> {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.details.fields!;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('workload from CloudWatch metrics: a known daily shape comes back', () => {
  it('Kinesis: average, p99 and max hour, the 24-hour profile, record size, fan-out, consumers', () => {
    const stream = knownStream();
    const data = parseMetricData(exportedMetricData(stream, 'KINESIS_STREAM'), 'KINESIS_STREAM');
    const { workload, observed } = deriveWorkload({ region: 'us-east-1', data });
    within1(observed.statistics.avgWriteMBps, shapeAvg);
    within1(observed.statistics.p99HourWriteMBps, 12);
    within1(workload.peakWriteMBps!, 12);
    expect(observed.statistics.maxHourWriteMBps).toBeCloseTo(12 * 1.01, 6);
    workload.hourlyWriteMBps!.forEach((r, h) => within1(r, KNOWN_SHAPE_MBPS[h]));
    within1(workload.avgRecordSizeKB, 2000 / 1024);
    within1(observed.statistics.sharedReadFanOut!, 2);
    within1(observed.statistics.dedicatedReadFanOut!, 1);
    expect(workload).toMatchObject({
      sharedConsumers: 2,
      dedicatedConsumers: 1,
      retentionHours: 24,
      trafficPattern: 'VARIABLE',
    });
    expect(observed.period).toMatchObject({ hours: 336, days: 14 });
    expect(observed.coverage).toMatchObject({ expectedHours: 336, hoursWithData: 336, missingHours: 0 });
    expect(observed.warnings.map((w) => w.code)).toEqual(['METRICS_RETENTION_ASSUMED']);
    // Every derived field says how it was got.
    for (const field of [
      'avgRecordSizeKB',
      'hourlyWriteMBps',
      'peakWriteMBps',
      'trafficPattern',
      'sharedConsumers',
      'retentionHours',
    ])
      expect(observed.derivation.find((d) => d.field === `workload.${field}`)?.how).toMatch(/\w+/);
    // The real validation takes it as it is.
    const normalized = normalizeWorkload(workload);
    within1(normalized.avgWriteMBps, shapeAvg);
    expect(normalized.peakWriteMBps).toBe(workload.peakWriteMBps);
  });

  it('MSK: per-second averages summed over brokers give the same shape; the fan-out counts consumer groups', () => {
    const stream = knownStream({ sharedFanOut: 3, dedicatedFanOut: 0 });
    const data = parseMetricData(exportedMetricData(stream, 'MSK_CLUSTER'), 'MSK_CLUSTER');
    const { workload, observed } = deriveWorkload({ region: 'eu-west-1', data, stated: { retentionHours: 72 } });
    within1(observed.statistics.avgWriteMBps, shapeAvg);
    workload.hourlyWriteMBps!.forEach((r, h) => within1(r, KNOWN_SHAPE_MBPS[h]));
    within1(workload.avgRecordSizeKB, 2000 / 1024);
    expect(workload).toMatchObject({
      region: 'eu-west-1',
      sharedConsumers: 3,
      dedicatedConsumers: 0,
      retentionHours: 72,
      existingKafkaClients: true,
    });
    expect(observed.warnings).toEqual([]);
  });

  it('missing hours: counted, listed as ranges and warned about; the median profile still holds', () => {
    const stream = knownStream({ days: 5 });
    const start = stream.start.getTime();
    for (let h = 30; h < 45; h++) stream.missing.add(start + h * HOUR);
    const data = parseMetricData(exportedMetricData(stream, 'KINESIS_STREAM'), 'KINESIS_STREAM');
    const { workload, observed } = deriveWorkload({ region: 'us-east-1', data, stated: { retentionHours: 48 } });
    expect(observed.coverage).toMatchObject({ expectedHours: 120, hoursWithData: 105, missingHours: 15 });
    expect(observed.coverage.missingRanges).toEqual([
      { from: new Date(start + 30 * HOUR).toISOString(), to: new Date(start + 45 * HOUR).toISOString(), hours: 15 },
    ]);
    expect(observed.warnings.map((w) => w.code).sort()).toEqual(['METRICS_MISSING_HOURS', 'METRICS_SHORT_WINDOW']);
    expect(workload.hourlyWriteMBps).toHaveLength(24);
  });

  it('a flat load is STEADY; bursts at hours the day does not predict are UNPREDICTABLE', () => {
    const flat = knownStream({ shape: Array(24).fill(5) });
    const steady = deriveWorkload({
      region: 'us-east-1',
      data: parseMetricData(exportedMetricData(flat, 'KINESIS_STREAM'), 'KINESIS_STREAM'),
    });
    expect(steady.workload.trafficPattern).toBe('STEADY');
    const bursty = exportedMetricData(flat, 'KINESIS_STREAM');
    // Five bursts of 10× on different hours of different days.
    for (const i of [10, 60, 130, 200, 290]) {
      bursty.MetricDataResults[0].Values[i] *= 10;
      bursty.MetricDataResults[1].Values[i] *= 10;
    }
    const derived = deriveWorkload({ region: 'us-east-1', data: parseMetricData(bursty, 'KINESIS_STREAM') });
    expect(derived.workload.trafficPattern).toBe('UNPREDICTABLE');
  });
});

describe('workload from CloudWatch metrics: bad exports are named, nothing is guessed', () => {
  const good = () => exportedMetricData(knownStream({ days: 2 }), 'KINESIS_STREAM');

  it('an unknown query id', () => {
    const data = good();
    (data.MetricDataResults[2] as { Id: string }).Id = 'getRecordBytes';
    const fields = fieldsOf(() => parseMetricData(data, 'KINESIS_STREAM'));
    expect(fields).toContainEqual({
      field: 'metricData.MetricDataResults[2].Id',
      message: expect.stringContaining('unknown query id "getRecordBytes"'),
    });
    // …and the id it should have been is named as missing.
    expect(fields.map((f) => f.message).join(' ')).toMatch(/metric getRecordsBytes .* is missing/);
  });

  it('timestamps and values of different lengths', () => {
    const data = good();
    data.MetricDataResults[1].Values.pop();
    expect(fieldsOf(() => parseMetricData(data, 'KINESIS_STREAM'))).toEqual([
      {
        field: 'metricData.MetricDataResults[1].Values',
        message: 'incomingRecords: 48 timestamps but 47 values (each value needs its timestamp)',
      },
    ]);
  });

  it('a negative value', () => {
    const data = good();
    data.MetricDataResults[0].Values[3] = -5;
    expect(fieldsOf(() => parseMetricData(data, 'KINESIS_STREAM'))).toEqual([
      {
        field: 'metricData.MetricDataResults[0].Values[3]',
        message: 'incomingBytes: Values[3] is negative (-5): bytes and records cannot be',
      },
    ]);
  });

  it('too few points: under a day, or an hour of the day without a value', () => {
    const short = exportedMetricData(
      knownStream({ days: 1, missing: new Set([Date.parse('2026-11-16T05:00:00Z')]) }),
      'KINESIS_STREAM',
    );
    expect(fieldsOf(() => parseMetricData(short, 'KINESIS_STREAM'))[0].message).toBe(
      'incomingBytes has 23 hourly values: at least 24 (one day) are needed to derive a daily profile',
    );
    const stream = knownStream({ days: 2 });
    const s = stream.start.getTime();
    stream.missing.add(s + 7 * HOUR).add(s + 31 * HOUR);
    expect(
      fieldsOf(() => parseMetricData(exportedMetricData(stream, 'KINESIS_STREAM'), 'KINESIS_STREAM'))[0].message,
    ).toBe('incomingBytes has no value for hour 7 (UTC) of the day: the daily profile needs every hour');
  });

  it('a missing metric is named; an MSK export is not a Kinesis one', () => {
    const data = good();
    data.MetricDataResults.splice(1, 1);
    expect(fieldsOf(() => parseMetricData(data, 'KINESIS_STREAM'))).toEqual([
      {
        field: 'metricData.MetricDataResults',
        message:
          'metric incomingRecords (AWS/Kinesis IncomingRecords (Sum)) is missing: run every query of docs/metrics for KINESIS_STREAM',
      },
    ]);
    const msk = exportedMetricData(knownStream({ days: 2 }), 'MSK_CLUSTER');
    expect(fieldsOf(() => parseMetricData(msk, 'KINESIS_STREAM')).length).toBeGreaterThanOrEqual(3);
  });

  it('not an export at all, a timestamp off the hour, a value twice for one hour', () => {
    expect(fieldsOf(() => parseMetricData({ foo: 1 }, 'KINESIS_STREAM'))[0].field).toBe('metricData');
    const data = good();
    data.MetricDataResults[0].Timestamps[0] = '2026-11-17T23:05:00+00:00';
    data.MetricDataResults[3].Timestamps[1] = data.MetricDataResults[3].Timestamps[0];
    const messages = fieldsOf(() => parseMetricData(data, 'KINESIS_STREAM')).map((f) => f.message);
    expect(messages[0]).toMatch(/Timestamps\[0\] \(2026-11-17T23:05:00.000Z\) is not on a whole hour/);
    expect(messages[1]).toMatch(/subscribeToShardEventBytes: two values for the hour/);
  });

  it('pages printed one after the other are merged', () => {
    const data = good();
    const first = data.MetricDataResults[0];
    const half = first.Timestamps.length / 2;
    data.MetricDataResults.push({
      ...first,
      Timestamps: first.Timestamps.slice(half),
      Values: first.Values.slice(half),
    });
    data.MetricDataResults[0] = {
      ...first,
      Timestamps: first.Timestamps.slice(0, half),
      Values: first.Values.slice(0, half),
    };
    expect(parseMetricData(data, 'KINESIS_STREAM').series.incomingBytes.points.size).toBe(48);
  });
});
