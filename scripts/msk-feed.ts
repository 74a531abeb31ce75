/**
 * AWS's own MSK data, as the offline snapshot is built from it (rates/sources/SOURCES.md):
 * - the verbatim GetProducts response for AmazonMSK in ap-southeast-1 (publication 2026-07-29), used as is;
 * - AWS's MSK pricing feed (the JSON behind aws.amazon.com/msk/pricing, publication 2025-04-04), which gives for
 *   32 regions each rate's real SKU (the rateCode's first part), usage type, operation and price, but not the
 *   document attributes (group, description, storageFamily, unit). Those are copied from the verbatim response,
 *   dimension by dimension (MSK_DOCUMENT_SHAPES): test/pricelist/aws-documents.spec.ts rebuilds the 40 priced
 *   ap-southeast-1 documents from the feed and finds them equal to AWS's apart from the dates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/infrastructure/paths';
import type { PriceListDocument } from '../src/domain/pricelist/price-list-document';
import type { AwsRegion } from '../src/domain/regions';

export const SOURCES_DIR = join(projectRoot(), 'rates', 'sources');
export const MSK_FEED_FILE = join(SOURCES_DIR, 'aws', 'msk-pricing-feed-20250404190532.json');
export const MSK_GETPRODUCTS_APS1_FILE = join(SOURCES_DIR, 'aws', 'msk-getproducts-ap-southeast-1-20260729211408.json');

/** The feed's manifest publication date and the Price List version written on documents built from it. */
export const MSK_FEED_PUBLICATION_DATE = '2025-04-04T19:05:32Z';
export const MSK_FEED_VERSION = '20250404190532';

const ON_DEMAND = 'JRTCKXETXF';
const DIMENSION = '6YS6EN2CT7';
const MSK_FAMILY = 'Managed Streaming for Apache Kafka (MSK)';
const MSK_SERVICE_NAME = 'Amazon Managed Streaming for Apache Kafka';

/** One MSK rate of the feed, merged from its entries (the feed lists most rates twice, once with fewer fields). */
export interface MskFeedRate {
  sku: string;
  rateCode: string;
  usageType: string;
  operation: string;
  price: string;
  computeFamily: string;
  vcpu: string;
  memoryGib: string;
}

interface FeedFile {
  manifest: { hawkFilePublicationDate: string };
  regions: Record<string, Record<string, Record<string, string | undefined>>>;
}

let feedCache: FeedFile | undefined;
const feed = (): FeedFile => (feedCache ??= JSON.parse(readFileSync(MSK_FEED_FILE, 'utf8')) as FeedFile);

