/**
 * Reference cases: MSK tiered storage holds the full retention; the untiered (all-EBS) cluster is shown beside it.
 *
 * Sources:
 * - AWS's managing-amazon-msk skill (github.com/aws/agent-toolkit-for-aws, skills/specialized-skills/analytics-skills/
 *   managing-amazon-msk/references/manage-storage.md at d6ad2e44d5e3, the file last changed in 2a0af546de42,
 *   2026-08-13), "How tiered storage works on Standard": closed log segments are copied from EBS to the tier;
 *   `local.retention.ms` is how long data stays on primary storage after being copied; `retention.ms` is the total
 *   retention. Its example (retention 5 days, local 12 hours): "Data remains in tiered storage for the full 5 days".
 *   So the tier holds ingest × retention (one copy), and EBS holds ingest × local retention (× RF 3 × AWS's 2 headroom).
 * - Amazon MSK pricing page: broker-hours, EBS per GB-month provisioned ($0.10), tiered storage per GB-month ($0.06 in
 *   us-east-1 from AWS's price feed, /work/shared/reference/aws-pricing.md §4c), cross-AZ client traffic $0.02/GB.
 * - AWS's msk_sizing.py (same repository, scripts/msk_sizing.py at d6ad2e44d5e3) bills the tier for
 *   retention − primary retention (`ts_gb = avg_data_in_mbs × (retention_hours − primary_retention_hours) × 3600 ÷
 *   1024`): the same mistake streamfit made. Run on the decision guide's example at 7 days it prints, for
 *   kafka.m5.large: "Tiered Storage $ 9.20" with --primary-retention-hours 72 (400 GB × $0.023: 4 days, not 7),
 *   and "$1,001.57/mo" with --primary-retention-hours 168 (all on EBS, no tiering: what its users compare against).
 *   Command: python3 msk_sizing.py --avg-data-in-mbs 1.1851851851851851 --peak-data-in-mbs 1.4222222222222223
 *   --avg-data-out-mbs 2.3703703703703702 --peak-data-out-mbs 2.8444444444444446 --num-partitions 36
 *   --retention-hours 168 --primary-retention-hours 168 --no-rack-affined-consumers (run 2026-12-07).
 */
import { evaluate } from '../../src/domain';
import { line, monthlyGb, optionOf, sum, usd } from '../domain/support/hand';
import { usEast1RateCard } from '../domain/support/us-east-1.rate-card';
import { decisionGuideExample } from '../domain/support/workload.builder';

const card = usEast1RateCard();
const GB = monthlyGb(100); // 3,041.666667 GB written a month

