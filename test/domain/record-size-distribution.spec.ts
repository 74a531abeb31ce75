/**
 * Record-size distributions: AWS rounds every record (1 KB on-demand data in, 25 KB PUT payload units), so a mix of
 * sizes bills bucket by bucket, not on the mean. The average alone stays supported.
 */
import { evaluate, normalizeWorkload } from '../../src/domain';
import { line, monthlyGb, usd } from './support/hand';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { aWorkload } from './support/workload.builder';

const card = usEast1RateCard();
// 90 % of records are 0.5 KB, 10 % are 30 KB: mean 0.45 + 3 = 3.45 KB
const MIX = [
  { sizeKB: 0.5, share: 0.9 },
  { sizeKB: 30, share: 0.1 },
];
const mixed = () => aWorkload().withIngestGbPerDay(100).withRecordSizeKB(3.45).with({ recordSizeDistribution: MIX });
const fieldsOf = (f: () => unknown): unknown => {
  try {
    f();
  } catch (err) {
    return (err as { details: { fields?: unknown } }).details.fields;
  }
  return undefined;
};

describe('record-size distribution', () => {
  const records = (monthlyGb(100) * 1024 * 1024) / 3.45;

  it('on-demand data in: 0.9 × 1 KB + 0.1 × 30 KB = 3.9 KB billed per record (the mean alone would bill 4 KB)', () => {
    const e = evaluate(mixed().build(), card);
    const dataIn = line(e, 'KDS_ON_DEMAND', 'KDS_OD_DATA_IN');
    expect(dataIn.quantity).toBeCloseTo((records * 3.9) / (1024 * 1024), 5);
    expect(dataIn.monthlyCostUsd).toBe(usd((records * 3.9) / (1024 * 1024), '0.08'));
    const meanOnly = evaluate(aWorkload().withIngestGbPerDay(100).withRecordSizeKB(3.45).build(), card);
    expect(line(meanOnly, 'KDS_ON_DEMAND', 'KDS_OD_DATA_IN').quantity).toBeCloseTo((records * 4) / (1024 * 1024), 5);
  });

  it('PUT payload units: 0.9 × 1 + 0.1 × ceil(30 ÷ 25) = 1.1 units per record (the mean alone would bill 1)', () => {
    const e = evaluate(mixed().build(), card);
    expect(line(e, 'KDS_PROVISIONED', 'KDS_PROV_PUT_PAYLOAD_UNITS').quantity).toBe(Math.round(records * 1.1));
    const meanOnly = evaluate(aWorkload().withIngestGbPerDay(100).withRecordSizeKB(3.45).build(), card);
    expect(line(meanOnly, 'KDS_PROVISIONED', 'KDS_PROV_PUT_PAYLOAD_UNITS').quantity).toBeCloseTo(records, 5);
  });

  it('the largest bucket is the default maximum record size', () => {
    expect(normalizeWorkload(mixed().build()).maxRecordSizeKB).toBe(30);
    expect(normalizeWorkload(mixed().build()).recordSizeDistribution).toEqual(MIX);
  });

  it.each([
    [
      'shares that do not sum to 1',
      [{ sizeKB: 1, share: 0.5 }],
      3.45,
      'recordSizeDistribution',
      /shares must sum to 1/,
    ],
    [
      'a mean that is not avgRecordSizeKB',
      MIX,
      2,
      'recordSizeDistribution',
      /mean record size \(3.45 KB\) must equal avgRecordSizeKB \(2 KB\)/,
    ],
    [
      'a bucket with an unknown field',
      [{ sizeKB: 3.45, share: 1, weight: 2 }],
      3.45,
      'recordSizeDistribution',
      /\[0\]\.weight is not a known field/,
    ],
    [
      'a bucket with a zero size',
      [{ sizeKB: 0, share: 1 }],
      3.45,
      'recordSizeDistribution',
      /\[0\]\.sizeKB must be a number greater than 0/,
    ],
    ['not an array', { sizeKB: 1, share: 1 }, 3.45, 'recordSizeDistribution', /must be an array/],
  ])('rejects %s, naming the field', (_name, dist, avg, field, message) => {
    const fields = fieldsOf(() =>
      normalizeWorkload(
        aWorkload()
          .withRecordSizeKB(avg)
          .with({ recordSizeDistribution: dist as never })
          .build(),
      ),
    ) as Array<{ field: string; message: string }>;
    expect(fields).toHaveLength(1);
    expect(fields[0].field).toBe(`workload.${field}`);
    expect(fields[0].message).toMatch(message);
  });

  it('rejects a maximum record size below the largest bucket', () => {
    const fields = fieldsOf(() => normalizeWorkload(mixed().withMaxRecordSizeKB(10).build())) as Array<{
      field: string;
      message: string;
    }>;
    expect(fields).toEqual([
      {
        field: 'workload.maxRecordSizeKB',
        message: 'maxRecordSizeKB must be greater than or equal to the largest size in recordSizeDistribution (30 KB)',
      },
    ]);
  });
});

describe('reads of old data on Kinesis provisioned', () => {
  it('are billed as long-term retrieval when retention exceeds 7 days, and not otherwise', () => {
    const w = (retentionHours: number) =>
      aWorkload()
        .withIngestGbPerDay(100)
        .withRetentionHours(retentionHours)
        .with({ historicalReadGbPerMonth: 1000 })
        .build();
    const long = evaluate(w(720), card);
    expect(line(long, 'KDS_PROVISIONED', 'KDS_PROV_LONG_TERM_RETRIEVAL').monthlyCostUsd).toBe(usd(1000, '0.021'));
    const week = evaluate(w(168), card);
    expect(week.options.find((o) => o.option === 'KDS_PROVISIONED')!.lineItems.map((l) => l.code)).not.toContain(
      'KDS_PROV_LONG_TERM_RETRIEVAL',
    );
  });
});
