/**
 * Reference cases: Kinesis On-demand Advantage's 25 MB/s retrieval minimum is a floor on the account's total billed
 * retrieval, so pipeline readers (Firehose delivery, a replicating consumer) fill it like any other consumer.
 *
 * Sources:
 * - Kinesis Data Streams pricing page (https://aws.amazon.com/kinesis/data-streams/pricing/): On-demand Advantage bills
 *   data in and data retrieval per GB ($0.032 and $0.016 in us-east-1) with a minimum of 25 MB/s on ingest and on
 *   retrieval (the 25 MB/s figure is 3P, /work/shared/reference/aws-pricing.md §2); retrieval is every byte read from
 *   the stream, whoever reads it.
 * - Kinesis API Reference, UpdateAccountSettings / MinimumThroughputBillingCommitmentInput: the minimum is an
 *   account-level setting, "committing to a minimum level of throughput usage" across the account's on-demand streams,
 *   for at least 24 hours. The commitment is on usage, so it is a floor on the total billed, not a charge per reader.
 * - Amazon Data Firehose reads a Kinesis data stream through the stream's read API, so its reads are billed as data
 *   retrieval (the Firehose pricing page bills the Firehose side separately).
 * - Where AWS leaves the metering open, streamfit's assumption (stated in the option's assumptions): the floor is
 *   applied hour by hour, as if this stream were the account's only Advantage usage.
 *
 * The rule, per hour: billed retrieval = max(25 MB/s × 3,600 s, GB retrieved by all readers); the shortfall line is
 * the difference. Before this fix the shortfall ignored the pipeline's readers, so it was billed on top of them.
 */
import { evaluate } from '../../src/domain';
import { line, optionOf, sum, usd } from '../domain/support/hand';
import { usEast1RateCard } from '../domain/support/us-east-1.rate-card';
import { aWorkload } from '../domain/support/workload.builder';

const card = usEast1RateCard();
const MIN_GB_PER_HOUR = (25 * 3600) / 1024; // 87.890625 GB: the 25 MB/s floor for one hour
const MIN_GB_PER_MONTH = MIN_GB_PER_HOUR * 730; // 64,160.15625 GB

