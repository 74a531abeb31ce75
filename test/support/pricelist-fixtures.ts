/**
 * Price List fixtures: the bundled snapshot documents, prefixed-region variants, a REALISTIC list of
 * ≥ 2,000 products for benchmarks and pagination tests, and a helper to change a price between refreshes.
 * No jest globals here: the benchmark imports this file too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findBundledRatesDir } from '../../src/infrastructure/aws/bundled-rates';
import { PRICE_LIST_SERVICE_CODES, type PriceListDocument } from '../../src/domain/pricelist/price-list-document';
import { interRegionReferenceTarget } from '../../src/domain/pricelist/rate-mapping';
import {
  REGIONS,
  SNAPSHOT_PUBLICATION_DATE,
  dataTransferDocuments,
  dynamoDbDocuments,
  firehoseDocuments,
  lambdaDocuments,
  kinesisDocuments,
  makePriceListDocument,
  mskDocuments,
  type RegionInfo,
  type SnapshotDocuments,
} from '../../scripts/generate-pricelist';
import { seeded } from './seeded';

/** Documents per Price List service code (PRICE_LIST_SERVICE_CODES). */
export type ServiceDocuments = SnapshotDocuments;

/** Serves every service's documents from a local Price List server. */
export function serveAll(
  server: { setDocuments(serviceCode: string, docs: ReadonlyArray<object | string>): void },
  docs: ServiceDocuments,
): void {
  for (const code of PRICE_LIST_SERVICE_CODES) server.setDocuments(code, docs[code]);
}

/** Found by walking up, so this works from test/support and from dist/test/support (the compiled bench). */
export const RATES_PRICELIST_DIR = findBundledRatesDir(__dirname) ?? join(process.cwd(), 'rates', 'pricelist');
const KINESIS_FAMILY = 'Kinesis Streams';
const MSK_FAMILY = 'Managed Streaming for Apache Kafka (MSK)';

/** The bundled us-east-1 documents as they are on disk (decoded). */
export function bundledSnapshotDocuments(region = 'us-east-1'): ServiceDocuments {
  const read = (code: string): PriceListDocument[] =>
    JSON.parse(readFileSync(join(RATES_PRICELIST_DIR, region, `${code}.json`), 'utf8')) as PriceListDocument[];
  return {
    AmazonKinesis: read('AmazonKinesis'),
    AmazonMSK: read('AmazonMSK'),
    AmazonKinesisFirehose: read('AmazonKinesisFirehose'),
    AWSDataTransfer: read('AWSDataTransfer'),
    AmazonDynamoDB: read('AmazonDynamoDB'),
    AWSLambda: read('AWSLambda'),
  };
}

/** The same rates shaped for another region (prefixed usage types, e.g. `USE2-Storage-ShardHour`). */
export function regionShapedDocuments(region: string): ServiceDocuments {
  const info = REGIONS[region];
  if (!info) throw new Error(`no region info for ${region}`);
  return {
    AmazonKinesis: kinesisDocuments(info),
    AmazonMSK: mskDocuments(info),
    AmazonKinesisFirehose: firehoseDocuments(info),
    AWSDataTransfer: dataTransferDocuments(info),
    AmazonDynamoDB: dynamoDbDocuments(info),
    AWSLambda: lambdaDocuments(info),
  };
}

export const toRawElements = (docs: readonly PriceListDocument[]): string[] => docs.map((doc) => JSON.stringify(doc));

export const allRaw = (docs: ServiceDocuments): string[] =>
  PRICE_LIST_SERVICE_CODES.flatMap((code) => toRawElements(docs[code]));

export interface PriceChange {
  /** The usage-type suffix (after any region prefix) of the product to change, e.g. 'Storage-ShardHour'. */
  usageTypeSuffix: string;
  operation?: string;
  /** New price, a decimal string ('0.016'); written with 10 places as the Price List does. */
  usd: string;
  version?: string;
  publicationDate?: string;
  effectiveDate?: string;
}

/**
 * A copy of `docs` with one price changed, as a later publication of the price list would have it
 * (new version and publicationDate on the changed document). Throws if nothing matched.
 */
