/**
 * The decision guide's worked example at us-east-1 rates: 100 GB/day, two consumer applications each
 * reading everything (sharedConsumers 2), 24/7, STEADY, 24 h retention, 1 KB records.
 * Every expected figure is computed here from the rate × quantity (see docs/decision-guide-example.md).
 */
import { evaluate } from '../../src/domain';
import { line, monthlyGb, optionOf, sum, usd } from './support/hand';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { decisionGuideExample } from './support/workload.builder';

const card = usEast1RateCard();
const GB = monthlyGb(100); // 3,041.666667 GB written per month
const RECORDS = GB * 1024 * 1024; // 1 KB records: 3,189,418,666.67 per month

describe('decision guide example (100 GB/day, 2 shared consumers, steady, 24 h)', () => {
  const e = evaluate(decisionGuideExample().withMskBrokerFamily('m5').build(), card);

  it('recommends Kinesis provisioned: steady traffic, cheapest option', () => {
    expect(e.recommendation.option).toBe('KDS_PROVISIONED');
    expect(optionOf(e, 'KDS_PROVISIONED').rank).toBe(1);
  });

  it('prices Kinesis provisioned: 2 shards (record-rate bound) + PUT payload units', () => {
    // peak = 100 GB/day × 1024 / 86,400 s × 1.2 = 1.4222 MB/s → 1,456 records/s → 1.456 × 1.2 = 1.75 → 2 shards
    const o = optionOf(e, 'KDS_PROVISIONED');
    expect(o.sizing.shards).toBe(2);
    expect(o.sizing.boundBy).toBe('WRITE_RECORDS');
    const shardHours = usd(2 * 730, '0.015'); // 21.90
    const putUnits = usd(RECORDS, '0.000000014'); // 3,189,418,667 × 0.000000014 = 44.65
    expect(shardHours).toBe(21.9);
    expect(putUnits).toBe(44.65);
    expect(line(e, 'KDS_PROVISIONED', 'KDS_PROV_SHARD_HOURS').monthlyCostUsd).toBe(shardHours);
    expect(line(e, 'KDS_PROVISIONED', 'KDS_PROV_PUT_PAYLOAD_UNITS').quantity).toBe(3189418667);
    expect(line(e, 'KDS_PROVISIONED', 'KDS_PROV_PUT_PAYLOAD_UNITS').monthlyCostUsd).toBe(putUnits);
    expect(o.monthlyCostUsd).toBe(sum(shardHours, putUnits)); // 66.55: inside the guide's $55–70
    expect(o.monthlyCostUsd).toBe(66.55);
  });

  it('prices Kinesis on-demand: stream-hours, data in, two consumers reading', () => {
    const expected = sum(usd(730, '0.04'), usd(GB, '0.08'), usd(2 * GB, '0.04')); // 29.20 + 243.33 + 243.33
    expect(expected).toBe(515.86);
    expect(optionOf(e, 'KDS_ON_DEMAND').monthlyCostUsd).toBe(expected);
    expect(line(e, 'KDS_ON_DEMAND', 'KDS_OD_DATA_OUT').quantity).toBeCloseTo(6083.333333, 6);
  });

  it("prices MSK provisioned with 3 × kafka.m5.large, storage at RF 3 × 2 (AWS's sizing script), cross-AZ traffic", () => {
    const o = optionOf(e, 'MSK_PROVISIONED');
    expect(o.sizing).toMatchObject({
      brokerType: 'kafka.m5.large',
      brokers: 3,
      storageGbPerBroker: 200,
      boundBy: 'MINIMUM_BROKERS',
    });
    // storage: 100 GB × 3 copies × 2 (disks at most half full) = 600 GB → 200 GB × 3 brokers
    const brokers = usd(3 * 730, '0.21'); // 459.90
    const storage = usd(600, '0.10'); // 60.00
    const producers = usd((GB * 2) / 3, '0.02'); // 2,027.78 GB × 0.02 = 40.56
    const consumers = usd((2 * GB * 2) / 3, '0.02'); // 4,055.56 GB × 0.02 = 81.11
    expect(o.lineItems.map((l) => [l.code, l.monthlyCostUsd])).toEqual([
      ['MSK_BROKER_HOURS', brokers],
      ['MSK_STORAGE', storage],
      ['MSK_CROSS_AZ_PRODUCER', producers],
      ['MSK_CROSS_AZ_CONSUMER', consumers],
    ]);
    expect(o.monthlyCostUsd).toBe(sum(brokers, storage, producers, consumers));
    expect(o.monthlyCostUsd).toBe(641.57); // AWS's msk_sizing.py prints the same $641.57 (test/reference-cases)
  });

  it('prices MSK Serverless: cluster-hours, 12 partitions, data in/out, storage', () => {
    const expected = sum(
      usd(730, '0.75'),
      usd(12 * 730, '0.0015'),
      usd(GB, '0.10'),
      usd(2 * GB, '0.05'),
      usd(100, '0.10'),
    );
    expect(expected).toBe(1178.98); // 547.50 + 13.14 + 304.17 + 304.17 + 10.00
    expect(optionOf(e, 'MSK_SERVERLESS').monthlyCostUsd).toBe(expected);
  });

  it('prices MSK Express with 3 × express.m7g.large', () => {
    const expected = sum(
      usd(3 * 730, '0.408'),
      usd(100, '0.10'),
      usd(GB, '0.01'),
      usd((GB * 2) / 3, '0.02'),
      usd((2 * GB * 2) / 3, '0.02'),
    );
    expect(optionOf(e, 'MSK_EXPRESS').sizing).toMatchObject({ brokerType: 'express.m7g.large', brokers: 3 });
    expect(optionOf(e, 'MSK_EXPRESS').monthlyCostUsd).toBe(expected);
    expect(expected).toBe(1055.61);
  });

  it('without a broker family the cheaper kafka.m7g.large is chosen', () => {
    const free = evaluate(decisionGuideExample().build(), card);
    const o = optionOf(free, 'MSK_PROVISIONED');
    expect(o.sizing.brokerType).toBe('kafka.m7g.large');
    expect(o.monthlyCostUsd).toBe(
      sum(usd(3 * 730, '0.204'), usd(600, '0.10'), usd((GB * 2) / 3, '0.02'), usd((2 * GB * 2) / 3, '0.02')),
    );
    expect(o.monthlyCostUsd).toBe(628.43);
  });

  it("the guide's ~$750 MSK figure is brokers plus 100 GB × 30 days stored once; streamfit keeps 72 h on EBS and all 30 days in the tier", () => {
    const guideStyle = sum(usd(3 * 730, '0.21'), usd(100 * 30, '0.10')); // 459.90 + 300.00
    expect(guideStyle).toBe(759.9);
    const e30 = evaluate(decisionGuideExample().withMskBrokerFamily('m5').withRetentionHours(720).build(), card);
    // EBS: 100 GB/day × 3 days × RF 3 × 2 = 1,800 GB → 600 GB × 3 brokers; tier: the full retention (segments stay in
    // the tier until retention.ms, AWS's manage-storage.md), 100 GB/day × 30 days = 3,000 GB, one copy
    const storage = usd(1800, '0.10'); // 180.00
    const tier = usd(3000, '0.06'); // 180.00
    expect(line(e30, 'MSK_PROVISIONED', 'MSK_STORAGE').monthlyCostUsd).toBe(storage);
    expect(line(e30, 'MSK_PROVISIONED', 'MSK_TIERED_STORAGE').monthlyCostUsd).toBe(tier);
    expect(optionOf(e30, 'MSK_PROVISIONED').sizing).toMatchObject({
      brokerType: 'kafka.m5.large',
      brokers: 3,
      tieredStorage: true,
    });
    const expected = sum(usd(3 * 730, '0.21'), storage, tier, usd((GB * 2) / 3, '0.02'), usd((2 * GB * 2) / 3, '0.02'));
    expect(optionOf(e30, 'MSK_PROVISIONED').monthlyCostUsd).toBe(expected);
    expect(expected).toBe(941.57);
    // all 30 days on EBS (no tiered storage): 3,000 GB × 3 × 2 = 18,000 GB → $1,800.00 of EBS
    const ebsOnly = evaluate(
      decisionGuideExample()
        .withMskBrokerFamily('m5')
        .withRetentionHours(720)
        .with({ mskLocalRetentionHours: 720 })
        .build(),
      card,
    );
    expect(line(ebsOnly, 'MSK_PROVISIONED', 'MSK_STORAGE').monthlyCostUsd).toBe(usd(18000, '0.10'));
    const allEbs = sum(
      usd(3 * 730, '0.21'),
      usd(18000, '0.10'),
      usd((GB * 2) / 3, '0.02'),
      usd((2 * GB * 2) / 3, '0.02'),
    );
    expect(optionOf(ebsOnly, 'MSK_PROVISIONED').monthlyCostUsd).toBe(allEbs);
    // the tiered option shows that all-EBS cluster and its total beside its own
    expect(optionOf(e30, 'MSK_PROVISIONED').sizing).toMatchObject({
      untieredBrokerType: 'kafka.m5.large',
      untieredBrokers: 3,
      untieredTotalStorageGb: 18000,
      untieredMonthlyCostUsd: allEbs,
      tieredMonthlyCostUsd: 941.57,
    });
  });
});
