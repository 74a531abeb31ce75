/** Property tests (fast-check): costs never negative, monotone, consistent totals, stable output, exact fast money. */
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { OPTION_CODES, estimate, evaluate, type OptionCode, type WorkloadInput } from '../../src/domain';
import { D, lineCents, lineCentsFast, priceForms } from '../../src/domain/pricing/money';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { workloadArbitrary } from './support/workload.arbitrary';

const card = usEast1RateCard();

const workloadArb = workloadArbitrary({
  maxIngestGbPerDay: 50000,
  recordSizeKB: { min: 0.05, max: 4096 },
  maxSharedConsumers: 12,
  maxDedicatedConsumers: 60,
  maxRetentionHours: 20000,
  also: ['needsCrossRegionReplication', 'rackAwareConsumers', 'latencyTargetMs', 'deliverTo'],
});

const totals = (input: WorkloadInput): Record<OptionCode, number> =>
  Object.fromEntries(estimate(input, card).totals.map((t) => [t.option, t.monthlyCostUsd!])) as Record<
    OptionCode,
    number
  >;

/**
 * Advantage bills usage and its minimum shortfall as two lines that add up to a constant below the
 * minimum; each is rounded to the cent, so their sum may dip by a cent when usage grows.
 */
const tolerance = (o: OptionCode): number => (o === 'KDS_ON_DEMAND_ADVANTAGE' ? 0.02 : 0);

function nonDecreasing(lo: WorkloadInput, hi: WorkloadInput): void {
  const a = totals(lo);
  const b = totals(hi);
  for (const o of OPTION_CODES) {
    if (b[o] < a[o] - tolerance(o) - 1e-9)
      throw new Error(`${o}: ${a[o]} → ${b[o]} for ${JSON.stringify(lo)} → ${JSON.stringify(hi)}`);
  }
}

/**
 * The properties run with fixed seeds. Unseeded, "costs no less with more ingest" failed once in CI (2026-11-29)
 * on a real defect, since fixed: crossing the 60-broker quota could lower MSK Standard's cost (see "MSK across the
 * 60-broker quota" below).
 */
