/**
 * Evaluations against the offline snapshot outside us-east-1: MSK priced from AWS's own data, every option whose
 * rates no source gives is eligible but unpriced and names the missing rates and how to get them; an option AWS does
 * not offer in the region is "not offered there", not a missing price.
 */
import { evaluate } from '../../src/domain';
import { SNAPSHOT_REGIONS } from '../../src/domain/regions';
import { RULE_IDS } from '../../src/domain/rules';
import { bundledRateCard } from '../../src/infrastructure/aws/bundled-rates';
import { optionOf } from './support/hand';
import { aWorkload } from './support/workload.builder';

describe('evaluations on the offline snapshot of each region', () => {
  it('eu-west-1: MSK is priced at AWS prices; the Kinesis options are eligible, unpriced, and name their missing rates', () => {
    const e = evaluate(aWorkload().withRegion('eu-west-1').build(), bundledRateCard('eu-west-1')!);
    const msk = optionOf(e, 'MSK_PROVISIONED');
    expect(msk.priced).toBe(true);
    const broker = msk.lineItems.find((l) => l.rateKey.startsWith('msk.brokerHour.'))!;
    expect(broker.usageType.startsWith('EU-Kafka.')).toBe(true);
    expect(optionOf(e, 'MSK_SERVERLESS').priced).toBe(true);
    for (const option of ['KDS_PROVISIONED', 'KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE'] as const) {
      const o = optionOf(e, option);
      expect(o).toMatchObject({ eligible: true, priced: false, monthlyCostUsd: null });
      expect(o.missingRates.length).toBeGreaterThan(0);
      expect(o.missingRates.every((k) => k.startsWith('kds.'))).toBe(true);
      const warning = e.warnings.find((w) => w.code === 'RATES_MISSING' && w.message.startsWith(option))!;
      expect(warning.message).toContain(o.missingRates.join(', '));
      expect(warning.message).toContain('pricing.rateOverrides');
      expect(warning.message).toContain('AWS access');
    }
  });

  it('sa-east-1: MSK Serverless is not offered there (ineligible, no missing rate); the other MSK options are priced', () => {
    const e = evaluate(aWorkload().withRegion('sa-east-1').build(), bundledRateCard('sa-east-1')!);
    const serverless = optionOf(e, 'MSK_SERVERLESS');
    expect(serverless.eligible).toBe(false);
    expect(serverless.disqualifiedBy).toEqual([
      expect.objectContaining({
        code: RULE_IDS.notOfferedInRegion,
        message: expect.stringContaining('not offered in sa-east-1'),
      }),
    ]);
    expect(serverless.missingRates).toEqual([]);
    expect(e.warnings.some((w) => w.code === 'RATES_MISSING' && w.message.startsWith('MSK_SERVERLESS'))).toBe(false);
    expect(optionOf(e, 'MSK_PROVISIONED').priced).toBe(true);
    expect(optionOf(e, 'MSK_EXPRESS').priced).toBe(true);
  });

  it.each(SNAPSHOT_REGIONS)('%s: MSK provisioned and Express are priced offline', (region) => {
    const e = evaluate(aWorkload().withRegion(region).build(), bundledRateCard(region)!);
    expect(optionOf(e, 'MSK_PROVISIONED').priced).toBe(true);
    expect(optionOf(e, 'MSK_EXPRESS').priced).toBe(true);
    for (const o of e.options) if (!o.priced && o.eligible) expect(o.missingRates.length).toBeGreaterThan(0);
  });
});