/** The feed's MSK rates for a Price List location, by SKU order; [] when the feed has no such location. */
export function mskFeedRates(location: string): MskFeedRate[] {
  const entries = feed().regions[location];
  if (!entries) return [];
  const merged = new Map<string, Record<string, string>>();
  for (const entry of Object.values(entries)) {
    const rateCode = entry.rateCode ?? '';
    const known = merged.get(rateCode) ?? {};
    for (const [name, value] of Object.entries(entry)) if (value !== undefined && value !== '') known[name] = value;
    merged.set(rateCode, known);
  }
  return [...merged.values()]
    .map((e) => ({
      sku: (e.rateCode ?? '').split('.')[0],
      rateCode: e.rateCode ?? '',
      usageType: e.usageType ?? '',
      operation: e.operation ?? '',
      price: e.price ?? '',
      computeFamily: e['Compute Family'] ?? '',
      vcpu: e.vCPU ?? '',
      memoryGib: e['Memory (GiB)'] ?? '',
    }))
    .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

/** The verbatim GetProducts response (its PriceList strings, exactly as AWS returned them). */
export function mskGetProductsApS1(): string[] {
  const response = JSON.parse(readFileSync(MSK_GETPRODUCTS_APS1_FILE, 'utf8')) as { PriceList: string[] };
  return response.PriceList;
}

/** `$0.0252`, `$6.30`, `$12.60`: the price as AWS's price descriptions write it (at least two decimals). */
export function describedPrice(price: string): string {
  const [whole, fraction = ''] = price.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `$${whole}.${trimmed.padEnd(2, '0')}`;
}

interface Shape {
  /** Attribute `description` (absent on tiered and Express storage). */
  description?: string;
  group?: string;
  storageFamily?: string;
  unit: string;
  priceDescription: (price: string, location: string, usageSuffix: string) => string;
}

const serverless = (description: string, unit: string, words: string): Shape => ({
  description,
  group: 'Serverless',
  unit,
  priceDescription: (p, l) => `${p} per ${words} in ${l}`,
});

/**
 * The document shape of each MSK dimension, keyed by usage-type suffix (and operation where two SKUs share a
 * usage type), copied from the verbatim ap-southeast-1 response.
 */
export const MSK_DOCUMENT_SHAPES: Readonly<Record<string, Shape>> = {
  'Kafka.Throughput': {
    description: 'Throughput-hours',
    storageFamily: 'General',
    group: 'Storage',
    unit: 'MiBps-Mo',
    priceDescription: (p, l) => `${p} per MiBps-Mo for provisioned storage throughput in ${l}`,
  },
  'Kafka.Storage.GP2': {
    description: 'Storage-hours',
    storageFamily: 'GP2',
    group: 'Storage',
    unit: 'GB-Mo',
    priceDescription: (p, l) => `${p} per GB-Mo for storage in ${l}`,
  },
  'Kafka.Storage.Tiered': {
    storageFamily: 'Tiered storage',
    unit: 'GB-Mo',
    priceDescription: (p, l) => `${p} per GB-Mo for tiered storage in ${l}`,
  },
  'Kafka.DataRetrieval.Tiered': {
    storageFamily: 'Tiered storage-DataRetrieval',
    unit: 'GB',
    priceDescription: (p, l) => `${p} per GB for tiered storage data retrieval in ${l}`,
  },
  'Express.Storage': {
    storageFamily: 'Express storage',
    unit: 'GB-Mo',
    priceDescription: (p, l) => `${p} per GB-Mo for storage in ${l}`,
  },
  'Express.In-Bytes': {
    description: 'Per-GB data ingressed',
    group: 'ExpressIngress',
    unit: 'GB',
    priceDescription: (p, l) => `${p} per GB of data written to an Express broker in ${l}`,
  },
  'KafkaServerless-ClusterHours': serverless('Cluster-hours', 'hours', 'cluster-hour  for serverless cluster'),
  'KafkaServerless-PartitionHours': serverless('Partition-hours', 'hours', 'partition-hour  for serverless cluster'),
  'KafkaServerless-In-Bytes': serverless('Per-GB data ingressed', 'GB', 'GB  data in for serverless cluster'),
  'KafkaServerless-Out-Bytes': serverless('Per-GB data egressed', 'GB', 'GB  data out for serverless cluster'),
  'KafkaServerless-StorageHours': serverless('Storage-hours', 'GB-Mo', 'GB-Mo  for serverless cluster storage'),
  'Kafka.mcu.general': {
    description: 'General',
    group: 'Connect',
    unit: 'hours',
    priceDescription: (p, l) => `${p} per MCU-hour in ${l}`,
  },
  'KafkaReplication-ReplicatorHours': {
    description: 'Replicator-hours',
    group: 'Replicator',
    unit: 'hours',
    priceDescription: (p, l) => `${p} per hours for MSK Replicator in ${l}`,
  },
  'KafkaReplication-Processed-Bytes|SameRegionSource': {
    description: 'Per-GB same-region data replicated',
    group: 'Replicator',
    unit: 'GB',
    priceDescription: (p, l) => `${p} per GB for MSK Replicator in ${l}`,
  },
  'KafkaReplication-Processed-Bytes|CrossRegionSourceLocal': {
    description: 'Per-GB cross-region data replicated',
    group: 'Replicator',
    unit: 'GB',
    priceDescription: (p, l) => `${p} per GB for MSK Replicator in ${l}`,
  },
  'Kafka.PrivateConnectivityHours': {
    description: 'Private connectivity-hours per authentication scheme',
    group: 'Connectivity',
    unit: 'hours',
    priceDescription: (p, l) => `${p} per private connectivity hour per authentication scheme in ${l}`,
  },
  'Kafka.PrivateConnectivity.BytesProcessed': {
    description: 'Bytes Processed',
    group: 'Connectivity',
    unit: 'GB',
    priceDescription: (p, l) => `${p} per GB data processed for private connectivity in ${l}`,
  },
};

const BROKER = /^(Kafka|Express)\.([a-z][a-z0-9]*\.[a-z0-9]+)$/;

export interface MskDocumentOptions {
  version?: string;
  publicationDate?: string;
  effectiveDate?: string;
  /** SKU to use instead of the real one (test fixtures that re-home one region's rates in another). */
  sku?: (rate: MskFeedRate) => string;
}

/**
 * One GetProducts document for a feed rate, in the shape of AWS's own documents (attribute order included).
 * `region` gives regionCode and location; the usage type keeps its suffix under the region's prefix.
 */
export function mskFeedDocument(
  rate: MskFeedRate,
  region: AwsRegion,
  options: MskDocumentOptions = {},
): PriceListDocument {
  const suffix = rate.usageType.replace(/^[A-Z0-9]+-/, '');
  const usagetype = `${region.billingPrefix}-${suffix}`;
  const sku = options.sku ? options.sku(rate) : rate.sku;
  const head = { regionCode: region.code, servicecode: 'AmazonMSK' };
  const place = { locationType: 'AWS Region', location: region.location, servicename: MSK_SERVICE_NAME };
  const price = describedPrice(rate.price);
  let attributes: Record<string, string>;
  let unit: string;
  let priceDescription: string;
  const broker = BROKER.exec(suffix);
  if (broker && rate.operation === 'RunBroker') {
    const express = broker[1] === 'Express';
    attributes = {
      ...head,
      vcpu: rate.vcpu,
      memoryGib: rate.memoryGib,
      usagetype,
      description: 'Broker-hours',
      ...place,
      operation: 'RunBroker',
      computeFamily: rate.computeFamily || (express ? `express.${broker[2]}` : broker[2]),
      group: express ? 'ExpressBroker' : 'Broker',
    };
    unit = 'hours';
    priceDescription = `${price} per broker hour for ${suffix} in ${region.location}`;
  } else {
    const shape = MSK_DOCUMENT_SHAPES[`${suffix}|${rate.operation}`] ?? MSK_DOCUMENT_SHAPES[suffix];
    if (!shape) throw new Error(`no document shape for MSK usage type ${rate.usageType} (${rate.operation})`);
    attributes = {
      ...head,
      usagetype,
      ...(shape.description !== undefined ? { description: shape.description } : {}),
      ...place,
      operation: rate.operation,
      ...(shape.storageFamily !== undefined ? { storageFamily: shape.storageFamily } : {}),
      ...(shape.group !== undefined ? { group: shape.group } : {}),
    };
    unit = shape.unit;
    priceDescription = shape.priceDescription(price, region.location, suffix);
  }
  const term = `${sku}.${ON_DEMAND}`;
  const rateCode = `${term}.${DIMENSION}`;
  return {
    product: { productFamily: MSK_FAMILY, attributes, sku },
    serviceCode: 'AmazonMSK',
    terms: {
      OnDemand: {
        [term]: {
          priceDimensions: {
            [rateCode]: {
              unit,
              endRange: 'Inf',
              description: priceDescription,
              appliesTo: [],
              rateCode,
              beginRange: '0',
              pricePerUnit: { USD: rate.price },
            },
          },
          sku,
          effectiveDate: options.effectiveDate ?? MSK_FEED_PUBLICATION_DATE,
          offerTermCode: ON_DEMAND,
          termAttributes: {},
        },
      },
    },
    version: options.version ?? MSK_FEED_VERSION,
    publicationDate: options.publicationDate ?? MSK_FEED_PUBLICATION_DATE,
  } as PriceListDocument;
}

/** Every MSK rate of the feed for a region, as documents (real SKUs, usage types, operations and prices). */
export function mskFeedDocuments(region: AwsRegion): PriceListDocument[] {
  return mskFeedRates(region.location).map((rate) => mskFeedDocument(rate, region));
}
