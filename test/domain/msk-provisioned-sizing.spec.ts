/** MSK sizing: Standard brokers (type, count, storage), Express brokers, Serverless partitions. */
import { evaluate } from '../../src/domain';
import { line, monthlyGb, optionOf, usd } from './support/hand';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { aWorkload } from './support/workload.builder';

const card = usEast1RateCard();

describe("MSK provisioned (Standard brokers), sized by AWS's msk_sizing.py method", () => {
  // Per-broker ingress = min(EBS ÷ storage factor, NIC ÷ (fan-out × 1.5 + 5.7)) × 0.5; brokers in multiples of 3.
  const perBroker = (ebs: number, nic: number, fanOut: number, tiered = false) =>
    Math.min(ebs / (tiered ? 8 : 6.5), nic / (fanOut * 1.5 + (tiered ? 7.2 : 5.7))) * 0.5;
  const brokersFor = (demand: number, cap: number) => Math.ceil(Math.ceil(demand / cap) / 3) * 3;

  it.each([
    // name, workload, brokerType, brokers, boundBy
    [
      "tiny → 3 × m7g.large (t3.small is not sized, as in AWS's script)",
      aWorkload().withIngestGbPerDay(10),
      'kafka.m7g.large',
      3,
      'MINIMUM_BROKERS',
    ],
    [
      'small → 3 × m7g.large (cheaper than m5.large)',
      aWorkload().withIngestGbPerDay(100),
      'kafka.m7g.large',
      3,
      'MINIMUM_BROKERS',
    ],
    [
      'family m5 → 3 × m5.large',
      aWorkload().withIngestGbPerDay(100).withMskBrokerFamily('m5'),
      'kafka.m5.large',
      3,
      'MINIMUM_BROKERS',
    ],
    // 40 MB/s, 1 consumer: m7g.large min(78.75 ÷ 6.5, 117 ÷ 7.2) × 0.5 = 6.058 → 40 ÷ 6.058 = 6.6 → 9 brokers
    [
      'ingress bound: 40 MB/s, 1 consumer',
      aWorkload().withAvgWriteMBps(40).withPeakWriteMBps(40).withRecordSizeKB(10),
      'kafka.m7g.large',
      brokersFor(40, perBroker(78.75, 117, 1)),
      'INGRESS',
    ],
    // partitions: 2,000 × 3 replicas ÷ 1,000 per large broker = 6
    [
      'partitions per broker: 2,000 partitions',
      aWorkload().withIngestGbPerDay(100).withPartitions(2000),
      'kafka.m7g.large',
      6,
      'PARTITIONS_PER_BROKER',
    ],
  ] as const)('%s', (_name, builder, brokerType, brokers, boundBy) => {
    const o = optionOf(evaluate(builder.build(), card), 'MSK_PROVISIONED');
    expect(o.sizing.brokerType).toBe(brokerType);
    expect(o.sizing.brokers).toBe(brokers);
    expect(o.sizing.boundBy).toBe(boundBy);
    expect(o.sizing.brokers! % 3).toBe(0);
  });

  it('per-broker capacity: m5.large with 2 consumers = min(81 ÷ 6.5, 96 ÷ (2 × 1.5 + 5.7)) × 0.5 MiB/s', () => {
    const o = optionOf(
      evaluate(aWorkload().withSharedConsumers(2).withMskBrokerFamily('m5').build(), card),
      'MSK_PROVISIONED',
    );
    expect(o.sizing.perBrokerIngressCapacityMBps).toBeCloseTo(perBroker(81, 96, 2), 3);
    expect(o.sizing.perBrokerEgressCapacityMBps).toBeCloseTo(2 * perBroker(81, 96, 2), 3);
    expect(o.sizing).toMatchObject({
      utilizationTarget: 0.5,
      storageIoFactor: 6.5,
      networkIoFactor: 8.7,
      storageUtilizationTarget: 0.5,
    });
  });

  it('the cheapest type within the 60-broker cluster quota wins, even when a type beyond the quota is cheaper', () => {
    // 300 MB/s, 1 consumer: m7g.large 300 ÷ 6.058 = 49.5 → 51 brokers × $0.204 = $10.40/h (within 60)
    const e = evaluate(
      aWorkload().withAvgWriteMBps(300).withPeakWriteMBps(300).withRecordSizeKB(10).withRetentionHours(6).build(),
      card,
    );
    const o = optionOf(e, 'MSK_PROVISIONED');
    expect(o.sizing.brokers).toBeLessThanOrEqual(60);
    expect(e.warnings.map((w) => w.code)).not.toContain('LIMIT_MSK_BROKERS_PER_CLUSTER');
  });

  it('storage = retained GB × RF 3 × 2, whole GB per broker, and brokers grow past 16 TiB each', () => {
    // 20,000 GB/day kept 3 days on EBS only (local retention 72 h): 60,000 GB × 3 × 2 = 360,000 GB ÷ 16,384 = 21.97 → 24 brokers
    const e = evaluate(
      aWorkload()
        .withIngestGbPerDay(20000)
        .withRecordSizeKB(10)
        .withRetentionHours(72)
        .withMskBrokerFamily('m5')
        .build(),
      card,
    );
    const o = optionOf(e, 'MSK_PROVISIONED');
    const total = 20000 * 3 * 3 * 2;
    expect(o.sizing.brokers! * 16384).toBeGreaterThanOrEqual(total);
    expect(o.sizing.storageGbPerBroker).toBe(Math.ceil(total / o.sizing.brokers!));
    expect(o.sizing.storageGbPerBroker).toBeLessThanOrEqual(16384);
    expect(line(e, 'MSK_PROVISIONED', 'MSK_STORAGE').monthlyCostUsd).toBe(
      usd(o.sizing.brokers! * Math.ceil(total / o.sizing.brokers!), '0.10'),
    );
  });

  it('30 days: tiered storage after 72 h when cheaper; mskLocalRetentionHours = retention turns it off', () => {
    const e = evaluate(aWorkload().withIngestGbPerDay(100).withRetentionHours(720).build(), card);
    const o = optionOf(e, 'MSK_PROVISIONED');
    expect(o.sizing).toMatchObject({
      tieredStorage: true,
      localRetentionHours: 72,
      // the tier holds the full 30 days (100 GB/day × 30), not 30 days − 72 h (AWS's manage-storage.md)
      tieredStorageGb: 3000,
      storageGbPerBroker: 600,
    });
    expect(line(e, 'MSK_PROVISIONED', 'MSK_TIERED_STORAGE').monthlyCostUsd).toBe(usd(3000, '0.06'));
    const off = evaluate(
      aWorkload().withIngestGbPerDay(100).withRetentionHours(720).with({ mskLocalRetentionHours: 720 }).build(),
      card,
    );
    const p = optionOf(off, 'MSK_PROVISIONED');
    expect(p.sizing.tieredStorage).toBe(false);
    expect(p.lineItems.map((l) => l.code)).not.toContain('MSK_TIERED_STORAGE');
    expect(p.monthlyCostUsd!).toBeGreaterThan(o.monthlyCostUsd!);
    // the tiered option shows that all-EBS cluster beside it, with the same total
    expect(o.sizing).toMatchObject({
      untieredBrokerType: p.sizing.brokerType,
      untieredBrokers: p.sizing.brokers,
      untieredStorageGbPerBroker: p.sizing.storageGbPerBroker,
      untieredTotalStorageGb: p.sizing.totalStorageGb,
      untieredMonthlyCostUsd: p.monthlyCostUsd,
      tieredMonthlyCostUsd: o.monthlyCostUsd,
    });
    expect(p.sizing.untieredMonthlyCostUsd).toBeUndefined();
  });

  it('reads of old data are billed as tiered-storage retrieval (Price List usage type Kafka.DataRetrieval.Tiered)', () => {
    const e = evaluate(
      aWorkload().withIngestGbPerDay(100).withRetentionHours(720).with({ historicalReadGbPerMonth: 5000 }).build(),
      card,
    );
    const retrieval = line(e, 'MSK_PROVISIONED', 'MSK_TIERED_RETRIEVAL');
    expect(retrieval).toMatchObject({
      quantity: 5000,
      rateKey: 'msk.tieredStorage.retrievalGb',
      usageType: 'USE1-Kafka.DataRetrieval.Tiered',
    });
    expect(retrieval.monthlyCostUsd).toBe(usd(5000, '0.0015'));
    // without tiered storage (retention within the local retention) old reads come from EBS: no retrieval line
    const local = evaluate(
      aWorkload().withIngestGbPerDay(100).withRetentionHours(48).with({ historicalReadGbPerMonth: 5000 }).build(),
      card,
    );
    expect(optionOf(local, 'MSK_PROVISIONED').lineItems.map((l) => l.code)).not.toContain('MSK_TIERED_RETRIEVAL');
  });

  it('keeps everything on EBS when tiered storage would cost more (tier priced far above EBS)', () => {
    const e = evaluate(aWorkload().withIngestGbPerDay(100).withRetentionHours(720).build(), card, {
      rateOverrides: { 'msk.tieredStorage.gbMonth': 5 },
    });
    const o = optionOf(e, 'MSK_PROVISIONED');
    expect(o.sizing.tieredStorage).toBe(false);
    expect(o.assumptions.join(' ')).toContain('keeping all 720 h on EBS costs less');
  });

  it('provisioned storage throughput is sized and priced on 4xlarge and larger brokers', () => {
    const onlyBig = usEast1RateCard({
      without: Object.keys(card.rates).filter(
        (k) => k.startsWith('msk.brokerHour.') && k !== 'msk.brokerHour.kafka.m7g.4xlarge',
      ),
    });
    const w = aWorkload()
      .withAvgWriteMBps(100)
      .withPeakWriteMBps(100)
      .withRecordSizeKB(10)
      .with({ mskStorageThroughputMBpsPerBroker: 500 })
      .build();
    const e = evaluate(w, onlyBig);
    const o = optionOf(e, 'MSK_PROVISIONED');
    expect(o.sizing).toMatchObject({ brokerType: 'kafka.m7g.4xlarge', storageThroughputMBpsPerBroker: 500 });
    expect(line(e, 'MSK_PROVISIONED', 'MSK_STORAGE_THROUGHPUT').monthlyCostUsd).toBe(
      usd(o.sizing.brokers! * 500, '0.08'),
    );
    expect(o.assumptions.join(' ')).toContain('not compared: kafka.m5.large, kafka.m5.xlarge');
  });

  it('rack-aware consumers remove the consumer cross-AZ line; producers still cross AZs', () => {
    const e = evaluate(aWorkload().withSharedConsumers(3).withRackAwareConsumers().build(), card);
    const codes = optionOf(e, 'MSK_PROVISIONED').lineItems.map((l) => l.code);
    expect(codes).toContain('MSK_CROSS_AZ_PRODUCER');
    expect(codes).not.toContain('MSK_CROSS_AZ_CONSUMER');
    const notAware = evaluate(aWorkload().withSharedConsumers(3).build(), card);
    expect(line(notAware, 'MSK_PROVISIONED', 'MSK_CROSS_AZ_CONSUMER').monthlyCostUsd).toBe(
      usd((3 * monthlyGb(100) * 2) / 3, '0.02'),
    );
  });
});

