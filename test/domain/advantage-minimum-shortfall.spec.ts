/** On-demand Advantage: 25 MB/s minimum on ingest and retrieval; the shortfall is its own line item. */
import { evaluate } from '../../src/domain';
import { line, monthlyGb, optionOf, sum, usd } from './support/hand';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { aWorkload } from './support/workload.builder';

const card = usEast1RateCard();
const MIN_GB_PER_HOUR = (25 * 3600) / 1024; // 87.890625 GB each hour
const MIN_GB_PER_MONTH = MIN_GB_PER_HOUR * 730; // 64,160.15625 GB

describe('KDS On-demand Advantage minimum', () => {
  it('a small 24/7 workload pays the shortfall up to 25 MB/s on ingest and on retrieval', () => {
    const e = evaluate(aWorkload().withIngestGbPerDay(100).withSharedConsumers(1).build(), card);
    const gb = monthlyGb(100);
    const inShort = MIN_GB_PER_MONTH - gb;
    const outShort = MIN_GB_PER_MONTH - gb;
    expect(line(e, 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_ADV_INGEST_MINIMUM_SHORTFALL').quantity).toBeCloseTo(inShort, 5);
    const expected = sum(usd(gb, '0.032'), usd(inShort, '0.032'), usd(gb, '0.016'), usd(outShort, '0.016'));
    expect(optionOf(e, 'KDS_ON_DEMAND_ADVANTAGE').monthlyCostUsd).toBe(expected);
    expect(e.warnings.map((w) => w.code)).toContain('ADVISE_KDS_ADVANTAGE_MINIMUM');
  });

  it('above 25 MB/s (24/7) there is no shortfall line', () => {
    const e = evaluate(aWorkload().withAvgWriteMBps(30).withRecordSizeKB(4).withSharedConsumers(1).build(), card);
    const codes = optionOf(e, 'KDS_ON_DEMAND_ADVANTAGE').lineItems.map((l) => l.code);
    expect(codes).toEqual(['KDS_ADV_DATA_IN', 'KDS_ADV_DATA_OUT']);
    const gb = (30 * 3600 * 730) / 1024;
    expect(optionOf(e, 'KDS_ON_DEMAND_ADVANTAGE').monthlyCostUsd).toBe(sum(usd(gb, '0.032'), usd(gb, '0.016')));
  });

  it('is measured per hour: a 30 MB/s workload active 12 h/day pays the full minimum in idle hours', () => {
    const e = evaluate(
      aWorkload().withAvgWriteMBps(30).withActiveHoursPerDay(12).withRecordSizeKB(4).withSharedConsumers(0).build(),
      card,
    );
    const idleHours = 730 - (12 * 730) / 24; // 365
    expect(line(e, 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_ADV_INGEST_MINIMUM_SHORTFALL').quantity).toBeCloseTo(
      idleHours * MIN_GB_PER_HOUR,
      5,
    );
    // no consumers: every hour pays the retrieval minimum
    expect(line(e, 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_ADV_RETRIEVAL_MINIMUM_SHORTFALL').monthlyCostUsd).toBe(
      usd(MIN_GB_PER_MONTH, '0.016'),
    );
  });

  it('has no stream-hour charge and lists its assumption with the 3P confidence', () => {
    const e = evaluate(aWorkload().build(), card);
    const o = optionOf(e, 'KDS_ON_DEMAND_ADVANTAGE');
    expect(o.lineItems.some((l) => l.rateKey === 'kds.onDemand.streamHour')).toBe(false);
    expect(o.assumptions.join(' ')).toMatch(/25 MB\/s .*\(3P\)/);
  });
});
