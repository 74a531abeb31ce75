/**
 * The mapping from Price List products to rate keys, as data.
 *
 * Usage types are matched by SUFFIX, never by a region prefix we build ourselves: us-east-1 Kinesis usage
 * types have no prefix (`Storage-ShardHour`), other regions do (`USE2-Storage-ShardHour`), and MSK carries
 * `USE1-` even in us-east-1. A "region prefix" is zero or more ALL-CAPS segments ending in `-`
 * (`USE1-`, `USE2-`, `EU-`, `UGW1-`). That is stricter than `(^|-)X$` on purpose: `(^|-)LongTermRetention-ByteHrs$`
 * would also match `OnDemand-LongTermRetention-ByteHrs`; with the all-caps rule it cannot, and the operation
 * (matched exactly) disambiguates as a second guard.
 *
 * MSK broker types (there is no `instanceType` attribute):
 * - Standard: operation `RunBroker`, usage type `…Kafka.<family>.<size>` (lower-case family, so
 *   `Kafka.Storage.GP2` cannot match), group not `ExpressBroker`. Type = `kafka.` + computeFamily
 *   (a `kafka.` prefix already present in computeFamily is not doubled); computeFamily missing → the
 *   `<family>.<size>` captured from the usage type. `Kafka.mcu.general` (MSK Connect) is excluded by operation.
 * - Express: group `ExpressBroker` OR usage type `…Express.<family>.<size>` (`USE1-Express.m7g.large`).
 *   Type = `express.` + computeFamily (an `express.`/`kafka.` prefix in computeFamily is stripped first),
 *   computeFamily missing → the family captured from the usage type. Express rules come first so an
 *   Express SKU is never taken for a Standard broker.
 *
 * Kinesis On-demand Advantage: a product is "Advantage" when its operation starts with `Advantage`, or its
 * group or usage type mentions Advantage. Advantage rules match the operation named in the table against
 * `operation` or `kinesisAdvantageOperation`; standard on-demand rules refuse Advantage products.
 *
 * The table is ordered; the first rule whose conditions hold and whose key resolves wins.
 */
import { RATE_KEYS, mskBrokerHourKey, mskExpressBrokerHourKey } from '../rate-card';
import type { ParsedPriceListProduct, PriceListServiceCode } from './price-list-document';

export const KINESIS_PRODUCT_FAMILY = 'Kinesis Streams';
export const MSK_PRODUCT_FAMILY = 'Managed Streaming for Apache Kafka (MSK)';
/** infracost's Firehose resource filters AmazonKinesisFirehose on this family (confidence PL). */
export const FIREHOSE_PRODUCT_FAMILY = 'Kinesis Firehose';
/** AWSDataTransfer product family (infracost's data_transfer resource, confidence PL). */
export const DATA_TRANSFER_PRODUCT_FAMILY = 'Data Transfer';
/** DynamoDB on-demand request units (infracost's dynamodb_table resource, confidence PL). */
export const DYNAMODB_ON_DEMAND_PRODUCT_FAMILY = 'Amazon DynamoDB PayPerRequest Throughput';
/** AWS Lambda compute products (infracost's lambda_function resource uses family Serverless). */
export const LAMBDA_PRODUCT_FAMILY = 'Serverless';

export const PRODUCT_FAMILY_BY_SERVICE: Readonly<Record<PriceListServiceCode, string>> = {
  AmazonKinesis: KINESIS_PRODUCT_FAMILY,
  AmazonMSK: MSK_PRODUCT_FAMILY,
  AmazonKinesisFirehose: FIREHOSE_PRODUCT_FAMILY,
  AWSDataTransfer: DATA_TRANSFER_PRODUCT_FAMILY,
  AmazonDynamoDB: DYNAMODB_ON_DEMAND_PRODUCT_FAMILY,
  AWSLambda: LAMBDA_PRODUCT_FAMILY,
};

/**
 * The one destination whose inter-region rate the card carries: from us-east-1 every other region but
 * us-east-2 costs the same ($0.02/GB), and us-west-2 is the usual disaster-recovery pair. A replication
 * target in another region may cost less (us-east-2: $0.01) — priced at this rate, as documented.
 */
export function interRegionReferenceTarget(region: string): string {
  return region === 'us-west-2' ? 'us-east-1' : 'us-west-2';
}

