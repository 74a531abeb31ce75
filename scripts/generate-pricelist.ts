/**
 * Builds the bundled Price List snapshot (rates/pricelist/<region>/<ServiceCode>.json) from the us-east-1
 * list prices of AWS's pricing pages (https://aws.amazon.com/kinesis/data-streams/pricing/,
 * https://aws.amazon.com/msk/pricing/ and the others rates/README.md lists, with a confidence per row), in the
 * exact shape of real GetProducts documents. The two verbatim real documents (SKUs QFHADPJ42UJZ4EUK and
 * 9DT967X6YQX3AYMB) are kept as-is.
 *
 *   node -r @swc-node/register scripts/generate-pricelist.ts            # rewrite the bundled snapshot
 *   node -r @swc-node/register scripts/generate-pricelist.ts --check    # exit 1 if the files differ
 *   node -r @swc-node/register scripts/generate-pricelist.ts --realistic out.json   # dump the ≥2,000-product list
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/infrastructure/paths';
import {
  PRICE_LIST_SERVICE_CODES,
  type PriceListDocument,
  type PriceListServiceCode,
} from '../src/domain/pricelist/price-list-document';
import { MSK_EXPRESS_BROKER_PRICES, MSK_STANDARD_BROKER_PRICES } from './msk-broker-prices';

export const SNAPSHOT_VERSION = '20261125000000';
export const SNAPSHOT_PUBLICATION_DATE = '2026-11-25T00:00:00Z';
export const ON_DEMAND_OFFER_TERM = 'JRTCKXETXF';
export const PRICE_DIMENSION_CODE = '6YS6EN2CT7';

export interface RegionInfo {
  regionCode: string;
  location: string;
  /** Usage-type prefix AWS uses for the region ('' for Kinesis in us-east-1 is decided per service). */
  prefix: string;
}

export const REGIONS: Readonly<Record<string, RegionInfo>> = {
  'us-east-1': { regionCode: 'us-east-1', location: 'US East (N. Virginia)', prefix: 'USE1' },
  'us-east-2': { regionCode: 'us-east-2', location: 'US East (Ohio)', prefix: 'USE2' },
  'us-west-2': { regionCode: 'us-west-2', location: 'US West (Oregon)', prefix: 'USW2' },
  'eu-west-1': { regionCode: 'eu-west-1', location: 'EU (Ireland)', prefix: 'EU' },
  'eu-central-1': { regionCode: 'eu-central-1', location: 'EU (Frankfurt)', prefix: 'EUC1' },
  'ap-northeast-1': { regionCode: 'ap-northeast-1', location: 'Asia Pacific (Tokyo)', prefix: 'APN1' },
  'ap-southeast-1': { regionCode: 'ap-southeast-1', location: 'Asia Pacific (Singapore)', prefix: 'APS1' },
  'sa-east-1': { regionCode: 'sa-east-1', location: 'South America (Sao Paulo)', prefix: 'SAE1' },
};

const SKU_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A deterministic, plausible 16-character SKU derived from a seed string. */
export function deterministicSku(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let sku = '';
  for (let i = 0; i < 16; i += 1) sku += SKU_ALPHABET[digest[i] % SKU_ALPHABET.length];
  return sku;
}

/** A decimal string with 10 places, as the Price List writes USD prices ("0.0150000000"). */
export function priceString(usd: string): string {
  const [whole, fraction = ''] = usd.split('.');
  return `${whole}.${fraction.padEnd(10, '0')}`;
}

export interface DocumentSpec {
  serviceCode: 'AmazonKinesis' | 'AmazonMSK' | 'AmazonKinesisFirehose' | 'AWSDataTransfer' | string;
  productFamily: string;
  region: RegionInfo;
  usageType: string;
  operation: string;
  unit: string;
  usd: string;
  description: string;
  attributes?: Record<string, string>;
  sku?: string;
  effectiveDate?: string;
  version?: string;
  publicationDate?: string;
  servicename?: string;
}

const SERVICE_NAMES: Record<string, string> = {
  AmazonKinesis: 'Amazon Kinesis',
  AmazonMSK: 'Amazon Managed Streaming for Apache Kafka',
  AmazonKinesisFirehose: 'Amazon Kinesis Firehose',
  AWSDataTransfer: 'AWS Data Transfer',
  AmazonDynamoDB: 'Amazon DynamoDB',
  AWSLambda: 'AWS Lambda',
};

