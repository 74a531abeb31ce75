import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePriceListElement } from '../../src/domain/pricelist/price-list-document';

/** A verbatim element of AWS's public Price List (provenance: test/fixtures/pricelist/README.md). */
const REAL_EFO = readFileSync(
  join(__dirname, '..', 'fixtures', 'pricelist', 'kinesis_efo_consumer_shard_hour_use1.json'),
  'utf8',
);

/** The real document, loosely typed so tests can break it. */
interface LooseDimension {
  beginRange: string;
  pricePerUnit: Record<string, unknown>;
}
interface LooseTerm {
  priceDimensions: Record<string, LooseDimension>;
}
interface LooseDocument {
  product?: { sku?: string; attributes?: Record<string, string> };
  terms?: { OnDemand?: Record<string, LooseTerm>; Reserved?: Record<string, LooseTerm> };
}

const realDoc = (): LooseDocument => JSON.parse(REAL_EFO) as LooseDocument;
const term = (doc: LooseDocument): LooseTerm => doc.terms!.OnDemand!['QFHADPJ42UJZ4EUK.JRTCKXETXF'];
const dimension = (doc: LooseDocument): LooseDimension =>
  term(doc).priceDimensions['QFHADPJ42UJZ4EUK.JRTCKXETXF.6YS6EN2CT7'];

describe('parsePriceListElement', () => {
  it('decodes a verbatim real GetProducts element', () => {
    const result = parsePriceListElement(REAL_EFO);
    expect(result).toEqual({
      ok: true,
      product: {
        sku: 'QFHADPJ42UJZ4EUK',
        serviceCode: 'AmazonKinesis',
        productFamily: 'Kinesis Streams',
        attributes: expect.objectContaining({
          usagetype: 'EnhancedFanoutHour',
          group: 'Enhanced fan-out consumer-shard hour',
        }),
        usageType: 'EnhancedFanoutHour',
        operation: 'ConsumerHour',
        regionCode: 'us-east-1',
        price: {
          rateCode: 'QFHADPJ42UJZ4EUK.JRTCKXETXF.6YS6EN2CT7',
          unit: 'ConsumerShardHour',
          usd: '0.0150000000',
          description: '$0.015 per enhanced fan-out consumer-shard hour',
          effectiveDate: '2023-06-01T00:00:00Z',
        },
        version: '20230801012600',
        publicationDate: '2023-08-01T01:26:00Z',
      },
    });
  });

  it.each([
    ['garbage JSON', '{"product": {"sku": "ABC"', 'INVALID_JSON'],
    ['plain text', 'Rate exceeded', 'INVALID_JSON'],
    ['a JSON string', '"hello"', 'NOT_AN_OBJECT'],
    ['a JSON array', '[]', 'NOT_AN_OBJECT'],
    ['null', 'null', 'NOT_AN_OBJECT'],
  ])('reports %s as %s without throwing', (_label, raw, reason) => {
    expect(parsePriceListElement(raw)).toMatchObject({ ok: false, reason });
  });

  const mutations: Array<[string, (doc: LooseDocument) => void, string]> = [
    ['no product', (d) => delete d.product, 'MISSING_PRODUCT'],
    ['no sku', (d) => delete d.product!.sku, 'MISSING_SKU'],
    ['no attributes', (d) => delete d.product!.attributes, 'MISSING_ATTRIBUTES'],
    ['no terms', (d) => delete d.terms, 'MISSING_TERMS'],
    ['only Reserved terms', (d) => (d.terms = { Reserved: d.terms!.OnDemand }), 'NO_ON_DEMAND_TERM'],
    ['an empty OnDemand', (d) => (d.terms!.OnDemand = {}), 'NO_ON_DEMAND_TERM'],
    ['two OnDemand terms', (d) => (d.terms!.OnDemand!['X.Y'] = term(d)), 'MULTIPLE_ON_DEMAND_TERMS'],
    ['no price dimension', (d) => (term(d).priceDimensions = {}), 'NO_PRICE_DIMENSION'],
    ['two tiers', (d) => (term(d).priceDimensions['X.Y.Z'] = { ...dimension(d), beginRange: '1000' }), 'TIERED_PRICE'],
    ['a dimension not starting at 0', (d) => (dimension(d).beginRange = '10'), 'TIERED_PRICE'],
    ['a CNY-only price', (d) => (dimension(d).pricePerUnit = { CNY: '0.1' }), 'NON_USD_PRICE'],
    ['a numeric USD price', (d) => (dimension(d).pricePerUnit = { USD: 0.015 }), 'INVALID_PRICE'],
    ['a negative USD price', (d) => (dimension(d).pricePerUnit = { USD: '-1.0' }), 'INVALID_PRICE'],
  ];

  it.each(mutations)('reports a document with %s as %s, naming the SKU', (_label, mutate, reason) => {
    const doc = realDoc();
    mutate(doc);
    const result = parsePriceListElement(JSON.stringify(doc));
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok && reason !== 'MISSING_PRODUCT' && reason !== 'MISSING_SKU')
      expect(result.sku).toBe('QFHADPJ42UJZ4EUK');
  });

  it('keeps the price as the exact decimal string', () => {
    const doc = realDoc();
    dimension(doc).pricePerUnit = { USD: '0.0000000140' };
    const result = parsePriceListElement(JSON.stringify(doc));
    expect(result.ok && result.product.price.usd).toBe('0.0000000140');
  });
});