describe('cost model properties', () => {
  it('costs are never negative and line items sum to the option total', () => {
    fc.assert(
      fc.property(workloadArb, (w) => {
        for (const o of evaluate(w, card).options) {
          expect(o.monthlyCostUsd).not.toBeNull();
          expect(o.monthlyCostUsd!).toBeGreaterThanOrEqual(0);
          let cents = 0;
          for (const l of o.lineItems) {
            expect(l.quantity).toBeGreaterThanOrEqual(0);
            expect(l.monthlyCostUsd).toBeGreaterThanOrEqual(0);
            expect(Number.isInteger(Math.round(l.monthlyCostUsd * 100))).toBe(true);
            cents += Math.round(l.monthlyCostUsd * 100);
          }
          expect(Math.round(o.monthlyCostUsd! * 100)).toBe(cents);
        }
      }),
      { numRuns: 300, seed: 2901 },
    );
  });

  it('each line costs round_half_up(quantity × unit price, 2)', () => {
    fc.assert(
      fc.property(workloadArb, fc.integer({ min: 0, max: 60 }), (w, discountPercent) => {
        for (const o of evaluate(w, card, { discountPercent }).options) {
          for (const l of o.lineItems) {
            const expected = new Decimal(String(l.quantity))
              .times(String(l.unitPriceUsd))
              .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
              .toNumber();
            expect({ code: l.code, cost: l.monthlyCostUsd }).toEqual({ code: l.code, cost: expected });
          }
        }
      }),
      { numRuns: 200, seed: 2902 },
    );
  });

  it('each option costs no less with more ingest', () => {
    fc.assert(
      fc.property(workloadArb, fc.double({ min: 0, max: 5000, noNaN: true }), (w, more) => {
        nonDecreasing(w, { ...w, ingestGbPerDay: (w.ingestGbPerDay ?? 0) + more });
      }),
      { numRuns: 300, seed: 2903 },
    );
  });

  // Within the quota the cheapest broker type that fits 60 brokers is picked; past it, the type that needs the
  // fewest brokers. Taking the cheapest type overall there made the cost fall (a defect fast-check found unseeded).
  describe('MSK across the 60-broker quota', () => {
    const w = {
      ingestGbPerDay: 20423.995083371618,
      avgRecordSizeKB: 0.05,
      sharedConsumers: 0,
      dedicatedConsumers: 0,
      retentionHours: 1,
      trafficPattern: 'VARIABLE',
      activeHoursPerDay: 2.649943686842548,
      existingKafkaClients: true,
      latencyTargetMs: 9,
      deliverTo: [
        { sink: 'S3', sharePercent: 8.790575346780212, convertToParquet: true },
        { sink: 'REDSHIFT', sharePercent: 33.64335218975346 },
        { sink: 'REDSHIFT', sharePercent: 6.261813333389704, convertToParquet: true },
      ],
    } as WorkloadInput;
    const msk = (ingestGbPerDay: number) =>
      evaluate({ ...w, ingestGbPerDay }, card).options.find((o) => o.option === 'MSK_PROVISIONED')!;

    it('costs no less when more ingest takes the cluster past the quota (was $178,227.11 → $178,210.81)', () => {
      nonDecreasing(w, { ...w, ingestGbPerDay: 25423.995083371618 });
    });

    it('grows from the quota-bound pick: the type that needs the fewest brokers, not hundreds of small ones', () => {
      expect([msk(21000).sizing.brokers, msk(21000).sizing.brokerType]).toEqual([60, 'kafka.m7g.8xlarge']);
      const past = msk(22000);
      expect([past.sizing.brokers, past.sizing.brokerType]).toEqual([63, 'kafka.m7g.8xlarge']);
      expect(past.monthlyCostUsd).toBe(188096.75);
      expect(past.assumptions[0]).toContain('no Standard broker type fits within the 60-broker cluster quota');
      let last = 0;
      for (let g = 18000; g <= 60000; g += 1500) {
        const cost = msk(g).monthlyCostUsd!;
        expect(cost).toBeGreaterThanOrEqual(last);
        last = cost;
      }
    });

    it('Express too: past the quota, the largest brokers (69 × express.m7g.16xlarge), not 2,187 × express.m7g.large', () => {
      const express = (ingestGbPerDay: number) =>
        evaluate(
          { ingestGbPerDay, avgRecordSizeKB: 1, sharedConsumers: 20, retentionHours: 24, trafficPattern: 'STEADY' },
          card,
          undefined,
          { low: 1, high: 1 },
        ).options.find((o) => o.option === 'MSK_EXPRESS')!;
      expect([express(200000).sizing.brokers, express(200000).sizing.brokerType]).toEqual([48, 'express.m7g.16xlarge']);
      expect([express(300000).sizing.brokers, express(300000).sizing.brokerType]).toEqual([69, 'express.m7g.16xlarge']);
      let last = 0;
      for (let g = 150000; g <= 600000; g += 15000) {
        const cost = express(g).monthlyCostUsd!;
        expect(cost).toBeGreaterThanOrEqual(last);
        last = cost;
      }
    });
  });

  it('each option costs no less with longer retention', () => {
    fc.assert(
      fc.property(workloadArb, fc.double({ min: 0, max: 5000, noNaN: true }), (w, more) => {
        nonDecreasing(w, { ...w, retentionHours: Math.min(87600, (w.retentionHours ?? 24) + more) });
      }),
      { numRuns: 300, seed: 2904 },
    );
  });

  it('each option costs no less with more consumers (shared or dedicated)', () => {
    fc.assert(
      fc.property(workloadArb, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), (w, s, d) => {
        nonDecreasing(w, {
          ...w,
          sharedConsumers: (w.sharedConsumers ?? 1) + s,
          dedicatedConsumers: (w.dedicatedConsumers ?? 0) + d,
        });
      }),
      { numRuns: 300, seed: 2905 },
    );
  });

  it('a disqualified option is never recommended, and the recommendation ranks first', () => {
    fc.assert(
      fc.property(workloadArb, (w) => {
        const e = evaluate(w, card);
        if (e.recommendation.option === null) {
          expect(e.options.every((o) => !o.eligible)).toBe(true);
        } else {
          const rec = e.options.find((o) => o.option === e.recommendation.option)!;
          expect(rec.eligible).toBe(true);
          expect(rec.disqualifiedBy).toEqual([]);
          expect(rec.rank).toBe(1);
        }
      }),
      { numRuns: 300, seed: 2906 },
    );
  });

  it('the same input gives byte-identical JSON (also with a freshly built card)', () => {
    fc.assert(
      fc.property(workloadArb, fc.integer({ min: 0, max: 100 }), (w, discountPercent) => {
        const first = JSON.stringify(evaluate(w, card, { discountPercent }));
        const again = JSON.stringify(evaluate(w, card, { discountPercent }));
        const fresh = JSON.stringify(evaluate(w, usEast1RateCard(), { discountPercent }));
        expect(again).toBe(first);
        expect(fresh).toBe(first);
      }),
      { numRuns: 100, seed: 2907 },
    );
  });

  it('fast money equals decimal.js money, including exact half cents', () => {
    const price = fc.oneof(
      fc.constantFrom('0.015', '0.000000014', '0.0456', '0.0135', '0.00005', '13.056', '0.1', '0.0000000126'),
      fc
        .tuple(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 12 }))
        .map(([n, scale]) => new D(n).dividedBy(new D(10).pow(scale)).toString()),
    );
    const quantity = fc.oneof(
      fc.integer({ min: 0, max: 10 ** 12 }).map((n) => n / 1e6),
      fc.integer({ min: 0, max: 10 ** 6 }).map((n) => n * 0.5),
      fc.integer({ min: 10 ** 9, max: 10 ** 13 }),
    );
    fc.assert(
      fc.property(quantity, price, (q, p) => {
        const forms = priceForms(new D(p));
        expect(lineCentsFast(q, forms)).toBe(lineCents(q, forms.unitPrice));
      }),
      { numRuns: 5000, seed: 2908 },
    );
    // hand-picked half cents: 1,460 × 0.01425 = 20.805 → 20.81; 0.5 × 0.01 = 0.005 → 0.01
    expect(lineCentsFast(1460, priceForms(new D('0.01425')))).toBe(2081);
    expect(lineCentsFast(0.5, priceForms(new D('0.01')))).toBe(1);
  });
});