describe('MSK Express', () => {
  it.each([
    // 100 MB/s in ÷ (15.625 × 0.75) = 8.5 (200 out ÷ 39.06 = 5.1) → 9 large = $3.672/h; xlarge 100 ÷ 23.4 = 4.3 → 6 = $4.896/h
    ['100 MB/s', 100, 'express.m7g.large', 9],
    ['10 MB/s', 10, 'express.m7g.large', 3],
  ] as const)('%s', (_name, mbps, type, brokers) => {
    const o = optionOf(
      evaluate(
        aWorkload().withAvgWriteMBps(mbps).withPeakWriteMBps(mbps).withRecordSizeKB(10).withSharedConsumers(2).build(),
        card,
      ),
      'MSK_EXPRESS',
    );
    expect(o.sizing.brokerType).toBe(type);
    expect(o.sizing.brokers).toBe(brokers);
  });

  it('egress factor is an assumption the caller can change (2.0 as in the size-and-choose example)', () => {
    // 100 MiB/s in, 5 consumers = 500 out: large egress 15.625 × 2.5 = 39.06 → 12.8 → 15 brokers; × 2.0 = 31.25 → 16 → 18
    const w = aWorkload().withAvgWriteMBps(100).withPeakWriteMBps(100).withRecordSizeKB(10).withSharedConsumers(5);
    const at25 = optionOf(evaluate(w.build(), card), 'MSK_EXPRESS');
    expect(at25.sizing).toMatchObject({
      brokerType: 'express.m7g.large',
      brokers: 15,
      boundBy: 'EGRESS',
      expressEgressFactor: 2.5,
    });
    const at20 = optionOf(evaluate(w.with({ mskExpressEgressFactor: 2 }).build(), card), 'MSK_EXPRESS');
    expect(at20.sizing).toMatchObject({ brokers: 18, boundBy: 'EGRESS', expressEgressFactor: 2 });
    expect(at20.assumptions.join(' ')).toContain('egress = ingress × 2');
  });

  it('bills storage on one logical copy and data written per GB', () => {
    const e = evaluate(aWorkload().withIngestGbPerDay(100).withRetentionHours(72).build(), card);
    expect(line(e, 'MSK_EXPRESS', 'MSK_EXPRESS_STORAGE').monthlyCostUsd).toBe(usd(300, '0.10'));
    expect(line(e, 'MSK_EXPRESS', 'MSK_EXPRESS_DATA_WRITTEN').monthlyCostUsd).toBe(usd(monthlyGb(100), '0.01'));
  });
});

