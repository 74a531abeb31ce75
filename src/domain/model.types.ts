/**
 * The model's pieces: what sizing, pricing and the rules compute for one option (sizing, billed lines, risks,
 * issues) and the volume range and cost band they are read across. Plain JSON-serializable data.
 * The answers built from them are in output.types.ts.
 */
import type { RateCardSource } from './rate-card';

export interface Issue {
  code: string;
  message: string;
}

/** One billed line, as finance reconciles it against an AWS bill. */
export interface LineItem {
  code: string;
  description: string;
  /** Billing quantity in `unit`, rounded to 6 decimals. */
  quantity: number;
  unit: string;
  /** USD per unit after override and discount, full precision. */
  unitPriceUsd: number;
  /** round_half_up(quantity × unitPriceUsd, 2). */
  monthlyCostUsd: number;
  usageType: string;
  rateKey: string;
  rateSource: RateCardSource;
}

/**
 * Sizing of one option: one flat shape for all six (fields that do not apply are absent).
 * `boundBy` names the constraint that set the size.
 */
export interface OptionSizing {
  boundBy: string;
  /** Demand multiplier applied before dividing by per-unit capacity (1.2 = 20 % headroom). */
  headroomFactor?: number;
  peakWriteMBps?: number;
  peakReadMBps?: number;
  // Kinesis provisioned
  shards?: number;
  shardsForWriteThroughput?: number;
  shardsForWriteRecords?: number;
  shardsForSharedRead?: number;
  // Kinesis on-demand
  onDemandWriteCapacityMBps?: number;
  onDemandMaxWriteMBps?: number;
  onDemandSharedReadMBps?: number;
  onDemandMaxReadMBps?: number;
  efoConsumers?: number;
  // MSK
  brokerType?: string;
  brokers?: number;
  perBrokerIngressCapacityMBps?: number;
  perBrokerEgressCapacityMBps?: number;
  replicationFactor?: number;
  storageGbPerBroker?: number;
  totalStorageGb?: number;
  storageUtilizationTarget?: number;
  /** Logical (one-copy) GB stored on average. */
  storedGb?: number;
  partitions?: number;
  partitionReplicasPerBroker?: number;
  partitionsRecommendedPerBroker?: number;
  /** MSK (AWS's sizing method): fraction of broker capacity used at peak. */
  utilizationTarget?: number;
  /** MSK Standard: EBS write I/O and NIC traffic per unit of client ingress (one AZ down). */
  storageIoFactor?: number;
  networkIoFactor?: number;
  /** MSK Express: egress capacity as a multiple of broker ingress. */
  expressEgressFactor?: number;
  /** MSK Standard: tiered storage in use, hours kept on EBS, GB (one copy) in the tier. */
  tieredStorage?: boolean;
  localRetentionHours?: number;
  tieredStorageGb?: number;
  /**
   * MSK Standard with tiered storage (tieredStorage true): the all-EBS cluster beside it, as AWS's sizing script and
   * calculator size it — broker type and count, EBS, and its monthly total (same legs, rates and discount) — and the
   * tiered total (= monthlyCostUsd) for side-by-side reading. Absent when the option keeps everything on EBS.
   */
  untieredBrokerType?: string;
  untieredBrokers?: number;
  untieredStorageGbPerBroker?: number;
  untieredTotalStorageGb?: number;
  untieredMonthlyCostUsd?: number | null;
  tieredMonthlyCostUsd?: number | null;
  /** MSK Standard: provisioned storage throughput per broker, MiB/s (0 = none). */
  storageThroughputMBpsPerBroker?: number;
  /** Kinesis: the region's default on-demand and shard quotas (HIGH in us-east-1, us-west-2, eu-west-1). */
  quotaTier?: string;
  shardQuota?: number;
  // Pipeline legs (present only when deliverTo or cross-region replication is asked)
  /** The pipeline this option implies, in words (e.g. `Amazon MSK → Amazon Data Firehose → S3`). */
  pipeline?: string;
  /** FIREHOSE or MSK_CONNECT. */
  deliveryVia?: string;
  deliverySinks?: number;
  mskConnectMcus?: number;
  mskConnectWorkers?: number;
  /** MSK_REPLICATOR or CUSTOM_CONSUMER (Kinesis, an assumption). */
  replicationVia?: string;
}

/** A named risk of an option and the write rate (MB/s) at which it bites. */
export interface Risk {
  code: string;
  message: string;
  /** Write rate at which the risk materializes, in `unit`. */
  threshold: number;
  unit: string;
  /** The workload's peak write rate as a percentage of the threshold (one decimal). */
  peakUtilizationPercent: number;
}

/** Multipliers of the expected volume (writes, and reads with them) that bound the cost band and the robustness check. */
export interface VolumeRange {
  low: number;
  high: number;
}

/** Monthly cost across the volume range: lowest and highest of the costs priced across it; `expected` = monthlyCostUsd. */
export interface CostBand {
  low: number;
  expected: number;
  high: number;
}