/** One decoded GetProducts document, shaped like the verbatim real ones. */
export function makePriceListDocument(spec: DocumentSpec): PriceListDocument {
  const sku =
    spec.sku ?? deterministicSku(`${spec.serviceCode}|${spec.region.regionCode}|${spec.usageType}|${spec.operation}`);
  const termKey = `${sku}.${ON_DEMAND_OFFER_TERM}`;
  const rateCode = `${termKey}.${PRICE_DIMENSION_CODE}`;
  return {
    product: {
      productFamily: spec.productFamily,
      attributes: {
        regionCode: spec.region.regionCode,
        servicecode: spec.serviceCode,
        usagetype: spec.usageType,
        locationType: 'AWS Region',
        location: spec.region.location,
        servicename: spec.servicename ?? SERVICE_NAMES[spec.serviceCode] ?? spec.serviceCode,
        operation: spec.operation,
        ...spec.attributes,
      },
      sku,
    },
    serviceCode: spec.serviceCode,
    terms: {
      OnDemand: {
        [termKey]: {
          priceDimensions: {
            [rateCode]: {
              unit: spec.unit,
              endRange: 'Inf',
              description: spec.description,
              appliesTo: [],
              rateCode,
              beginRange: '0',
              pricePerUnit: { USD: priceString(spec.usd) },
            },
          },
          sku,
          effectiveDate: spec.effectiveDate ?? '2026-11-01T00:00:00Z',
          offerTermCode: ON_DEMAND_OFFER_TERM,
          termAttributes: {},
        },
      },
    },
    version: spec.version ?? SNAPSHOT_VERSION,
    publicationDate: spec.publicationDate ?? SNAPSHOT_PUBLICATION_DATE,
  };
}

/** The two verbatim real documents (publication 2023-08-01, quoted in https://github.com/mlabouardy/komiser/pull/1137). */
export const REAL_KINESIS_DOCUMENTS: readonly PriceListDocument[] = [
  {
    product: {
      productFamily: 'Kinesis Streams',
      attributes: {
        regionCode: 'us-east-1',
        servicecode: 'AmazonKinesis',
        groupDescription: 'Number of enhanced fan-out consumer-shard hours generated by consumers',
        usagetype: 'EnhancedFanoutHour',
        locationType: 'AWS Region',
        location: 'US East (N. Virginia)',
        servicename: 'Amazon Kinesis',
        operation: 'ConsumerHour',
        group: 'Enhanced fan-out consumer-shard hour',
      },
      sku: 'QFHADPJ42UJZ4EUK',
    },
    serviceCode: 'AmazonKinesis',
    terms: {
      OnDemand: {
        'QFHADPJ42UJZ4EUK.JRTCKXETXF': {
          priceDimensions: {
            'QFHADPJ42UJZ4EUK.JRTCKXETXF.6YS6EN2CT7': {
              unit: 'ConsumerShardHour',
              endRange: 'Inf',
              description: '$0.015 per enhanced fan-out consumer-shard hour',
              appliesTo: [],
              rateCode: 'QFHADPJ42UJZ4EUK.JRTCKXETXF.6YS6EN2CT7',
              beginRange: '0',
              pricePerUnit: { USD: '0.0150000000' },
            },
          },
          sku: 'QFHADPJ42UJZ4EUK',
          effectiveDate: '2023-06-01T00:00:00Z',
          offerTermCode: 'JRTCKXETXF',
          termAttributes: {},
        },
      },
    },
    version: '20230801012600',
    publicationDate: '2023-08-01T01:26:00Z',
  },
  {
    product: {
      productFamily: 'Kinesis Streams',
      attributes: {
        regionCode: 'us-east-1',
        maximumExtendedStorage: '7 days',
        servicecode: 'AmazonKinesis',
        groupDescription: 'Number of extended shard hours',
        usagetype: 'Extended-ShardHour',
        standardStorageRetentionIncluded: '1 day',
        locationType: 'AWS Region',
        location: 'US East (N. Virginia)',
        servicename: 'Amazon Kinesis',
        operation: 'shardHourStorage',
        group: 'Addon shard hour',
      },
      sku: '9DT967X6YQX3AYMB',
    },
    serviceCode: 'AmazonKinesis',
    terms: {
      OnDemand: {
        '9DT967X6YQX3AYMB.JRTCKXETXF': {
          priceDimensions: {
            '9DT967X6YQX3AYMB.JRTCKXETXF.6YS6EN2CT7': {
              unit: 'ShardHour',
              endRange: 'Inf',
              description: '$0.020 per extended shard-hour',
              appliesTo: [],
              rateCode: '9DT967X6YQX3AYMB.JRTCKXETXF.6YS6EN2CT7',
              beginRange: '0',
              pricePerUnit: { USD: '0.0200000000' },
            },
          },
          sku: '9DT967X6YQX3AYMB',
          effectiveDate: '2023-06-01T00:00:00Z',
          offerTermCode: 'JRTCKXETXF',
          termAttributes: {},
        },
      },
    },
    version: '20230801012600',
    publicationDate: '2023-08-01T01:26:00Z',
  },
];

