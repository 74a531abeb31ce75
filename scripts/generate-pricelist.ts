/**
 * Builds the offline Price List snapshot (rates/pricelist/<region>/<ServiceCode>.json and provenance.json) for
 * the SNAPSHOT_REGIONS from the sources under rates/sources (SOURCES.md):
 * - Amazon MSK from AWS's own data: ap-southeast-1 is AWS's verbatim GetProducts response; every other region is
 *   built from AWS's MSK pricing feed (real SKUs, usage types, operations, prices) in the verbatim documents' shape
 *   (scripts/msk-feed.ts);
 * - data transfer, and Kinesis/Firehose outside us-east-1, from the cited sources in rates/sources/cited-rates.json;
 * - us-east-1 Kinesis, Firehose, DynamoDB and Lambda from AWS's pricing pages as before (rates/README.md), the two
 *   verbatim Kinesis documents (SKUs QFHADPJ42UJZ4EUK and 9DT967X6YQX3AYMB) kept as-is.
 * Where no source gives a rate for a region, the snapshot lacks it.
 *
 *   node -r @swc-node/register scripts/generate-pricelist.ts            # rewrite the bundled snapshot
 *   node -r @swc-node/register scripts/generate-pricelist.ts --check    # exit 1 if the files differ
 *   node -r @swc-node/register scripts/generate-pricelist.ts --realistic out.json   # dump the ≥2,000-product list
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from '../src/infrastructure/paths';
import {
  PRICE_LIST_SERVICE_CODES,
  type PriceListDocument,
  type PriceListServiceCode,
} from '../src/domain/pricelist/price-list-document';
import type { RateProvenance } from '../src/domain/rate-card';
import { AWS_REGIONS, SNAPSHOT_REGIONS, type AwsRegion } from '../src/domain/regions';
import { MSK_FEED_PUBLICATION_DATE, SOURCES_DIR, mskFeedDocument, mskFeedRates, mskGetProductsApS1 } from './msk-feed';

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

/** Every region the catalogue knows (src/domain/regions.ts), in the generator's shape. */
export const REGIONS: Readonly<Record<string, RegionInfo>> = Object.fromEntries(
  Object.values(AWS_REGIONS).map((r) => [
    r.code,
    { regionCode: r.code, location: r.location, prefix: r.billingPrefix },
  ]),
);

const awsRegion = (region: RegionInfo): AwsRegion => ({
  code: region.regionCode,
  location: region.location,
  billingPrefix: region.prefix,
});

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
  // On-demand Advantage (3P prices). Usage types by analogy with the one seen (`APN1-Advantage-BilledOutgoingBytes`,
  // third party); the mapping ignores them and matches group + kinesisAdvantageOperation instead.
  {
    usageType: 'Advantage-BilledIncomingBytes',
    operation: 'AdvantageDataIngested',
    group: 'OnDemand Advantage',
    groupDescription: 'GB of data ingested in On-demand Advantage mode',
    unit: 'GB',
    usd: '0.032',
    description: '$0.032 per GB of data ingested (On-demand Advantage)',
    extra: { kinesisAdvantageOperation: 'AdvantageDataIngested' },
  },
  {
    usageType: 'Advantage-BilledOutgoingBytes',
    operation: 'AdvantageDataRetrieval',
    group: 'OnDemand Advantage',
    groupDescription: 'GB of data retrieved in On-demand Advantage mode',
    unit: 'GB',
    usd: '0.016',
    description: '$0.016 per GB of data retrieved (On-demand Advantage)',
    extra: { kinesisAdvantageOperation: 'AdvantageDataRetrieval' },
  },
  {
    usageType: 'Advantage-BilledOutgoingEFOBytes',
    operation: 'AdvantageEFODataRetrieval',
    group: 'OnDemand Advantage',
    groupDescription: 'GB of enhanced fan-out data retrieved in On-demand Advantage mode',
    unit: 'GB',
    usd: '0.016',
    description: '$0.016 per GB of enhanced fan-out data retrieved (On-demand Advantage)',
    extra: { kinesisAdvantageOperation: 'AdvantageEFODataRetrieval' },
  },
  {
    usageType: 'Advantage-ExtendedRetention-ByteHrs',
    operation: 'AdvantageExtRetentionByteHrs',
    group: 'OnDemand Advantage',
    groupDescription: 'GB-month of extended retention in On-demand Advantage mode',
    unit: 'GB-Mo',
    usd: '0.023',
    description: '$0.023 per GB-month of extended retention (On-demand Advantage)',
    extra: { kinesisAdvantageOperation: 'AdvantageExtRetentionByteHrs' },
  },
  {
    usageType: 'Advantage-LongTermRetention-ByteHrs',
    operation: 'AdvantageLTRetentionByteHrs',
    group: 'OnDemand Advantage',
    groupDescription: 'GB-month of long-term retention in On-demand Advantage mode',
    unit: 'GB-Mo',
    usd: '0.023',
    description: '$0.023 per GB-month of long-term retention (On-demand Advantage)',
    extra: { kinesisAdvantageOperation: 'AdvantageLTRetentionByteHrs' },
  },
];

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

