/** Result shapes of the domain API. Plain JSON-serializable data; scalar fields where GraphQL maps them. */
import type { OptionCode, ServiceCode } from './options';
import type { RateCardRef } from './pricing/rate-resolver';
import type { RateCardSource } from './rate-card';
import type { EvaluationBasis, NormalizedWorkload } from './workload.normalization';

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

export interface OptionResult {
  option: OptionCode;
  service: ServiceCode;
  label: string;
  eligible: boolean;
  /** 1 = recommended; then eligible priced by cost, eligible unpriced, ineligible. */
  rank: number;
  disqualifiedBy: Issue[];
  priced: boolean;
  missingRates: string[];
  monthlyCostUsd: number | null;
  lineItems: LineItem[];
  sizing: OptionSizing;
  assumptions: string[];
}

export interface TraceEntry {
  ruleId: string;
  question: string;
  /** The workload's answer, in words and numbers. */
  answer: string;
  /** Whether the rule's condition held for this workload. */
  fired: boolean;
  outcome: string;
  source: string;
}

export interface Recommendation {
  option: OptionCode | null;
  service: ServiceCode | null;
  headline: string;
  reasons: string[];
  monthlyCostUsd: number | null;
}

export interface Evaluation {
  workload: NormalizedWorkload;
  basis: EvaluationBasis;
  recommendation: Recommendation;
  decisionTrace: TraceEntry[];
  options: OptionResult[];
  rateCard: RateCardRef;
  warnings: Issue[];
}

export interface OptionTotal {
  option: OptionCode;
  monthlyCostUsd: number | null;
}

export interface Estimate {
  options: OptionResult[];
  rateCard: RateCardRef;
  totals: OptionTotal[];
  basis: EvaluationBasis;
  warnings: Issue[];
}
