/**
 * Rate cards: the rates that price an evaluation, with their provenance.
 * Pure types and the catalogue of rate keys the cost model understands.
 * A rate key is stable: it is what `rateOverrides` accepts and what line items cite.
 */

export type RateCardSource = 'AWS_PRICE_LIST' | 'BUNDLED_SNAPSHOT' | 'OVERRIDE';

/**
 * Where a rate's price comes from:
 * - LIVE_PRICE_LIST: a document the AWS Price List Query API returned to this service (GetProducts);
 * - AWS_DOCUMENT: an AWS-published document bundled in the offline snapshot (a verbatim GetProducts response, or
 *   AWS's pricing feed), with its publication date and SKU;
 * - CITED_SOURCE: another source, cited (a price-list-backed tool's output, an AWS pricing page, a third party).
 */
export type RateProvenanceKind = 'LIVE_PRICE_LIST' | 'AWS_DOCUMENT' | 'CITED_SOURCE';

export interface RateProvenance {
  kind: RateProvenanceKind;
  /** Label of the source's trust (rates/sources/SOURCES.md): V-PL, V-feed, PL, AWS, 3P. */
  label: string;
  /** What the price was read from, in words a reader can follow to the source. */
  citation: string;
  /** Publication date of the source document, when it has one. */
  publicationDate?: string;
}

export interface Rate {
  /** Stable rate key, e.g. `kds.provisioned.shardHour` or `msk.brokerHour.kafka.m5.large`. */
  key: string;
  /** USD per unit as a decimal string, exactly as the Price List gives it (e.g. "0.0150000000"). */
  usdPerUnit: string;
  /** Billing unit as AWS names it (e.g. "ShardHour", "GB", "GB-Mo", "Hrs"). */
  unit: string;
  /** AWS usage type (e.g. "Storage-ShardHour", "USE1-Kafka.m5.large"). */
  usageType: string;
  operation: string;
  sku: string;
  rateCode: string;
  /** ISO date the price is effective from. */
  effectiveDate: string;
  description: string;
  /** Where this rate came from: the card's own source, or OVERRIDE when a caller replaced it. */
  source: RateCardSource;
  /** The document or cited source behind the price (absent only on cards stored before provenance existed). */
  provenance?: RateProvenance;
}

export interface RateCard {
  /** Stable id of this version of the card: `<region>:<contentHash first 12>`. */
  id: string;
  region: string;
  currency: 'USD';
  source: Exclude<RateCardSource, 'OVERRIDE'>;
  /** Price list version (e.g. "20230801012600") and publication date of the newest document used. */
  priceListVersion: string;
  publicationDate: string;
  /** When these rates were fetched (or, for the bundled snapshot, when the snapshot was built). */
  fetchedAt: string;
  /** sha256 over the canonical JSON of `rates` (sorted keys). */
  contentHash: string;
  /** True when a refresh was tried and failed past the card's maximum age, or a live card is past its age. */
  stale: boolean;
  /** Whether this replica fetches live rates (AWS access configured); set when the card is served. */
  liveRates?: boolean;
  rates: Record<string, Rate>;
}

/**
 * Where a card's prices come from, in one line a person reads once (rate card, answer, console), e.g.
 * "bundled snapshot of 2026-11-25 (live rates off)". The bundled snapshot with live rates off is a choice, not a
 * failure: only a refresh that was tried and failed, or live rates past their age, read as stale.
 */
export function rateSourceLabel(
  card: Pick<RateCard, 'source' | 'publicationDate' | 'fetchedAt' | 'stale' | 'liveRates'>,
): string {
  const day = (iso: string) => iso.slice(0, 10);
  if (card.source === 'BUNDLED_SNAPSHOT') {
    if (card.liveRates === undefined) return `bundled snapshot of ${day(card.publicationDate)}`;
    const state =
      card.liveRates === false
        ? 'live rates off'
        : card.stale
          ? 'live rates on; the refresh from the AWS Price List failed'
          : 'live rates on; not refreshed from the AWS Price List yet';
    return `bundled snapshot of ${day(card.publicationDate)} (${state})`;
  }
  return `AWS Price List of ${day(card.publicationDate)}, fetched ${day(card.fetchedAt)}${card.stale ? ' (stale: past its age and not refreshed)' : ''}`;
}