/**
 * MSK documents for a region, in the shape of AWS's own: the feed's rates for that region, or, for a region the
 * feed does not have (test fixtures), us-east-1's rates re-homed there with deterministic SKUs.
 */
export function mskDocuments(region: RegionInfo): PriceListDocument[] {
  const target = awsRegion(region);
  const own = mskFeedRates(region.location);
  if (own.length > 0) return own.map((rate) => mskFeedDocument(rate, target));
  return mskFeedRates(REGIONS['us-east-1'].location).map((rate) =>
    mskFeedDocument(rate, target, {
      sku: (r) => deterministicSku(`AmazonMSK|${region.regionCode}|${r.usageType}|${r.operation}`),
    }),
  );
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
export function firehoseDocuments(
  region: RegionInfo,
  prices: { ingestionTiers: readonly Tier[]; formatConversionGb: string } = {
    ingestionTiers: FIREHOSE_STREAM_SOURCE_TIERS,
    formatConversionGb: '0.018',
  },
): PriceListDocument[] {
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
      prices.ingestionTiers,
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
      usd: prices.formatConversionGb,
      description: `$${prices.formatConversionGb} per GB converted to Apache Parquet or ORC`,
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
export function dataTransferDocuments(region: RegionInfo, usd = '0.02'): PriceListDocument[] {
  const targetCode = region.regionCode === 'us-west-2' ? 'us-east-1' : 'us-west-2';
  const target = REGIONS[targetCode];
  const doc = makePriceListDocument({
    serviceCode: 'AWSDataTransfer',
    productFamily: 'Data Transfer',
    region,
    usageType: `${region.prefix}-${target.prefix}-AWS-Out-Bytes`,
    operation: '',
    unit: 'GB',
    usd,
    description: `$${usd} per GB - ${region.location} data transfer to ${target.location}`,
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

type Tier3 = [string, string, string];
interface CitedRates {
  dataTransfer: {
    label: string;
    citation: string;
    publicationDate: string;
    interRegionOutGb: Record<string, string>;
    crossAzGbPerDirection: Record<string, string>;
  };
  kinesis: Record<
    string,
    {
      label: string;
      citation: string;
      publicationDate: string;
      sameAs: string;
      advantage: { label: string; citation: string };
    }
  >;
  firehose: Record<
    string,
    { label: string; citation: string; publicationDate: string; ingestionTiers: Tier3[]; formatConversionGb: string }
  >;
}

export const CITED_RATES_FILE = join(SOURCES_DIR, 'cited-rates.json');
export const citedRates = (): CitedRates => JSON.parse(readFileSync(CITED_RATES_FILE, 'utf8')) as CitedRates;

/** Provenance per SKU of a region's snapshot (rates/pricelist/<region>/provenance.json). */
export type SnapshotProvenance = Record<string, RateProvenance>;

export interface RegionSnapshot {
  documents: Partial<SnapshotDocuments>;
  provenance: SnapshotProvenance;
}

const US_EAST_1_PAGES =
  "AWS pricing pages, us-east-1 list prices (rates/README.md: aws.amazon.com/kinesis/data-streams/pricing, /kinesis/data-firehose/pricing, /dynamodb/pricing, /lambda/pricing, /ec2/pricing/on-demand), written in the Price List's document shape by scripts/generate-pricelist.ts";

/** The provenance of the us-east-1 documents that are not AWS's own verbatim ones, per the labels of rates/README.md. */
function usEast1Provenance(doc: PriceListDocument): RateProvenance {
  const usageType = doc.product.attributes.usagetype ?? '';
  const operation = doc.product.attributes.operation ?? '';
  const unverified = /^(?:MSK-BilledBytes|DynamicPartitioning-Bytes|Lambda-EventPollerUnit-Hours)$/.test(usageType);
  const thirdParty = operation.startsWith('Advantage');
  return {
    kind: 'CITED_SOURCE',
    label: unverified ? '?' : thirdParty ? '3P' : doc.serviceCode === 'AmazonKinesis' ? 'PL' : 'AWS',
    citation: thirdParty
      ? 'On-demand Advantage rates from third-party notes of the live Price List API (public file id 69424756999); no verbatim AWS document seen'
      : unverified
        ? `${US_EAST_1_PAGES}; this price is unverified (rates/README.md "?")`
        : doc.serviceCode === 'AmazonKinesis'
          ? `${US_EAST_1_PAGES}; agrees with infracost's kinesis_stream golden (price-list-backed)`
          : US_EAST_1_PAGES,
    publicationDate: doc.publicationDate.slice(0, 10),
  };
}

const VERBATIM_KINESIS_PROVENANCE: RateProvenance = {
  kind: 'AWS_DOCUMENT',
  label: 'V-PL',
  citation:
    'AWS Price List GetProducts document (AmazonKinesis us-east-1, version 20230801012600), quoted verbatim in https://github.com/mlabouardy/komiser/pull/1137',
  publicationDate: '2023-08-01T01:26:00Z',
};

/** Documents written from a cited source carry that source's date as their version and publication date. */
function datedBy(docs: PriceListDocument[], date: string): PriceListDocument[] {
  return docs.map((doc) => ({
    ...doc,
    version: `${date.replace(/-/g, '')}000000`,
    publicationDate: `${date}T00:00:00Z`,
  }));
}

function cited(label: string, citation: string, publicationDate: string): RateProvenance {
  return { kind: 'CITED_SOURCE', label, citation, publicationDate };
}

/** The snapshot of one region: its documents per service (only services some source prices) and their provenance. */
export function regionSnapshot(regionCode: string): RegionSnapshot {
  const info = REGIONS[regionCode];
  if (!info) throw new Error(`unknown region ${regionCode}`);
  const sources = citedRates();
  const documents: Partial<SnapshotDocuments> = {};
  const provenance: SnapshotProvenance = {};
  const add = (
    code: PriceListServiceCode,
    docs: PriceListDocument[],
    of: (doc: PriceListDocument) => RateProvenance,
  ) => {
    if (docs.length === 0) return;
    documents[code] = [...(documents[code] ?? []), ...docs];
    for (const doc of docs) provenance[doc.product.sku] = of(doc);
  };

  // Amazon MSK: AWS's own documents.
  if (regionCode === 'ap-southeast-1') {
    add(
      'AmazonMSK',
      mskGetProductsApS1().map((raw) => JSON.parse(raw) as PriceListDocument),
      (doc) => ({
        kind: 'AWS_DOCUMENT',
        label: 'V-PL',
        citation: `AWS Price List GetProducts response, AmazonMSK ap-southeast-1, version ${doc.version} (verbatim, rates/sources/aws/msk-getproducts-ap-southeast-1-20260729211408.json), SKU ${doc.product.sku}`,
        publicationDate: doc.publicationDate,
      }),
    );
  } else {
    add('AmazonMSK', mskDocuments(info), (doc) => ({
      kind: 'AWS_DOCUMENT',
      label: 'V-feed',
      citation: `AWS MSK pricing feed (meteredUnitMaps/msk, rates/sources/aws/msk-pricing-feed-20250404190532.json), ${info.location}, SKU ${doc.product.sku}, usage type ${doc.product.attributes.usagetype}`,
      publicationDate: MSK_FEED_PUBLICATION_DATE,
    }));
  }

  // Amazon Kinesis Data Streams.
  if (regionCode === 'us-east-1') {
    const realUsageTypes = new Set(REAL_KINESIS_DOCUMENTS.map((doc) => doc.product.attributes.usagetype));
    add(
      'AmazonKinesis',
      REAL_KINESIS_DOCUMENTS.map((doc) => structuredClone(doc)),
      () => VERBATIM_KINESIS_PROVENANCE,
    );
    add(
      'AmazonKinesis',
      kinesisDocuments(info).filter((doc) => !realUsageTypes.has(doc.product.attributes.usagetype)),
      usEast1Provenance,
    );
  } else if (sources.kinesis[regionCode]) {
    const k = sources.kinesis[regionCode];
    add('AmazonKinesis', datedBy(kinesisDocuments(info), k.publicationDate), (doc) =>
      (doc.product.attributes.operation ?? '').startsWith('Advantage')
        ? cited(k.advantage.label, k.advantage.citation, k.publicationDate)
        : cited(k.label, k.citation, k.publicationDate),
    );
  }

  // Amazon Data Firehose.
  if (regionCode === 'us-east-1') {
    add('AmazonKinesisFirehose', firehoseDocuments(info), usEast1Provenance);
  } else if (sources.firehose[regionCode]) {
    const f = sources.firehose[regionCode];
    const docs = datedBy(
      firehoseDocuments(info, { ingestionTiers: f.ingestionTiers, formatConversionGb: f.formatConversionGb }),
      f.publicationDate,
    );
    add(
      'AmazonKinesisFirehose',
      docs.filter((doc) => !/(?:MSK-BilledBytes|DynamicPartitioning-Bytes)$/.test(doc.product.attributes.usagetype)),
      () => cited(f.label, f.citation, f.publicationDate),
    );
  }

  // Inter-region data transfer.
  const outGb = sources.dataTransfer.interRegionOutGb[regionCode];
  if (outGb !== undefined) {
    const dt = sources.dataTransfer;
    const transfer = dataTransferDocuments(info, outGb);
    add('AWSDataTransfer', regionCode === 'us-east-1' ? transfer : datedBy(transfer, dt.publicationDate), () =>
      cited(
        dt.label,
        `${dt.citation}: InterRegion Outbound from ${info.location} $${outGb}/GB (AWS prices inter-region transfer by source region)`,
        dt.publicationDate,
      ),
    );
  }

  // DynamoDB and Lambda: us-east-1 only (no source for other regions).
  if (regionCode === 'us-east-1') {
    add('AmazonDynamoDB', dynamoDbDocuments(info), usEast1Provenance);
    add('AWSLambda', lambdaDocuments(info), usEast1Provenance);
  }
  return { documents, provenance };
}

/** The bundled us-east-1 snapshot's documents (every service). */
export function bundledSnapshot(): SnapshotDocuments {
  const { documents } = regionSnapshot('us-east-1');
  return Object.fromEntries(PRICE_LIST_SERVICE_CODES.map((code) => [code, documents[code] ?? []])) as SnapshotDocuments;
}

/** <project root>/rates/pricelist. */
export const RATES_DIR = join(projectRoot(), 'rates', 'pricelist');

export const PROVENANCE_FILE = 'provenance.json';

/** Every file of the snapshot (path relative to RATES_DIR → content), as the sources give it. */
export function snapshotFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const region of SNAPSHOT_REGIONS) {
    const { documents, provenance } = regionSnapshot(region);
    for (const code of PRICE_LIST_SERVICE_CODES) {
      const docs = documents[code];
      if (docs) files.set(join(region, `${code}.json`), `${JSON.stringify(docs, null, 2)}\n`);
    }
    const ordered = Object.fromEntries(Object.entries(provenance).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    files.set(join(region, PROVENANCE_FILE), `${JSON.stringify(ordered, null, 2)}\n`);
  }
  return files;
}

/** Files under RATES_DIR (relative paths), recursively. */
function filesOnDisk(dir: string, base = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesOnDisk(join(dir, entry.name), join(base, entry.name)) : [join(base, entry.name)],
  );
}

/** What differs between the committed snapshot and what the sources give: [] when they are equal. */
export function snapshotDifferences(ratesDir: string = RATES_DIR): string[] {
  const expected = snapshotFiles();
  const differences: string[] = [];
  for (const [file, text] of expected) {
    let current: string | undefined;
    try {
      current = readFileSync(join(ratesDir, file), 'utf8');
    } catch {
      current = undefined;
    }
    if (current === undefined) differences.push(`${file} is missing`);
    else if (current !== text) differences.push(`${file} differs from what rates/sources give`);
  }
  for (const file of filesOnDisk(ratesDir))
    if (!expected.has(file)) differences.push(`${file} is not built from rates/sources`);
  return differences;
}

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
  if (argv.includes('--check')) {
    const differences = snapshotDifferences();
    for (const line of differences) console.error(`rates/pricelist/${line}`);
    if (differences.length === 0) console.log('rates/pricelist is exactly what rates/sources give');
    return differences.length === 0 ? 0 : 1;
  }
  const files = snapshotFiles();
  for (const file of filesOnDisk(RATES_DIR)) if (!files.has(file)) rmSync(join(RATES_DIR, file));
  for (const [file, text] of files) {
    mkdirSync(dirname(join(RATES_DIR, file)), { recursive: true });
    writeFileSync(join(RATES_DIR, file), text);
  }
  console.log(`wrote ${files.size} files under ${RATES_DIR}`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
