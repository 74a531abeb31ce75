/**
 * Service limits that decide fit (the quota pages of sources.ts). Every number names its source and confidence.
 * Sizes in KB/MB follow the billing basis (KB = 1,024 bytes, MB = 1,024 KB).
 */
export const KDS_LIMITS = {
  /** Per shard: 1 MB/s or 1,000 records/s write; 2 MB/s shared read; EFO 2 MB/s per shard per consumer. AWS (Kinesis quotas). */
  shardWriteMBps: 1,
  shardWriteRecordsPerSec: 1000,
  shardSharedReadMBps: 2,
  shardEfoReadMBpsPerConsumer: 2,
  /** Registered enhanced fan-out consumers per stream: 20 (50 with On-demand Advantage). AWS. */
  maxEfoConsumers: 20,
  maxEfoConsumersAdvantage: 50,
  /** Record size: 1 MiB by default, configurable up to 10 MiB per stream. AWS (large records). */
  defaultMaxRecordKB: 1024,
  absoluteMaxRecordKB: 10 * 1024,
  /** Retention: 24 h default (included), up to 7 days extended, up to 365 days long-term. AWS. */
  includedRetentionHours: 24,
  extendedRetentionMaxHours: 7 * 24,
  maxRetentionHours: 365 * 24,
  /**
   * On-demand (standard and Advantage) per-stream default maximum outside the large regions: 200 MB/s write,
   * 400 MB/s read; raisable on request. AWS. Region by region: `kdsRegionalQuotas(region)`.
   */
  onDemandMaxWriteMBps: 200,
  onDemandMaxReadMBps: 400,
  /** On-demand streams start at 4 MB/s write capacity and scale to 2x their 30-day peak. AWS. */
  onDemandInitialWriteMBps: 4,
  /** Shard quota per account in us-east-1, us-west-2 and eu-west-1 (elsewhere see `kdsRegionalQuotas`). AWS. */
  shardQuota: 20000,
  /** Typical propagation latency (decision guide): shared GetRecords ~200 ms, enhanced fan-out ~70 ms. AWS. */
  sharedReadLatencyMs: 200,
  efoLatencyMs: 70,
} as const;

export const MSK_LIMITS = {
  /** Replication factor and AZ count assumed for every provisioned cluster. AWS (best practices). */
  replicationFactor: 3,
  availabilityZones: 3,
  minBrokers: 3,
  /** Default EBS throughput per Standard broker: 250 MiB/s; with RF 3 every client byte is written 3 times. AWS. */
  ebsThroughputMiBpsPerBroker: 250,
  /** Storage per Standard broker: 1 GiB .. 16 TiB. AWS. */
  minStorageGbPerBroker: 1,
  maxStorageGbPerBroker: 16 * 1024,
  /** Typical end-to-end latency (decision guide): ~5 ms. AWS. */
  typicalLatencyMs: 5,
  /** Default max message size (message.max.bytes ~1 MB), configurable. AWS. */
  defaultMaxMessageKB: 1024,
  /** MSK Serverless: 200 MB/s in, 400 MB/s out per cluster; 5 / 10 MB/s per partition; 8 MB max message. AWS. */
  serverlessMaxIngressMBps: 200,
  serverlessMaxEgressMBps: 400,
  serverlessPartitionIngressMBps: 5,
  serverlessPartitionEgressMBps: 10,
  serverlessMaxMessageKB: 8 * 1024,
  /**
   * Partitions per Serverless cluster: 2,400 for non-compacted topics (120 for compacted ones); the 2023 docs said
   * 120 for all. Maximum partition size 250 GB; retention unlimited. AWS (MSK developer guide, serverless-quota).
   */
  serverlessPartitionQuota: 2400,
  serverlessCompactedPartitionQuota: 120,
  serverlessMaxPartitionGb: 250,
} as const;

/**
 * Kinesis quotas that differ by region, as data (AWS, Kinesis Data Streams quotas page `service-sizes-and-limits`).
 * On-demand streams scale to 10 GB/s write and 20 GB/s read by default in us-east-1, us-west-2 and eu-west-1, and to
 * 200 MB/s / 400 MB/s elsewhere; the default shard quota is 20,000 in those three regions and 1,000 or 6,000
 * elsewhere (streamfit uses the lower, 1,000). All are raisable on request, so exceeding them warns, never disqualifies.
 */
export const KDS_HIGH_QUOTA_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;

export interface KdsRegionalQuotas {
  region: string;
  /** HIGH: one of the three regions with the high defaults; STANDARD: every other region. */
  tier: 'HIGH' | 'STANDARD';
  onDemandMaxWriteMBps: number;
  onDemandMaxReadMBps: number;
  shardQuota: number;
}

export const KDS_QUOTA_TIERS = {
  HIGH: { onDemandMaxWriteMBps: 10 * 1024, onDemandMaxReadMBps: 20 * 1024, shardQuota: 20000 },
  STANDARD: { onDemandMaxWriteMBps: 200, onDemandMaxReadMBps: 400, shardQuota: 1000 },
} as const;

/** Quotas per region, built once each (sizing and the rules ask several times per evaluation). */
const quotasByRegion = new Map<string, Readonly<KdsRegionalQuotas>>();
const MAX_REMEMBERED_REGIONS = 64;

export function kdsRegionalQuotas(region: string): Readonly<KdsRegionalQuotas> {
  const known = quotasByRegion.get(region);
  if (known) return known;
  const tier = (KDS_HIGH_QUOTA_REGIONS as readonly string[]).includes(region) ? 'HIGH' : 'STANDARD';
  const quotas = Object.freeze({ region, tier, ...KDS_QUOTA_TIERS[tier] });
  if (quotasByRegion.size < MAX_REMEMBERED_REGIONS) quotasByRegion.set(region, quotas);
  return quotas;
}