interface KinesisRow {
  usageType: string; // us-east-1 form (no prefix)
  operation: string;
  group: string;
  groupDescription: string;
  unit: string;
  usd: string;
  description: string;
  extra?: Record<string, string>;
}

/**
 * Kinesis Data Streams us-east-1 list prices (https://aws.amazon.com/kinesis/data-streams/pricing/). In us-east-1
 * the EFO consumer-shard-hour and extended shard-hour rows come from the real documents instead.
 */
export const KINESIS_ROWS: readonly KinesisRow[] = [
  {
    usageType: 'OnDemand-StreamHour',
    operation: 'OnDemandStreamHr',
    group: 'OnDemand Stream Hour',
    groupDescription: 'Number of on-demand stream hours',
    unit: 'StreamHour',
    usd: '0.04',
    description: '$0.04 per stream hour',
  },
  {
    usageType: 'OnDemand-BilledIncomingBytes',
    operation: 'OnDemandDataIngested',
    group: 'OnDemand Data Ingested',
    groupDescription: 'GB of data ingested by on-demand streams',
    unit: 'GB',
    usd: '0.08',
    description: '$0.08 per GB of data ingested',
  },
  {
    usageType: 'OnDemand-BilledOutgoingBytes',
    operation: 'OnDemandDataRetrieval',
    group: 'OnDemand Data Retrieval',
    groupDescription: 'GB of data retrieved from on-demand streams',
    unit: 'GB',
    usd: '0.04',
    description: '$0.04 per GB of data retrieved',
  },
  {
    usageType: 'OnDemand-BilledOutgoingEFOBytes',
    operation: 'OnDemandEFODataRetrieval',
    group: 'OnDemand Enhanced Fan-Out Data Retrieval',
    groupDescription: 'GB of data retrieved by enhanced fan-out consumers of on-demand streams',
    unit: 'GB',
    usd: '0.05',
    description: '$0.05 per GB of enhanced fan-out data retrieved',
  },
  {
    usageType: 'OnDemand-ExtendedRetention-ByteHrs',
    operation: 'OnDemandExtendedRetentionByteHrs',
    group: 'OnDemand Extended Retention',
    groupDescription: 'GB-month of on-demand data retained beyond 24 hours and up to 7 days',
    unit: 'GB-Mo',
    usd: '0.10',
    description: '$0.10 per GB-month of extended retention',
  },
  {
    usageType: 'OnDemand-LongTermRetention-ByteHrs',
    operation: 'OnDemandLongTermRetentionByteHrs',
    group: 'OnDemand Long Term Retention',
    groupDescription: 'GB-month of on-demand data retained beyond 7 days',
    unit: 'GB-Mo',
    usd: '0.023',
    description: '$0.023 per GB-month of long-term retention',
  },
  {
    usageType: 'Storage-ShardHour',
    operation: 'shardHourStorage',
    group: 'Provisioned shard hour',
    groupDescription: 'Number of shard hours',
    unit: 'ShardHour',
    usd: '0.015',
    description: '$0.015 per shard-hour',
    extra: { standardStorageRetentionIncluded: '1 day' },
  },
  {
    usageType: 'Extended-ShardHour',
    operation: 'shardHourStorage',
    group: 'Addon shard hour',
    groupDescription: 'Number of extended shard hours',
    unit: 'ShardHour',
    usd: '0.020',
    description: '$0.020 per extended shard-hour',
    extra: { maximumExtendedStorage: '7 days', standardStorageRetentionIncluded: '1 day' },
  },
  {
    usageType: 'EnhancedFanoutHour',
    operation: 'ConsumerHour',
    group: 'Enhanced fan-out consumer-shard hour',
    groupDescription: 'Number of enhanced fan-out consumer-shard hours generated by consumers',
    unit: 'ConsumerShardHour',
    usd: '0.015',
    description: '$0.015 per enhanced fan-out consumer-shard hour',
  },
  {
    usageType: 'PutRequestPayloadUnits',
    operation: 'PutRequest',
    group: 'Payload Units',
    groupDescription: 'Number of 25 KB PUT payload units',
    unit: 'PutPayloadUnits',
    usd: '0.000000014',
    description: '$0.014 per 1,000,000 PUT payload units',
  },
  {
    usageType: 'LongTermRetention-ByteHrs',
    operation: 'LongTermRetentionByteHrs',
    group: 'Long Term Retention',
    groupDescription: 'GB-month of data retained beyond 7 days',
    unit: 'GB-Mo',
    usd: '0.023',
    description: '$0.023 per GB-month of long-term retention',
  },
  {
    usageType: 'LongTermRetention-ReadBytes',
    operation: 'LongTermRetentionDataRetrieval',
    group: 'Long Term Retention Data Retrieval',
    groupDescription: 'GB of data older than 7 days retrieved',
    unit: 'GB',
    usd: '0.021',
    description: '$0.021 per GB of long-term retention data retrieved',
  },
  {
    usageType: 'ReadBytes',
    operation: 'EnhancedFanoutDataRetrieval',
    group: 'Enhanced fan-out GB of data retrieved',
    groupDescription: 'GB of data retrieved by enhanced fan-out consumers',
    unit: 'GB',
    usd: '0.013',
    description: '$0.013 per GB of enhanced fan-out data retrieved',
  },
  // On-demand Advantage (3P prices; usage types assumed)
  {
    usageType: 'OnDemandAdvantage-BilledIncomingBytes',
    operation: 'AdvantageDataIngested',
    group: 'OnDemand Advantage',
    groupDescription: 'GB of data ingested in On-demand Advantage mode',
    unit: 'GB',
    usd: '0.032',
    description: '$0.032 per GB of data ingested (On-demand Advantage)',
    extra: { kinesisAdvantageOperation: 'AdvantageDataIngested' },
  },
  {
    usageType: 'OnDemandAdvantage-BilledOutgoingBytes',
    operation: 'AdvantageDataRetrieval',
    group: 'OnDemand Advantage',
    groupDescription: 'GB of data retrieved in On-demand Advantage mode',
    unit: 'GB',
    usd: '0.016',
    description: '$0.016 per GB of data retrieved (On-demand Advantage)',
    extra: { kinesisAdvantageOperation: 'AdvantageDataRetrieval' },
  },
  {
    usageType: 'OnDemandAdvantage-BilledOutgoingEFOBytes',
    operation: 'AdvantageEFODataRetrieval',
    group: 'OnDemand Advantage',
    groupDescription: 'GB of enhanced fan-out data retrieved in On-demand Advantage mode',
    unit: 'GB',
    usd: '0.016',
    description: '$0.016 per GB of enhanced fan-out data retrieved (On-demand Advantage)',
    extra: { kinesisAdvantageOperation: 'AdvantageEFODataRetrieval' },
  },
  {
    usageType: 'OnDemandAdvantage-ExtendedRetention-ByteHrs',
    operation: 'AdvantageExtRetentionByteHrs',
    group: 'OnDemand Advantage',
    groupDescription: 'GB-month of extended retention in On-demand Advantage mode',
    unit: 'GB-Mo',
    usd: '0.023',
    description: '$0.023 per GB-month of extended retention (On-demand Advantage)',
    extra: { kinesisAdvantageOperation: 'AdvantageExtRetentionByteHrs' },
  },
  {
    usageType: 'OnDemandAdvantage-LongTermRetention-ByteHrs',
    operation: 'AdvantageLTRetentionByteHrs',
    group: 'OnDemand Advantage',
    groupDescription: 'GB-month of long-term retention in On-demand Advantage mode',
    unit: 'GB-Mo',
    usd: '0.023',
    description: '$0.023 per GB-month of long-term retention (On-demand Advantage)',
    extra: { kinesisAdvantageOperation: 'AdvantageLTRetentionByteHrs' },
  },
];

