/**
 * Reference cases: Amazon Data Firehose rounds each record up to 5 KB, so a record-size mix bills bucket by bucket.
 *
 * Source: Amazon Data Firehose pricing page (https://aws.amazon.com/firehose/pricing/), ingestion with Direct PUT or
 * a Kinesis data stream as source: billed per GB ingested with each record "rounded up to the nearest 5KB" (the page's
 * examples: a 3 KB record bills 5 KB, a 12 KB record 15 KB; the rounding is per record, not per API call); us-east-1
 * first tier (500 TB a month) $0.029/GB with a Kinesis data stream as source. Record format conversion is priced per
 * GB ingested in the same 5 KB increments ($0.018/GB).
 *
 * A record of 2 KB bills 5 KB, one of 6 KB bills 10 KB, one of 12 KB bills 15 KB: the rounding belongs to each record,
 * so with `recordSizeDistribution` the billed KB per record is Σ share × ⌈size ÷ 5⌉ × 5, not ⌈mean ÷ 5⌉ × 5 (the mean
 * of 3.5 KB would bill 5 KB). Kinesis on-demand data in (1 KB) and PUT payload units (25 KB) already work this way.
 */
import { evaluate } from '../../src/domain';
import { line, monthlyGb, optionOf, sum, usd } from '../domain/support/hand';
import { usEast1RateCard } from '../domain/support/us-east-1.rate-card';
import { aWorkload } from '../domain/support/workload.builder';

const card = usEast1RateCard();
const GB = monthlyGb(100); // 100 GB/day × 730 ÷ 24 = 3,041.666667 GB a month

describe('reference case: Firehose → S3 from Kinesis, 100 GB/day, a 70/25/5 mix of 2, 6 and 12 KB records', () => {
  // mean = 0.70 × 2 + 0.25 × 6 + 0.05 × 12 = 1.4 + 1.5 + 0.6 = 3.5 KB; records = GB × 1,024² ÷ 3.5
  // Firehose KB billed per record = 0.70 × 5 + 0.25 × 10 + 0.05 × 15 = 3.5 + 2.5 + 0.75 = 6.75 KB
  // billed GB = records × 6.75 KB ÷ 1,024² = GB × 6.75 ÷ 3.5 = 5,866.071429 GB
  const MIX = [
    { sizeKB: 2, share: 0.7 },
    { sizeKB: 6, share: 0.25 },
    { sizeKB: 12, share: 0.05 },
  ];
  const e = evaluate(
    aWorkload()
      .withIngestGbPerDay(100)
      .withRecordSizeKB(3.5)
      .withSharedConsumers(1)
      .with({ recordSizeDistribution: MIX, deliverTo: ['S3'] })
      .build(),
    card,
  );
  const billedGb = (GB * 6.75) / 3.5;

  it('bills 6.75 KB per record, bucket by bucket (the mean alone would bill 5 KB, 26 % less)', () => {
    for (const option of ['KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_PROVISIONED'] as const) {
      const l = line(e, option, 'FIREHOSE_INGEST_S3');
      expect(l.quantity).toBeCloseTo(billedGb, 6);
      expect(l.monthlyCostUsd).toBe(usd(billedGb, '0.029')); // 5,866.071429 × 0.029 = 170.116071 → $170.12
    }
    expect(usd(billedGb, '0.029')).toBe(170.12);
    expect(line(e, 'KDS_ON_DEMAND', 'FIREHOSE_INGEST_S3').description).toMatch(/6\.75 KB/);
  });

  it('the Kinesis on-demand option with its Firehose leg matches the published rules to the cent', () => {
    // stream-hours: 730 × $0.04 = $29.20
    // data in, each record rounded up to 1 KB: 2, 6 and 12 KB are whole KB, so GB × $0.08 = 243.333333 → $243.33
    // shared reads: 1 consumer × GB × $0.04 = 121.666667 → $121.67
    // Firehose ingestion: $170.12 (above)
    // Firehose's reads of the stream (the delivery reader): GB × $0.04 = $121.67
    // total = 29.20 + 243.33 + 121.67 + 170.12 + 121.67 = $685.99
    const expected = sum(usd(730, '0.04'), usd(GB, '0.08'), usd(GB, '0.04'), usd(billedGb, '0.029'), usd(GB, '0.04'));
    expect(expected).toBe(685.99);
    expect(optionOf(e, 'KDS_ON_DEMAND').monthlyCostUsd).toBe(expected);
  });
});

describe('reference case: bimodal sizes, half 0.5 KB and half 9.5 KB (mean 5 KB)', () => {
  it('bills 7.5 KB per record: the mean (5 KB, one increment) would be 33 % low', () => {
    const e = evaluate(
      aWorkload()
        .withIngestGbPerDay(100)
        .withRecordSizeKB(5)
        .withSharedConsumers(1)
        .with({
          recordSizeDistribution: [
            { sizeKB: 0.5, share: 0.5 },
            { sizeKB: 9.5, share: 0.5 },
          ],
          deliverTo: [{ sink: 'S3', convertToParquet: true }],
        })
        .build(),
      card,
    );
    // 0.5 × 5 KB + 0.5 × 10 KB = 7.5 KB per record; billed GB = GB × 7.5 ÷ 5 = 4,562.5 GB
    const billedGb = (GB * 7.5) / 5;
    expect(billedGb).toBe(4562.5);
    const ingest = line(e, 'KDS_ON_DEMAND', 'FIREHOSE_INGEST_S3');
    expect(ingest.quantity).toBeCloseTo(billedGb, 6);
    expect(ingest.monthlyCostUsd).toBe(132.31); // 4,562.5 × $0.029 = 132.3125 → $132.31 (the mean: $88.21)
    // Parquet conversion is priced on the same 5 KB-rounded GB: 4,562.5 × $0.018 = 82.125 → $82.13
    const conversion = line(e, 'KDS_ON_DEMAND', 'FIREHOSE_FORMAT_CONVERSION_S3');
    expect(conversion.quantity).toBeCloseTo(billedGb, 6);
    expect(conversion.monthlyCostUsd).toBe(usd(billedGb, '0.018'));
  });

  it('without a distribution the average record is rounded, as before', () => {
    const e = evaluate(
      aWorkload()
        .withIngestGbPerDay(100)
        .withRecordSizeKB(5)
        .with({ deliverTo: ['S3'] })
        .build(),
      card,
    );
    expect(line(e, 'KDS_ON_DEMAND', 'FIREHOSE_INGEST_S3').quantity).toBeCloseTo(GB, 6); // 5 KB → 5 KB
  });
});
