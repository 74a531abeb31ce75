/** On-demand data in: each record is rounded up to the next 1 KB (standard and Advantage). */
import { evaluate } from '../../src/domain';
import { line, monthlyGb, usd } from './support/hand';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { aWorkload } from './support/workload.builder';

const card = usEast1RateCard();
const GB = monthlyGb(100);

describe('KDS on-demand: records rounded up to 1 KB', () => {
  it.each([
    // recordKB, billed KB per record
    [0.1, 1],
    [0.5, 1],
    [1, 1],
    [1.5, 2],
    [3.2, 4],
    [25, 25],
    [1000.4, 1001],
  ])('%p KB records are billed as %p KB each', (recordKB, billedKB) => {
    const e = evaluate(aWorkload().withIngestGbPerDay(100).withRecordSizeKB(recordKB).build(), card);
    // records/month = GB × 1024 × 1024 ÷ recordKB; billed GB = records × billedKB ÷ 1024²
    const billedGb = (GB * billedKB) / recordKB;
    const dataIn = line(e, 'KDS_ON_DEMAND', 'KDS_OD_DATA_IN');
    expect(dataIn.quantity).toBeCloseTo(billedGb, 5);
    expect(dataIn.monthlyCostUsd).toBe(usd(billedGb, '0.08'));
    const advIn = line(e, 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_ADV_DATA_IN');
    expect(advIn.monthlyCostUsd).toBe(usd(billedGb, '0.032'));
  });

  it('0.5 KB records double the billed volume: 6,083.33 GB × $0.08 = $486.67', () => {
    const e = evaluate(aWorkload().withIngestGbPerDay(100).withRecordSizeKB(0.5).build(), card);
    expect(line(e, 'KDS_ON_DEMAND', 'KDS_OD_DATA_IN').monthlyCostUsd).toBe(486.67);
  });

  it('reads are billed on bytes read, without rounding', () => {
    const e = evaluate(
      aWorkload()
        .withIngestGbPerDay(100)
        .withRecordSizeKB(0.5)
        .withSharedConsumers(3)
        .withDedicatedConsumers(2)
        .build(),
      card,
    );
    expect(line(e, 'KDS_ON_DEMAND', 'KDS_OD_DATA_OUT').monthlyCostUsd).toBe(usd(3 * GB, '0.04'));
    expect(line(e, 'KDS_ON_DEMAND', 'KDS_OD_EFO_DATA_OUT').monthlyCostUsd).toBe(usd(2 * GB, '0.05'));
  });

  it.each([
    // retention hours, extended GB-month, long-term GB-month (100 GB/day)
    [24, 0, 0],
    [48, 100, 0],
    [168, 600, 0],
    [720, 600, 2300],
  ])('retention %p h bills %p GB-month extended and %p GB-month long-term', (hours, ext, lt) => {
    const e = evaluate(aWorkload().withIngestGbPerDay(100).withRetentionHours(hours).build(), card);
    const lines = e.options.find((o) => o.option === 'KDS_ON_DEMAND')!.lineItems;
    const extLine = lines.find((l) => l.code === 'KDS_OD_EXTENDED_RETENTION');
    const ltLine = lines.find((l) => l.code === 'KDS_OD_LONG_TERM_RETENTION');
    expect(extLine?.quantity ?? 0).toBeCloseTo(ext, 6);
    expect(ltLine?.quantity ?? 0).toBeCloseTo(lt, 6);
    expect(extLine?.monthlyCostUsd ?? 0).toBe(usd(ext, '0.10'));
    expect(ltLine?.monthlyCostUsd ?? 0).toBe(usd(lt, '0.023'));
  });
});