const SIZES: Record<string, { vcpu: string; memoryGib: string }> = {
  small: { vcpu: '2', memoryGib: '2' },
  large: { vcpu: '2', memoryGib: '8' },
  xlarge: { vcpu: '4', memoryGib: '16' },
  '2xlarge': { vcpu: '8', memoryGib: '32' },
  '4xlarge': { vcpu: '16', memoryGib: '64' },
  '8xlarge': { vcpu: '32', memoryGib: '128' },
  '12xlarge': { vcpu: '48', memoryGib: '192' },
  '16xlarge': { vcpu: '64', memoryGib: '256' },
  '24xlarge': { vcpu: '96', memoryGib: '384' },
};

const sizeOf = (family: string): { vcpu: string; memoryGib: string } => SIZES[family.split('.')[1]];

export function kinesisDocuments(
  region: RegionInfo,
  prices: (row: KinesisRow) => string = (row) => row.usd,
): PriceListDocument[] {
  const prefix = region.regionCode === 'us-east-1' ? '' : `${region.prefix}-`;
  return KINESIS_ROWS.map((row) =>
    makePriceListDocument({
      serviceCode: 'AmazonKinesis',
      productFamily: 'Kinesis Streams',
      region,
      usageType: `${prefix}${row.usageType}`,
      operation: row.operation,
      unit: row.unit,
      usd: prices(row),
      description: row.description,
      effectiveDate: row.operation.startsWith('Advantage') ? '2025-11-01T00:00:00Z' : '2023-06-01T00:00:00Z',
      attributes: { group: row.group, groupDescription: row.groupDescription, ...row.extra },
    }),
  );
}