describe('reference case: On-demand Advantage, 8 MB/s steady, 4 KB records, 1 consumer + Firehose → S3', () => {
  // 8 MB/s × 3,600 s ÷ 1,024 = 28.125 GB written each hour; × 730 h = 20,531.25 GB a month
  const HOUR_GB = (8 * 3600) / 1024; // 28.125
  const MONTH_GB = HOUR_GB * 730; // 20,531.25
  const e = evaluate(
    aWorkload()
      .withAvgWriteMBps(8)
      .withRecordSizeKB(4)
      .withSharedConsumers(1)
      .with({ deliverTo: ['S3'] })
      .build(),
    card,
  );
  const o = optionOf(e, 'KDS_ON_DEMAND_ADVANTAGE');

  it('retrieval: the consumer and the Firehose reader fill the 25 MB/s floor together', () => {
    // readers: 1 consumer (28.125 GB/h) + Firehose (28.125 GB/h) = 56.25 GB/h retrieved
    // shortfall = (87.890625 − 56.25) GB/h × 730 h = 31.640625 × 730 = 23,097.65625 GB
    const shortfall = (MIN_GB_PER_HOUR - 2 * HOUR_GB) * 730;
    expect(shortfall).toBe(23097.65625);
    expect(line(e, 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_ADV_RETRIEVAL_MINIMUM_SHORTFALL').quantity).toBeCloseTo(
      shortfall,
      6,
    );
    // AWS's rule: billed retrieval = max(floor, retrieved) = 64,160.15625 GB × $0.016 = $1,026.5625 → $1,026.56.
    // streamfit's three retrieval lines (consumer, Firehose reader, shortfall) add up to the same GB and cents:
    // 20,531.25 × 0.016 = 328.50; 20,531.25 × 0.016 = 328.50; 23,097.65625 × 0.016 = 369.5625 → 369.56
    const retrievalLines = ['KDS_ADV_DATA_OUT', 'DELIVERY_SOURCE_READ', 'KDS_ADV_RETRIEVAL_MINIMUM_SHORTFALL'].map(
      (c) => line(e, 'KDS_ON_DEMAND_ADVANTAGE', c),
    );
    expect(retrievalLines.reduce((gb, l) => gb + l.quantity, 0)).toBeCloseTo(MIN_GB_PER_MONTH, 6);
    expect(sum(...retrievalLines.map((l) => l.monthlyCostUsd))).toBe(usd(MIN_GB_PER_MONTH, '0.016')); // 1,026.56
    expect(usd(MIN_GB_PER_MONTH, '0.016')).toBe(1026.56);
  });

  it('the whole option matches the published rules to the cent', () => {
    // data in: 4 KB records are whole KB, so 20,531.25 GB × $0.032 = $657.00
    // ingest shortfall: (87.890625 − 28.125) × 730 = 43,628.90625 GB × $0.032 = $1,396.125 → $1,396.13
    //   (with data in: 64,160.15625 GB × $0.032 = $2,053.125 → $2,053.13 = 657.00 + 1,396.13, the floor again)
    // retrieval: $1,026.56 as above
    // Firehose (Kinesis stream as source): each 4 KB record rounded up to 5 KB ("rounded up to the nearest 5KB",
    //   Firehose pricing): 20,531.25 × 5/4 = 25,664.0625 GB × $0.029 = $744.2578125 → $744.26
    // total = 657.00 + 1,396.13 + 328.50 + 328.50 + 369.56 + 744.26 = $3,823.95
    const expected = sum(
      usd(MONTH_GB, '0.032'),
      usd((MIN_GB_PER_HOUR - HOUR_GB) * 730, '0.032'),
      usd(MONTH_GB, '0.016'),
      usd(MONTH_GB, '0.016'),
      usd((MIN_GB_PER_HOUR - 2 * HOUR_GB) * 730, '0.016'),
      usd((MONTH_GB * 5) / 4, '0.029'),
    );
    expect(expected).toBe(3823.95);
    expect(o.monthlyCostUsd).toBe(expected);
    // before the fix the shortfall ignored the Firehose reader: (87.890625 − 28.125) × 730 × $0.016 = $698.06
    // instead of $369.56, $328.50 (one reader's worth) too much
    expect(line(e, 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_ADV_RETRIEVAL_MINIMUM_SHORTFALL').monthlyCostUsd).toBe(369.56);
  });

  it('states how AWS meters the minimum and what streamfit assumes where AWS leaves it open', () => {
    const text = o.assumptions.join(' ');
    expect(text).toMatch(/MinimumThroughputBillingCommitment/);
    expect(text).toMatch(/floor on the total billed/);
    expect(text).toMatch(/Firehose delivery, a replicating consumer/);
    expect(text).toMatch(/streamfit's assumption: per hour/);
  });
});

describe('reference case: a replicating consumer fills the floor too (Advantage, cross-region replication)', () => {
  it('2 MB/s, no consumers: the replicating consumer is the only reader', () => {
    const e = evaluate(
      aWorkload().withAvgWriteMBps(2).withRecordSizeKB(4).withSharedConsumers(0).withCrossRegionReplication().build(),
      card,
    );
    // replicating reads: 2 × 3,600 ÷ 1,024 = 7.03125 GB/h; shortfall (87.890625 − 7.03125) × 730 = 59,027.34375 GB
    const shortfall = (MIN_GB_PER_HOUR - (2 * 3600) / 1024) * 730;
    expect(shortfall).toBe(59027.34375);
    const l = line(e, 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_ADV_RETRIEVAL_MINIMUM_SHORTFALL');
    expect(l.quantity).toBeCloseTo(shortfall, 6);
    expect(l.monthlyCostUsd).toBe(usd(shortfall, '0.016')); // 944.4375 → 944.44
    const replication = line(e, 'KDS_ON_DEMAND_ADVANTAGE', 'REPLICATION_SOURCE_READ');
    expect(replication.quantity + l.quantity).toBeCloseTo(MIN_GB_PER_MONTH, 6);
  });
});

describe('reference case: the fix flips the recommendation between about 9.9 and 11.4 MB/s of variable traffic', () => {
  it('10.5 MB/s VARIABLE, 4 KB records, Firehose → S3 the only reader: Advantage costs less than on-demand', () => {
    const e = evaluate(
      aWorkload()
        .withAvgWriteMBps(10.5)
        .withRecordSizeKB(4)
        .withSharedConsumers(0)
        .withTrafficPattern('VARIABLE')
        .with({ deliverTo: ['S3'] })
        .build(),
      card,
    );
    // Firehose reads 10.5 × 3,600 ÷ 1,024 = 36.9140625 GB/h; retrieval shortfall (87.890625 − 36.9140625) × 730 GB
    const shortfall = (MIN_GB_PER_HOUR - (10.5 * 3600) / 1024) * 730; // 37,212.890625 GB → $595.41
    expect(line(e, 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_ADV_RETRIEVAL_MINIMUM_SHORTFALL').monthlyCostUsd).toBe(
      usd(shortfall, '0.016'),
    );
    // Advantage $4,056.53 against on-demand $4,239.71 (before the fix Advantage was $4,487.68, and on-demand won)
    expect(optionOf(e, 'KDS_ON_DEMAND_ADVANTAGE').monthlyCostUsd!).toBeLessThan(
      optionOf(e, 'KDS_ON_DEMAND').monthlyCostUsd!,
    );
    expect(e.recommendation.option).toBe('KDS_ON_DEMAND_ADVANTAGE');
  });
});