export function withPriceChange(docs: readonly PriceListDocument[], change: PriceChange): PriceListDocument[] {
  const suffix = new RegExp(`(^|-)${change.usageTypeSuffix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  let changed = 0;
  const out = docs.map((original) => {
    const doc = structuredClone(original);
    const attrs = doc.product.attributes;
    if (!suffix.test(attrs.usagetype ?? '') || (change.operation && attrs.operation !== change.operation)) return doc;
    changed += 1;
    for (const term of Object.values(doc.terms.OnDemand ?? {})) {
      if (change.effectiveDate) term.effectiveDate = change.effectiveDate;
      for (const dimension of Object.values(term.priceDimensions)) {
        const [whole, fraction = ''] = change.usd.split('.');
        dimension.pricePerUnit = { USD: `${whole}.${fraction.padEnd(10, '0')}` };
        dimension.description = `$${change.usd} per ${dimension.unit}`;
      }
    }
    doc.version = change.version ?? '20261201000000';
    doc.publicationDate = change.publicationDate ?? '2026-12-01T00:00:00Z';
    return doc;
  });
  if (changed === 0) throw new Error(`no document with usage type suffix ${change.usageTypeSuffix}`);
  return out;
}

const DESTINATION_PREFIXES = [
  'USE1',
  'USE2',
  'USW1',
  'USW2',
  'CAN1',
  'CAN2',
  'EU',
  'EUC1',
  'EUC2',
  'EUW2',
  'EUW3',
  'EUN1',
  'EUS1',
  'EUS2',
  'APN1',
  'APN2',
  'APN3',
  'APS1',
  'APS2',
  'APS3',
  'APS4',
  'APS5',
  'APE1',
  'MES1',
  'MEC1',
  'AFS1',
  'SAE1',
  'ILC1',
  'UGW1',
  'UGE1',
  'MXC1',
  'APS6',
];

export interface RealisticPriceListOptions {
  /** The priced region whose products must total ≥ `inRegionTarget` after the server's regionCode filter. */
  region?: string;
  inRegionTarget?: number;
  /** Regions whose documents are mixed in and must be filtered out by regionCode. */
  otherRegions?: string[];
  seed?: number;
}

/**
 * A realistic price list: the bundled documents, the extra SKUs real lists hold (other product families in the
 * same service codes, MSK Connect MCU-hours, tiered storage, replicator, private connectivity, inter-region and
 * data-transfer-like SKUs, legacy and newer broker families, other storage families), other regions' documents
 * with their prefixed usage types, and — to reach benchmark scale — padding SKUs of the right family and region
 * whose usage types are plausible but unmapped. The real us-east-1 MSK list is ~100 products; the volume here
 * is for pagination and ingest cost, not for realism of the count.
 */
export function realisticPriceList(options: RealisticPriceListOptions = {}): ServiceDocuments {
  const regionCode = options.region ?? 'us-east-1';
  const region = REGIONS[regionCode];
  const target = options.inRegionTarget ?? 2_200;
  const otherRegions = options.otherRegions ?? [
    'us-east-2',
    'us-west-2',
    'eu-west-1',
    'eu-central-1',
    'ap-northeast-1',
    'sa-east-1',
  ];
  const random = seeded(options.seed ?? 20261125);
  const price = (max: number): string => (Math.round(random() * max * 1e6) / 1e6 || 0.000001).toFixed(6);

  const base = regionCode === 'us-east-1' ? bundledSnapshotDocuments() : regionShapedDocuments(regionCode);
  const kinesis: PriceListDocument[] = [...base.AmazonKinesis];
  const msk: PriceListDocument[] = [...base.AmazonMSK];
  const kp = regionCode === 'us-east-1' ? '' : `${region.prefix}-`;
  const mp = `${region.prefix}-`;

  const kinesisDoc = (
    usageType: string,
    operation: string,
    unit: string,
    productFamily = KINESIS_FAMILY,
    r: RegionInfo = region,
  ): PriceListDocument =>
    makePriceListDocument({
      serviceCode: 'AmazonKinesis',
      productFamily,
      region: r,
      usageType,
      operation,
      unit,
      usd: price(0.2),
      description: `${usageType} ${operation}`,
      attributes: {
        group: productFamily === KINESIS_FAMILY ? 'Other' : productFamily,
        groupDescription: `${operation} usage`,
      },
      publicationDate: SNAPSHOT_PUBLICATION_DATE,
    });
  const mskDoc = (
    usageType: string,
    operation: string,
    unit: string,
    attributes: Record<string, string> = {},
    productFamily = MSK_FAMILY,
    r: RegionInfo = region,
  ): PriceListDocument =>
    makePriceListDocument({
      serviceCode: 'AmazonMSK',
      productFamily,
      region: r,
      usageType,
      operation,
      unit,
      usd: price(2),
      description: `${usageType} ${operation}`,
      attributes,
    });

  // Other product families in the same service codes (filtered by productFamily on the server).
  for (const family of ['Kinesis Firehose', 'Kinesis Video Streams', 'Data Transfer']) {
    for (const dest of DESTINATION_PREFIXES)
      kinesis.push(kinesisDoc(`${kp}${dest}-Delivery-Bytes`, `${family.replace(/ /g, '')}Usage`, 'GB', family));
  }
  for (const dest of DESTINATION_PREFIXES) {
    msk.push(mskDoc(`${mp}${dest}-AWS-Out-Bytes`, '', 'GB', { transferType: 'InterRegion Outbound' }, 'Data Transfer'));
    msk.push(mskDoc(`${mp}${dest}-AWS-In-Bytes`, '', 'GB', { transferType: 'InterRegion Inbound' }, 'Data Transfer'));
  }

  // Extra SKUs of the right family that streamfit does not price.
  for (const mcu of ['memory', 'compute'])
    msk.push(mskDoc(`${mp}Kafka.mcu.${mcu}`, 'RunConnector', 'Hrs', { group: 'MSK Connect' }));
  msk.push(mskDoc(`${mp}KafkaReplication-Hours`, 'Replicator', 'Hrs', { group: 'Replicator' }));
  msk.push(mskDoc(`${mp}KafkaReplication-Bytes`, 'Replicator', 'GB', { group: 'Replicator' }));
  for (const storage of ['GP3', 'IO1', 'ST1'])
    msk.push(
      mskDoc(`${mp}Kafka.Storage.${storage}`, 'RunVolume', 'GB-Mo', { group: 'Storage', storageFamily: storage }),
    );
  // Legacy and newer broker families (they map to broker-hour keys the cost model does not size).
  for (const family of ['m4', 'm5a', 'm6g', 'm7i', 'r7g']) {
    for (const size of ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge']) {
      msk.push(
        mskDoc(`${mp}Kafka.${family}.${size}`, 'RunBroker', 'Hrs', {
          group: 'Broker',
          computeFamily: `${family}.${size}`,
        }),
      );
    }
  }
  for (const dest of DESTINATION_PREFIXES) {
    kinesis.push(kinesisDoc(`${kp}${dest}-AWS-Out-Bytes`, 'DataTransfer', 'GB'));
    kinesis.push(kinesisDoc(`${kp}${dest}-AWS-In-Bytes`, 'DataTransfer', 'GB'));
  }

  // Padding to benchmark scale: plausible, unmapped usage types of the right family and region.
  const inRegion = (docs: PriceListDocument[], family: string): number =>
    docs.filter((d) => d.product.productFamily === family && d.product.attributes.regionCode === regionCode).length;
  let i = 0;
  while (inRegion(kinesis, KINESIS_FAMILY) + inRegion(msk, MSK_FAMILY) < target) {
    i += 1;
    if (i % 2 === 0) kinesis.push(kinesisDoc(`${kp}Stream${i}-Metering-Bytes`, `StreamMetering${i}`, 'GB'));
    else
      msk.push(mskDoc(`${mp}KafkaConnect-Plugin${i}-Hours`, `RunConnectorPlugin${i}`, 'Hrs', { group: 'MSK Connect' }));
  }

  // Other regions (prefixed usage types), which the regionCode filter must remove.
  const firehose = [...base.AmazonKinesisFirehose];
  const transfer = [...base.AWSDataTransfer];
  const dynamodb = [...base.AmazonDynamoDB];
  const lambda = [...base.AWSLambda];
  for (const other of otherRegions) {
    const docs = regionShapedDocuments(other);
    kinesis.push(...docs.AmazonKinesis);
    msk.push(...docs.AmazonMSK);
    firehose.push(...docs.AmazonKinesisFirehose);
    transfer.push(...docs.AWSDataTransfer);
    dynamodb.push(...docs.AmazonDynamoDB);
    lambda.push(...docs.AWSLambda);
  }
  return {
    AmazonKinesis: kinesis,
    AmazonMSK: msk,
    AmazonKinesisFirehose: firehose,
    AWSDataTransfer: transfer,
    AmazonDynamoDB: dynamodb,
    AWSLambda: lambda,
  };
}

/** How many documents of a list the server returns for a region (the client's filters per service), and their total. */
export function countServed(
  docs: ServiceDocuments,
  region: string,
): Record<(typeof PRICE_LIST_SERVICE_CODES)[number], number> & { total: number } {
  const served = (list: PriceListDocument[], family: string): number =>
    list.filter((d) => d.product.attributes.regionCode === region && d.product.productFamily === family).length;
  const target = interRegionReferenceTarget(region);
  const counts = {
    AmazonKinesis: served(docs.AmazonKinesis, KINESIS_FAMILY),
    AmazonMSK: served(docs.AmazonMSK, MSK_FAMILY),
    AmazonKinesisFirehose: served(docs.AmazonKinesisFirehose, 'Kinesis Firehose'),
    AmazonDynamoDB: served(docs.AmazonDynamoDB, 'Amazon DynamoDB PayPerRequest Throughput'),
    AWSLambda: served(docs.AWSLambda, 'Serverless'),
    AWSDataTransfer: docs.AWSDataTransfer.filter(
      (d) =>
        d.product.attributes.fromRegionCode === region &&
        d.product.attributes.toRegionCode === target &&
        d.product.attributes.transferType === 'InterRegion Outbound',
    ).length,
  };
  return { ...counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}
