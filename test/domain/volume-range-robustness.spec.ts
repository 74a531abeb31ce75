/**
 * volumeRange → per-option monthlyCostBandUsd and recommendation.robustness (issue 13), with the
 * fast-check properties: bands ordered, bands monotone in the range, 24 equal hours = the average.
 */
import fc from 'fast-check';
import {
  DEFAULT_VOLUME_RANGE,
  estimate,
  evaluate,
  OPTION_CODES,
  RATE_KEYS,
  scaleVolume,
  validateVolumeRange,
  type OptionCode,
  type VolumeRange,
  type WorkloadInput,
} from '../../src/domain';
import { optionOf } from './support/hand';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { hourlyProfileArbitrary, workloadArbitrary } from './support/workload.arbitrary';

const card = usEast1RateCard();
const guide: WorkloadInput = {
  ingestGbPerDay: 100,
  avgRecordSizeKB: 1,
  sharedConsumers: 2,
  retentionHours: 24,
  trafficPattern: 'STEADY',
};
const spiky: WorkloadInput = {
  hourlyWriteMBps: [...Array(16).fill(1), 40, 40, 40, 40, 1, 1, 1, 1],
  avgRecordSizeKB: 1,
  sharedConsumers: 2,
};

const fieldsOf = (fn: () => unknown): Array<[string, string]> => {
  try {
    fn();
  } catch (e) {
    return ((e as { details: { fields: Array<{ field: string; message: string }> } }).details.fields ?? []).map((f) => [
      f.field,
      f.message,
    ]);
  }
  return [];
};

describe('cost bands', () => {
  it('every priced option carries a band low ≤ expected ≤ high, expected = monthlyCostUsd, priced at the ends of the range', () => {
    const e = evaluate(guide, card, undefined, { low: 0.5, high: 2 });
    expect(e.volumeRange).toEqual({ low: 0.5, high: 2 });
    for (const o of e.options) {
      const band = o.monthlyCostBandUsd!;
      expect(band.expected).toBe(o.monthlyCostUsd);
      expect(band.low).toBeLessThanOrEqual(band.expected);
      expect(band.expected).toBeLessThanOrEqual(band.high);
      // The ends of the band are the option's own cost at 0.5× and 2× (costs grow with volume).
      const atLow = optionOf(estimate(scaleVolume(guide, 0.5), card), o.option).monthlyCostUsd!;
      const atHigh = optionOf(estimate(scaleVolume(guide, 2), card), o.option).monthlyCostUsd!;
      expect(band.low).toBeLessThanOrEqual(atLow);
      expect(band.high).toBeGreaterThanOrEqual(atHigh);
      if (o.option !== 'KDS_ON_DEMAND_ADVANTAGE') expect([band.low, band.high]).toEqual([atLow, atHigh]);
    }
    // 1 shard at half the volume, 3 at twice (2 at 100 GB/day): shard-hours move the band.
    expect(optionOf(e, 'KDS_PROVISIONED').monthlyCostBandUsd!.low).toBeLessThan(
      optionOf(e, 'KDS_PROVISIONED').monthlyCostUsd!,
    );
  });

  it('defaults to 0.8–1.25 and leaves the range out of nothing: estimates carry it too', () => {
    const e = estimate(guide, card);
    expect(e.volumeRange).toEqual(DEFAULT_VOLUME_RANGE);
    expect(e.options.every((o) => o.monthlyCostBandUsd !== null)).toBe(true);
    const same = estimate(guide, card, undefined, { low: 0.8, high: 1.25 });
    expect(same.options).toEqual(e.options);
  });

  it('an unpriced option has no band; a range of exactly 1 gives a band of one point', () => {
    const e = evaluate(guide, usEast1RateCard({ without: [RATE_KEYS.kdsProvisionedShardHour] }), undefined, {
      low: 1,
      high: 1,
    });
    expect(optionOf(e, 'KDS_PROVISIONED').monthlyCostBandUsd).toBeNull();
    const od = optionOf(e, 'KDS_ON_DEMAND');
    expect(od.monthlyCostBandUsd).toEqual({
      low: od.monthlyCostUsd,
      expected: od.monthlyCostUsd,
      high: od.monthlyCostUsd,
    });
  });

  it.each<[string, unknown, Array<[string, string]>]>([
    [
      'low > high',
      { low: 1.5, high: 1.2 },
      [
        ['volumeRange.low', 'volumeRange.low (1.5) must be less than or equal to volumeRange.high (1.2)'],
        ['volumeRange.low', 'volumeRange.low must be between 0 and 1: the range must contain the expected volume (1)'],
      ],
    ],
    [
      'a range that misses the expected volume',
      { low: 1.1, high: 2 },
      [['volumeRange.low', 'volumeRange.low must be between 0 and 1: the range must contain the expected volume (1)']],
    ],
    [
      'non-numeric ends',
      { low: 'small', high: null },
      [['volumeRange.low', 'volumeRange.low must be a finite number']],
    ],
    ['an unknown member', { low: 0.5, mid: 1 }, [['volumeRange.mid', 'mid is not a known field of volumeRange']]],
    [
      'high above 100',
      { high: 101 },
      [
        [
          'volumeRange.high',
          'volumeRange.high must be between 1 and 100: the range must contain the expected volume (1)',
        ],
      ],
    ],
    [
      'not an object',
      [0.5, 2],
      [['volumeRange', 'volumeRange must be an object { low, high } of multipliers of the expected volume']],
    ],
  ])('rejects %s, naming the field', (_name, range, expected) => {
    expect(fieldsOf(() => validateVolumeRange(range))).toEqual(expected);
    expect(fieldsOf(() => evaluate(guide, card, undefined, range))).toEqual(expected);
  });

  it('a range taking the workload past its bounds names volumeRange.high', () => {
    expect(
      fieldsOf(() => evaluate({ ingestGbPerDay: 900000, avgRecordSizeKB: 1 }, card, undefined, { high: 2 })),
    ).toEqual([
      [
        'volumeRange.high',
        expect.stringContaining(
          'volumeRange.high takes the workload past its bounds at 2× the expected volume: ingestGbPerDay must be less than or equal to 1000000',
        ),
      ],
    ]);
  });
});

