/** MSK sizing: Standard brokers (type, count, storage), Express brokers, Serverless partitions. */
import { evaluate } from '../../src/domain';
import { line, monthlyGb, optionOf, usd } from './support/hand';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { aWorkload } from './support/workload.builder';

const card = usEast1RateCard();

describe('MSK provisioned (Standard brokers)', () => {
  it.each([
    // name, workload, brokerType, brokers, boundBy
    ['tiny (peak ≤ 1 MB/s) → 3 × t3.small', aWorkload().withIngestGbPerDay(10), 'kafka.t3.small', 3, 'MINIMUM_BROKERS'],
    ['small → 3 × m7g.large (cheaper than m5.large)', aWorkload().withIngestGbPerDay(100), 'kafka.m7g.large', 3, 'MINIMUM_BROKERS'],
    ['family m5 → 3 × m5.large', aWorkload().withIngestGbPerDay(100).withMskBrokerFamily('m5'), 'kafka.m5.large', 3, 'MINIMUM_BROKERS'],
    // 200 MB/s × 1.2 = 240 MiB/s in and out. m7g.large: 240 ÷ 25.03 (630 Mbit/s EBS ÷ 3) = 9.6 → 12 brokers × $0.204;
    // m7g.xlarge: 240 ÷ 49.7 = 4.8 → 6 × $0.408 — the same $2.448/h and the same storage, so the first (large) wins the tie
    ['instance ingress bound: 200 MB/s peak, 1 consumer', aWorkload().withAvgWriteMBps(200).withPeakWriteMBps(200).withRecordSizeKB(10), 'kafka.m7g.large', 12, 'INGRESS_INSTANCE_THROUGHPUT'],
    // 400 MB/s: m7g.large 480 ÷ 25.03 = 19.2 → 21 × $0.204 = $4.284/h beats m7g.xlarge 12 × $0.408 = $4.896/h
    ['instance ingress bound: 400 MB/s peak, 1 consumer', aWorkload().withAvgWriteMBps(400).withPeakWriteMBps(400).withRecordSizeKB(10), 'kafka.m7g.large', 21, 'INGRESS_INSTANCE_THROUGHPUT'],
    // egress-heavy: 100 MB/s × 100 consumers × 1.2 = 12,000 MiB/s out. m7g.large (61.6 out) needs 195 brokers = $39.78/h;
    // m7g.4xlarge (7.5 Gbit/s = 894 − 2 × 83.3 = 727 out) needs 16.5 → 18 = $29.38/h (ties 8xlarge/12xlarge; first wins)
    ['egress bound: 100 MB/s read by 100 consumers', aWorkload().withAvgWriteMBps(100).withPeakWriteMBps(100).withRecordSizeKB(10).withSharedConsumers(100), 'kafka.m7g.4xlarge', 18, 'EGRESS'],
    // partitions: 2,000 × 3 replicas ÷ 1,000 per large broker = 6
    ['partitions per broker: 2,000 partitions', aWorkload().withIngestGbPerDay(100).withPartitions(2000), 'kafka.m7g.large', 6, 'PARTITIONS_PER_BROKER'],
  ] as const)('%s', (_name, builder, brokerType, brokers, boundBy) => {
    const o = optionOf(evaluate(builder.build(), card), 'MSK_PROVISIONED');
    expect(o.sizing.brokerType).toBe(brokerType);
    expect(o.sizing.brokers).toBe(brokers);
    expect(o.sizing.boundBy).toBe(boundBy);
    expect(o.sizing.brokers! % 3).toBe(0);
  });

  it('storage-throughput bound (250 MiB/s EBS ÷ RF 3 ≈ 83.3 MiB/s in per broker) when only big brokers are priced', () => {
    const onlyBig = usEast1RateCard({
      without: Object.keys(card.rates).filter((k) => k.startsWith('msk.brokerHour.') && k !== 'msk.brokerHour.kafka.m7g.4xlarge'),
    });
    // 6 h retention keeps storage (400 MB/s × 6 h = 8,437.5 GB × 3 ÷ 0.7 = 36,161 GB) under 16 TiB × 6
    const w = aWorkload().withAvgWriteMBps(400).withPeakWriteMBps(400).withRecordSizeKB(10).withRetentionHours(6).build();
    const o = optionOf(evaluate(w, onlyBig), 'MSK_PROVISIONED');
    // 480 MiB/s ÷ 83.33 = 5.76 → 6 brokers
    expect(o.sizing).toMatchObject({ brokerType: 'kafka.m7g.4xlarge', brokers: 6, boundBy: 'STORAGE_THROUGHPUT' });
    expect(o.assumptions.join(' ')).toContain('not compared: kafka.m5.large, kafka.m5.xlarge');
  });

  it('per-broker capacities come from EC2 baselines: m5.large ≈ 25.8 MiB/s in (650 Mbit/s EBS ÷ 3)', () => {
    const o = optionOf(evaluate(aWorkload().withMskBrokerFamily('m5').build(), card), 'MSK_PROVISIONED');
    const ingress = (650 * 1e6) / 8 / 1048576 / 3;
    const egress = (0.75e9 / 8 / 1048576) - 2 * ingress;
    expect(o.sizing.perBrokerIngressCapacityMBps).toBeCloseTo(ingress, 3);
    expect(o.sizing.perBrokerEgressCapacityMBps).toBeCloseTo(egress, 3);
  });

  it('storage = retained GB × RF 3 ÷ 0.7, whole GB per broker, and brokers grow past 16 TiB each', () => {
    // 20,000 GB/day kept 30 days: 600,000 GB × 3 ÷ 0.7 = 2,571,428.6 GB ÷ 16,384 = 156.9 → 159 brokers (multiple of 3)
    const e = evaluate(aWorkload().withIngestGbPerDay(20000).withRecordSizeKB(10).withRetentionHours(720).build(), card);
    const o = optionOf(e, 'MSK_PROVISIONED');
    const total = (20000 * 30 * 3) / 0.7;
    expect(o.sizing.boundBy).toBe('STORAGE_PER_BROKER');
    expect(o.sizing.brokers).toBe(159);
    expect(o.sizing.storageGbPerBroker).toBe(Math.ceil(total / 159));
    expect(o.sizing.storageGbPerBroker).toBeLessThanOrEqual(16384);
    expect(line(e, 'MSK_PROVISIONED', 'MSK_STORAGE').monthlyCostUsd).toBe(usd(159 * Math.ceil(total / 159), '0.10'));
  });

  it('rack-aware consumers remove the consumer cross-AZ line; producers still cross AZs', () => {
    const e = evaluate(aWorkload().withSharedConsumers(3).withRackAwareConsumers().build(), card);
    const codes = optionOf(e, 'MSK_PROVISIONED').lineItems.map((l) => l.code);
    expect(codes).toContain('MSK_CROSS_AZ_PRODUCER');
    expect(codes).not.toContain('MSK_CROSS_AZ_CONSUMER');
    const notAware = evaluate(aWorkload().withSharedConsumers(3).build(), card);
    expect(line(notAware, 'MSK_PROVISIONED', 'MSK_CROSS_AZ_CONSUMER').monthlyCostUsd).toBe(usd((3 * monthlyGb(100) * 2) / 3, '0.02'));
  });
});

