/**
 * The workload's input contract (spec section 2): fields, defaults, peak factors and the JSON Schema that
 * is the one source of every field's type and bounds. Checking an input against it is in
 * workload.validation.ts; defaults and derived quantities are in workload.normalization.ts.
 */
import { DELIVER_TO_JSON_SCHEMA, type DeliveryInput, type DeliverySink } from './pipeline/delivery';

export const TRAFFIC_PATTERNS = ['STEADY', 'VARIABLE', 'UNPREDICTABLE'] as const;
export type TrafficPattern = (typeof TRAFFIC_PATTERNS)[number];

/**
 * Peak-to-average write factors used when `peakWriteMBps` is not given (confidence: ASSUMPTION).
 * STEADY 1.2: a flat load still has minute-level jitter; 20 % covers it.
 * VARIABLE 2: a daily cycle whose busy hours run at about twice the average.
 * UNPREDICTABLE 4: bursts of several times the average (on-demand Kinesis absorbs up to 2x its previous peak).
 */
export const PEAK_FACTORS: Readonly<Record<TrafficPattern, number>> = {
  STEADY: 1.2,
  VARIABLE: 2,
  UNPREDICTABLE: 4,
};

export const MSK_BROKER_FAMILIES = ['m5', 'm7g'] as const;
export type MskBrokerFamily = (typeof MSK_BROKER_FAMILIES)[number];

/** Defaults applied by `normalizeWorkload`. sharedConsumers defaults to 1: a stream nobody reads is not a workload. */
export const WORKLOAD_DEFAULTS = {
  region: 'us-east-1',
  sharedConsumers: 1,
  dedicatedConsumers: 0,
  retentionHours: 24,
  trafficPattern: 'STEADY' as TrafficPattern,
  activeHoursPerDay: 24,
  rackAwareConsumers: false,
  /** Kinesis provisioned shard headroom, percent: the AWS Pricing Calculator's 20 % buffer. */
  sizingHeadroomPercent: 20,
  /** MSK Standard local (EBS) retention when tiered storage is considered, hours. */
  mskLocalRetentionHours: 72,
  /** MSK Express egress capacity per broker as a multiple of its ingress (AWS's msk_sizing.py: 2.5). */
  mskExpressEgressFactor: 2.5,
} as const;

export interface WorkloadInput {
  region?: string;
  ingestGbPerDay?: number;
  avgWriteMBps?: number;
  /** 24 hourly average write rates of a typical day, MB/s (hour 0 = 00:00–01:00): a third way to give volume. */
  hourlyWriteMBps?: number[];
  peakWriteMBps?: number;
  avgRecordSizeKB: number;
  maxRecordSizeKB?: number;
  sharedConsumers?: number;
  dedicatedConsumers?: number;
  retentionHours?: number;
  trafficPattern?: TrafficPattern;
  activeHoursPerDay?: number;
  latencyTargetMs?: number;
  existingKafkaClients?: boolean;
  needsKafkaConnect?: boolean;
  needsKafkaStreams?: boolean;
  needsCrossRegionReplication?: boolean;
  lambdaConsumers?: boolean;
  /** Engine tuning: MSK consumers fetch from the closest replica (KIP-392), so consumer traffic stays in-AZ. */
  rackAwareConsumers?: boolean;
  /** Engine tuning: total topic partitions (leaders) the MSK cluster must hold; default derived from throughput. */
  partitions?: number;
  /** Engine tuning: restrict MSK Standard brokers to one family (e.g. to match the decision guide's m5 example). */
  mskBrokerFamily?: MskBrokerFamily;
  /** Engine tuning: Kinesis provisioned shard headroom over the peak, percent (default 20; 0 = exactly the peak). */
  sizingHeadroomPercent?: number;
  /** Engine tuning: MSK Standard local (EBS) retention when tiered storage is considered, hours (default 72). */
  mskLocalRetentionHours?: number;
  /** Engine tuning: MSK Express egress capacity as a multiple of broker ingress (default 2.5). */
  mskExpressEgressFactor?: number;
  /** Engine tuning: MSK Standard provisioned storage throughput per broker, MiB/s (4xlarge and up). */
  mskStorageThroughputMBpsPerBroker?: number;
  /** GB per month consumers read from old data (MSK: beyond the local retention, from tiered storage; Kinesis provisioned: older than 7 days). */
  historicalReadGbPerMonth?: number;
  /** Record sizes as a small histogram (shares of records, summing to 1); default: every record is avgRecordSizeKB. */
  recordSizeDistribution?: RecordSizeBucket[];
  /** Sinks the data is delivered to (prices the delivery leg each option implies). */
  deliverTo?: ReadonlyArray<DeliveryInput | DeliverySink>;
  /** Kinesis consumers use the KCL (each application keeps a DynamoDB lease table). */
  kclConsumers?: boolean;
  /** Lambda consumers on MSK in provisioned-poller mode: minimum event pollers per event source mapping. */
  lambdaEventPollers?: number;
  /** Client VPCs reaching MSK through multi-VPC private connectivity. */
  mskPrivateConnectivityVpcs?: number;
}

