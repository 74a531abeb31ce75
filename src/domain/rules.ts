/**
 * The decision rules as data: what GET /v1/decision-rules returns verbatim (JSON-serializable).
 * Order is the order of the decision trace. The flowchart of the AWS decision guide comes first,
 * then the hard limits (which disqualify options) and the advisories (which warn).
 * The evaluation of each rule against a workload lives in `decision.ts`, keyed by `id`.
 */
import { KDS_HIGH_QUOTA_REGIONS, KDS_LIMITS, KDS_QUOTA_TIERS, MSK_LIMITS } from './limits';
import { MSK_SIZING_FACTORS } from './sizing/broker-tables';
import type { OptionCode } from './options';
import { ADVANTAGE_MINIMUM_MBPS } from './pricing/kds-cost';
import { type Confidence, SOURCES, type SourceRef } from './sources';

export type RuleKind = 'FLOWCHART' | 'HARD_LIMIT' | 'ADVISORY';
/** PREFER steers the recommendation; DISQUALIFY makes options ineligible; WARN adds a warning; SIZE changes sizing; INFO only notes. */
export type RuleEffect = 'PREFER' | 'DISQUALIFY' | 'WARN' | 'SIZE' | 'INFO';

export interface RuleThreshold {
  name: string;
  value: number;
  unit: string;
}

export interface DecisionRule {
  id: string;
  kind: RuleKind;
  effect: RuleEffect;
  question: string;
  thresholds: RuleThreshold[];
  outcome: string;
  appliesTo: OptionCode[];
  source: string;
  sourceUrl: string;
  confidence: Confidence;
}

const ALL_KDS: OptionCode[] = ['KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_PROVISIONED'];
const ALL_MSK: OptionCode[] = ['MSK_PROVISIONED', 'MSK_EXPRESS', 'MSK_SERVERLESS'];
const ALL: OptionCode[] = [...ALL_KDS, ...ALL_MSK];

/**
 * The numbers the rules compare that are not service limits (limits.ts and broker-tables.ts hold those):
 * `decision.ts` evaluates every rule with these, and the rules' thresholds below publish them.
 */
export const RULE_THRESHOLDS = {
  /** FLOW_4: an average write rate above this, active all day, is cheaper on provisioned MSK brokers. */
  sustainedWriteMBps: 500,
  /** Active hours a day that count as sustained (24/7): FLOW_4, and the Advantage minimum (billed every hour). */
  sustainedHoursPerDay: 24,
  /** GetRecords calls per second each shard serves, shared by all shared consumers. */
  getRecordsPerSecondPerShard: 5,
  /** On-demand Advantage minimum throughput commitment, MB/s (what kds-cost.ts bills). */
  advantageMinimumMBps: ADVANTAGE_MINIMUM_MBPS,
} as const;

const src = (s: SourceRef) => ({ source: s.title, sourceUrl: s.url });

/** One threshold per region with the high defaults, then one for every other region. */
const perRegion = (name: string, key: keyof (typeof KDS_QUOTA_TIERS)['HIGH'], unit: string): RuleThreshold[] => [
  ...KDS_HIGH_QUOTA_REGIONS.map((r) => ({ name: `${name}.${r}`, value: KDS_QUOTA_TIERS.HIGH[key], unit })),
  { name: `${name}.otherRegions`, value: KDS_QUOTA_TIERS.STANDARD[key], unit },
];