describe('recommendation.robustness', () => {
  it('holds across the default range for the decision guide example', () => {
    const r = evaluate(guide, card).recommendation.robustness;
    expect(r).toEqual({
      volumeRange: { low: 0.8, high: 1.25 },
      holds: true,
      holdsFromMultiplier: 0.8,
      holdsToMultiplier: 1.25,
      changes: [],
      summary:
        'Kinesis Data Streams, provisioned shards stays the recommendation from 0.8× to 1.25× the expected volume.',
    });
  });

  it('finds where the winner changes, solved to the millionth of the multiplier, and to what', () => {
    const e = evaluate(spiky, card, undefined, { low: 0.5, high: 3 });
    const r = e.recommendation.robustness!;
    expect(r.holds).toBe(false);
    expect(r.changes.length).toBeGreaterThan(0);
    const first = r.changes[0];
    expect(first.from).toBe(e.recommendation.option);
    expect(first.to).not.toBe(first.from);
    const sign = first.direction === 'ABOVE' ? 1 : -1;
    // At the reported multiplier the recommendation is the new one; two millionths back it is still the old one.
    expect(evaluate(scaleVolume(spiky, first.atMultiplier), card).recommendation.option).toBe(first.to);
    expect(evaluate(scaleVolume(spiky, first.atMultiplier - sign * 2e-6), card).recommendation.option).toBe(first.from);
    expect(first.ingestGbPerDay).toBeCloseTo(e.workload.ingestGbPerDay * first.atMultiplier, 5);
    expect(first.peakWriteMBps).toBeCloseTo(40 * first.atMultiplier, 5);
    if (first.direction === 'ABOVE') expect(r.holdsToMultiplier).toBe(first.atMultiplier);
    else expect(r.holdsFromMultiplier).toBe(first.atMultiplier);
    expect(r.summary).toContain(`${Number(first.atMultiplier.toFixed(3))}×`);
    // Every sampled end agrees with what a plain evaluation there recommends.
    const last = r.changes.filter((c) => c.direction === 'ABOVE').pop();
    if (last) expect(evaluate(scaleVolume(spiky, 3), card).recommendation.option).toBe(last.to);
  });

  it('a flip below the expected volume is reported as BELOW', () => {
    // Same spiky profile: above 1.28× the Advantage minimum is covered and Advantage wins; start there and look down.
    const e = evaluate(scaleVolume(spiky, 2), card, undefined, { low: 0.25, high: 1 });
    const below = e.recommendation.robustness!.changes.filter((c) => c.direction === 'BELOW');
    expect(below.length).toBeGreaterThan(0);
    expect(evaluate(scaleVolume(scaleVolume(spiky, 2), below[0].atMultiplier), card).recommendation.option).toBe(
      below[0].to,
    );
    expect(evaluate(scaleVolume(scaleVolume(spiky, 2), below[0].atMultiplier + 2e-6), card).recommendation.option).toBe(
      below[0].from,
    );
  });
});