/** One bucket of a record-size histogram: records of `sizeKB`, `share` of all records (0 < share ≤ 1). */
export interface RecordSizeBucket {
  sizeKB: number;
  share: number;
}

/** Largest number of buckets in a record-size distribution. */
export const MAX_RECORD_SIZE_BUCKETS = 20;

/**
 * JSON Schema (draft 2020-12, OpenAPI 3.1 compatible) of `WorkloadInput`.
 * Cross-field rules (exactly one of ingestGbPerDay / avgWriteMBps; peak ≥ avg; max record ≥ avg record)
 * are enforced by `normalizeWorkload`.
 */
export const WORKLOAD_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://streamfit.internal/schemas/workload-input.json',
  title: 'WorkloadInput',
  description:
    'A streaming workload to evaluate. Give exactly one of ingestGbPerDay, avgWriteMBps or hourlyWriteMBps. Units: KB = 1,024 bytes, MB = 1,024 KB, GB = 1,024 MB.',
  type: 'object',
  additionalProperties: false,
  required: ['avgRecordSizeKB'],
  properties: {
    region: {
      type: 'string',
      pattern: '^[a-z]{2}(-[a-z]+)+-\\d$',
      default: 'us-east-1',
      description: 'AWS region code.',
      examples: ['us-east-1'],
    },
    ingestGbPerDay: {
      type: 'number',
      minimum: 0,
      maximum: 1000000,
      description: 'Average data written per day, GB (1 GB = 1,024 MB). Give this or avgWriteMBps, not both.',
      examples: [100],
    },
    avgWriteMBps: {
      type: 'number',
      minimum: 0,
      maximum: 100000,
      description: 'Average write throughput during the active hours, MB/s. Give this or ingestGbPerDay, not both.',
      examples: [1.5],
    },
    hourlyWriteMBps: {
      type: 'array',
      items: { type: 'number', minimum: 0, maximum: 100000 },
      minItems: 24,
      maxItems: 24,
      description:
        'A typical day as 24 hourly average write rates, MB/s (hour 0 = 00:00–01:00): a third way to give volume, instead of ingestGbPerDay or avgWriteMBps. Provisioned capacity (shards, brokers) is sized for the peak hour (with headroom); on-demand, Advantage and Serverless bill the bytes of each hour. Implies activeHoursPerDay (hours above 0) and, unless trafficPattern is given, the pattern (peak hour ≤ 1.5 × the average active hour: STEADY, else VARIABLE).',
      examples: [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 40, 40, 40, 40, 1, 1, 1, 1]],
    },
    peakWriteMBps: {
      type: 'number',
      minimum: 0,
      maximum: 100000,
      description:
        'Peak write throughput, MB/s; must be ≥ the average. Default: average × the peak factor of trafficPattern (STEADY 1.2, VARIABLE 2, UNPREDICTABLE 4).',
      examples: [5],
    },
    avgRecordSizeKB: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 102400,
      description: 'Average record (message) size, KB.',
      examples: [1],
    },
    maxRecordSizeKB: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 102400,
      description: 'Largest record the producers send, KB; must be ≥ avgRecordSizeKB. Default: avgRecordSizeKB.',
      examples: [4],
    },
    sharedConsumers: {
      type: 'integer',
      minimum: 0,
      maximum: 1000,
      default: 1,
      description: 'Consumer applications that each read the whole stream through the shared/standard path.',
      examples: [2],
    },
    dedicatedConsumers: {
      type: 'integer',
      minimum: 0,
      maximum: 1000,
      default: 0,
      description:
        'Consumer applications that need dedicated read throughput (Kinesis enhanced fan-out; separate consumer groups on MSK).',
      examples: [0],
    },
    retentionHours: {
      type: 'number',
      minimum: 1,
      maximum: 87600,
      default: 24,
      description: 'How long data must stay readable, hours.',
      examples: [24],
    },
    trafficPattern: {
      type: 'string',
      enum: ['STEADY', 'VARIABLE', 'UNPREDICTABLE'],
      default: 'STEADY',
      description: 'Shape of the load over the day; sets the default peak factor.',
      examples: ['STEADY'],
    },
    activeHoursPerDay: {
      type: 'number',
      minimum: 1,
      maximum: 24,
      default: 24,
      description: 'Hours per day the producers write; the average write rate applies during these hours.',
      examples: [24],
    },
    latencyTargetMs: {
      type: 'number',
      minimum: 1,
      maximum: 600000,
      description: 'End-to-end p99 latency the consumers need, milliseconds.',
      examples: [1000],
    },
    existingKafkaClients: {
      type: 'boolean',
      default: false,
      description: 'Producers, consumers or tooling already speak the Kafka protocol.',
      examples: [false],
    },
    needsKafkaConnect: {
      type: 'boolean',
      default: false,
      description: 'Needs Kafka Connect / managed connectors (CDC, sinks).',
      examples: [false],
    },
    needsKafkaStreams: {
      type: 'boolean',
      default: false,
      description: 'Needs Kafka Streams (stateful joins, windows, KTables).',
      examples: [false],
    },
    needsCrossRegionReplication: {
      type: 'boolean',
      default: false,
      description: 'Must replicate the stream to another region.',
      examples: [false],
    },
    lambdaConsumers: {
      type: 'boolean',
      default: false,
      description: 'Consumers are AWS Lambda functions.',
      examples: [false],
    },
    rackAwareConsumers: {
      type: 'boolean',
      default: false,
      description:
        'Engine tuning (MSK): consumers fetch from the replica in their own AZ, so consumer reads cross no AZ boundary.',
      examples: [false],
    },
    partitions: {
      type: 'integer',
      minimum: 1,
      maximum: 200000,
      description:
        'Engine tuning (MSK): total topic partitions (leaders). Default: enough for 5 MB/s in and 10 MB/s out per partition, at least 12.',
      examples: [12],
    },
    mskBrokerFamily: {
      type: 'string',
      enum: ['m5', 'm7g'],
      description:
        'Engine tuning (MSK provisioned): restrict Standard brokers to this family. Default: the cheapest that fits.',
      examples: ['m7g'],
    },
    sizingHeadroomPercent: {
      type: 'number',
      minimum: 0,
      maximum: 400,
      default: 20,
      description:
        'Engine tuning (Kinesis provisioned): headroom over the peak before dividing by per-shard capacity, percent. Default 20, the AWS Pricing Calculator buffer; 0 sizes exactly for the peak, as the pricing page example does.',
      examples: [20],
    },
    mskLocalRetentionHours: {
      type: 'number',
      minimum: 1,
      maximum: 87600,
      default: 72,
      description:
        'Engine tuning (MSK Standard): hours kept on broker EBS when tiered storage is considered. Retention beyond it is priced both with and without tiered storage and the cheaper is used.',
      examples: [72],
    },
    mskExpressEgressFactor: {
      type: 'number',
      minimum: 1,
      maximum: 5,
      default: 2.5,
      description:
        "Engine tuning (MSK Express): egress capacity per broker as a multiple of its ingress. Default 2.5 (AWS's msk_sizing.py and the Express best practices); AWS's size-and-choose guide's example implies 2.0.",
      examples: [2.5],
    },
    mskStorageThroughputMBpsPerBroker: {
      type: 'number',
      minimum: 250,
      maximum: 1000,
      description:
        'Engine tuning (MSK Standard): provisioned storage throughput per broker, MiB/s (250–1000; only 4xlarge and larger brokers; priced per MiB/s-month). Default: none.',
      examples: [500],
    },
    historicalReadGbPerMonth: {
      type: 'number',
      minimum: 0,
      maximum: 1000000000,
      default: 0,
      description:
        'GB per month that consumers read from old data (replays, backfills): on MSK Standard, data beyond the local retention, billed as tiered-storage retrieval when tiered storage is used; on Kinesis provisioned, data older than 7 days, billed as long-term retrieval. Default 0.',
      examples: [0],
    },
    recordSizeDistribution: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['sizeKB', 'share'],
        properties: {
          sizeKB: {
            type: 'number',
            exclusiveMinimum: 0,
            maximum: 102400,
            description: 'Record size of this bucket, KB.',
          },
          share: {
            type: 'number',
            exclusiveMinimum: 0,
            maximum: 1,
            description: 'Share of all records that have this size (0 < share ≤ 1).',
          },
        },
      },
      description:
        'Record sizes as a small histogram (for example p50 / p95 / max): each bucket a size in KB and the share of records of that size; the shares sum to 1 and their mean must equal avgRecordSizeKB (within 1 %). Per-record rounding (1 KB on-demand, 25 KB PUT payload units) is then billed bucket by bucket, as AWS bills mixed sizes. Default: every record is avgRecordSizeKB.',
      examples: [
        [
          { sizeKB: 0.5, share: 0.8 },
          { sizeKB: 3, share: 0.2 },
        ],
      ],
    },
    deliverTo: DELIVER_TO_JSON_SCHEMA,
    kclConsumers: {
      type: 'boolean',
      default: false,
      description:
        'Kinesis consumers use the KCL: each consumer application keeps a DynamoDB lease table (priced, small).',
      examples: [false],
    },
    lambdaEventPollers: {
      type: 'integer',
      minimum: 1,
      maximum: 200,
      description:
        'Lambda consumes MSK in provisioned-poller mode with at least this many event pollers per event source mapping (implies Lambda consumers on MSK; event poller units priced).',
      examples: [1],
    },
    mskPrivateConnectivityVpcs: {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      description:
        'Client VPCs reaching the MSK cluster through multi-VPC private connectivity (priced per connection-hour and per GB).',
      examples: [2],
    },
  },
} as const;

export type WorkloadField = keyof typeof WORKLOAD_JSON_SCHEMA.properties;
