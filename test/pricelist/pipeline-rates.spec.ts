/**
 * Pipeline rates through the Price List ingestion: tiered Firehose ingestion (first tier taken, only where a
 * rule allows it), AWSDataTransfer's fromRegionCode and reference target, and the client's filters.
 */
import { buildRateCard } from '../../src/domain/pricelist/build-rate-card';
import type { PriceListDocument } from '../../src/domain/pricelist/price-list-document';
import { RATE_KEYS } from '../../src/domain/rate-card';
import { PriceListClient, priceListFilters } from '../../src/infrastructure/aws/pricelist.client';
import { REGIONS, dataTransferDocuments, firehoseDocuments } from '../../scripts/generate-pricelist';
import { PriceListServer } from '../support/pricelist-server';
import {
  allRaw,
  bundledSnapshotDocuments,
  regionShapedDocuments,
  serveAll,
  toRawElements,
} from '../support/pricelist-fixtures';

const bundled = bundledSnapshotDocuments();
const build = (documents: string[], region = 'us-east-1') =>
  buildRateCard({ region, documents, fetchedAt: 'now', source: 'AWS_PRICE_LIST' });

describe('pipeline rates in the Price List ingestion', () => {
  it('takes the first tier of the tiered Firehose ingestion price and says so on the rate', () => {
    const ingest = bundled.AmazonKinesisFirehose.find((d) => d.product.attributes.usagetype === 'BilledBytes')!;
    expect(Object.values(Object.values(ingest.terms.OnDemand!)[0].priceDimensions)).toHaveLength(3);
    const { card, skipped } = build(toRawElements([ingest]));
    expect(skipped).toEqual([]);
    expect(card.rates[RATE_KEYS.firehoseIngestStreamSourceGb]).toMatchObject({
      usdPerUnit: '0.0290000000',
      usageType: 'BilledBytes',
      description: expect.stringContaining('(first tier, up to 512000 GB a month)'),
    });
  });

  it('still skips a tiered price where no rule allows tiers (a Kinesis product)', () => {
    const shard = structuredClone(
      bundled.AmazonKinesis.find((d) => d.product.attributes.usagetype === 'Storage-ShardHour')!,
    );
    const term = Object.values(shard.terms.OnDemand!)[0];
    const [dim] = Object.values(term.priceDimensions);
    term.priceDimensions = {
      a: { ...dim, rateCode: 'a', endRange: '1000' },
      b: { ...dim, rateCode: 'b', beginRange: '1000', endRange: 'Inf' },
    };
    const { card, skipped } = build(toRawElements([shard]));
    expect(skipped).toEqual([expect.objectContaining({ reason: 'TIERED_PRICE', usageType: 'Storage-ShardHour' })]);
    expect(card.rates[RATE_KEYS.kdsProvisionedShardHour]).toBeUndefined();
  });

  it('reads AWSDataTransfer by fromRegionCode and keeps only the reference target', () => {
    const eu = dataTransferDocuments(REGIONS['eu-west-1'])[0];
    const toOhio: PriceListDocument = structuredClone(eu);
    toOhio.product.sku = 'TOOHIOSKU0000001';
    Object.assign(toOhio.product.attributes, {
      toRegionCode: 'us-east-2',
      toLocation: 'US East (Ohio)',
      usagetype: 'EU-USE2-AWS-Out-Bytes',
    });
    const { card, skipped } = build(toRawElements([eu, toOhio]), 'eu-west-1');
    expect(card.rates[RATE_KEYS.interRegionTransferGb]).toMatchObject({
      usageType: 'EU-USW2-AWS-Out-Bytes',
      sku: eu.product.sku,
    });
    expect(skipped).toEqual([expect.objectContaining({ reason: 'UNMAPPED', sku: 'TOOHIOSKU0000001' })]);
    expect(build(toRawElements([eu]), 'us-east-1').skipped).toEqual([
      expect.objectContaining({ reason: 'WRONG_REGION' }),
    ]);
  });

  it('maps prefixed Firehose usage types of another region (USE2-BilledBytes)', () => {
    const { card } = build(toRawElements(firehoseDocuments(REGIONS['us-east-2'])), 'us-east-2');
    expect(card.rates[RATE_KEYS.firehoseIngestStreamSourceGb].usageType).toBe('USE2-BilledBytes');
    expect(card.rates[RATE_KEYS.firehoseIngestMskSourceGb].usageType).toBe('USE2-MSK-BilledBytes');
  });

  it('asks GetProducts for the right products of each service, and a live refresh builds the same card as the snapshot', async () => {
    expect(priceListFilters('AWSDataTransfer', 'us-west-2')).toEqual([
      { Type: 'TERM_MATCH', Field: 'fromRegionCode', Value: 'us-west-2' },
      { Type: 'TERM_MATCH', Field: 'toRegionCode', Value: 'us-east-1' },
      { Type: 'TERM_MATCH', Field: 'transferType', Value: 'InterRegion Outbound' },
      { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'Data Transfer' },
    ]);
    const server = await new PriceListServer().start();
    const client = new PriceListClient({
      endpoint: server.endpoint,
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'x' },
      maxAttempts: 2,
      retryBaseDelayMs: 1,
    });
    try {
      const docs = bundledSnapshotDocuments();
      const other = regionShapedDocuments('us-west-2');
      serveAll(server, {
        ...docs,
        AmazonKinesisFirehose: [...docs.AmazonKinesisFirehose, ...other.AmazonKinesisFirehose],
        AWSDataTransfer: [...docs.AWSDataTransfer, ...other.AWSDataTransfer],
      });
      const region = await client.fetchRegion('us-east-1');
      expect(region.byService.AWSDataTransfer.documents).toHaveLength(1);
      expect(region.byService.AmazonKinesisFirehose.documents).toHaveLength(docs.AmazonKinesisFirehose.length);
      expect(build(region.documents).card.contentHash).toBe(build(allRaw(docs)).card.contentHash);
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
