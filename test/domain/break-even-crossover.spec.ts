/** Break-even: cost series per option and crossovers solved on the exact cost function, not read off samples. */
import {
  OPTION_CODES,
  ValidationError,
  breakEven,
  estimate,
  type BreakEvenRequest,
  type WorkloadInput,
} from '../../src/domain';
import { monthlyGb, sum, usd } from './support/hand';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { aWorkload } from './support/workload.builder';

const card = usEast1RateCard();
const base = aWorkload().withIngestGbPerDay(100).withRecordSizeKB(1).withSharedConsumers(2).build();
const totalAt = (input: WorkloadInput, option: string): number | null =>
  estimate(input, card).totals.find((t) => t.option === option)!.monthlyCostUsd;

describe('break-even on ingest', () => {
  // On-demand: 29.20 + (0.08 + 2 × 0.04) × 730/24 × x = 29.20 + 4.866667 x.
  // Advantage below 25 MB/s: the 25 MB/s minimum on ingest and retrieval: 64,160.15625 GB × (0.032 + 0.016) = 3,079.6875.
  // Crossing: x = (3,079.6875 − 29.20) ÷ 4.866667 = 626.8125 GB/day.
  const handCrossing = (3079.6875 - 29.2) / ((0.16 * 730) / 24);

  it.each([2, 10, 1000])('finds KDS_ON_DEMAND / ADVANTAGE at 626.81 GB/day with %p steps', (steps) => {
    const r = breakEven(base, card, undefined, { vary: 'ingest', from: 100, to: 1000, steps, crossovers: 'ALL' });
    const c = r.crossovers.find((x) => x.optionA === 'KDS_ON_DEMAND' && x.optionB === 'KDS_ON_DEMAND_ADVANTAGE')!;
    expect(c.cheaperAfter).toBe('KDS_ON_DEMAND_ADVANTAGE');
    expect(Math.abs(c.at - handCrossing)).toBeLessThan(0.005); // cent rounding moves it by < 0.01 / 4.87
    // exact: at `at` the order has flipped, 1e-5 GB/day before it has not
    const after = aWorkload(base).withIngestGbPerDay(c.at).build();
    const before = aWorkload(base)
      .withIngestGbPerDay(c.at - 1e-5)
      .build();
    expect(totalAt(after, 'KDS_ON_DEMAND')!).toBeGreaterThan(totalAt(after, 'KDS_ON_DEMAND_ADVANTAGE')!);
    expect(totalAt(before, 'KDS_ON_DEMAND')!).toBeLessThanOrEqual(totalAt(before, 'KDS_ON_DEMAND_ADVANTAGE')!);
    expect(c.monthlyCostUsd).toBe(totalAt(after, 'KDS_ON_DEMAND'));
    expect(c.optionBMonthlyCostUsd).toBe(totalAt(after, 'KDS_ON_DEMAND_ADVANTAGE'));
  });

  it('series hold every option at every sample, equal to estimate() at that point', () => {
    const r = breakEven(base, card, undefined, { vary: 'ingest', from: 100, to: 1000, steps: 4 });
    expect(r.series.map((s) => s.option)).toEqual(OPTION_CODES);
    for (const s of r.series) {
      expect(s.points.map((p) => p.x)).toEqual([100, 400, 700, 1000]);
      for (const p of s.points)
        expect(p.monthlyCostUsd).toBe(totalAt(aWorkload(base).withIngestGbPerDay(p.x).build(), s.option));
    }
    const od100 = r.series[0].points[0].monthlyCostUsd;
    expect(od100).toBe(sum(usd(730, '0.04'), usd(monthlyGb(100), '0.08'), usd(2 * monthlyGb(100), '0.04')));
  });

  it('an option is null where it is ineligible (MSK Serverless above 200 MB/s peak in)', () => {
    // 20,000 GB/day → 237 MB/s average, 284 MB/s peak
    const r = breakEven(base, card, undefined, { vary: 'ingest', from: 1000, to: 20000, steps: 3 });
    const od = r.series.find((s) => s.option === 'MSK_SERVERLESS')!;
    expect(od.points[0].monthlyCostUsd).not.toBeNull();
    expect(od.points[2].monthlyCostUsd).toBeNull();
  });

  it('keeps a caller-given peak in proportion to the average', () => {
    const withPeak = aWorkload().withAvgWriteMBps(1).withPeakWriteMBps(3).withRecordSizeKB(100).build();
    const r = breakEven(withPeak, card, undefined, { vary: 'ingest', from: 10, to: 1000, steps: 2 });
    // 1000 GB/day = 11.85 MB/s average; peak 3 × = 35.56 MB/s × 1.2 = 42.7 → 43 shards
    const prov = r.series.find((s) => s.option === 'KDS_PROVISIONED')!.points[1].monthlyCostUsd!;
    const records = (monthlyGb(1000) * 1024 * 1024) / 100;
    expect(prov).toBe(sum(usd(43 * 730, '0.015'), usd(records * 4, '0.000000014')));
  });
});

