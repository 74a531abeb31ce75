/**
 * AWS's own price documents, kept verbatim (rates/sources/SOURCES.md), mapped in every region whatever its
 * usage-type prefix; the offline snapshot is exactly what those sources give.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRateCard, expectedRateKeys } from '../../src/domain/pricelist/build-rate-card';
import { parsePriceListElement } from '../../src/domain/pricelist/price-list-document';
import { mapProductToRateKey } from '../../src/domain/pricelist/rate-mapping';
import { AWS_REGIONS, SNAPSHOT_REGIONS } from '../../src/domain/regions';
import { bundledRateCard } from '../../src/infrastructure/aws/bundled-rates';
import { RATES_DIR, snapshotDifferences } from '../../scripts/generate-pricelist';
import {
  MSK_FEED_FILE,
  MSK_GETPRODUCTS_APS1_FILE,
  mskFeedDocument,
  mskFeedDocuments,
  mskFeedRates,
  mskGetProductsApS1,
} from '../../scripts/msk-feed';

const FIXTURE = join(
  __dirname,
  '..',
  'fixtures',
  'pricelist',
  'aws',
  'msk-getproducts-ap-southeast-1-20260729211408.json',
);
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Every key streamfit prices for MSK: the msk.* rate keys and every catalogued broker type. */
const MSK_KEYS = expectedRateKeys().filter((key) => key.startsWith('msk.'));

/** The USD price of a raw document (its one OnDemand price dimension). */
function priceOf(raw: string): string {
  const parsed = parsePriceListElement(raw);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.product.price.usd;
}

describe('verbatim AWS documents', () => {
  it('are kept byte for byte: the test fixture and the source are the files their SHA-256 in SOURCES.md names', () => {
    const sources = readFileSync(join(__dirname, '..', '..', 'rates', 'sources', 'SOURCES.md'), 'utf8');
    expect(sha256(FIXTURE)).toBe(sha256(MSK_GETPRODUCTS_APS1_FILE));
    expect(sources).toContain(sha256(MSK_GETPRODUCTS_APS1_FILE));
    expect(sources).toContain(sha256(MSK_FEED_FILE));
    const response = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { FormatVersion: string; PriceList: string[] };
    expect(response.FormatVersion).toBe('aws_v1');
    expect(response.PriceList).toHaveLength(42);
  });

  it('ap-southeast-1 GetProducts: every document of a dimension streamfit prices maps, and the card has every MSK rate at its price', () => {
    const documents = mskGetProductsApS1();
    const unmapped: string[] = [];
    for (const raw of documents) {
      const parsed = parsePriceListElement(raw);
      if (!parsed.ok) throw new Error(parsed.reason);
      const mapping = mapProductToRateKey(parsed.product);
      if (!mapping.matched && mapping.reason !== 'NOT_PRICED')
        unmapped.push(`${parsed.product.usageType} (${parsed.product.operation}): ${mapping.reason}`);
    }
    expect(unmapped).toEqual([]);
    const { card, skipped, notPriced } = buildRateCard({
      region: 'ap-southeast-1',
      documents,
      fetchedAt: '2026-08-12T00:00:00Z',
      source: 'AWS_PRICE_LIST',
    });
    expect(skipped).toEqual([]);
    expect(notPriced.map((n) => n.usageType).sort()).toEqual([
      'APS1-DataChannel-ProcessedBytes-S3Destination',
      'APS1-DataChannel-ProcessedBytes-S3TablesDestination',
      'APS1-KafkaReplication-Processed-Bytes',
    ]);
    expect(MSK_KEYS.filter((key) => !(key in card.rates))).toEqual([]);
    const bySku = new Map(documents.map((raw) => [JSON.parse(raw).product.sku as string, raw]));
    for (const key of MSK_KEYS) expect(card.rates[key].usdPerUnit).toBe(priceOf(bySku.get(card.rates[key].sku)!));
    expect(card.rates['msk.brokerHour.kafka.m5.16xlarge']).toMatchObject({ usdPerUnit: '8.4100000000', unit: 'hours' });
    expect(card.rates['msk.storageThroughput.mbpsMonth']).toMatchObject({
      usageType: 'APS1-Kafka.Throughput',
      operation: 'RunVolume',
      unit: 'MiBps-Mo',
    });
    expect(card.rates['msk.express.dataWrittenGb']).toMatchObject({
      usageType: 'APS1-Express.In-Bytes',
      usdPerUnit: '0.0125000000',
    });
    expect(card.rates['msk.replicator.dataGb'].operation).toBe('CrossRegionSourceLocal');
  });

  it("AWS's MSK pricing feed rebuilds the 40 priced ap-southeast-1 documents exactly, apart from the dates", () => {
    const region = AWS_REGIONS['ap-southeast-1'];
    const verbatim = new Map(mskGetProductsApS1().map((raw) => [JSON.parse(raw).product.sku as string, raw]));
    const rates = mskFeedRates(region.location);
    expect(rates).toHaveLength(40);
    for (const rate of rates) {
      const rebuilt = mskFeedDocument(rate, region, {
        version: '20260729211408',
        publicationDate: '2026-07-29T21:14:08Z',
        effectiveDate: '2026-07-01T00:00:00Z',
      });
      expect(JSON.stringify(rebuilt)).toBe(verbatim.get(rate.sku));
    }
  });

  it('the feed maps completely in each of its 32 regions, whatever the usage-type prefix (EU-, APS3-, UGW1-…)', () => {
    const feed = JSON.parse(readFileSync(MSK_FEED_FILE, 'utf8')) as { regions: Record<string, unknown> };
    const locations = Object.keys(feed.regions);
    expect(locations).toHaveLength(32);
    for (const [i, location] of locations.entries()) {
      const rates = mskFeedRates(location);
      const billingPrefix = rates[0].usageType.split('-')[0];
      const region = { code: `feed-region-${i}`, location, billingPrefix };
      const { card, skipped, notPriced } = buildRateCard({
        region: region.code,
        documents: rates.map((rate) => JSON.stringify(mskFeedDocument(rate, region))),
        fetchedAt: 'x',
        source: 'BUNDLED_SNAPSHOT',
      });
      expect({ location, skipped }).toEqual({ location, skipped: [] });
      expect(Object.keys(card.rates).filter((k) => k.startsWith('msk.')).length + notPriced.length).toBe(rates.length);
    }
  });
});