export function mskDocuments(region: RegionInfo): PriceListDocument[] {
  const p = `${region.prefix}-`;
  const base = { serviceCode: 'AmazonMSK', productFamily: 'Managed Streaming for Apache Kafka (MSK)', region } as const;
  const docs: PriceListDocument[] = [];
  for (const [family, usd] of Object.entries(MSK_STANDARD_BROKER_PRICES)) {
    docs.push(
      makePriceListDocument({
        ...base,
        usageType: `${p}Kafka.${family}`,
        operation: 'RunBroker',
        unit: 'Hrs',
        usd,
        description: `$${usd} per Kafka.${family} broker-hour`,
        effectiveDate: family.startsWith('m7g') ? '2023-11-01T00:00:00Z' : '2023-06-01T00:00:00Z',
        attributes: { group: 'Broker', groupDescription: 'Broker-hours', computeFamily: family, ...sizeOf(family) },
      }),
    );
  }
  for (const [family, usd] of Object.entries(MSK_EXPRESS_BROKER_PRICES)) {
    docs.push(
      makePriceListDocument({
        ...base,
        usageType: `${p}Express.${family}`,
        operation: 'RunBroker',
        unit: 'Hrs',
        usd,
        description: `$${usd} per express.${family} broker-hour`,
        effectiveDate: '2024-11-01T00:00:00Z',
        attributes: {
          group: 'ExpressBroker',
          groupDescription: 'Express broker-hours',
          computeFamily: family,
          ...sizeOf(family),
        },
      }),
    );
  }
  const flat: Array<Omit<DocumentSpec, 'serviceCode' | 'productFamily' | 'region'>> = [
    {
      usageType: `${p}Kafka.Storage.GP2`,
      operation: 'RunVolume',
      unit: 'GB-Mo',
      usd: '0.10',
      description: '$0.10 per GB-month of broker storage',
      effectiveDate: '2023-06-01T00:00:00Z',
      attributes: { group: 'Storage', groupDescription: 'Broker storage', storageFamily: 'GP2' },
    },
    {
      usageType: `${p}Kafka.Storage.ProvisionedThroughput`,
      operation: 'RunVolumeThroughput',
      unit: 'MBps-Mo',
      usd: '0.08',
      description: '$0.08 per MB/s-month of provisioned storage throughput',
      effectiveDate: '2023-06-01T00:00:00Z',
      attributes: { group: 'Storage Throughput', groupDescription: 'Provisioned storage throughput' },
    },
    {
      usageType: `${p}Kafka.Storage.Tiered`,
      operation: 'TieredStorage',
      unit: 'GB-Mo',
      usd: '0.06',
      description: '$0.06 per GB-month of tiered storage',
      effectiveDate: '2023-06-01T00:00:00Z',
      attributes: { group: 'Tiered Storage', groupDescription: 'Tiered storage' },
    },
    {
      usageType: `${p}Kafka.DataRetrieval.Tiered`,
      operation: 'TieredStorageRetrieval',
      unit: 'GB',
      usd: '0.0015',
      description: '$0.0015 per GB retrieved from tiered storage',
      effectiveDate: '2023-06-01T00:00:00Z',
      attributes: { group: 'Tiered Storage', groupDescription: 'Tiered storage retrieval' },
    },
    {
      usageType: `${p}Express.Storage`,
      operation: 'ExpressStorage',
      unit: 'GB-Mo',
      usd: '0.10',
      description: '$0.10 per GB-month of Express broker storage',
      effectiveDate: '2024-11-01T00:00:00Z',
      attributes: { group: 'ExpressStorage', groupDescription: 'Express broker storage' },
    },
    {
      usageType: `${p}Express.DataWritten`,
      operation: 'ExpressDataWritten',
      unit: 'GB',
      usd: '0.01',
      description: '$0.01 per GB of data written to Express brokers',
      effectiveDate: '2024-11-01T00:00:00Z',
      attributes: { group: 'ExpressDataWritten', groupDescription: 'Data written to Express brokers' },
    },
    {
      usageType: `${p}KafkaServerless-ClusterHours`,
      operation: 'Serverless',
      unit: 'Hrs',
      usd: '0.75',
      description: '$0.75 per serverless cluster-hour',
      attributes: { group: 'Serverless', groupDescription: 'MSK Serverless cluster-hours' },
    },
    {
      usageType: `${p}KafkaServerless-PartitionHours`,
      operation: 'Serverless',
      unit: 'Hrs',
      usd: '0.0015',
      description: '$0.0015 per serverless partition-hour',
      attributes: { group: 'Serverless', groupDescription: 'MSK Serverless partition-hours' },
    },
    {
      usageType: `${p}KafkaServerless-In-Bytes`,
      operation: 'Serverless',
      unit: 'GB',
      usd: '0.10',
      description: '$0.10 per GB of data into MSK Serverless',
      attributes: { group: 'Serverless', groupDescription: 'MSK Serverless data in' },
    },
    {
      usageType: `${p}KafkaServerless-Out-Bytes`,
      operation: 'Serverless',
      unit: 'GB',
      usd: '0.05',
      description: '$0.05 per GB of data out of MSK Serverless',
      attributes: { group: 'Serverless', groupDescription: 'MSK Serverless data out' },
    },
    {
      usageType: `${p}KafkaServerless-StorageHours`,
      operation: 'Serverless',
      unit: 'GB-Mo',
      usd: '0.10',
      description: '$0.10 per GB-month of MSK Serverless storage',
      attributes: { group: 'Serverless', groupDescription: 'MSK Serverless storage' },
    },
  ];
  for (const spec of flat)
    docs.push(makePriceListDocument({ ...base, effectiveDate: '2023-06-01T00:00:00Z', ...spec }));
  // MSK Connect and MSK Replicator: prices AWS (pricing page) / ? (Replicator), usage types and operations '?'.
  const pipeline: Array<Omit<DocumentSpec, 'serviceCode' | 'productFamily' | 'region'>> = [
    {
      usageType: `${p}Kafka.mcu.general`,
      operation: 'RunConnector',
      unit: 'Hrs',
      usd: '0.11',
      description: '$0.11 per MSK Connect Unit (MCU)-hour',
      effectiveDate: '2021-09-16T00:00:00Z',
      attributes: { group: 'MSK Connect', groupDescription: 'MSK Connect Unit hours' },
    },
    {
      usageType: `${p}KafkaReplicator-Hours`,
      operation: 'RunReplicator',
      unit: 'Hrs',
      usd: '0.30',
      description: '$0.30 per MSK Replicator-hour',
      effectiveDate: '2023-11-27T00:00:00Z',
      attributes: { group: 'Replicator', groupDescription: 'MSK Replicator hours' },
    },
    {
      usageType: `${p}KafkaReplicator-Bytes`,
      operation: 'RunReplicator',
      unit: 'GB',
      usd: '0.08',
      description: '$0.08 per GB of data replicated by MSK Replicator',
      effectiveDate: '2023-11-27T00:00:00Z',
      attributes: { group: 'Replicator', groupDescription: 'Data replicated by MSK Replicator' },
    },
  ];
  for (const spec of pipeline) docs.push(makePriceListDocument({ ...base, ...spec }));
  // MSK multi-VPC private connectivity: prices and names '?'.
  const connectivity: Array<Omit<DocumentSpec, 'serviceCode' | 'productFamily' | 'region'>> = [
    {
      usageType: `${p}Kafka.PrivateConnectivityHours`,
      operation: 'PrivateConnectivity',
      unit: 'Hrs',
      usd: '0.0225',
      description: '$0.0225 per hour per VPC connection (multi-VPC private connectivity)',
      effectiveDate: '2023-10-26T00:00:00Z',
      attributes: { group: 'Private Connectivity', groupDescription: 'Multi-VPC private connectivity hours' },
    },
    {
      usageType: `${p}Kafka.PrivateConnectivity-Bytes`,
      operation: 'PrivateConnectivity',
      unit: 'GB',
      usd: '0.006',
      description: '$0.006 per GB processed through multi-VPC private connectivity',
      effectiveDate: '2023-10-26T00:00:00Z',
      attributes: {
        group: 'Private Connectivity',
        groupDescription: 'Data processed through multi-VPC private connectivity',
      },
    },
  ];
  for (const spec of connectivity) docs.push(makePriceListDocument({ ...base, ...spec }));
  return docs;
}

