/** Provisioned Kinesis: PUT payload units = records × ceil(record KB ÷ 25); shards from write, records and shared reads. */
import { evaluate } from '../../src/domain';
import { line, monthlyGb, optionOf, usd } from './support/hand';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { aWorkload } from './support/workload.builder';

const card = usEast1RateCard();

describe('KDS provisioned: PUT payload units round up to 25 KB', () => {
  it.each([
    // recordKB, units per record
    [5, 1],
    [25, 1],
    [25.5, 2],
    [45, 2],
    [1024, 41], // 1 MiB = 1,024 KB → 40.96 → 41 (the "1 MB is 40" rule of thumb holds for 1,000 KB)
    [1000, 40],
  ])('%p KB records use %p PUT payload unit(s) each', (recordKB, units) => {
    const e = evaluate(aWorkload().withIngestGbPerDay(10).withRecordSizeKB(recordKB).build(), card);
    const records = (monthlyGb(10) * 1024 * 1024) / recordKB;
    const put = line(e, 'KDS_PROVISIONED', 'KDS_PROV_PUT_PAYLOAD_UNITS');
    expect(put.quantity).toBeCloseTo(records * units, 3);
    expect(put.monthlyCostUsd).toBe(usd(records * units, '0.000000014'));
    expect(put.unit).toBe('PUT payload unit');
  });
});

describe('KDS provisioned: shard count and what bound it', () => {
  it.each([
    // name, workload, shards, boundBy
    [
      'write throughput: 10 MB/s steady, 100 KB records',
      aWorkload().withAvgWriteMBps(10).withRecordSizeKB(100),
      15,
      'WRITE_THROUGHPUT',
    ], // 12 MB/s × 1.2 = 14.4 → 15
    [
      'record rate: 1 MB/s of 0.1 KB records',
      aWorkload().withAvgWriteMBps(1).withRecordSizeKB(0.1),
      15,
      'WRITE_RECORDS',
    ], // 12,288 rec/s ÷ 1,000 × 1.2 = 14.75 → 15
    [
      'shared reads: 10 MB/s, 100 KB, 5 consumers',
      aWorkload().withAvgWriteMBps(10).withRecordSizeKB(100).withSharedConsumers(5),
      36,
      'SHARED_READ',
    ], // 12 × 5 ÷ 2 = 30 × 1.2 = 36
    ['minimum one shard for no traffic', aWorkload().withAvgWriteMBps(0).withRecordSizeKB(1), 1, 'MINIMUM_ONE_SHARD'],
    [
      'exact multiple stays exact: 5 MB/s peak, 100 KB',
      aWorkload().withAvgWriteMBps(5).withPeakWriteMBps(5).withRecordSizeKB(100),
      6,
      'WRITE_THROUGHPUT',
    ], // 5 × 1.2 = 6.000000000000001 → 6
  ] as const)('%s → %p shards', (_name, builder, shards, boundBy) => {
    const e = evaluate(builder.build(), card);
    const o = optionOf(e, 'KDS_PROVISIONED');
    expect(o.sizing.shards).toBe(shards);
    expect(o.sizing.boundBy).toBe(boundBy);
    expect(line(e, 'KDS_PROVISIONED', 'KDS_PROV_SHARD_HOURS').monthlyCostUsd).toBe(usd(shards * 730, '0.015'));
  });

  it('extended retention per shard-hour, long-term per GB-month, EFO per consumer-shard-hour plus GB', () => {
    // 10 MB/s of 100 KB records → 15 shards; 2 EFO consumers; 30 days retention
    const e = evaluate(
      aWorkload().withAvgWriteMBps(10).withRecordSizeKB(100).withDedicatedConsumers(2).withRetentionHours(720).build(),
      card,
    );
    const gbPerDay = (10 * 86400) / 1024; // 843.75 GB/day
    expect(line(e, 'KDS_PROVISIONED', 'KDS_PROV_EXTENDED_RETENTION').monthlyCostUsd).toBe(usd(15 * 730, '0.020'));
    expect(line(e, 'KDS_PROVISIONED', 'KDS_PROV_LONG_TERM_RETENTION').monthlyCostUsd).toBe(
      usd((gbPerDay * (720 - 168)) / 24, '0.023'),
    );
    expect(line(e, 'KDS_PROVISIONED', 'KDS_PROV_EFO_CONSUMER_SHARD_HOURS').monthlyCostUsd).toBe(
      usd(2 * 15 * 730, '0.015'),
    );
    expect(line(e, 'KDS_PROVISIONED', 'KDS_PROV_EFO_DATA').monthlyCostUsd).toBe(usd(2 * monthlyGb(gbPerDay), '0.013'));
  });

  it('no extended retention line at the included 24 h', () => {
    const e = evaluate(aWorkload().withRetentionHours(24).build(), card);
    expect(optionOf(e, 'KDS_PROVISIONED').lineItems.map((l) => l.code)).toEqual([
      'KDS_PROV_SHARD_HOURS',
      'KDS_PROV_PUT_PAYLOAD_UNITS',
    ]);
  });
});