/** Standard broker families the cost model sizes, smallest first. */
export const MSK_STANDARD_BROKER_TYPES = [
  'kafka.t3.small',
  'kafka.m5.large',
  'kafka.m5.xlarge',
  'kafka.m5.2xlarge',
  'kafka.m5.4xlarge',
  'kafka.m5.8xlarge',
  'kafka.m5.12xlarge',
  'kafka.m5.16xlarge',
  'kafka.m5.24xlarge',
  'kafka.m7g.large',
  'kafka.m7g.xlarge',
  'kafka.m7g.2xlarge',
  'kafka.m7g.4xlarge',
  'kafka.m7g.8xlarge',
  'kafka.m7g.12xlarge',
  'kafka.m7g.16xlarge',
] as const;

export const MSK_EXPRESS_BROKER_TYPES = [
  'express.m7g.large',
  'express.m7g.xlarge',
  'express.m7g.2xlarge',
  'express.m7g.4xlarge',
  'express.m7g.8xlarge',
  'express.m7g.12xlarge',
  'express.m7g.16xlarge',
] as const;

/** Rate keys. Broker-hour keys are built with the helpers below. */
export const RATE_KEYS = {
  kdsOnDemandStreamHour: 'kds.onDemand.streamHour',
  kdsOnDemandDataInGb: 'kds.onDemand.dataInGb',
  kdsOnDemandDataOutGb: 'kds.onDemand.dataOutGb',
  kdsOnDemandEfoDataOutGb: 'kds.onDemand.efoDataOutGb',
  kdsOnDemandExtendedRetentionGbMonth: 'kds.onDemand.extendedRetentionGbMonth',
  kdsOnDemandLongTermRetentionGbMonth: 'kds.onDemand.longTermRetentionGbMonth',
  kdsAdvantageDataInGb: 'kds.advantage.dataInGb',
  kdsAdvantageDataOutGb: 'kds.advantage.dataOutGb',
  kdsAdvantageEfoDataOutGb: 'kds.advantage.efoDataOutGb',
  kdsAdvantageExtendedRetentionGbMonth: 'kds.advantage.extendedRetentionGbMonth',
  kdsAdvantageLongTermRetentionGbMonth: 'kds.advantage.longTermRetentionGbMonth',
  kdsProvisionedShardHour: 'kds.provisioned.shardHour',
  kdsProvisionedPutPayloadUnit: 'kds.provisioned.putPayloadUnit',
  kdsProvisionedExtendedRetentionShardHour: 'kds.provisioned.extendedRetentionShardHour',
  kdsProvisionedLongTermRetentionGbMonth: 'kds.provisioned.longTermRetentionGbMonth',
  kdsProvisionedLongTermRetrievalGb: 'kds.provisioned.longTermRetrievalGb',
  kdsEfoConsumerShardHour: 'kds.efo.consumerShardHour',
  kdsEfoDataGb: 'kds.efo.dataGb',
  mskStorageGbMonth: 'msk.storage.gbMonth',
  mskStorageThroughputMBpsMonth: 'msk.storageThroughput.mbpsMonth',
  mskTieredStorageGbMonth: 'msk.tieredStorage.gbMonth',
  mskTieredRetrievalGb: 'msk.tieredStorage.retrievalGb',
  mskExpressStorageGbMonth: 'msk.express.storageGbMonth',
  mskExpressDataWrittenGb: 'msk.express.dataWrittenGb',
  mskServerlessClusterHour: 'msk.serverless.clusterHour',
  mskServerlessPartitionHour: 'msk.serverless.partitionHour',
  mskServerlessDataInGb: 'msk.serverless.dataInGb',
  mskServerlessDataOutGb: 'msk.serverless.dataOutGb',
  mskServerlessStorageGbMonth: 'msk.serverless.storageGbMonth',
  /** EC2 regional (cross-AZ) data transfer, both directions together. Not in the Kinesis/MSK price lists. */
  crossAzTransferGb: 'aws.dataTransfer.crossAzGb',
  // Pipelines (delivery and replication legs an option implies)
  /** Amazon Data Firehose ingestion with Direct PUT or a Kinesis data stream as source, per GB billed in 5 KB records. */
  firehoseIngestStreamSourceGb: 'firehose.ingest.streamSourceGb',
  /** Amazon Data Firehose ingestion with Amazon MSK as source, per GB (no 5 KB rounding). */
  firehoseIngestMskSourceGb: 'firehose.ingest.mskSourceGb',
  firehoseFormatConversionGb: 'firehose.formatConversionGb',
  firehoseDynamicPartitioningGb: 'firehose.dynamicPartitioningGb',
  mskConnectMcuHour: 'msk.connect.mcuHour',
  mskReplicatorHour: 'msk.replicator.hour',
  mskReplicatorDataGb: 'msk.replicator.dataGb',
  /** AWS data transfer out of the region to another AWS region (AWSDataTransfer, InterRegion Outbound). */
  interRegionTransferGb: 'aws.dataTransfer.interRegionOutGb',
  // Consumers that cost
  /** DynamoDB on-demand write / read request unit (KCL lease tables). */
  dynamoDbWriteRequestUnit: 'dynamodb.onDemand.writeRequestUnit',
  dynamoDbReadRequestUnit: 'dynamodb.onDemand.readRequestUnit',
  /** Lambda event source mapping in provisioned mode: event poller unit-hour. */
  lambdaEventPollerUnitHour: 'lambda.eventPollerUnitHour',
  /** MSK multi-VPC private connectivity: per VPC connection-hour and per GB processed. */
  mskPrivateConnectivityHour: 'msk.privateConnectivity.hour',
  mskPrivateConnectivityDataGb: 'msk.privateConnectivity.dataGb',
} as const;

