/**
 * Kinesis quotas by region (AWS, Kinesis quotas page `service-sizes-and-limits`): on-demand streams default to
 * 10 GB/s write / 20 GB/s read in us-east-1, us-west-2 and eu-west-1 and to 200 / 400 MB/s elsewhere; above the
 * default the option stays eligible with a quota warning (AWS raises it on request).
 * The eu-central-1 card is built from the local Price List fixtures' region-shaped documents (EUC1- usage types).
 */
import { DECISION_RULES, evaluate, kdsRegionalQuotas } from '../../src/domain';
import { buildRateCard } from '../../src/domain/pricelist';
import { allRaw, regionShapedDocuments } from '../support/pricelist-fixtures';
import { optionOf } from './support/hand';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { aWorkload } from './support/workload.builder';

const usEast1 = usEast1RateCard();
const euCentral1 = buildRateCard({
  region: 'eu-central-1',
  documents: allRaw(regionShapedDocuments('eu-central-1')),
  fetchedAt: '2026-11-29T00:00:00Z',
  source: 'AWS_PRICE_LIST',
}).card;

/** 60 MB/s average, unpredictable: peak = 60 × 4 = 240 MB/s, above 200 MB/s but far below 10 GB/s. */
const unpredictable60 = (region: string) =>
  aWorkload()
    .withAvgWriteMBps(60)
    .withTrafficPattern('UNPREDICTABLE')
    .withRecordSizeKB(1)
    .withSharedConsumers(1)
    .withRegion(region)
    .build();

describe('regional Kinesis quotas', () => {
  it('60 MB/s unpredictable in us-east-1: on-demand eligible, no quota warning, and recommended by the flowchart', () => {
    const e = evaluate(unpredictable60('us-east-1'), usEast1);
    expect(e.workload.peakWriteMBps).toBe(240);
    expect(optionOf(e, 'KDS_ON_DEMAND').eligible).toBe(true);
    expect(optionOf(e, 'KDS_ON_DEMAND').sizing).toMatchObject({ onDemandMaxWriteMBps: 10240, quotaTier: 'HIGH' });
    expect(e.warnings.map((w) => w.code)).not.toContain('KDS_ON_DEMAND_WRITE_QUOTA');
    expect(['KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE']).toContain(e.recommendation.option);
  });

  it('the same workload in eu-central-1 (200 MB/s default): on-demand stays eligible with a quota warning', () => {
    const e = evaluate(unpredictable60('eu-central-1'), euCentral1);
    expect(e.rateCard.region).toBe('eu-central-1');
    const od = optionOf(e, 'KDS_ON_DEMAND');
    expect(od.eligible).toBe(true);
    expect(od.priced).toBe(true);
    expect(od.sizing).toMatchObject({ onDemandMaxWriteMBps: 200, quotaTier: 'STANDARD' });
    const warning = e.warnings.find((w) => w.code === 'KDS_ON_DEMAND_WRITE_QUOTA');
    expect(warning?.message).toContain('eu-central-1 default of 200 MB/s');
    expect(e.decisionTrace.find((t) => t.ruleId === 'LIMIT_KDS_ON_DEMAND_WRITE')!.fired).toBe(true);
  });

  it('shard quota: 20,000 in the three large regions, 1,000 elsewhere (warning, not disqualification)', () => {
    expect(kdsRegionalQuotas('us-west-2').shardQuota).toBe(20000);
    expect(kdsRegionalQuotas('ap-northeast-1').shardQuota).toBe(1000);
    // 1,500 MB/s peak of 1 KB records = 1,536,000 records/s → 1,536 × 1.2 = 1,843.2 → 1,844 shards: fine in us-east-1, above eu-central-1's 1,000
    const w = (region: string) =>
      aWorkload().withAvgWriteMBps(1250).withRecordSizeKB(1).withSharedConsumers(1).withRegion(region).build();
    expect(evaluate(w('us-east-1'), usEast1).warnings.map((x) => x.code)).not.toContain('KDS_SHARD_QUOTA');
    const e = evaluate(w('eu-central-1'), euCentral1);
    expect(optionOf(e, 'KDS_PROVISIONED').eligible).toBe(true);
    expect(optionOf(e, 'KDS_PROVISIONED').sizing).toMatchObject({ shards: 1844, shardQuota: 1000 });
    expect(e.warnings.map((x) => x.code)).toContain('KDS_SHARD_QUOTA');
  });

  it('the rule table shows the per-region values', () => {
    const rule = DECISION_RULES.find((r) => r.id === 'LIMIT_KDS_ON_DEMAND_WRITE')!;
    expect(rule.effect).toBe('WARN');
    expect(rule.thresholds).toEqual([
      { name: 'peakWriteMBps.us-east-1', value: 10240, unit: 'MB/s' },
      { name: 'peakWriteMBps.us-west-2', value: 10240, unit: 'MB/s' },
      { name: 'peakWriteMBps.eu-west-1', value: 10240, unit: 'MB/s' },
      { name: 'peakWriteMBps.otherRegions', value: 200, unit: 'MB/s' },
    ]);
    expect(rule.sourceUrl).toContain('service-sizes-and-limits');
    const shards = DECISION_RULES.find((r) => r.id === 'LIMIT_KDS_SHARD_QUOTA')!;
    expect(shards.thresholds.map((t) => t.value)).toEqual([20000, 20000, 20000, 1000]);
  });
});
