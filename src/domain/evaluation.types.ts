/** Result shapes of the domain API. Plain JSON-serializable data; scalar fields where GraphQL maps them. */
import type { CurrentComparison } from './current-option';
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

/** Where the recommendation changes inside the volume range. */
export interface RecommendationChange {
  /** ABOVE: from `atMultiplier` up the recommendation is `to`; BELOW: at `atMultiplier` and below it is `to`. */
  direction: 'ABOVE' | 'BELOW';
  /** Multiplier of the expected volume (6 decimals, on the changed side). */
  atMultiplier: number;
  /** The volume there, GB/day and peak MB/s. */
  ingestGbPerDay: number;
  peakWriteMBps: number;
  from: OptionCode | null;
  to: OptionCode | null;
}

/** Does the recommendation hold across the volume range, and if not, where does it change and to what. */
export interface Robustness {
  volumeRange: VolumeRange;
  /** The same option is recommended at every volume of the range. */
  holds: boolean;
  /** The recommendation holds over (holdsFromMultiplier, holdsToMultiplier), both ends included when no change bounds them. */
  holdsFromMultiplier: number;
  holdsToMultiplier: number;
  changes: RecommendationChange[];
  summary: string;
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
  /** Cost across the request's volumeRange; null when the option is unpriced. */
  monthlyCostBandUsd: CostBand | null;
  risks: Risk[];
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
  /** Null only when the caller did not ask for the volume study (a GraphQL selection without it). */
  robustness: Robustness | null;
}

export interface Evaluation {
  workload: NormalizedWorkload;
  /** The volume range the bands and the robustness check used (the request's, or the default). */
  volumeRange: VolumeRange;
  basis: EvaluationBasis;
  recommendation: Recommendation;
  decisionTrace: TraceEntry[];
  options: OptionResult[];
  rateCard: RateCardRef;
  warnings: Issue[];
  /** Present when the request names what runs today (`currentOption`): its cost, the best fit's, the saving, the risks of moving. */
  current?: CurrentComparison | null;
}

export interface OptionTotal {
  option: OptionCode;
  monthlyCostUsd: number | null;
}

export interface Estimate {
  volumeRange: VolumeRange;
  options: OptionResult[];
  rateCard: RateCardRef;
  totals: OptionTotal[];
  basis: EvaluationBasis;
  warnings: Issue[];
}