export type BrokerType = (typeof MSK_STANDARD_BROKER_TYPES)[number];
export type ExpressBrokerType = (typeof MSK_EXPRESS_BROKER_TYPES)[number];

/** Broker type → broker-hour key, built once per catalogued type; frozen, with no prototype to inherit names from. */
function brokerHourKeyTable<T extends string>(types: readonly T[], prefix: string): Readonly<Record<T, string>> {
  const table = Object.create(null) as Record<T, string>;
  for (const type of types) table[type] = `${prefix}${type}`;
  return Object.freeze(table);
}

/** `kafka.m5.large` → `msk.brokerHour.kafka.m5.large`, for every Standard broker type the cost model sizes. */
export const MSK_BROKER_HOUR_KEYS = brokerHourKeyTable(MSK_STANDARD_BROKER_TYPES, 'msk.brokerHour.');
/** `express.m7g.large` → `msk.express.brokerHour.express.m7g.large`, for every Express broker type. */
export const MSK_EXPRESS_BROKER_HOUR_KEYS = brokerHourKeyTable(MSK_EXPRESS_BROKER_TYPES, 'msk.express.brokerHour.');

/** The broker-hour key of every catalogued broker type, Standard then Express (what a complete card prices). */
export const BROKER_HOUR_KEYS: readonly string[] = Object.freeze([
  ...Object.values<string>(MSK_BROKER_HOUR_KEYS),
  ...Object.values<string>(MSK_EXPRESS_BROKER_HOUR_KEYS),
]);

/**
 * `msk.brokerHour.kafka.m5.large`: the table's string for a catalogued type (the sizing loop asks for one per
 * candidate, so no string is built per lookup), built for any other (a Price List family the model does not size).
 */
export const mskBrokerHourKey = (brokerType: string): string =>
  (MSK_BROKER_HOUR_KEYS as Readonly<Record<string, string>>)[brokerType] ?? `msk.brokerHour.${brokerType}`;
/** `msk.express.brokerHour.express.m7g.large`, from the table for a catalogued type. */
export const mskExpressBrokerHourKey = (brokerType: string): string =>
  (MSK_EXPRESS_BROKER_HOUR_KEYS as Readonly<Record<string, string>>)[brokerType] ??
  `msk.express.brokerHour.${brokerType}`;
