/**
 * The volume study's shortcut (holdsBetween in src/domain/robustness.ts): when a side's two ends agree on
 * eligibility, preference and winner, the samples in between are priced only for the options that decide the
 * winner (and those whose cost may fall with volume). These tests check that the answer is exactly the one full
 * sampling gives, on random workloads, profiles, pipelines, discounts and ranges, and that the shortcut is taken.
 */
import fc from 'fast-check';
import {
  evaluateNormalized,
  normalizeWorkload,
  OPTION_CODES,
  type Evaluation,
  type OptionCode,
  type VolumeRange,
  type WorkloadInput,
} from '../../src/domain';
import { studyVolumeRange, type PartialPointAt, type VolumePoint } from '../../src/domain/robustness';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { hourlyProfileArbitrary, nearLimitsWorkloadArbitrary } from './support/workload.arbitrary';

const card = usEast1RateCard();

// Often near the 25 MB/s Advantage minimum (2,160 GB/day) or the 200 MB/s Serverless limit, where winners change.
const workloadArb = nearLimitsWorkloadArbitrary([
  fc.double({ min: 1500, max: 3000, noNaN: true }),
  fc.double({ min: 14000, max: 20000, noNaN: true }),
]);

const profileArb = fc
  .tuple(hourlyProfileArbitrary, fc.integer({ min: 0, max: 3 }))
  .map(([w, dedicatedConsumers]): WorkloadInput => ({ ...w, dedicatedConsumers }));

const rangeArb: fc.Arbitrary<VolumeRange | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({ low: fc.double({ min: 0, max: 1, noNaN: true }), high: fc.double({ min: 1, max: 4, noNaN: true }) }),
);

function study(input: WorkloadInput, range: VolumeRange | undefined, discount: number, exhaustive: boolean) {
  const e: Evaluation = evaluateNormalized(
    normalizeWorkload(input),
    card,
    { discountPercent: discount },
    {
      input,
      volumeRange: range,
      exhaustive,
    },
  );
  return {
    robustness: e.recommendation.robustness,
    bands: Object.fromEntries(e.options.map((o) => [o.option, o.monthlyCostBandUsd])),
  };
}

describe('volume study shortcut', () => {
  it('gives exactly the answer of full sampling (bands and robustness) on random workloads and ranges', () => {
    fc.assert(
      fc.property(
        fc.oneof({ arbitrary: workloadArb, weight: 3 }, { arbitrary: profileArb, weight: 1 }),
        rangeArb,
        fc.constantFrom(0, 0, 7.5),
        (w, range, discount) => {
          expect(study(w, range, discount, false)).toEqual(study(w, range, discount, true));
        },
      ),
      { numRuns: Number(process.env.SHORTCUT_RUNS ?? 300), seed: Number(process.env.SHORTCUT_SEED ?? 1029) },
    );
  });

  // A synthetic study: three options, costs linear in the multiplier k; counts what is priced in full.
  const cents = (k: number, winnerSlope: number): Record<OptionCode, number | null> =>
    Object.fromEntries(
      OPTION_CODES.map((c, i) => [c, c === 'KDS_PROVISIONED' ? Math.round(1000 * k * winnerSlope) : 1500 + i * 10]),
    ) as Record<OptionCode, number | null>;
  const pointOf = (k: number, winnerSlope: number, decision = 'same'): VolumePoint => {
    const c = cents(k, winnerSlope);
    const cheapestCode = OPTION_CODES.reduce((a, b) => (c[b]! < c[a]! ? b : a));
    return {
      k,
      cents: c,
      winner: cheapestCode,
      ingestGbPerDay: 100 * k,
      peakWriteMBps: k,
      decision,
      contenders: OPTION_CODES,
      unsteady: [],
    };
  };
  const partial =
    (winnerSlope: number, priced: OptionCode[][]): PartialPointAt =>
    (k, price) => {
      priced.push([...price]);
      const c = cents(k, winnerSlope);
      const cheapestCode = OPTION_CODES.reduce((a, b) => (c[b]! < c[a]! ? b : a));
      return { cents: c, winner: cheapestCode, ingestGbPerDay: 100 * k, peakWriteMBps: k, unsteady: [] };
    };

  it('prices only the ends in full when they agree, and the contenders at the samples between', () => {
    const full: number[] = [];
    const priced: OptionCode[][] = [];
    const result = studyVolumeRange(
      { low: 0.5, high: 1.4 },
      pointOf(1, 1),
      (k) => (full.push(k), pointOf(k, 1)),
      partial(1, priced),
    );
    expect(result.robustness.holds).toBe(true);
    expect(full.sort()).toEqual([0.5, 1.4]);
    expect(priced).toHaveLength(4);
    expect(result.bands.KDS_PROVISIONED).toEqual({ low: 5, expected: 10, high: 14 });
  });

  it('samples and solves a change between ends that agree on eligibility by pricing only the contenders', () => {
    const full: number[] = [];
    const priced: OptionCode[][] = [];
    const result = studyVolumeRange(
      { low: 1, high: 2 },
      pointOf(1, 1),
      (k) => (full.push(k), pointOf(k, 1)),
      partial(1, priced),
    );
    // Only the far end in full: the ends disagree on the winner but not on eligibility, so the samples between and
    // the bisection are priced for the contenders only.
    expect(full).toEqual([2]);
    expect(priced.length).toBeGreaterThan(15);
    expect(result.robustness.changes[0]).toMatchObject({ direction: 'ABOVE', from: 'KDS_PROVISIONED' });
    expect(result.robustness.changes[0].atMultiplier).toBeCloseTo(1.5, 2);
    expect(result.robustness.changes[0].ingestGbPerDay).toBeCloseTo(150, 0);
  });

  it('samples in full when the ends disagree on eligibility or preference, and still finds a change', () => {
    const full: number[] = [];
    // KDS_PROVISIONED costs 1000 × k: above 1.5× it is no longer the cheapest (1500).
    const result = studyVolumeRange(
      { low: 1, high: 2 },
      pointOf(1, 1),
      (k) => (full.push(k), pointOf(k, 1, k >= 1.4 ? 'other' : 'same')),
      partial(1, []),
    );
    expect(full.length).toBeGreaterThan(3);
    expect(result.robustness.holds).toBe(false);
    expect(result.robustness.changes[0].atMultiplier).toBeCloseTo(1.5, 2);
  });
});