export interface RateMappingRule {
  /** Short, stable name (used in documentation and tests). */
  name: string;
  serviceCode: PriceListServiceCode;
  productFamily: string;
  /** Matched against `attributes.usagetype`. */
  usageType: RegExp;
  /** Exact match on `attributes.operation`. */
  operation?: string;
  /** Kinesis only. true: an Advantage product whose operation or kinesisAdvantageOperation equals `advantageOperation`. false: must not be Advantage. */
  advantage?: boolean;
  advantageOperation?: string;
  /** Exact group, or a group the product must NOT have. */
  group?: string;
  notGroup?: string;
  /** Further attributes that must equal the given values (e.g. transferType). */
  attributes?: Readonly<Record<string, string>>;
  /** The published price is tiered; the first tier (from 0) is taken and its end recorded on the rate. */
  firstTier?: boolean;
  /** The rate key, or a function deriving it (broker types); undefined = rule does not apply. */
  key: string | ((product: ParsedPriceListProduct, match: RegExpMatchArray) => string | undefined);
  /**
   * How sure we are of the usage type / operation names (labels as in rates/README.md): V-PL seen in a verbatim
   * AWS Price List document, PL in a price-list-backed tool, 3P third-party only, ? unverified.
   */
  confidence: 'V-PL' | 'PL' | 'AWS' | '3P' | '?';
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `^(?:[A-Z0-9]+-)*<suffix>$`: the suffix after an optional all-caps region prefix. */
export const usageTypeSuffix = (suffix: string): RegExp => new RegExp(`^(?:[A-Z0-9]+-)*${escapeRegExp(suffix)}$`);

const ANY_USAGE_TYPE = /^.*$/;
const FAMILY_SIZE = /^[a-z][a-z0-9]*\.[a-z0-9]+$/;
const STANDARD_BROKER_USAGE_TYPE = /^(?:[A-Z0-9]+-)*Kafka\.([a-z][a-z0-9]*\.[a-z0-9]+)$/;
const EXPRESS_BROKER_USAGE_TYPE = /^(?:[A-Z0-9]+-)*(?:Kafka\.)?Express\.([a-z][a-z0-9]*\.[a-z0-9]+)$/;

/** computeFamily (prefix stripped) if it looks like `<family>.<size>`, else the family captured from the usage type. */
function brokerFamily(product: ParsedPriceListProduct, fromUsageType: string | undefined): string | undefined {
  const computeFamily = (product.attributes.computeFamily ?? '').replace(/^(?:kafka|express)\./, '');
  if (FAMILY_SIZE.test(computeFamily)) return computeFamily;
  return fromUsageType && FAMILY_SIZE.test(fromUsageType) ? fromUsageType : undefined;
}

const standardBrokerKey = (product: ParsedPriceListProduct, match: RegExpMatchArray): string | undefined => {
  const family = brokerFamily(product, match[1]);
  return family ? mskBrokerHourKey(`kafka.${family}`) : undefined;
};

const expressBrokerKey = (product: ParsedPriceListProduct, match: RegExpMatchArray): string | undefined => {
  const family = brokerFamily(product, match[1]);
  return family ? mskExpressBrokerHourKey(`express.${family}`) : undefined;
};

const kinesis = (
  name: string,
  suffix: string,
  operation: string,
  key: string,
  confidence: RateMappingRule['confidence'] = 'PL',
): RateMappingRule => ({
  name,
  serviceCode: 'AmazonKinesis',
  productFamily: KINESIS_PRODUCT_FAMILY,
  usageType: usageTypeSuffix(suffix),
  operation,
  advantage: false,
  key,
  confidence,
});

const advantage = (name: string, advantageOperation: string, key: string): RateMappingRule => ({
  name,
  serviceCode: 'AmazonKinesis',
  productFamily: KINESIS_PRODUCT_FAMILY,
  usageType: ANY_USAGE_TYPE,
  advantage: true,
  advantageOperation,
  key,
  confidence: '3P',
});

const msk = (
  name: string,
  usageType: RegExp,
  key: RateMappingRule['key'],
  extra: Partial<RateMappingRule> & Pick<RateMappingRule, 'confidence'>,
): RateMappingRule => ({
  name,
  serviceCode: 'AmazonMSK',
  productFamily: MSK_PRODUCT_FAMILY,
  usageType,
  key,
  ...extra,
});

export const RATE_MAPPING_RULES: readonly RateMappingRule[] = [
  // Kinesis Data Streams: on-demand (standard)
  kinesis('kds-on-demand-stream-hour', 'OnDemand-StreamHour', 'OnDemandStreamHr', RATE_KEYS.kdsOnDemandStreamHour),
  kinesis(
    'kds-on-demand-data-in',
    'OnDemand-BilledIncomingBytes',
    'OnDemandDataIngested',
    RATE_KEYS.kdsOnDemandDataInGb,
  ),
  kinesis(
    'kds-on-demand-data-out',
    'OnDemand-BilledOutgoingBytes',
    'OnDemandDataRetrieval',
    RATE_KEYS.kdsOnDemandDataOutGb,
  ),
  kinesis(
    'kds-on-demand-efo-data-out',
    'OnDemand-BilledOutgoingEFOBytes',
    'OnDemandEFODataRetrieval',
    RATE_KEYS.kdsOnDemandEfoDataOutGb,
  ),
  kinesis(
    'kds-on-demand-extended-retention',
    'OnDemand-ExtendedRetention-ByteHrs',
    'OnDemandExtendedRetentionByteHrs',
    RATE_KEYS.kdsOnDemandExtendedRetentionGbMonth,
  ),
  kinesis(
    'kds-on-demand-long-term-retention',
    'OnDemand-LongTermRetention-ByteHrs',
    'OnDemandLongTermRetentionByteHrs',
    RATE_KEYS.kdsOnDemandLongTermRetentionGbMonth,
  ),
  // Kinesis Data Streams: On-demand Advantage
  advantage('kds-advantage-data-in', 'AdvantageDataIngested', RATE_KEYS.kdsAdvantageDataInGb),
  advantage('kds-advantage-data-out', 'AdvantageDataRetrieval', RATE_KEYS.kdsAdvantageDataOutGb),
  advantage('kds-advantage-efo-data-out', 'AdvantageEFODataRetrieval', RATE_KEYS.kdsAdvantageEfoDataOutGb),
  advantage(
    'kds-advantage-extended-retention',
    'AdvantageExtRetentionByteHrs',
    RATE_KEYS.kdsAdvantageExtendedRetentionGbMonth,
  ),
  advantage(
    'kds-advantage-long-term-retention',
    'AdvantageLTRetentionByteHrs',
    RATE_KEYS.kdsAdvantageLongTermRetentionGbMonth,
  ),
  // Kinesis Data Streams: provisioned
  kinesis('kds-shard-hour', 'Storage-ShardHour', 'shardHourStorage', RATE_KEYS.kdsProvisionedShardHour),
  kinesis('kds-put-payload-unit', 'PutRequestPayloadUnits', 'PutRequest', RATE_KEYS.kdsProvisionedPutPayloadUnit),
  kinesis(
    'kds-extended-retention-shard-hour',
    'Extended-ShardHour',
    'shardHourStorage',
    RATE_KEYS.kdsProvisionedExtendedRetentionShardHour,
  ),
  kinesis(
    'kds-long-term-retention',
    'LongTermRetention-ByteHrs',
    'LongTermRetentionByteHrs',
    RATE_KEYS.kdsProvisionedLongTermRetentionGbMonth,
  ),
  kinesis(
    'kds-long-term-retrieval',
    'LongTermRetention-ReadBytes',
    'LongTermRetentionDataRetrieval',
    RATE_KEYS.kdsProvisionedLongTermRetrievalGb,
  ),
  kinesis('kds-efo-consumer-shard-hour', 'EnhancedFanoutHour', 'ConsumerHour', RATE_KEYS.kdsEfoConsumerShardHour),
  kinesis('kds-efo-data', 'ReadBytes', 'EnhancedFanoutDataRetrieval', RATE_KEYS.kdsEfoDataGb),

  // MSK: attributes as AWS's own documents have them (the verbatim ap-southeast-1 GetProducts response of
  // 2026-07-29 and AWS's MSK pricing feed of 2025-04-04, rates/sources/SOURCES.md). Confidence V-PL: seen in a
  // verbatim Price List document.
  // MSK Express (before Standard brokers, see header)
  msk('msk-express-storage', usageTypeSuffix('Express.Storage'), RATE_KEYS.mskExpressStorageGbMonth, {
    operation: 'Storage',
    attributes: { storageFamily: 'Express storage' },
    confidence: 'V-PL',
  }),
  msk('msk-express-data-in', usageTypeSuffix('Express.In-Bytes'), RATE_KEYS.mskExpressDataWrittenGb, {
    operation: 'Data-In',
    group: 'ExpressIngress',
    confidence: 'V-PL',
  }),
  msk('msk-express-broker-hour-by-group', /^(?:[A-Z0-9]+-)*(?:Kafka\.)?Express\.(.+)$/, expressBrokerKey, {
    group: 'ExpressBroker',
    confidence: 'V-PL',
  }),
  msk('msk-express-broker-hour', EXPRESS_BROKER_USAGE_TYPE, expressBrokerKey, { confidence: 'V-PL' }),
  // MSK Standard (provisioned)
  msk('msk-broker-hour', STANDARD_BROKER_USAGE_TYPE, standardBrokerKey, {
    operation: 'RunBroker',
    notGroup: 'ExpressBroker',
    confidence: 'V-PL',
  }),
  msk('msk-storage-gp2', usageTypeSuffix('Kafka.Storage.GP2'), RATE_KEYS.mskStorageGbMonth, {
    operation: 'RunVolume',
    confidence: 'V-PL',
  }),
  // Provisioned storage throughput: `Kafka.Throughput`, operation RunVolume, group Storage, unit MiBps-Mo.
  msk('msk-storage-throughput', usageTypeSuffix('Kafka.Throughput'), RATE_KEYS.mskStorageThroughputMBpsMonth, {
    operation: 'RunVolume',
    group: 'Storage',
    confidence: 'V-PL',
  }),
  // Tiered storage and its retrieval share operation TieredStorage and differ by storageFamily (no group).
  msk('msk-tiered-storage', usageTypeSuffix('Kafka.Storage.Tiered'), RATE_KEYS.mskTieredStorageGbMonth, {
    operation: 'TieredStorage',
    attributes: { storageFamily: 'Tiered storage' },
    confidence: 'V-PL',
  }),
  msk('msk-tiered-retrieval', usageTypeSuffix('Kafka.DataRetrieval.Tiered'), RATE_KEYS.mskTieredRetrievalGb, {
    operation: 'TieredStorage',
    attributes: { storageFamily: 'Tiered storage-DataRetrieval' },
    confidence: 'V-PL',
  }),
  // MSK Serverless
  ...(
    [
      ['msk-serverless-cluster-hour', 'KafkaServerless-ClusterHours', RATE_KEYS.mskServerlessClusterHour],
      ['msk-serverless-partition-hour', 'KafkaServerless-PartitionHours', RATE_KEYS.mskServerlessPartitionHour],
      ['msk-serverless-data-in', 'KafkaServerless-In-Bytes', RATE_KEYS.mskServerlessDataInGb],
      ['msk-serverless-data-out', 'KafkaServerless-Out-Bytes', RATE_KEYS.mskServerlessDataOutGb],
      ['msk-serverless-storage', 'KafkaServerless-StorageHours', RATE_KEYS.mskServerlessStorageGbMonth],
    ] as const
  ).map(([name, suffix, key]) =>
    msk(name, usageTypeSuffix(suffix), key, { operation: 'Serverless', group: 'Serverless', confidence: 'V-PL' }),
  ),
  // MSK Connect and MSK Replicator
  msk('msk-connect-mcu-hour', usageTypeSuffix('Kafka.mcu.general'), RATE_KEYS.mskConnectMcuHour, {
    operation: 'RunConnect',
    group: 'Connect',
    confidence: 'V-PL',
  }),
  msk('msk-replicator-hour', usageTypeSuffix('KafkaReplication-ReplicatorHours'), RATE_KEYS.mskReplicatorHour, {
    operation: 'RunReplicator',
    group: 'Replicator',
    confidence: 'V-PL',
  }),
  // Two SKUs share `KafkaReplication-Processed-Bytes`: streamfit prices cross-region replication, so the
  // CrossRegionSourceLocal SKU is the rate; SameRegionSource is a dimension streamfit does not price (below).
  msk('msk-replicator-data', usageTypeSuffix('KafkaReplication-Processed-Bytes'), RATE_KEYS.mskReplicatorDataGb, {
    operation: 'CrossRegionSourceLocal',
    group: 'Replicator',
    confidence: 'V-PL',
  }),

  // Amazon Data Firehose: ingestion is tiered (first 500 TB/month taken); the MSK-source rule comes first
  // because `MSK-BilledBytes` also ends in `BilledBytes`. Group and operation names from
  // infracost's kinesis_firehose_delivery_stream resource (PL); usage types unverified.
  {
    name: 'firehose-ingest-msk-source',
    serviceCode: 'AmazonKinesisFirehose',
    productFamily: FIREHOSE_PRODUCT_FAMILY,
    usageType: usageTypeSuffix('MSK-BilledBytes'),
    firstTier: true,
    key: RATE_KEYS.firehoseIngestMskSourceGb,
    confidence: '?',
  },
  {
    name: 'firehose-ingest-stream-source',
    serviceCode: 'AmazonKinesisFirehose',
    productFamily: FIREHOSE_PRODUCT_FAMILY,
    usageType: usageTypeSuffix('BilledBytes'),
    group: 'Event-by-Event Processing',
    firstTier: true,
    key: RATE_KEYS.firehoseIngestStreamSourceGb,
    confidence: 'PL',
  },
  {
    name: 'firehose-format-conversion',
    serviceCode: 'AmazonKinesisFirehose',
    productFamily: FIREHOSE_PRODUCT_FAMILY,
    usageType: ANY_USAGE_TYPE,
    operation: 'DataFormatConversion',
    key: RATE_KEYS.firehoseFormatConversionGb,
    confidence: 'PL',
  },
  {
    name: 'firehose-dynamic-partitioning',
    serviceCode: 'AmazonKinesisFirehose',
    productFamily: FIREHOSE_PRODUCT_FAMILY,
    usageType: usageTypeSuffix('DynamicPartitioning-Bytes'),
    operation: 'DynamicPartitioning',
    key: RATE_KEYS.firehoseDynamicPartitioningGb,
    confidence: '?',
  },
  // MSK multi-VPC private connectivity: operation PrivateConnectivity, group Connectivity.
  msk(
    'msk-private-connectivity-hour',
    usageTypeSuffix('Kafka.PrivateConnectivityHours'),
    RATE_KEYS.mskPrivateConnectivityHour,
    { operation: 'PrivateConnectivity', group: 'Connectivity', confidence: 'V-PL' },
  ),
  msk(
    'msk-private-connectivity-data',
    usageTypeSuffix('Kafka.PrivateConnectivity.BytesProcessed'),
    RATE_KEYS.mskPrivateConnectivityDataGb,
    { operation: 'PrivateConnectivity', group: 'Connectivity', confidence: 'V-PL' },
  ),
  // DynamoDB on-demand request units: family and groups from infracost (PL), usage types unverified.
  {
    name: 'dynamodb-on-demand-write-request-unit',
    serviceCode: 'AmazonDynamoDB',
    productFamily: DYNAMODB_ON_DEMAND_PRODUCT_FAMILY,
    usageType: usageTypeSuffix('WriteRequestUnits'),
    group: 'DDB-WriteUnits',
    key: RATE_KEYS.dynamoDbWriteRequestUnit,
    confidence: 'PL',
  },
  {
    name: 'dynamodb-on-demand-read-request-unit',
    serviceCode: 'AmazonDynamoDB',
    productFamily: DYNAMODB_ON_DEMAND_PRODUCT_FAMILY,
    usageType: usageTypeSuffix('ReadRequestUnits'),
    group: 'DDB-ReadUnits',
    key: RATE_KEYS.dynamoDbReadRequestUnit,
    confidence: 'PL',
  },
  // Lambda provisioned-mode event pollers (names unverified: '?').
  {
    name: 'lambda-event-poller-unit-hour',
    serviceCode: 'AWSLambda',
    productFamily: LAMBDA_PRODUCT_FAMILY,
    usageType: usageTypeSuffix('Lambda-EventPollerUnit-Hours'),
    key: RATE_KEYS.lambdaEventPollerUnitHour,
    confidence: '?',
  },
  // AWS data transfer to the reference target region (see interRegionReferenceTarget): `USE1-USW2-AWS-Out-Bytes`.
  {
    name: 'inter-region-transfer-out',
    serviceCode: 'AWSDataTransfer',
    productFamily: DATA_TRANSFER_PRODUCT_FAMILY,
    usageType: /^[A-Z0-9]+-[A-Z0-9]+-AWS-Out-Bytes$/,
    attributes: { transferType: 'InterRegion Outbound' },
    key: (product) =>
      product.attributes.toRegionCode === interRegionReferenceTarget(product.regionCode)
        ? RATE_KEYS.interRegionTransferGb
        : undefined,
    confidence: 'PL',
  },
];

/**
 * Real AWS dimensions streamfit does not price, named so that a build reports them as NOT_PRICED rather than
 * UNMAPPED (UNMAPPED means a document for a dimension streamfit prices that no rule recognised).
 */
export const NOT_PRICED_DIMENSIONS: ReadonlyArray<{
  name: string;
  serviceCode: PriceListServiceCode;
  matches: (product: ParsedPriceListProduct) => boolean;
}> = [
  {
    // MSK data delivery channels (S3 / S3 Tables destinations): attribute `datachannel`, empty operation.
    name: 'msk-data-channel',
    serviceCode: 'AmazonMSK',
    matches: (product) =>
      product.attributes.datachannel !== undefined ||
      usageTypeSuffix('DataChannel-ProcessedBytes-S3Destination').test(product.usageType) ||
      usageTypeSuffix('DataChannel-ProcessedBytes-S3TablesDestination').test(product.usageType),
  },
  {
    // MSK Replicator within one region: streamfit only models cross-region replication.
    name: 'msk-replicator-same-region-data',
    serviceCode: 'AmazonMSK',
    matches: (product) =>
      product.operation === 'SameRegionSource' &&
      usageTypeSuffix('KafkaReplication-Processed-Bytes').test(product.usageType),
  },
];

/** An On-demand Advantage product (see header). */
export function isAdvantageProduct(product: ParsedPriceListProduct): boolean {
  const { operation, usageType } = product;
  const group = product.attributes.group ?? '';
  return operation.startsWith('Advantage') || /advantage/i.test(group) || /advantage/i.test(usageType);
}

function ruleMatches(rule: RateMappingRule, product: ParsedPriceListProduct): RegExpMatchArray | null {
  if (rule.serviceCode !== product.serviceCode || rule.productFamily !== product.productFamily) return null;
  if (rule.operation !== undefined && rule.operation !== product.operation) return null;
  const group = product.attributes.group;
  if (rule.group !== undefined && rule.group !== group) return null;
  if (rule.notGroup !== undefined && rule.notGroup === group) return null;
  if (rule.attributes !== undefined) {
    for (const [name, value] of Object.entries(rule.attributes)) if (product.attributes[name] !== value) return null;
  }
  if (rule.advantage !== undefined) {
    if (rule.advantage !== isAdvantageProduct(product)) return null;
    if (
      rule.advantageOperation !== undefined &&
      product.operation !== rule.advantageOperation &&
      product.attributes.kinesisAdvantageOperation !== rule.advantageOperation
    ) {
      return null;
    }
  }
  return rule.usageType.exec(product.usageType);
}

export type RateMappingResult =
  | { matched: true; key: string; rule: RateMappingRule }
  | { matched: false; reason: 'UNRELATED_PRODUCT_FAMILY' | 'UNMAPPED' | 'NOT_PRICED' };

/** Finds the rate key for a decoded product, or says why there is none. */
export function mapProductToRateKey(
  product: ParsedPriceListProduct,
  rules: readonly RateMappingRule[] = RATE_MAPPING_RULES,
): RateMappingResult {
  const family = PRODUCT_FAMILY_BY_SERVICE[product.serviceCode as PriceListServiceCode];
  if (family !== undefined && family !== product.productFamily)
    return { matched: false, reason: 'UNRELATED_PRODUCT_FAMILY' };
  for (const rule of rules) {
    const match = ruleMatches(rule, product);
    if (!match) continue;
    const key = typeof rule.key === 'string' ? rule.key : rule.key(product, match);
    if (key !== undefined) return { matched: true, key, rule };
  }
  if (NOT_PRICED_DIMENSIONS.some((d) => d.serviceCode === product.serviceCode && d.matches(product)))
    return { matched: false, reason: 'NOT_PRICED' };
  return { matched: false, reason: 'UNMAPPED' };
}