/** One Firehose ingestion tier: [beginRange, endRange, USD]. */
type Tier = readonly [string, string, string];

/** Firehose ingestion with Direct PUT or Kinesis Data Streams as source, us-east-1 tiers (AWS pricing page). */
export const FIREHOSE_STREAM_SOURCE_TIERS: readonly Tier[] = [
  ['0', '512000', '0.029'],
  ['512000', '2048000', '0.025'],
  ['2048000', 'Inf', '0.020'],
];

/** A document whose on-demand term has one price dimension per tier, as tiered Price List products do. */
function tieredDocument(spec: DocumentSpec, tiers: readonly Tier[]): PriceListDocument {
  const doc = makePriceListDocument({ ...spec, usd: tiers[0][2] });
  const term = Object.values(doc.terms.OnDemand!)[0];
  const [only] = Object.values(term.priceDimensions);
  term.priceDimensions = Object.fromEntries(
    tiers.map(([begin, end, usd], i) => {
      const rateCode = `${term.sku}.${ON_DEMAND_OFFER_TERM}.${PRICE_DIMENSION_CODE.slice(0, -1)}${i}`;
      const label =
        end === 'Inf' ? `over ${Number(begin) / 1024} TB` : `${Number(begin) / 1024}-${Number(end) / 1024} TB`;
      return [
        rateCode,
        {
          ...only,
          rateCode,
          beginRange: begin,
          endRange: end,
          pricePerUnit: { USD: priceString(usd) },
          description: `$${usd} per GB ingested (${label} a month)`,
        },
      ];
    }),
  );
  return doc;
}