export const RULE_IDS = {
  existingKafka: 'FLOW_1_EXISTING_KAFKA',
  kafkaConnect: 'FLOW_2_KAFKA_CONNECT',
  kafkaStreams: 'FLOW_3_KAFKA_STREAMS',
  sustainedThroughput: 'FLOW_4_SUSTAINED_THROUGHPUT',
  trafficPattern: 'FLOW_5_TRAFFIC_PATTERN',
  dedicatedConsumers: 'FLOW_6_DEDICATED_CONSUMERS',
  kdsRecordSizeMax: 'LIMIT_KDS_RECORD_SIZE_MAX',
  kdsRecordSizeDefault: 'LIMIT_KDS_RECORD_SIZE_DEFAULT',
  serverlessMessageSize: 'LIMIT_MSK_SERVERLESS_MESSAGE_SIZE',
  mskMessageSizeDefault: 'LIMIT_MSK_MESSAGE_SIZE_DEFAULT',
  kdsRetentionMax: 'LIMIT_KDS_RETENTION_MAX',
  kdsEfoConsumers: 'LIMIT_KDS_EFO_CONSUMERS',
  kdsOnDemandWrite: 'LIMIT_KDS_ON_DEMAND_WRITE',
  kdsOnDemandRead: 'LIMIT_KDS_ON_DEMAND_READ',
  kdsShardQuota: 'LIMIT_KDS_SHARD_QUOTA',
  serverlessIngress: 'LIMIT_MSK_SERVERLESS_INGRESS',
  serverlessEgress: 'LIMIT_MSK_SERVERLESS_EGRESS',
  serverlessPartitions: 'LIMIT_MSK_SERVERLESS_PARTITIONS',
  mskPartitionsPerBroker: 'LIMIT_MSK_PARTITIONS_PER_BROKER',
  mskStoragePerBroker: 'LIMIT_MSK_STORAGE_PER_BROKER',
  mskBrokerQuota: 'LIMIT_MSK_BROKERS_PER_CLUSTER',
  kdsLatency: 'LIMIT_KDS_LATENCY',
  mskLatency: 'LIMIT_MSK_LATENCY',
  crossRegion: 'LIMIT_CROSS_REGION_REPLICATION',
  notOfferedInRegion: 'LIMIT_NOT_OFFERED_IN_REGION',
  kdsSharedFanout: 'ADVISE_KDS_SHARED_CONSUMER_FANOUT',
  advantageMinimum: 'ADVISE_KDS_ADVANTAGE_MINIMUM',
  serverlessAuth: 'ADVISE_MSK_SERVERLESS_AUTH',
  lambdaConsumers: 'ADVISE_LAMBDA_CONSUMERS',
  pipeline: 'PIPELINE_IMPLIED',
} as const;