describe("reference case: the decision guide's example (100 GB/day, 2 consumers, m5) kept 7 days", () => {
  const e = evaluate(decisionGuideExample().withMskBrokerFamily('m5').withRetentionHours(168).build(), card);
  const o = optionOf(e, 'MSK_PROVISIONED');
  // the same workload all on EBS, as AWS's script and calculator size it
  const allEbs = evaluate(
    decisionGuideExample()
      .withMskBrokerFamily('m5')
      .withRetentionHours(168)
      .with({ mskLocalRetentionHours: 168 })
      .build(),
    card,
  );

  it('the tier holds the full 7 days: 100 GB/day × 7 = 700 GB, one copy (not 100 × 4 = 400 GB)', () => {
    expect(o.sizing).toMatchObject({ tieredStorage: true, localRetentionHours: 72, tieredStorageGb: 700 });
    const tier = line(e, 'MSK_PROVISIONED', 'MSK_TIERED_STORAGE');
    expect(tier.quantity).toBe(700);
    expect(tier.monthlyCostUsd).toBe(42); // 700 GB-month × $0.06 = $42.00 (before the fix: 400 × $0.06 = $24.00)
  });

  it('the tiered cluster matches the published rules to the cent', () => {
    // broker-hours: 3 × kafka.m5.large × 730 h = 2,190 × $0.21 = $459.90
    // EBS: the last 72 h, 100 GB/day × 3 days × RF 3 × 2 (AWS's headroom) = 1,800 GB → 600 GB × 3 brokers × $0.10 = $180.00
    // tier: 700 GB-month × $0.06 = $42.00
    // cross-AZ: producers 2/3 × 3,041.666667 GB = 2,027.777778 × $0.02 = $40.56;
    //           2 consumers (not rack-aware) 2/3 × 6,083.333333 GB = 4,055.555556 × $0.02 = $81.11
    // total = 459.90 + 180.00 + 42.00 + 40.56 + 81.11 = $803.57
    const expected = sum(
      usd(3 * 730, '0.21'),
      usd(1800, '0.10'),
      usd(700, '0.06'),
      usd((GB * 2) / 3, '0.02'),
      usd((2 * GB * 2) / 3, '0.02'),
    );
    expect(expected).toBe(803.57);
    expect(o.sizing).toMatchObject({ brokerType: 'kafka.m5.large', brokers: 3, totalStorageGb: 1800 });
    expect(o.monthlyCostUsd).toBe(expected);
  });

  it("shows the untiered cluster and its total beside it: AWS's script's $1,001.57", () => {
    // all 7 days on EBS: 100 × 7 × RF 3 × 2 = 4,200 GB → 1,400 GB × 3 brokers × $0.10 = $420.00
    // total = 459.90 + 420.00 + 40.56 + 81.11 = $1,001.57, what msk_sizing.py prints for kafka.m5.large
    const untiered = sum(
      usd(3 * 730, '0.21'),
      usd(4200, '0.10'),
      usd((GB * 2) / 3, '0.02'),
      usd((2 * GB * 2) / 3, '0.02'),
    );
    expect(untiered).toBe(1001.57);
    expect(o.sizing).toMatchObject({
      untieredBrokerType: 'kafka.m5.large',
      untieredBrokers: 3,
      untieredStorageGbPerBroker: 1400,
      untieredTotalStorageGb: 4200,
      untieredMonthlyCostUsd: untiered,
      tieredMonthlyCostUsd: 803.57,
    });
    // the same figure as evaluating the workload with tiering turned off
    expect(optionOf(allEbs, 'MSK_PROVISIONED').monthlyCostUsd).toBe(untiered);
    expect(optionOf(allEbs, 'MSK_PROVISIONED').sizing.untieredMonthlyCostUsd).toBeUndefined();
    expect(o.assumptions.join(' ')).toMatch(/the tier holds the full 168 h/);
  });

  it("at the script's tier price the tier line is $16.10 for 700 GB, where the script prints $9.20 for 400 GB", () => {
    const atScriptPrice = evaluate(
      decisionGuideExample().withMskBrokerFamily('m5').withRetentionHours(168).build(),
      card,
      { rateOverrides: { 'msk.tieredStorage.gbMonth': 0.023 } },
    );
    expect(line(atScriptPrice, 'MSK_PROVISIONED', 'MSK_TIERED_STORAGE').monthlyCostUsd).toBe(usd(700, '0.023')); // 16.10
    expect(usd(400, '0.023')).toBe(9.2); // the script's line: 4 days of 1.185 MiB/s
  });
});

describe('the untiered cluster carries the same pipeline legs and discount as the option', () => {
  it('30 days, deliverTo S3, 10 % discount: untiered total = the all-EBS evaluation with the same request', () => {
    const pricing = { discountPercent: 10 };
    const base = () =>
      decisionGuideExample()
        .withMskBrokerFamily('m5')
        .withRetentionHours(720)
        .with({ deliverTo: ['S3'] });
    const tiered = optionOf(evaluate(base().build(), card, pricing), 'MSK_PROVISIONED');
    const ebs = optionOf(
      evaluate(base().with({ mskLocalRetentionHours: 720 }).build(), card, pricing),
      'MSK_PROVISIONED',
    );
    expect(tiered.sizing.tieredStorage).toBe(true);
    expect(tiered.sizing.untieredMonthlyCostUsd).toBe(ebs.monthlyCostUsd);
    expect(tiered.sizing.tieredMonthlyCostUsd).toBe(tiered.monthlyCostUsd);
    expect(tiered.monthlyCostUsd!).toBeLessThan(ebs.monthlyCostUsd!);
  });
});
