/** A rate the model needs but the card lacks makes that option unpriced — never a silent zero. */
import { RATE_KEYS, estimate, evaluate, mskBrokerHourKey } from '../../src/domain';
import { optionOf, usd } from './support/hand';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { aWorkload } from './support/workload.builder';

describe('missing rates', () => {
  it.each([
    ['KDS_PROVISIONED', RATE_KEYS.kdsProvisionedShardHour],
    ['KDS_ON_DEMAND', RATE_KEYS.kdsOnDemandDataInGb],
    ['KDS_ON_DEMAND_ADVANTAGE', RATE_KEYS.kdsAdvantageDataOutGb],
    ['MSK_SERVERLESS', RATE_KEYS.mskServerlessClusterHour],
    ['MSK_EXPRESS', RATE_KEYS.mskExpressDataWrittenGb],
    ['MSK_PROVISIONED', RATE_KEYS.mskStorageGbMonth],
  ] as const)('%s without %s is unpriced with the key listed', (option, key) => {
    const e = evaluate(aWorkload().build(), usEast1RateCard({ without: [key] }));
    const o = optionOf(e, option);
    expect(o).toMatchObject({ priced: false, missingRates: [key], monthlyCostUsd: null, lineItems: [] });
    expect(o.eligible).toBe(true);
    expect(e.warnings).toContainEqual({ code: 'RATES_MISSING', message: expect.stringContaining(key) });
    const others = e.options.filter((x) => x.option !== option);
    expect(others.every((x) => x.priced)).toBe(true);
  });

  it('the cross-AZ rate is needed by both provisioned MSK options', () => {
    const e = evaluate(aWorkload().build(), usEast1RateCard({ without: [RATE_KEYS.crossAzTransferGb] }));
    expect(optionOf(e, 'MSK_PROVISIONED').missingRates).toEqual([RATE_KEYS.crossAzTransferGb]);
    expect(optionOf(e, 'MSK_EXPRESS').missingRates).toEqual([RATE_KEYS.crossAzTransferGb]);
    expect(optionOf(e, 'MSK_SERVERLESS').priced).toBe(true);
  });

  it('a rate the workload does not use is not needed (no long-term retention at 24 h)', () => {
    const e = evaluate(
      aWorkload().withRetentionHours(24).build(),
      usEast1RateCard({ without: [RATE_KEYS.kdsOnDemandLongTermRetentionGbMonth] }),
    );
    expect(optionOf(e, 'KDS_ON_DEMAND').priced).toBe(true);
    const long = evaluate(
      aWorkload().withRetentionHours(400).build(),
      usEast1RateCard({ without: [RATE_KEYS.kdsOnDemandLongTermRetentionGbMonth] }),
    );
    expect(optionOf(long, 'KDS_ON_DEMAND').missingRates).toEqual([RATE_KEYS.kdsOnDemandLongTermRetentionGbMonth]);
  });

  it('a broker type without a rate is skipped; with no priced broker type the option is unpriced', () => {
    const noM7gLarge = evaluate(
      aWorkload().build(),
      usEast1RateCard({ without: [mskBrokerHourKey('kafka.m7g.large')] }),
    );
    expect(optionOf(noM7gLarge, 'MSK_PROVISIONED').sizing.brokerType).toBe('kafka.m5.large');
    const card = usEast1RateCard();
    const noBrokers = usEast1RateCard({
      without: Object.keys(card.rates).filter((k) => k.startsWith('msk.brokerHour.')),
    });
    const o = optionOf(evaluate(aWorkload().build(), noBrokers), 'MSK_PROVISIONED');
    expect(o).toMatchObject({
      priced: false,
      monthlyCostUsd: null,
      missingRates: [mskBrokerHourKey('kafka.m5.large')],
    });
  });

  it('a caller override supplies a missing rate (source OVERRIDE)', () => {
    const card = usEast1RateCard({ without: [RATE_KEYS.kdsProvisionedShardHour] });
    const e = estimate(aWorkload().build(), card, { rateOverrides: { [RATE_KEYS.kdsProvisionedShardHour]: 0.015 } });
    const o = optionOf(e, 'KDS_PROVISIONED');
    expect(o.priced).toBe(true);
    const shardLine = o.lineItems.find((l) => l.code === 'KDS_PROV_SHARD_HOURS')!;
    expect(shardLine).toMatchObject({
      rateSource: 'OVERRIDE',
      unitPriceUsd: 0.015,
      monthlyCostUsd: usd(2 * 730, '0.015'),
    }); // 2 shards
    expect(e.totals.find((t) => t.option === 'KDS_PROVISIONED')!.monthlyCostUsd).toBe(o.monthlyCostUsd);
  });

  it('an unpriced option is never ranked above priced eligible ones except as the recommendation', () => {
    const e = evaluate(
      aWorkload().withTrafficPattern('VARIABLE').build(),
      usEast1RateCard({ without: [RATE_KEYS.mskServerlessClusterHour] }),
    );
    const serverless = optionOf(e, 'MSK_SERVERLESS');
    const pricedEligible = e.options.filter((o) => o.eligible && o.priced && o.option !== e.recommendation.option);
    for (const o of pricedEligible) expect(o.rank).toBeLessThan(serverless.rank);
  });
});