describe('MSK Express', () => {
  it.each([
    // 100 MB/s × 1.2 = 120 in ÷ 15.6 = 7.7 (240 out ÷ 39 = 6.2) → 9 large = $3.672/h; xlarge 120 ÷ 31.25 = 3.84 → 6 = $4.896/h
    ['100 MB/s', 100, 'express.m7g.large', 9],
    ['10 MB/s', 10, 'express.m7g.large', 3],
  ] as const)('%s', (_name, mbps, type, brokers) => {
    const o = optionOf(evaluate(aWorkload().withAvgWriteMBps(mbps).withPeakWriteMBps(mbps).withRecordSizeKB(10).withSharedConsumers(2).build(), card), 'MSK_EXPRESS');
    expect(o.sizing.brokerType).toBe(type);
    expect(o.sizing.brokers).toBe(brokers);
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
    ['5 MB/s in per partition', aWorkload().withAvgWriteMBps(100).withPeakWriteMBps(100).withRecordSizeKB(10), 20, 'PARTITION_THROUGHPUT'],
    // reads 50 × 3 consumers = 150 ÷ 10 = 15 > 50 ÷ 5 = 10
    ['10 MB/s out per partition', aWorkload().withAvgWriteMBps(50).withPeakWriteMBps(50).withRecordSizeKB(10).withSharedConsumers(3), 15, 'PARTITION_THROUGHPUT'],
    ['caller partitions above the need', aWorkload().withIngestGbPerDay(100).withPartitions(40), 40, 'CALLER_PARTITIONS'],
    ['caller partitions below the need are raised', aWorkload().withAvgWriteMBps(100).withPeakWriteMBps(100).withRecordSizeKB(10).withPartitions(4), 20, 'PARTITION_THROUGHPUT'],
  ] as const)('%s → %p', (_name, builder, partitions, boundBy) => {
    const e = evaluate(builder.build(), card);
    const o = optionOf(e, 'MSK_SERVERLESS');
    expect(o.sizing.partitions).toBe(partitions);
    expect(o.sizing.boundBy).toBe(boundBy);
    expect(line(e, 'MSK_SERVERLESS', 'MSK_SERVERLESS_PARTITION_HOURS').monthlyCostUsd).toBe(usd(partitions * 730, '0.0015'));
  });
});