describe('the offline snapshot', () => {
  it.each(SNAPSHOT_REGIONS)(
    '%s: every MSK rate streamfit prices at the price of AWS feed, with its real SKU',
    (region) => {
      const card = bundledRateCard(region)!;
      const feed = new Map(mskFeedDocuments(AWS_REGIONS[region]).map((doc) => [doc.product.sku, doc]));
      const serverless = region === 'sa-east-1' ? [] : ['msk.serverless.clusterHour'];
      const expected = MSK_KEYS.filter((k) => region !== 'sa-east-1' || !k.startsWith('msk.serverless.'));
      expect(expected.filter((key) => !(key in card.rates))).toEqual([]);
      for (const key of [...expected, ...serverless]) {
        const rate = card.rates[key];
        const doc = feed.get(rate.sku)!;
        expect(doc).toBeDefined();
        expect(rate.usdPerUnit).toBe(
          Object.values(Object.values(doc.terms.OnDemand!)[0].priceDimensions)[0].pricePerUnit.USD,
        );
        expect(rate.usageType.startsWith(`${AWS_REGIONS[region].billingPrefix}-`)).toBe(true);
        expect(rate.provenance?.kind).toBe('AWS_DOCUMENT');
      }
    },
  );

  it('eu-central-1 answers with AWS prices: kafka.m5.16xlarge $8.059, m7g.large $0.2445, inter-AZ and inter-region transfer cited', () => {
    const card = bundledRateCard('eu-central-1')!;
    expect(card.rates['msk.brokerHour.kafka.m5.16xlarge']).toMatchObject({
      usdPerUnit: '8.0590000000',
      sku: 'PE6G6JQPMSF6PJFH',
      usageType: 'EUC1-Kafka.m5.16xlarge',
      provenance: { kind: 'AWS_DOCUMENT', label: 'V-feed', publicationDate: '2025-04-04T19:05:32Z' },
    });
    expect(card.rates['msk.brokerHour.kafka.m7g.large'].usdPerUnit).toBe('0.2445000000');
    expect(card.rates['aws.dataTransfer.crossAzGb'].provenance).toMatchObject({ kind: 'CITED_SOURCE', label: 'PL' });
    expect(card.rates['aws.dataTransfer.interRegionOutGb']).toMatchObject({ usdPerUnit: '0.0200000000' });
    expect(card.rates['kds.provisioned.shardHour']).toBeUndefined();
  });

  it('us-east-1: kafka.m5.16xlarge is $6.73 (SKU DCH94GGKDSKNREE7), and every rate names its provenance', () => {
    const card = bundledRateCard('us-east-1')!;
    expect(card.rates['msk.brokerHour.kafka.m5.16xlarge']).toMatchObject({
      usdPerUnit: '6.7300000000',
      sku: 'DCH94GGKDSKNREE7',
    });
    expect(Object.values(card.rates).filter((r) => !r.provenance)).toEqual([]);
    for (const region of SNAPSHOT_REGIONS)
      expect(Object.values(bundledRateCard(region)!.rates).filter((r) => !r.provenance?.citation)).toEqual([]);
  });

  it('sa-east-1 has no MSK Serverless rate: AWS does not offer it there', () => {
    const card = bundledRateCard('sa-east-1')!;
    expect(Object.keys(card.rates).filter((k) => k.startsWith('msk.serverless.'))).toEqual([]);
    expect(card.rates['msk.brokerHour.kafka.m5.large'].usdPerUnit).toBe('0.3350000000');
  });

  it('is exactly what rates/sources give (the --check of scripts/generate-pricelist.ts, also in .ci/run)', () => {
    expect(snapshotDifferences()).toEqual([]);
  });

  it('--check notices a hand edit, a missing file and a stray file', () => {
    const copy = mkdtempSync(join(tmpdir(), 'streamfit-snapshot-'));
    try {
      cpSync(RATES_DIR, copy, { recursive: true });
      const msk = join(copy, 'eu-west-1', 'AmazonMSK.json');
      writeFileSync(msk, readFileSync(msk, 'utf8').replace('"0.2340000000"', '"0.2300000000"'));
      rmSync(join(copy, 'us-east-2', 'AmazonKinesis.json'));
      writeFileSync(join(copy, 'us-east-2', 'AmazonKinesisFirehose.json'), '[]\n');
      expect(snapshotDifferences(copy).sort()).toEqual([
        'eu-west-1/AmazonMSK.json differs from what rates/sources give',
        'us-east-2/AmazonKinesis.json is missing',
        'us-east-2/AmazonKinesisFirehose.json is not built from rates/sources',
      ]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
