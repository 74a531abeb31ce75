/** discountPercent applies to every rate; rateOverrides replace single rates; both are echoed in rateCard. */
import { RATE_KEYS, ValidationError, estimate, evaluate, mskBrokerHourKey } from '../../src/domain';
import { line, optionOf, sum, usd } from './support/hand';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { aWorkload } from './support/workload.builder';

const card = usEast1RateCard();

describe('pricing: discount and overrides', () => {
  it('the rate card reference echoes the card when nothing is changed', () => {
    const e = evaluate(aWorkload().build(), card);
    expect(e.rateCard).toEqual({
      id: card.id,
      region: 'us-east-1',
      source: 'BUNDLED_SNAPSHOT',
      priceListVersion: card.priceListVersion,
      publicationDate: card.publicationDate,
      fetchedAt: card.fetchedAt,
      contentHash: card.contentHash,
      stale: false,
      // The domain alone does not know whether live rates are on; the service says so (rates.service.ts).
      sourceLabel: `bundled snapshot of ${card.publicationDate.slice(0, 10)}`,
      discountPercent: 0,
      overriddenRateKeys: [],
    });
  });

  it('a 10 % discount applies to every rate at full precision', () => {
    const e = evaluate(aWorkload().build(), card, { discountPercent: 10 });
    expect(e.rateCard).toMatchObject({ source: 'OVERRIDE', discountPercent: 10 });
    const shard = line(e, 'KDS_PROVISIONED', 'KDS_PROV_SHARD_HOURS');
    expect(shard.unitPriceUsd).toBe(0.0135); // 0.015 × 0.9
    expect(shard.monthlyCostUsd).toBe(usd(2 * 730, '0.0135')); // 2 shards
    const put = line(e, 'KDS_PROVISIONED', 'KDS_PROV_PUT_PAYLOAD_UNITS');
    expect(put.unitPriceUsd).toBe(0.0000000126); // 0.000000014 × 0.9
    expect(put.monthlyCostUsd).toBe(usd(put.quantity, '0.0000000126'));
    expect(shard.rateSource).toBe('BUNDLED_SNAPSHOT');
  });

  it('an override replaces one rate (source OVERRIDE) and the discount applies to it too', () => {
    const key = mskBrokerHourKey('kafka.m7g.large');
    const e = estimate(aWorkload().build(), card, { rateOverrides: { [key]: 0.1 }, discountPercent: 50 });
    expect(e.rateCard).toMatchObject({ source: 'OVERRIDE', overriddenRateKeys: [key], discountPercent: 50 });
    const brokers = line(e, 'MSK_PROVISIONED', 'MSK_BROKER_HOURS');
    expect(brokers).toMatchObject({
      rateKey: key,
      rateSource: 'OVERRIDE',
      unitPriceUsd: 0.05,
      monthlyCostUsd: usd(3 * 730, '0.05'),
    });
    const o = optionOf(e, 'MSK_PROVISIONED');
    expect(o.monthlyCostUsd).toBe(sum(...o.lineItems.map((l) => l.monthlyCostUsd)));
  });

  it('a 100 % discount prices everything at zero', () => {
    const e = estimate(aWorkload().build(), card, { discountPercent: 100 });
    expect(e.totals.every((t) => t.monthlyCostUsd === 0)).toBe(true);
  });

  it.each([
    [{ discountPercent: -1 }, 'discountPercent'],
    [{ discountPercent: 101 }, 'discountPercent'],
    [{ discountPercent: Number.NaN }, 'discountPercent'],
    [{ rateOverrides: { 'kds.nope': 1 } }, 'rateOverrides.kds.nope'],
    [{ rateOverrides: { [RATE_KEYS.kdsOnDemandDataInGb]: -0.01 } }, `rateOverrides.${RATE_KEYS.kdsOnDemandDataInGb}`],
  ])('rejects %j', (pricing, field) => {
    let caught: unknown;
    try {
      evaluate(aWorkload().build(), card, pricing);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).details.fields?.map((f) => f.field)).toEqual([field]);
  });

  it('rejects a workload whose region differs from the card', () => {
    expect(() => evaluate(aWorkload().withRegion('eu-west-1').build(), card)).toThrow(ValidationError);
  });
});
