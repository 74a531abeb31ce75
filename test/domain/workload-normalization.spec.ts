/** normalizeWorkload: exactly one throughput field, peak and record-size rules, active hours, defaults, field errors. */
import { PEAK_FACTORS, ValidationError, normalizeWorkload, type WorkloadInput } from '../../src/domain';
import { aWorkload } from './support/workload.builder';

function fieldErrors(input: unknown): Array<{ field: string; message: string }> {
  try {
    normalizeWorkload(input as WorkloadInput);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).details.fields ?? [];
  }
  throw new Error('expected a ValidationError');
}

describe('workload normalization', () => {
  it('derives the average rate from GB/day over the active hours (AWS units)', () => {
    const w = normalizeWorkload(aWorkload().withIngestGbPerDay(100).withActiveHoursPerDay(8).build());
    // 100 GB × 1,024 MB ÷ (8 h × 3,600 s) = 3.5556 MB/s while active
    expect(w.avgWriteMBps).toBeCloseTo((100 * 1024) / (8 * 3600), 12);
    expect(w.peakWriteMBps).toBeCloseTo(w.avgWriteMBps * 1.2, 12);
    expect(w.avgRecordsPerSec).toBeCloseTo(w.avgWriteMBps * 1024, 9);
    expect(w.monthlyIngestGb).toBeCloseTo((100 * 730) / 24, 9);
    expect(w.activeHoursPerMonth).toBeCloseTo((8 * 730) / 24, 9);
    expect(w.throughputGivenAs).toBe('ingestGbPerDay');
  });

  it('derives GB/day from MB/s over the active hours', () => {
    const w = normalizeWorkload(aWorkload().withAvgWriteMBps(2).withActiveHoursPerDay(12).withRecordSizeKB(4).build());
    expect(w.ingestGbPerDay).toBeCloseTo((2 * 12 * 3600) / 1024, 9); // 84.375
    expect(w.avgRecordsPerSec).toBeCloseTo(512, 9);
  });

  it.each([
    ['STEADY', 1.2],
    ['VARIABLE', 2],
    ['UNPREDICTABLE', 4],
  ] as const)('peak factor for %s is %p (documented and exposed)', (pattern, factor) => {
    expect(PEAK_FACTORS[pattern]).toBe(factor);
    const w = normalizeWorkload(aWorkload().withAvgWriteMBps(10).withTrafficPattern(pattern).build());
    expect(w).toMatchObject({ peakWriteMBps: 10 * factor, peakSource: 'TRAFFIC_PATTERN', peakFactor: factor });
  });

  it('uses a given peak instead of the pattern factor', () => {
    const w = normalizeWorkload(aWorkload().withAvgWriteMBps(10).withPeakWriteMBps(35).build());
    expect(w).toMatchObject({ peakWriteMBps: 35, peakSource: 'INPUT', peakFactor: 3.5 });
  });

  it('applies defaults', () => {
    const w = normalizeWorkload({ ingestGbPerDay: 1, avgRecordSizeKB: 2 });
    expect(w).toMatchObject({
      region: 'us-east-1',
      sharedConsumers: 1,
      dedicatedConsumers: 0,
      retentionHours: 24,
      trafficPattern: 'STEADY',
      activeHoursPerDay: 24,
      maxRecordSizeKB: 2,
      latencyTargetMs: null,
      existingKafkaClients: false,
      rackAwareConsumers: false,
      partitions: null,
      mskBrokerFamily: null,
    });
  });

  it('retained GB: average held, and the largest window when retention is shorter than the active period', () => {
    const w = normalizeWorkload(
      aWorkload().withIngestGbPerDay(120).withActiveHoursPerDay(12).withRetentionHours(6).build(),
    );
    expect(w.avgStoredGb).toBeCloseTo(30, 9); // 120 × 6 ÷ 24
    expect(w.maxRetainedGb).toBeCloseTo(60, 9); // 6 of the 12 active hours: 120 × 6 ÷ 12
  });

  it.each<[string, unknown, Array<[string, string]>]>([
    [
      'both throughput fields',
      { ingestGbPerDay: 1, avgWriteMBps: 1, avgRecordSizeKB: 1 },
      [
        ['workload.ingestGbPerDay', 'give exactly one of ingestGbPerDay or avgWriteMBps, not both'],
        ['workload.avgWriteMBps', 'give exactly one of ingestGbPerDay or avgWriteMBps, not both'],
      ],
    ],
    [
      'neither throughput field',
      { avgRecordSizeKB: 1 },
      [
        ['workload.ingestGbPerDay', 'give exactly one of ingestGbPerDay, avgWriteMBps or hourlyWriteMBps'],
        ['workload.avgWriteMBps', 'give exactly one of ingestGbPerDay, avgWriteMBps or hourlyWriteMBps'],
        ['workload.hourlyWriteMBps', 'give exactly one of ingestGbPerDay, avgWriteMBps or hourlyWriteMBps'],
      ],
    ],
    [
      'peak below average',
      { avgWriteMBps: 10, peakWriteMBps: 5, avgRecordSizeKB: 1 },
      [['workload.peakWriteMBps', 'peakWriteMBps must be greater than or equal to avgWriteMBps (10 MB/s)']],
    ],
    [
      'max record below average',
      { avgWriteMBps: 1, avgRecordSizeKB: 4, maxRecordSizeKB: 2 },
      [['workload.maxRecordSizeKB', 'maxRecordSizeKB must be greater than or equal to avgRecordSizeKB']],
    ],
    [
      'record size 0 and missing',
      { avgWriteMBps: 1, avgRecordSizeKB: 0 },
      [['workload.avgRecordSizeKB', 'avgRecordSizeKB must be greater than 0']],
    ],
    ['required record size', { avgWriteMBps: 1 }, [['workload.avgRecordSizeKB', 'avgRecordSizeKB is required']]],
    [
      'bounds and types',
      {
        avgWriteMBps: 1,
        avgRecordSizeKB: 1,
        retentionHours: 0,
        activeHoursPerDay: 25,
        sharedConsumers: 1.5,
        trafficPattern: 'BURSTY',
        region: 'mars',
        lambdaConsumers: 'yes',
      },
      [
        ['workload.retentionHours', 'retentionHours must be greater than or equal to 1'],
        ['workload.activeHoursPerDay', 'activeHoursPerDay must be less than or equal to 24'],
        ['workload.sharedConsumers', 'sharedConsumers must be an integer'],
        ['workload.trafficPattern', 'trafficPattern must be one of STEADY, VARIABLE, UNPREDICTABLE'],
        ['workload.region', 'region must match the pattern ^[a-z]{2}(-[a-z]+)+-\\d$ (e.g. us-east-1)'],
        ['workload.lambdaConsumers', 'lambdaConsumers must be a boolean'],
      ],
    ],
    [
      'unknown field',
      { avgWriteMBps: 1, avgRecordSizeKB: 1, colour: 'blue' },
      [['workload.colour', 'colour is not a known workload field']],
    ],
  ])('rejects %s with field errors', (_name, input, expected) => {
    expect(fieldErrors(input).map((e) => [e.field, e.message])).toEqual(expected);
  });

  it('a custom path prefix is used in field errors (e.g. GraphQL `input`)', () => {
    try {
      normalizeWorkload({ avgRecordSizeKB: 1 } as WorkloadInput, { path: 'input' });
      throw new Error('expected a ValidationError');
    } catch (err) {
      expect((err as ValidationError).details.fields![0].field).toBe('input.ingestGbPerDay');
      expect((err as ValidationError).code).toBe('VALIDATION_FAILED');
    }
  });

  it('treats null as absent (GraphQL nullable inputs)', () => {
    const w = normalizeWorkload({
      ingestGbPerDay: 10,
      avgWriteMBps: null,
      avgRecordSizeKB: 1,
      latencyTargetMs: null,
    } as unknown as WorkloadInput);
    expect(w.ingestGbPerDay).toBe(10);
  });
});