// ---- properties ----

const workloadArb = workloadArbitrary({
  maxIngestGbPerDay: 20000,
  recordSizeKB: { min: 0.1, max: 1024 },
  maxSharedConsumers: 8,
  maxDedicatedConsumers: 5,
  maxRetentionHours: 2000,
});

const profileArb = hourlyProfileArbitrary;

const rangeArb: fc.Arbitrary<VolumeRange> = fc.record({
  low: fc.double({ min: 0, max: 1, noNaN: true }),
  high: fc.double({ min: 1, max: 4, noNaN: true }),
});

/** Advantage bills usage and its minimum shortfall as two lines each rounded to the cent: their sum may dip a cent or two as usage grows. */
const slack = (o: OptionCode): number => (o === 'KDS_ON_DEMAND_ADVANTAGE' ? 0.02 : 0);

describe('properties (fast-check)', () => {
  it('bands are ordered: low ≤ expected ≤ high, expected = monthlyCostUsd, for any workload, profile and range', () => {
    fc.assert(
      fc.property(fc.oneof(workloadArb, profileArb), rangeArb, (w, range) => {
        const e = estimate(w, card, undefined, range);
        for (const o of e.options) {
          const b = o.monthlyCostBandUsd!;
          if (!(b.low <= b.expected && b.expected <= b.high && b.expected === o.monthlyCostUsd))
            throw new Error(`${o.option}: ${JSON.stringify(b)}`);
        }
      }),
      { numRuns: 150, seed: 13 },
    );
  });

  it('bands are monotone in the range: a wider range never narrows any band', () => {
    fc.assert(
      fc.property(
        fc.oneof(workloadArb, profileArb),
        rangeArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 2, noNaN: true }),
        (w, inner, shrink, grow) => {
          const outer = { low: inner.low * shrink, high: Math.min(100, inner.high * grow) };
          const a = estimate(w, card, undefined, inner);
          const b = estimate(w, card, undefined, outer);
          for (const code of OPTION_CODES) {
            const ia = optionOf(a, code).monthlyCostBandUsd!;
            const ob = optionOf(b, code).monthlyCostBandUsd!;
            if (ob.low > ia.low + slack(code) + 1e-9 || ob.high < ia.high - slack(code) - 1e-9)
              throw new Error(
                `${code}: ${JSON.stringify(inner)} → ${JSON.stringify(ia)}, ${JSON.stringify(outer)} → ${JSON.stringify(ob)}`,
              );
          }
        },
      ),
      { numRuns: 120, seed: 1313 },
    );
  });

  it('a profile of 24 equal hours is the same workload as that rate given as an average (and peak)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 5000, noNaN: true }), workloadArb, rangeArb, (rate, base, range) => {
        const { ingestGbPerDay: _i, activeHoursPerDay: _a, trafficPattern: _t, ...rest } = base;
        const day = evaluate({ ...rest, hourlyWriteMBps: Array(24).fill(rate) }, card, undefined, range);
        const avg = evaluate({ ...rest, avgWriteMBps: rate, peakWriteMBps: rate }, card, undefined, range);
        expect(day.recommendation).toEqual(avg.recommendation);
        for (const code of OPTION_CODES) {
          const d = optionOf(day, code);
          const a = optionOf(avg, code);
          expect({
            code,
            cost: d.monthlyCostUsd,
            band: d.monthlyCostBandUsd,
            sizing: d.sizing,
            lines: d.lineItems.map((l) => [l.code, l.quantity]),
            eligible: d.eligible,
          }).toEqual({
            code,
            cost: a.monthlyCostUsd,
            band: a.monthlyCostBandUsd,
            sizing: a.sizing,
            lines: a.lineItems.map((l) => [l.code, l.quantity]),
            eligible: a.eligible,
          });
        }
      }),
      { numRuns: 120, seed: 2424 },
    );
  });
});