/** Amazon Data Firehose (AmazonKinesisFirehose): ingestion per source, format conversion, dynamic partitioning. */
export function firehoseDocuments(region: RegionInfo): PriceListDocument[] {
  const prefix = region.regionCode === 'us-east-1' ? '' : `${region.prefix}-`;
  const base = {
    serviceCode: 'AmazonKinesisFirehose',
    productFamily: 'Kinesis Firehose',
    region,
    effectiveDate: '2023-11-01T00:00:00Z',
  } as const;
  return [
    tieredDocument(
      {
        ...base,
        usageType: `${prefix}BilledBytes`,
        operation: 'PutRecord',
        unit: 'GB',
        usd: '0',
        description: '',
        attributes: {
          group: 'Event-by-Event Processing',
          groupDescription: 'GB ingested (Direct PUT and Kinesis Data Streams as source), billed in 5 KB records',
        },
      },
      FIREHOSE_STREAM_SOURCE_TIERS,
    ),
    makePriceListDocument({
      ...base,
      usageType: `${prefix}MSK-BilledBytes`,
      operation: 'MSKSourceIngestion',
      unit: 'GB',
      usd: '0.055',
      description: '$0.055 per GB ingested with Amazon MSK as source',
      attributes: {
        group: 'MSK Source Processing',
        groupDescription: 'GB ingested from Amazon MSK (no 5 KB rounding)',
      },
    }),
    makePriceListDocument({
      ...base,
      usageType: `${prefix}DataFormatConversion-Bytes`,
      operation: 'DataFormatConversion',
      unit: 'GB',
      usd: '0.018',
      description: '$0.018 per GB converted to Apache Parquet or ORC',
      attributes: { group: 'Format Conversion', groupDescription: 'GB of data format conversion' },
    }),
    makePriceListDocument({
      ...base,
      usageType: `${prefix}DynamicPartitioning-Bytes`,
      operation: 'DynamicPartitioning',
      unit: 'GB',
      usd: '0.020',
      description: '$0.020 per GB delivered with dynamic partitioning',
      attributes: {
        group: 'Dynamic Partitioning',
        groupDescription: 'GB delivered to Amazon S3 with dynamic partitioning',
      },
    }),
  ];
}

/** AmazonDynamoDB on-demand request units (AWS pricing page, after the November 2024 reduction). */
export function dynamoDbDocuments(region: RegionInfo): PriceListDocument[] {
  const prefix = region.regionCode === 'us-east-1' ? '' : `${region.prefix}-`;
  const base = {
    serviceCode: 'AmazonDynamoDB',
    productFamily: 'Amazon DynamoDB PayPerRequest Throughput',
    region,
    effectiveDate: '2024-11-01T00:00:00Z',
  } as const;
  return [
    makePriceListDocument({
      ...base,
      usageType: `${prefix}WriteRequestUnits`,
      operation: 'PayPerRequestThroughput',
      unit: 'WriteRequestUnits',
      usd: '0.000000625',
      description: '$0.625 per million write request units',
      attributes: { group: 'DDB-WriteUnits', groupDescription: 'DynamoDB PayPerRequest Write Request Units' },
    }),
    makePriceListDocument({
      ...base,
      usageType: `${prefix}ReadRequestUnits`,
      operation: 'PayPerRequestThroughput',
      unit: 'ReadRequestUnits',
      usd: '0.000000125',
      description: '$0.125 per million read request units',
      attributes: { group: 'DDB-ReadUnits', groupDescription: 'DynamoDB PayPerRequest Read Request Units' },
    }),
  ];
}