export const DECISION_RULES: readonly DecisionRule[] = [
  {
    id: RULE_IDS.existingKafka,
    kind: 'FLOWCHART',
    effect: 'PREFER',
    question: 'Do producers, consumers or tooling already speak the Kafka protocol?',
    thresholds: [],
    outcome: 'Yes → Amazon MSK (keep the Kafka clients and tooling).',
    appliesTo: ALL_MSK,
    ...src(SOURCES.decisionGuide),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.kafkaConnect,
    kind: 'FLOWCHART',
    effect: 'PREFER',
    question: 'Does the pipeline need Kafka Connect / managed connectors (CDC, sinks)?',
    thresholds: [],
    outcome: 'Yes → Amazon MSK (MSK Connect; connector cost is not priced here).',
    appliesTo: ALL_MSK,
    ...src(SOURCES.decisionGuide),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.kafkaStreams,
    kind: 'FLOWCHART',
    effect: 'PREFER',
    question: 'Does the pipeline need Kafka Streams (stateful joins, windows, KTables)?',
    thresholds: [],
    outcome: 'Yes → Amazon MSK.',
    appliesTo: ALL_MSK,
    ...src(SOURCES.decisionGuide),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.sustainedThroughput,
    kind: 'FLOWCHART',
    effect: 'PREFER',
    question: `Is the average write rate above ${RULE_THRESHOLDS.sustainedWriteMBps} MB/s, sustained ${RULE_THRESHOLDS.sustainedHoursPerDay} hours a day?`,
    thresholds: [
      { name: 'sustainedWriteMBps', value: RULE_THRESHOLDS.sustainedWriteMBps, unit: 'MB/s' },
      { name: 'activeHoursPerDay', value: RULE_THRESHOLDS.sustainedHoursPerDay, unit: 'h' },
    ],
    outcome: 'Yes → Amazon MSK provisioned (Standard or Express brokers), cheaper at sustained high throughput.',
    appliesTo: ['MSK_PROVISIONED', 'MSK_EXPRESS'],
    ...src(SOURCES.decisionGuide),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.trafficPattern,
    kind: 'FLOWCHART',
    effect: 'PREFER',
    question: 'Is the traffic highly variable or unpredictable?',
    thresholds: [],
    outcome:
      'VARIABLE or UNPREDICTABLE → Kinesis on-demand (standard or Advantage, whichever costs less); STEADY → Kinesis provisioned.',
    appliesTo: ALL_KDS,
    ...src(SOURCES.decisionGuide),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.dedicatedConsumers,
    kind: 'FLOWCHART',
    effect: 'PREFER',
    question: 'Are there more dedicated consumers than Kinesis enhanced fan-out allows per stream?',
    thresholds: [
      { name: 'maxEfoConsumers', value: KDS_LIMITS.maxEfoConsumers, unit: 'consumers' },
      { name: 'maxEfoConsumersAdvantage', value: KDS_LIMITS.maxEfoConsumersAdvantage, unit: 'consumers' },
    ],
    outcome:
      'Yes → the Kinesis options that cannot register them leave the preference: above 20, On-demand Advantage (up to 50) stays if preferred, else competes with Amazon MSK consumer groups on cost (the cheaper wins); above 50 → Amazon MSK consumer groups (no per-topic consumer-group limit of that kind).',
    appliesTo: ['KDS_ON_DEMAND_ADVANTAGE', ...ALL_MSK],
    ...src(SOURCES.decisionGuide),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.kdsRecordSizeMax,
    kind: 'HARD_LIMIT',
    effect: 'DISQUALIFY',
    question: 'Is the largest record above the Kinesis maximum record size (10 MiB)?',
    thresholds: [{ name: 'maxRecordSizeKB', value: KDS_LIMITS.absoluteMaxRecordKB, unit: 'KB' }],
    outcome: 'Yes → all Kinesis options are disqualified.',
    appliesTo: ALL_KDS,
    ...src(SOURCES.kdsLargeRecords),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.kdsRecordSizeDefault,
    kind: 'HARD_LIMIT',
    effect: 'WARN',
    question: 'Is the largest record above the Kinesis default maximum record size (1 MiB)?',
    thresholds: [{ name: 'maxRecordSizeKB', value: KDS_LIMITS.defaultMaxRecordKB, unit: 'KB' }],
    outcome: "Yes → warning: the stream's maximum record size must be raised (up to 10 MiB).",
    appliesTo: ALL_KDS,
    ...src(SOURCES.kdsLargeRecords),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.serverlessMessageSize,
    kind: 'HARD_LIMIT',
    effect: 'DISQUALIFY',
    question: 'Is the largest record above the MSK Serverless maximum message size (8 MiB)?',
    thresholds: [{ name: 'maxRecordSizeKB', value: MSK_LIMITS.serverlessMaxMessageKB, unit: 'KB' }],
    outcome: 'Yes → MSK Serverless is disqualified.',
    appliesTo: ['MSK_SERVERLESS'],
    ...src(SOURCES.mskServerlessQuotas),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.mskMessageSizeDefault,
    kind: 'HARD_LIMIT',
    effect: 'WARN',
    question: 'Is the largest record above the Kafka default maximum message size (~1 MiB)?',
    thresholds: [{ name: 'maxRecordSizeKB', value: MSK_LIMITS.defaultMaxMessageKB, unit: 'KB' }],
    outcome: 'Yes → warning: raise message.max.bytes (broker/topic) and the client limits on provisioned MSK.',
    appliesTo: ['MSK_PROVISIONED', 'MSK_EXPRESS'],
    ...src(SOURCES.mskBestPractices),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.kdsRetentionMax,
    kind: 'HARD_LIMIT',
    effect: 'DISQUALIFY',
    question: 'Must data stay readable longer than the Kinesis maximum retention (365 days)?',
    thresholds: [{ name: 'retentionHours', value: KDS_LIMITS.maxRetentionHours, unit: 'h' }],
    outcome: 'Yes → all Kinesis options are disqualified.',
    appliesTo: ALL_KDS,
    ...src(SOURCES.kdsQuotas),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.kdsEfoConsumers,
    kind: 'HARD_LIMIT',
    effect: 'DISQUALIFY',
    question: 'Are there more dedicated (enhanced fan-out) consumers than a stream can register?',
    thresholds: [
      { name: 'maxEfoConsumers', value: KDS_LIMITS.maxEfoConsumers, unit: 'consumers' },
      { name: 'maxEfoConsumersAdvantage', value: KDS_LIMITS.maxEfoConsumersAdvantage, unit: 'consumers' },
    ],
    outcome: 'Above 20 → Kinesis on-demand and provisioned are disqualified; above 50 → On-demand Advantage too.',
    appliesTo: ALL_KDS,
    ...src(SOURCES.kdsEfo),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.kdsOnDemandWrite,
    kind: 'HARD_LIMIT',
    effect: 'WARN',
    question:
      "Is the peak write rate above the region's default on-demand per-stream maximum (10 GB/s in us-east-1, us-west-2 and eu-west-1; 200 MB/s elsewhere)?",
    thresholds: perRegion('peakWriteMBps', 'onDemandMaxWriteMBps', 'MB/s'),
    outcome:
      'Yes → warning: request a quota increase for the stream (AWS raises it on request); the option stays eligible.',
    appliesTo: ['KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE'],
    ...src(SOURCES.kdsQuotas),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.kdsOnDemandRead,
    kind: 'HARD_LIMIT',
    effect: 'WARN',
    question:
      "Is the peak shared read rate (peak write × shared consumers) above the region's default on-demand per-stream maximum (20 GB/s in us-east-1, us-west-2 and eu-west-1; 400 MB/s elsewhere)?",
    thresholds: perRegion('sharedReadMBps', 'onDemandMaxReadMBps', 'MB/s'),
    outcome:
      'Yes → warning: request a quota increase, or move consumers to enhanced fan-out; the option stays eligible.',
    appliesTo: ['KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE'],
    ...src(SOURCES.kdsQuotas),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.kdsShardQuota,
    kind: 'HARD_LIMIT',
    effect: 'WARN',
    question:
      "Would the provisioned stream need more shards than the region's default account shard quota (20,000 in us-east-1, us-west-2 and eu-west-1; 1,000 or 6,000 elsewhere, streamfit uses 1,000)?",
    thresholds: perRegion('shards', 'shardQuota', 'shards'),
    outcome: 'Yes → warning: request a shard quota increase (Service Quotas); the option stays eligible.',
    appliesTo: ['KDS_PROVISIONED'],
    ...src(SOURCES.kdsQuotas),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.serverlessIngress,
    kind: 'HARD_LIMIT',
    effect: 'DISQUALIFY',
    question: 'Is the peak write rate above the MSK Serverless cluster ingress limit (200 MB/s)?',
    thresholds: [{ name: 'peakWriteMBps', value: MSK_LIMITS.serverlessMaxIngressMBps, unit: 'MB/s' }],
    outcome: 'Yes → MSK Serverless is disqualified.',
    appliesTo: ['MSK_SERVERLESS'],
    ...src(SOURCES.mskServerlessQuotas),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.serverlessEgress,
    kind: 'HARD_LIMIT',
    effect: 'DISQUALIFY',
    question:
      'Is the peak read rate (peak write × all consumers) above the MSK Serverless cluster egress limit (400 MB/s)?',
    thresholds: [{ name: 'peakReadMBps', value: MSK_LIMITS.serverlessMaxEgressMBps, unit: 'MB/s' }],
    outcome: 'Yes → MSK Serverless is disqualified.',
    appliesTo: ['MSK_SERVERLESS'],
    ...src(SOURCES.mskServerlessQuotas),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.serverlessPartitions,
    kind: 'HARD_LIMIT',
    effect: 'WARN',
    question: 'Does the Serverless cluster need more partitions than its quota (2,400 non-compacted; 120 compacted)?',
    thresholds: [
      { name: 'partitions', value: MSK_LIMITS.serverlessPartitionQuota, unit: 'partitions' },
      { name: 'compactedPartitions', value: MSK_LIMITS.serverlessCompactedPartitionQuota, unit: 'partitions' },
      { name: 'maxPartitionSizeGb', value: MSK_LIMITS.serverlessMaxPartitionGb, unit: 'GB' },
    ],
    outcome:
      'Yes → warning: request a higher partition quota. (Partitions are also sized so that none holds more than 250 GB.)',
    appliesTo: ['MSK_SERVERLESS'],
    ...src(SOURCES.mskServerlessQuotas),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.mskPartitionsPerBroker,
    kind: 'HARD_LIMIT',
    effect: 'SIZE',
    question: 'Do the partition replicas exceed the recommended partitions per broker of the chosen broker type?',
    thresholds: [
      { name: 'partitionsPerBroker.large', value: 1000, unit: 'partitions' },
      { name: 'partitionsPerBroker.2xlarge', value: 2000, unit: 'partitions' },
      { name: 'partitionsPerBroker.4xlargeAndUp', value: 4000, unit: 'partitions' },
    ],
    outcome:
      'Sizing adds brokers (or picks a larger type) until partitions × RF 3 ÷ brokers is within the recommendation.',
    appliesTo: ['MSK_PROVISIONED', 'MSK_EXPRESS'],
    ...src(SOURCES.mskBestPractices),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.mskStoragePerBroker,
    kind: 'HARD_LIMIT',
    effect: 'SIZE',
    question: 'Does the provisioned storage exceed 16 TiB per broker?',
    thresholds: [{ name: 'maxStorageGbPerBroker', value: MSK_LIMITS.maxStorageGbPerBroker, unit: 'GB' }],
    outcome: 'Sizing adds brokers until each holds at most 16 TiB.',
    appliesTo: ['MSK_PROVISIONED'],
    ...src(SOURCES.mskBestPractices),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.mskBrokerQuota,
    kind: 'HARD_LIMIT',
    effect: 'WARN',
    question:
      'Does even the cheapest broker type need more brokers than the default per-cluster quota (60 with KRaft, 30 with ZooKeeper)?',
    thresholds: [{ name: 'brokersPerCluster', value: MSK_SIZING_FACTORS.brokerQuotaPerCluster, unit: 'brokers' }],
    outcome:
      "Sizing picks the cheapest type within the quota (as AWS's sizing script does); if none fits, a warning: request a quota increase.",
    appliesTo: ['MSK_PROVISIONED', 'MSK_EXPRESS'],
    ...src(SOURCES.mskSizingScript),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.kdsLatency,
    kind: 'HARD_LIMIT',
    effect: 'DISQUALIFY',
    question:
      'Is the latency target below what Kinesis delivers on the read path used (~200 ms shared reads, ~70 ms enhanced fan-out)?',
    thresholds: [
      { name: 'sharedReadLatencyMs', value: KDS_LIMITS.sharedReadLatencyMs, unit: 'ms' },
      { name: 'efoLatencyMs', value: KDS_LIMITS.efoLatencyMs, unit: 'ms' },
    ],
    outcome:
      'Yes → Kinesis options are disqualified (below 200 ms, shared consumers would have to move to enhanced fan-out).',
    appliesTo: ALL_KDS,
    ...src(SOURCES.decisionGuide),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.mskLatency,
    kind: 'HARD_LIMIT',
    effect: 'DISQUALIFY',
    question: 'Is the latency target below the ~5 ms typical of Amazon MSK?',
    thresholds: [{ name: 'typicalLatencyMs', value: MSK_LIMITS.typicalLatencyMs, unit: 'ms' }],
    outcome: 'Yes → MSK options are disqualified.',
    appliesTo: ALL_MSK,
    ...src(SOURCES.decisionGuide),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.crossRegion,
    kind: 'HARD_LIMIT',
    effect: 'DISQUALIFY',
    question: 'Must the stream be replicated to another region?',
    thresholds: [],
    outcome:
      'Yes → Kinesis options are disqualified (Kinesis has no managed cross-region replication); the usual hand-built pattern (a consumer writing to a stream in the target region) is still priced in their line items, as a labelled assumption, for comparison. MSK options stay eligible and price MSK Replicator, inter-region transfer and the target cluster.',
    appliesTo: ALL,
    ...src(SOURCES.mskReplicator),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.notOfferedInRegion,
    kind: 'HARD_LIMIT',
    effect: 'DISQUALIFY',
    question: "Does AWS offer the option in the workload's region?",
    thresholds: [],
    outcome:
      'No → the option is not offered there (ineligible), which is not a missing price. Known: MSK Serverless is not offered in sa-east-1.',
    appliesTo: ALL,
    ...src(SOURCES.mskPricingFeed),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.kdsSharedFanout,
    kind: 'ADVISORY',
    effect: 'WARN',
    question:
      'Do more than 5 shared consumers poll each shard? Every shard serves 5 GetRecords calls per second shared by all consumers, so adding shards does not help.',
    thresholds: [
      { name: 'getRecordsPerSecondPerShard', value: RULE_THRESHOLDS.getRecordsPerSecondPerShard, unit: 'calls/s' },
      { name: 'sharedReadLatencyMs', value: KDS_LIMITS.sharedReadLatencyMs, unit: 'ms' },
      { name: 'efoLatencyMs', value: KDS_LIMITS.efoLatencyMs, unit: 'ms' },
    ],
    outcome:
      'Yes → warning, whatever the shard count: each consumer polls less than once a second (latency grows to about consumers ÷ 5 seconds); move consumers to enhanced fan-out (dedicated 2 MB/s per shard, ~70 ms, billed per consumer-shard-hour and GB).',
    appliesTo: ALL_KDS,
    ...src(SOURCES.kdsQuotas),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.advantageMinimum,
    kind: 'ADVISORY',
    effect: 'WARN',
    question:
      'Is the write rate below the On-demand Advantage 25 MB/s minimum throughput commitment (metered per hour, see README)?',
    thresholds: [{ name: 'advantageMinimumMBps', value: RULE_THRESHOLDS.advantageMinimumMBps, unit: 'MB/s' }],
    outcome:
      'Yes → warning: Advantage bills the shortfall (each hour at least 25 MB/s × 3,600 s of ingest and of retrieval, account-wide, 24-hour commitment; every reader that retrieves — consumers, Firehose delivery, a replicating consumer — fills the retrieval minimum); small workloads pay mostly for the minimum.',
    appliesTo: ['KDS_ON_DEMAND_ADVANTAGE'],
    ...src(SOURCES.kdsPricing),
    confidence: '3P',
  },
  {
    id: RULE_IDS.serverlessAuth,
    kind: 'ADVISORY',
    effect: 'WARN',
    question: 'Do existing Kafka clients have to move to IAM authentication for MSK Serverless?',
    thresholds: [],
    outcome: 'Existing Kafka clients → warning: MSK Serverless accepts IAM access control over TLS only.',
    appliesTo: ['MSK_SERVERLESS'],
    ...src(SOURCES.mskServerlessQuotas),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.lambdaConsumers,
    kind: 'ADVISORY',
    effect: 'INFO',
    question: 'Are the consumers AWS Lambda functions?',
    thresholds: [],
    outcome:
      'Informational: Lambda has event source mappings for both Kinesis and MSK; it does not change eligibility.',
    appliesTo: ALL,
    ...src(SOURCES.lambdaEventSources),
    confidence: 'AWS',
  },
  {
    id: RULE_IDS.pipeline,
    kind: 'ADVISORY',
    effect: 'INFO',
    question: 'Which pipeline does each option imply for the delivery (deliverTo) and cross-region replication asked?',
    thresholds: [],
    outcome:
      "Kinesis → Amazon Data Firehose → sink; MSK → the cheaper of Amazon Data Firehose (Amazon MSK as source, supported since 2023 although the decision guide says otherwise) and MSK Connect → sink; MSK Replicator for MSK cross-region replication, a custom replicating consumer for Kinesis. Each leg is priced in the option's line items.",
    appliesTo: ALL,
    ...src(SOURCES.firehoseMskSource),
    confidence: 'AWS',
  },
];