describe('break-even on consumers (integer)', () => {
  // On-demand: 29.20 + 243.33 + s × 121.67; MSK provisioned (3 × m7g.large): 446.76 + 42.90 + 40.56 + s × 40.56 (cross-AZ reads)
  function handFirstFlip(): number {
    const gb = monthlyGb(100);
    for (let s = 0; s <= 10; s++) {
      const od = sum(usd(730, '0.04'), usd(gb, '0.08'), usd(s * gb, '0.04'));
      const msk = sum(
        usd(3 * 730, '0.204'),
        usd(429, '0.10'),
        usd((gb * 2) / 3, '0.02'),
        s > 0 ? usd((s * gb * 2) / 3, '0.02') : 0,
      );
      if (msk < od) return s;
    }
    return -1;
  }

  it.each([11, 3])('finds the first consumer count where MSK provisioned beats on-demand (%p steps)', (steps) => {
    expect(handFirstFlip()).toBe(4);
    const r = breakEven(base, card, undefined, { vary: 'consumers', from: 0, to: 10, steps, crossovers: 'ALL' });
    const c = r.crossovers.find((x) => x.optionA === 'KDS_ON_DEMAND' && x.optionB === 'MSK_PROVISIONED')!;
    expect(c).toMatchObject({ at: 4, cheaperAfter: 'MSK_PROVISIONED' });
    expect(Number.isInteger(c.at)).toBe(true);
  });
});

describe('break-even on retention', () => {
  it('sorts crossovers by where they happen and reports the field and unit', () => {
    const r = breakEven(
      base,
      card,
      { discountPercent: 10 },
      {
        vary: 'retention',
        from: 1,
        to: 8760,
        steps: 50,
        crossovers: 'ALL',
      },
    );
    expect(r).toMatchObject({
      vary: 'retention',
      field: 'retentionHours',
      unit: 'h',
      rateCard: { discountPercent: 10, source: 'OVERRIDE' },
    });
    const ats = r.crossovers.map((c) => c.at);
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
    for (const c of r.crossovers) {
      const after = estimate(aWorkload(base).withRetentionHours(c.at).build(), card, { discountPercent: 10 }).totals;
      const a = after.find((t) => t.option === c.optionA)!.monthlyCostUsd!;
      const b = after.find((t) => t.option === c.optionB)!.monthlyCostUsd!;
      expect(c.cheaperAfter === c.optionA ? a < b : b < a).toBe(true);
    }
  });
});

describe('break-even validation', () => {
  it.each<[Partial<BreakEvenRequest> & Record<string, unknown>, string[]]>([
    [{ vary: 'speed' as never, from: 0, to: 10, steps: 10 }, ['vary']],
    [{ vary: 'ingest', from: 10, to: 10, steps: 10 }, ['from']],
    [{ vary: 'ingest', from: 0, to: 2000000, steps: 10 }, ['to']],
    [{ vary: 'ingest', from: 0, to: 10, steps: 1 }, ['steps']],
    [{ vary: 'ingest', from: 0, to: 10, steps: 1001 }, ['steps']],
    [{ vary: 'ingest', from: 0, to: 10, steps: 2.5 }, ['steps']],
    [{ vary: 'consumers', from: 0.5, to: 10, steps: 10 }, ['from']],
    [{ vary: 'retention', from: 0, to: 10, steps: 10 }, ['from']],
  ])('rejects %j', (req, fields) => {
    let caught: unknown;
    try {
      breakEven(base, card, undefined, req as BreakEvenRequest);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).details.fields!.map((f) => f.field)).toEqual(fields);
  });
});