describe('MSK Serverless partitions', () => {
  it.each([
    ['default 12 for small workloads', aWorkload().withIngestGbPerDay(100), 12, 'DEFAULT_PARTITIONS'],
    // 100 MB/s ÷ 5 MB/s = 20; reads 100 × 1 ÷ 10 = 10 → 20
    [
      '5 MB/s in per partition',
      aWorkload().withAvgWriteMBps(100).withPeakWriteMBps(100).withRecordSizeKB(10).withRetentionHours(1),
      20,
      'PARTITION_THROUGHPUT',
    ],
    // 100 GB/day for 30 days = 3,000 GB; at most 250 GB per partition → 12 … 5,000 GB/day for 7 days = 35,000 GB → 140
    [
      '250 GB per partition at most',
      aWorkload().withIngestGbPerDay(5000).withRecordSizeKB(10).withRetentionHours(168),
      140,
      'PARTITION_SIZE',
    ],
    // reads 50 × 3 consumers = 150 ÷ 10 = 15 > 50 ÷ 5 = 10
    [
      '10 MB/s out per partition',
      aWorkload()
        .withAvgWriteMBps(50)
        .withPeakWriteMBps(50)
        .withRecordSizeKB(10)
        .withSharedConsumers(3)
        .withRetentionHours(1),
      15,
      'PARTITION_THROUGHPUT',
    ],
    [
      'caller partitions above the need',
      aWorkload().withIngestGbPerDay(100).withPartitions(40),
      40,
      'CALLER_PARTITIONS',
    ],
    [
      'caller partitions below the need are raised',
      aWorkload()
        .withAvgWriteMBps(100)
        .withPeakWriteMBps(100)
        .withRecordSizeKB(10)
        .withPartitions(4)
        .withRetentionHours(1),
      20,
      'PARTITION_THROUGHPUT',
    ],
  ] as const)('%s → %p', (_name, builder, partitions, boundBy) => {
    const e = evaluate(builder.build(), card);
    const o = optionOf(e, 'MSK_SERVERLESS');
    expect(o.sizing.partitions).toBe(partitions);
    expect(o.sizing.boundBy).toBe(boundBy);
    expect(line(e, 'MSK_SERVERLESS', 'MSK_SERVERLESS_PARTITION_HOURS').monthlyCostUsd).toBe(
      usd(partitions * 730, '0.0015'),
    );
  });
});
