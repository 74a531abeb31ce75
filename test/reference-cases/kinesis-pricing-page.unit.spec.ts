/**
 * Reference cases: AWS's own Kinesis Data Streams figures.
 *
 * 1. Kinesis Data Streams pricing page (https://aws.amazon.com/kinesis/data-streams/pricing/, provisioned-mode
 *    example, read 2026-11-29): producers put 100 records per second in aggregate, each 35 KB, stable all day
 *    ("3.4 MB/sec"), so 4 shards; a 35 KB record is 2 PUT payload units (25 KB chunks). The page sizes for the
 *    throughput exactly (no headroom) and counts a 30-day month: 4 × $0.015 × 720 h = $43.20 of shard-hours and
 *    100 × 2 × 3,600 × 720 = 518.4 million PUT payload units × $0.014 per million = $7.26.
 *    streamfit reproduces it with sizingHeadroomPercent 0; its month is 730 h (AWS's billing month), so its
 *    quantities are the page's × 730 ÷ 720 — the only difference, shown in the README table.
 * 2. The same workload at streamfit's default 20 % headroom (the AWS Pricing Calculator's buffer): 5 shards.
 */
import { evaluate } from '../../src/domain';
import { line, optionOf, sum, usd } from '../domain/support/hand';
import { usEast1RateCard } from '../domain/support/us-east-1.rate-card';
import { aWorkload } from '../domain/support/workload.builder';

const card = usEast1RateCard();
const RECORDS_PER_SEC = 100;
const RECORD_KB = 35;
const MBPS = (RECORDS_PER_SEC * RECORD_KB) / 1024; // 3.418 MB/s ("3.4 MB/sec" on the page)
const pageExample = () =>
  aWorkload()
    .withAvgWriteMBps(MBPS)
    .withPeakWriteMBps(MBPS)
    .withRecordSizeKB(RECORD_KB)
    .withSharedConsumers(1)
    .with({ sizingHeadroomPercent: 0 });

describe('reference case: Kinesis pricing page, provisioned example (100 records/s of 35 KB)', () => {
  const e = evaluate(pageExample().build(), card);
  const o = optionOf(e, 'KDS_PROVISIONED');

  it('sizes 4 shards with no headroom and bills 2 PUT payload units per record', () => {
    expect(o.sizing).toMatchObject({ shards: 4, headroomFactor: 1, boundBy: 'WRITE_THROUGHPUT' });
    expect(line(e, 'KDS_PROVISIONED', 'KDS_PROV_PUT_PAYLOAD_UNITS').quantity).toBeCloseTo(
      RECORDS_PER_SEC * 2 * 3600 * 730,
      0,
    );
  });

  it("matches the page's 30-day figures once scaled to AWS's 730-hour month", () => {
    const page = { shardHours: usd(4 * 720, '0.015'), putUnits: usd(RECORDS_PER_SEC * 2 * 3600 * 720, '0.000000014') };
    expect(page).toEqual({ shardHours: 43.2, putUnits: 7.26 });
    const shardLine = line(e, 'KDS_PROVISIONED', 'KDS_PROV_SHARD_HOURS');
    expect(shardLine.quantity).toBe(4 * 730);
    expect(shardLine.monthlyCostUsd).toBe(usd(4 * 730, '0.015')); // 43.80 = 43.20 × 730 ÷ 720
    expect(o.monthlyCostUsd).toBe(sum(usd(4 * 730, '0.015'), usd(RECORDS_PER_SEC * 2 * 3600 * 730, '0.000000014'))); // 51.16
    expect(Math.abs((o.monthlyCostUsd! * 720) / 730 - sum(page.shardHours, page.putUnits))).toBeLessThanOrEqual(0.01);
  });

  it('at the default 20 % headroom (the AWS Pricing Calculator buffer) the same workload takes 5 shards', () => {
    const d = optionOf(
      evaluate(aWorkload().withAvgWriteMBps(MBPS).withPeakWriteMBps(MBPS).withRecordSizeKB(RECORD_KB).build(), card),
      'KDS_PROVISIONED',
    );
    expect(d.sizing).toMatchObject({ shards: 5, headroomFactor: 1.2 }); // ceil(3.418 × 1.2) = ceil(4.1) = 5
  });

  it('sizingHeadroomPercent is validated like every workload field', () => {
    let fields: unknown;
    try {
      evaluate(pageExample().with({ sizingHeadroomPercent: -1 }).build(), card);
    } catch (err) {
      fields = (err as { details: { fields?: unknown } }).details.fields;
    }
    expect(fields).toEqual([
      { field: 'workload.sizingHeadroomPercent', message: 'sizingHeadroomPercent must be greater than or equal to 0' },
    ]);
  });
});