/** AWSLambda: the provisioned-mode event poller unit (price and names '?'). */
export function lambdaDocuments(region: RegionInfo): PriceListDocument[] {
  const prefix = region.regionCode === 'us-east-1' ? '' : `${region.prefix}-`;
  return [
    makePriceListDocument({
      serviceCode: 'AWSLambda',
      productFamily: 'Serverless',
      region,
      usageType: `${prefix}Lambda-EventPollerUnit-Hours`,
      operation: 'EventPollerUnit',
      unit: 'Hrs',
      usd: '0.185',
      description: '$0.185 per event poller unit (EPU)-hour, provisioned mode',
      effectiveDate: '2024-11-14T00:00:00Z',
      attributes: {
        group: 'AWS-Lambda-Provisioned-Poller',
        groupDescription: 'Event poller units for event source mappings in provisioned mode',
      },
    }),
  ];
}

/** AWSDataTransfer: the inter-region outbound rate to the reference target (us-west-2; from us-west-2, us-east-1). */
export function dataTransferDocuments(region: RegionInfo): PriceListDocument[] {
  const targetCode = region.regionCode === 'us-west-2' ? 'us-east-1' : 'us-west-2';
  const target = REGIONS[targetCode];
  const doc = makePriceListDocument({
    serviceCode: 'AWSDataTransfer',
    productFamily: 'Data Transfer',
    region,
    usageType: `${region.prefix}-${target.prefix}-AWS-Out-Bytes`,
    operation: '',
    unit: 'GB',
    usd: '0.02',
    description: `$0.02 per GB - ${region.location} data transfer to ${target.location}`,
    effectiveDate: '2023-06-01T00:00:00Z',
    attributes: {
      transferType: 'InterRegion Outbound',
      fromLocation: region.location,
      fromLocationType: 'AWS Region',
      fromRegionCode: region.regionCode,
      toLocation: target.location,
      toLocationType: 'AWS Region',
      toRegionCode: target.regionCode,
    },
  });
  const attributes = doc.product.attributes;
  delete attributes.regionCode;
  delete attributes.location;
  delete attributes.locationType;
  return [doc];
}

export type SnapshotDocuments = Record<PriceListServiceCode, PriceListDocument[]>;

/** The bundled us-east-1 snapshot: every §2–3 rate, the two real Kinesis documents kept verbatim, the pipeline services. */
export function bundledSnapshot(): SnapshotDocuments {
  const region = REGIONS['us-east-1'];
  const realUsageTypes = new Set(REAL_KINESIS_DOCUMENTS.map((doc) => doc.product.attributes.usagetype));
  const synthesized = kinesisDocuments(region).filter((doc) => !realUsageTypes.has(doc.product.attributes.usagetype));
  return {
    AmazonKinesis: [...REAL_KINESIS_DOCUMENTS.map((doc) => structuredClone(doc)), ...synthesized],
    AmazonMSK: mskDocuments(region),
    AmazonKinesisFirehose: firehoseDocuments(region),
    AWSDataTransfer: dataTransferDocuments(region),
    AmazonDynamoDB: dynamoDbDocuments(region),
    AWSLambda: lambdaDocuments(region),
  };
}

/** <project root>/rates/pricelist. */
export const RATES_DIR = join(projectRoot(), 'rates', 'pricelist');

function main(argv: string[]): number {
  const realisticAt = argv.indexOf('--realistic');
  if (realisticAt >= 0) {
    const out = argv[realisticAt + 1];
    if (!out) throw new Error('--realistic needs an output path');
    // Loaded lazily so the snapshot generator does not depend on test support code.
    type Fixtures = typeof import('../test/support/pricelist-fixtures');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fixtures = require('../test/support/pricelist-fixtures') as Fixtures;
    const { realisticPriceList } = fixtures;
    const list = realisticPriceList();
    writeFileSync(out, `${JSON.stringify(list, null, 1)}\n`);
    console.log(`wrote ${list.AmazonKinesis.length + list.AmazonMSK.length} products to ${out}`);
    return 0;
  }
  const check = argv.includes('--check');
  const snapshot = bundledSnapshot();
  let differs = false;
  for (const serviceCode of PRICE_LIST_SERVICE_CODES) {
    const dir = join(RATES_DIR, 'us-east-1');
    const file = join(dir, `${serviceCode}.json`);
    const text = `${JSON.stringify(snapshot[serviceCode], null, 2)}\n`;
    if (check) {
      let current = '';
      try {
        current = readFileSync(file, 'utf8');
      } catch {
        current = '';
      }
      if (current !== text) {
        differs = true;
        console.error(`${file} is out of date`);
      }
    } else {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, text);
      console.log(`wrote ${snapshot[serviceCode].length} documents to ${file}`);
    }
  }
  return differs ? 1 : 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
