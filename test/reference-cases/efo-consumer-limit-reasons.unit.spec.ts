/**
 * Reference cases: reasons true to the limits.
 *
 * Sources:
 * - Kinesis Data Streams quotas (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html):
 *   up to 20 consumers registered for enhanced fan-out per stream, 50 with On-demand Advantage
 *   (/work/shared/reference/aws-pricing.md §4).
 * - The decision guide's final check ("more than the Kinesis dedicated-consumer limit → MSK consumer groups"): the
 *   limit is per mode, so a reason may not say "exceed the Kinesis enhanced fan-out limit" while On-demand Advantage,
 *   which registers up to 50, is eligible. The reasons name which options the limit excludes, and why the pick won
 *   (here, that it costs less than Advantage).
 *
 * The audit's case had On-demand Advantage at $39,420 against MSK's $38,259; these use the bundled us-east-1 rates.
 */
import { evaluate } from '../../src/domain';
import { optionOf, sum, usd } from '../domain/support/hand';
import { usEast1RateCard } from '../domain/support/us-east-1.rate-card';
import { aWorkload } from '../domain/support/workload.builder';

const card = usEast1RateCard();
// Money as the reasons write it: thousands separated, two decimals.
const money = (usd: number | null): string =>
  `$${usd!.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}/month`;

describe('reference case: 30 dedicated consumers, steady 20 MB/s (10 KB records)', () => {
  const e = evaluate(
    aWorkload().withAvgWriteMBps(20).withRecordSizeKB(10).withSharedConsumers(0).withDedicatedConsumers(30).build(),
    card,
  );
  const reasons = e.recommendation.reasons.join('\n');
  const advantage = optionOf(e, 'KDS_ON_DEMAND_ADVANTAGE');
  const msk = optionOf(e, 'MSK_PROVISIONED');

  it('On-demand Advantage registers up to 50 and stays eligible; MSK costs less and wins', () => {
    expect(advantage.eligible).toBe(true);
    expect(optionOf(e, 'KDS_PROVISIONED').eligible).toBe(false);
    expect(optionOf(e, 'KDS_ON_DEMAND').eligible).toBe(false);
    expect(msk.monthlyCostUsd!).toBeLessThan(advantage.monthlyCostUsd!);
    expect(e.recommendation.option).toBe('MSK_PROVISIONED');
    // Advantage by the pricing page: 20 MB/s × 3,600 × 730 ÷ 1,024 = 51,328.125 GB in × $0.032 = $1,642.50;
    // 30 EFO readers × 51,328.125 GB × $0.016 = $24,637.50; ingest floor (87.890625 − 70.3125) GB/h × 730 h =
    // 12,832.03125 GB × $0.032 = $410.625 → $410.63; retrieval is above the floor. Total $26,690.63 (the README row).
    expect(sum(usd(51328.125, '0.032'), usd(30 * 51328.125, '0.016'), usd(12832.03125, '0.032'))).toBe(26690.63);
    expect(advantage.monthlyCostUsd).toBe(26690.63);
    expect(msk.monthlyCostUsd).toBe(25357.25); // 21 × kafka.m7g.large (the README row)
  });

  it('the reasons name what the limit excludes (at 20), that Advantage fits (up to 50), and that the pick costs less', () => {
    expect(reasons).not.toMatch(/exceed the Kinesis enhanced fan-out limit/);
    expect(reasons).toContain(
      '30 dedicated consumers exceed the 20 enhanced fan-out consumers KDS_PROVISIONED can register; KDS_ON_DEMAND_ADVANTAGE registers up to 50',
    );
    expect(reasons).toContain(
      `it costs less than Kinesis Data Streams, on-demand Advantage (${money(advantage.monthlyCostUsd)})`,
    );
    const trace = e.decisionTrace.find((t) => t.ruleId === 'FLOW_6_DEDICATED_CONSUMERS')!;
    expect(trace.outcome).toContain('KDS_ON_DEMAND_ADVANTAGE (up to 50) or Amazon MSK consumer groups');
  });
});

describe('reference case: 30 dedicated consumers where Advantage costs less', () => {
  it('steady 20 MB/s with a 100 MB/s peak: brokers are sized for the peak, Advantage bills bytes, and wins', () => {
    const e = evaluate(
      aWorkload()
        .withAvgWriteMBps(20)
        .withPeakWriteMBps(100)
        .withRecordSizeKB(10)
        .withSharedConsumers(0)
        .withDedicatedConsumers(30)
        .build(),
      card,
    );
    const advantage = optionOf(e, 'KDS_ON_DEMAND_ADVANTAGE');
    const msk = optionOf(e, 'MSK_PROVISIONED');
    expect(advantage.monthlyCostUsd!).toBeLessThan(msk.monthlyCostUsd!);
    // before: MSK_PROVISIONED, with "would cost less … but the decision rules favour" a limit Advantage does not have
    expect(e.recommendation.option).toBe('KDS_ON_DEMAND_ADVANTAGE');
    const reasons = e.recommendation.reasons.join(' ');
    expect(reasons).toContain(
      `Kinesis Data Streams, on-demand Advantage is the cheapest eligible of KDS_ON_DEMAND_ADVANTAGE, MSK_PROVISIONED, MSK_EXPRESS, MSK_SERVERLESS: it costs less than Amazon MSK, provisioned Standard brokers (${money(msk.monthlyCostUsd)})`,
    );
    expect(reasons).not.toMatch(/decision rules favour/);
  });
});

describe('reference case: 60 dedicated consumers exceed every Kinesis mode', () => {
  it('names both limits: 20 per stream, 50 with On-demand Advantage', () => {
    const e = evaluate(aWorkload().withDedicatedConsumers(60).build(), card);
    expect(optionOf(e, 'KDS_ON_DEMAND_ADVANTAGE').eligible).toBe(false);
    expect(e.recommendation.service).toBe('MSK');
    expect(e.recommendation.reasons.join(' ')).toContain(
      '60 dedicated consumers exceed the enhanced fan-out consumers every Kinesis option can register (20; 50 with On-demand Advantage)',
    );
  });
});

describe('reference case: 25 dedicated consumers, variable traffic', () => {
  it('says on-demand standard is excluded at 20 and Advantage stays preferred at up to 50', () => {
    const e = evaluate(aWorkload().withTrafficPattern('VARIABLE').withDedicatedConsumers(25).build(), card);
    expect(e.recommendation.option).toBe('KDS_ON_DEMAND_ADVANTAGE');
    expect(e.recommendation.reasons.join(' ')).toContain(
      '25 dedicated consumers exceed the 20 enhanced fan-out consumers KDS_ON_DEMAND can register; KDS_ON_DEMAND_ADVANTAGE registers up to 50 and stays preferred.',
    );
  });
});
