/**
 * hourlyWriteMBps: provisioned capacity is sized for the peak hour, per-GB billing follows the bytes of
 * each hour (issue 13). Expected values are hand arithmetic: MB/s × 3,600 s ÷ 1,024 = GB per hour.
 */
import { breakEven, evaluate, normalizeWorkload, scaleVolume, type WorkloadInput } from '../../src/domain';
import { line, optionOf } from './support/hand';
import { usEast1RateCard } from './support/us-east-1.rate-card';

const card = usEast1RateCard();
const GB_PER_HOUR_AT_1_MBPS = 3600 / 1024; // 3.515625
const DAYS = 730 / 24;

/** 20 hours at 1 MB/s, then 16:00–20:00 at 40 MB/s. */
const spikyDay = [...Array(16).fill(1), 40, 40, 40, 40, 1, 1, 1, 1];
/** 25 KB records: one 25 KB PUT unit, 25 KB billed on-demand — the bytes written, no rounding. */
const spiky: WorkloadInput = { hourlyWriteMBps: spikyDay, avgRecordSizeKB: 25, sharedConsumers: 1 };

describe('a daily profile (hourlyWriteMBps)', () => {
  it('20 h at 1 MB/s and 4 h at 40 MB/s: provisioned Kinesis is sized for 40 MB/s, on-demand bills the bytes written', () => {
    const e = evaluate(spiky, card);
    const prov = optionOf(e, 'KDS_PROVISIONED');
    expect(prov.sizing).toMatchObject({
      peakWriteMBps: 40,
      shardsForWriteThroughput: 40,
      shards: 48,
      boundBy: 'WRITE_THROUGHPUT',
    }); // 40 × 1.2 headroom
    expect(line(e, 'KDS_PROVISIONED', 'KDS_PROV_SHARD_HOURS').quantity).toBe(48 * 730);

    const gbPerDay = (20 * 1 + 4 * 40) * GB_PER_HOUR_AT_1_MBPS; // 632.8125
    expect(e.workload.ingestGbPerDay).toBeCloseTo(gbPerDay, 9);
    expect(line(e, 'KDS_ON_DEMAND', 'KDS_OD_DATA_IN').quantity).toBe(Number((gbPerDay * DAYS).toFixed(6))); // 19,248.046875 GB
    expect(line(e, 'KDS_ON_DEMAND', 'KDS_OD_DATA_OUT').quantity).toBe(Number((gbPerDay * DAYS).toFixed(6)));
    expect(line(e, 'MSK_SERVERLESS', 'MSK_SERVERLESS_DATA_IN').quantity).toBe(Number((gbPerDay * DAYS).toFixed(6)));
    // MSK brokers are sized for the peak hour too.
    expect(optionOf(e, 'MSK_PROVISIONED').sizing.peakWriteMBps).toBe(40);
    expect(optionOf(e, 'MSK_EXPRESS').sizing.peakWriteMBps).toBe(40);
  });

  it('the same bytes given as a flat average size provisioned Kinesis for the pattern peak, and bill on-demand the same', () => {
    const day = evaluate(spiky, card);
    const flat = evaluate(
      { avgWriteMBps: 7.5, avgRecordSizeKB: 25, sharedConsumers: 1, trafficPattern: 'VARIABLE' },
      card,
    ); // 180 MB/s-hours ÷ 24
    expect(line(flat, 'KDS_ON_DEMAND', 'KDS_OD_DATA_IN').quantity).toBe(
      line(day, 'KDS_ON_DEMAND', 'KDS_OD_DATA_IN').quantity,
    );
    expect(optionOf(flat, 'KDS_PROVISIONED').sizing.shards).toBe(18); // 7.5 × 2 (VARIABLE) × 1.2
    expect(optionOf(day, 'KDS_PROVISIONED').monthlyCostUsd!).toBeGreaterThan(
      optionOf(flat, 'KDS_PROVISIONED').monthlyCostUsd!,
    );
  });

  it('bills the Advantage 25 MB/s minimum hour by hour: the 20 quiet hours pay the shortfall, the busy hours none', () => {
    const e = evaluate(spiky, card);
    const minGbPerHour = 25 * GB_PER_HOUR_AT_1_MBPS; // 87.890625
    const expected = 20 * DAYS * (minGbPerHour - 1 * GB_PER_HOUR_AT_1_MBPS); // 51,328.125 GB
    expect(line(e, 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_ADV_INGEST_MINIMUM_SHORTFALL').quantity).toBe(
      Number(expected.toFixed(6)),
    );
    expect(line(e, 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_ADV_RETRIEVAL_MINIMUM_SHORTFALL').quantity).toBe(
      Number(expected.toFixed(6)),
    );
    // A flat 7.5 MB/s day would fall short every hour, by less.
    const flat = evaluate({ avgWriteMBps: 7.5, avgRecordSizeKB: 25, sharedConsumers: 1 }, card);
    expect(line(flat, 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_ADV_INGEST_MINIMUM_SHORTFALL').quantity).toBe(
      Number((730 * (minGbPerHour - 7.5 * GB_PER_HOUR_AT_1_MBPS)).toFixed(6)),
    );
  });

  it('derives average, active hours, pattern and peak from the profile, and the largest retained window', () => {
    const w = normalizeWorkload({ ...spiky, retentionHours: 6 });
    expect(w).toMatchObject({
      throughputGivenAs: 'hourlyWriteMBps',
      hourlyWriteMBps: spikyDay,
      activeHoursPerDay: 24,
      avgWriteMBps: 7.5,
      peakWriteMBps: 40,
      peakSource: 'HOURLY_PROFILE',
      trafficPattern: 'VARIABLE',
      trafficPatternSource: 'HOURLY_PROFILE',
    });
    expect(w.peakFactor).toBeCloseTo(40 / 7.5, 12);
    expect(w.maxRetainedGb).toBeCloseTo((4 * 40 + 2 * 1) * GB_PER_HOUR_AT_1_MBPS, 9); // the 4 busy hours and one quiet hour either side
    expect(w.avgStoredGb).toBeCloseTo((632.8125 * 6) / 24, 9);

    const office = normalizeWorkload({
      hourlyWriteMBps: [...Array(9).fill(0), ...Array(8).fill(3), 3.5, ...Array(6).fill(0)],
      avgRecordSizeKB: 1,
      trafficPattern: 'UNPREDICTABLE',
    });
    expect(office).toMatchObject({
      activeHoursPerDay: 9,
      trafficPattern: 'UNPREDICTABLE',
      trafficPatternSource: 'INPUT',
      peakWriteMBps: 3.5,
    });
    expect(office.avgWriteMBps).toBeCloseTo(27.5 / 9, 12);
    expect(normalizeWorkload({ hourlyWriteMBps: Array(24).fill(2), avgRecordSizeKB: 1 }).trafficPattern).toBe('STEADY');
    // A caller's peak inside the busiest hour is kept.
    expect(normalizeWorkload({ ...spiky, peakWriteMBps: 55 })).toMatchObject({
      peakWriteMBps: 55,
      peakSource: 'INPUT',
    });
  });

  it('names the risks with their thresholds at the peak hour', () => {
    const e = evaluate(spiky, card);
    expect(optionOf(e, 'KDS_PROVISIONED').risks).toEqual([
      expect.objectContaining({
        code: 'PROVISIONED_SHARDS_HOT_AT_PEAK',
        threshold: 48,
        unit: 'MB/s',
        peakUtilizationPercent: 83.3,
      }),
    ]);
    expect(optionOf(e, 'KDS_PROVISIONED').risks[0].message).toContain('peak hour (40 MB/s at 16:00)');
    expect(optionOf(e, 'KDS_ON_DEMAND').risks).toEqual([
      expect.objectContaining({ code: 'ON_DEMAND_SPIKE_THROTTLING', threshold: 80, peakUtilizationPercent: 50 }),
    ]);
    const az = optionOf(e, 'MSK_PROVISIONED').risks[0];
    const s = optionOf(e, 'MSK_PROVISIONED').sizing;
    const remaining = s.brokers! - s.brokers! / 3;
    const util = s.utilizationTarget ?? 1;
    expect(az).toMatchObject({
      code: 'MSK_AZ_LOSS_HEADROOM',
      threshold:
        Math.round(
          (Math.min(remaining * s.perBrokerIngressCapacityMBps!, remaining * s.perBrokerEgressCapacityMBps!) / util) *
            1000,
        ) / 1000,
    });
    expect(optionOf(e, 'MSK_SERVERLESS').risks[0]).toMatchObject({
      code: 'MSK_SERVERLESS_CAPS',
      threshold: Math.min(200, 400, optionOf(e, 'MSK_SERVERLESS').sizing.partitions! * 5),
    });
  });

  it("break-even over ingest keeps the profile's shape: each point costs what the scaled day costs", () => {
    const gbPerDay = normalizeWorkload(spiky).ingestGbPerDay;
    const r = breakEven(spiky, card, undefined, { vary: 'ingest', from: gbPerDay, to: 2 * gbPerDay, steps: 2 });
    const at = (k: number) => evaluate(scaleVolume(spiky, k), card);
    for (const [i, k] of [
      [0, 1],
      [1, 2],
    ] as const) {
      for (const s of r.series)
        expect(s.points[i].monthlyCostUsd).toBe(
          optionOf(at(k), s.option).eligible ? optionOf(at(k), s.option).monthlyCostUsd : null,
        );
    }
    expect(optionOf(at(2), 'KDS_PROVISIONED').sizing.shards).toBe(96); // the peak hour doubled: 80 MB/s × 1.2
  });

  it.each<[string, Record<string, unknown>, Array<[string, string]>]>([
    [
      '23 hours',
      { hourlyWriteMBps: Array(23).fill(1) },
      [
        [
          'workload.hourlyWriteMBps',
          'hourlyWriteMBps must hold exactly 24 hourly values (hour 0 = 00:00–01:00); got 23',
        ],
      ],
    ],
    [
      'not an array',
      { hourlyWriteMBps: 5 },
      [['workload.hourlyWriteMBps', 'hourlyWriteMBps must be an array of 24 numbers (MB/s per hour of the day)']],
    ],
    [
      'a negative hour',
      { hourlyWriteMBps: [...Array(5).fill(1), -2, ...Array(18).fill(1)] },
      [['workload.hourlyWriteMBps[5]', 'hourlyWriteMBps[5] must be greater than or equal to 0']],
    ],
    [
      'a non-numeric hour',
      { hourlyWriteMBps: [...Array(23).fill(1), 'high'] },
      [['workload.hourlyWriteMBps[23]', 'hourlyWriteMBps[23] must be a finite number']],
    ],
    [
      'a profile and an average',
      { hourlyWriteMBps: Array(24).fill(1), avgWriteMBps: 1 },
      [
        ['workload.hourlyWriteMBps', 'give exactly one of ingestGbPerDay, avgWriteMBps or hourlyWriteMBps'],
        ['workload.avgWriteMBps', 'give exactly one of ingestGbPerDay, avgWriteMBps or hourlyWriteMBps'],
      ],
    ],
    [
      'active hours with a profile',
      { hourlyWriteMBps: Array(24).fill(1), activeHoursPerDay: 8 },
      [
        [
          'workload.activeHoursPerDay',
          'activeHoursPerDay cannot be given with hourlyWriteMBps: the profile says which hours are active',
        ],
      ],
    ],
    [
      'a peak below the busiest hour',
      { hourlyWriteMBps: spikyDay, peakWriteMBps: 30 },
      [
        [
          'workload.peakWriteMBps',
          'peakWriteMBps must be greater than or equal to the busiest hour of hourlyWriteMBps (40 MB/s at hour 16)',
        ],
      ],
    ],
  ])('rejects %s, naming the field', (_name, patch, expected) => {
    let fields: Array<[string, string]> = [];
    try {
      normalizeWorkload({ avgRecordSizeKB: 1, ...patch } as unknown as WorkloadInput);
    } catch (e) {
      fields = (e as { details: { fields: Array<{ field: string; message: string }> } }).details.fields.map((f) => [
        f.field,
        f.message,
      ]);
    }
    expect(fields).toEqual(expected);
  });
});
