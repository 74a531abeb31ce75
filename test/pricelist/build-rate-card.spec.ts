import { createHash } from 'node:crypto';
import { buildRateCard, expectedRateKeys } from '../../src/domain/pricelist/build-rate-card';
import { canonicalJson } from '../../src/domain/pricelist/content-hash';
import type { PriceListDocument } from '../../src/domain/pricelist/price-list-document';
import { US_EAST_1_CROSS_AZ_TRANSFER_RATE } from '../../src/domain/pricelist/supplemental-rates';
import { RATE_KEYS, type Rate } from '../../src/domain/rate-card';
import { makePriceListDocument, REGIONS } from '../../scripts/generate-pricelist';
import {
  allRaw,
  bundledSnapshotDocuments,
  realisticPriceList,
  toRawElements,
  withPriceChange,
} from '../support/pricelist-fixtures';

const bundled = bundledSnapshotDocuments();
const docs = (): PriceListDocument[] => Object.values(bundled).flat();
const build = (documents: string[], fetchedAt = '2026-11-25T10:00:00.000Z') =>
  buildRateCard({ region: 'us-east-1', documents, fetchedAt, source: 'AWS_PRICE_LIST' });

/** Deterministic shuffle (Fisher–Yates over an LCG). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const unknownSku = makePriceListDocument({
  serviceCode: 'AmazonMSK',
  productFamily: 'Managed Streaming for Apache Kafka (MSK)',
  region: REGIONS['us-east-1'],
  usageType: 'USE1-KafkaReplication-Hours',
  operation: 'Replicator',
  unit: 'Hrs',
  usd: '0.30',
  description: '$0.30 per replicator hour',
  sku: 'UNKNOWNREPL0001A',
});

describe('buildRateCard', () => {
  const { card, skipped, missing } = build(toRawElements(docs()));

  it('builds a complete card with the card-level provenance', () => {
    expect(missing).toEqual([]);
    expect(skipped).toEqual([]);
    expect(Object.keys(card.rates)).toEqual(expectedRateKeys());
    expect(card).toMatchObject({
      region: 'us-east-1',
      currency: 'USD',
      source: 'AWS_PRICE_LIST',
      priceListVersion: '20261125000000',
      publicationDate: '2026-11-25T00:00:00Z',
      fetchedAt: '2026-11-25T10:00:00.000Z',
      stale: false,
    });
  });

  it('keeps each rate line traceable to its SKU, rate code and decimal string', () => {
    expect(card.rates[RATE_KEYS.kdsEfoConsumerShardHour]).toEqual({
      key: RATE_KEYS.kdsEfoConsumerShardHour,
      usdPerUnit: '0.0150000000',
      unit: 'ConsumerShardHour',
      usageType: 'EnhancedFanoutHour',
      operation: 'ConsumerHour',
      sku: 'QFHADPJ42UJZ4EUK',
      rateCode: 'QFHADPJ42UJZ4EUK.JRTCKXETXF.6YS6EN2CT7',
      effectiveDate: '2023-06-01T00:00:00Z',
      description: '$0.015 per enhanced fan-out consumer-shard hour',
      source: 'AWS_PRICE_LIST',
      provenance: {
        kind: 'LIVE_PRICE_LIST',
        label: 'V-PL',
        citation:
          'AWS Price List Query API, GetProducts AmazonKinesis us-east-1, version 20230801012600, SKU QFHADPJ42UJZ4EUK',
        publicationDate: '2023-08-01T01:26:00Z',
      },
    });
  });

  it('hashes the canonical JSON of the rates and derives the id from it', () => {
    const expected = createHash('sha256').update(canonicalJson(card.rates)).digest('hex');
    expect(card.contentHash).toBe(expected);
    expect(card.id).toBe(`us-east-1:${expected.slice(0, 12)}`);
  });

  it('merges the static cross-AZ rate for us-east-1, labelled as bundled and not fetched', () => {
    expect(card.rates[RATE_KEYS.crossAzTransferGb]).toEqual({ ...US_EAST_1_CROSS_AZ_TRANSFER_RATE });
    expect(card.rates[RATE_KEYS.crossAzTransferGb]).toMatchObject({
      usageType: 'USE1-DataTransfer-Regional-Bytes',
      sku: 'STATIC-EC2-REGIONAL',
      source: 'BUNDLED_SNAPSHOT',
      description: expect.stringMatching(/data transfer pricing page.*not fetched/),
    });
  });

  it('lets caller-supplied supplemental rates fill gaps but never replace a price-list rate', () => {
    const extra: Rate = { ...US_EAST_1_CROSS_AZ_TRANSFER_RATE, usdPerUnit: '0.0300000000' };
    const shard: Rate = { ...extra, key: RATE_KEYS.kdsProvisionedShardHour, usdPerUnit: '9.99' };
    const result = buildRateCard({
      region: 'us-east-1',
      documents: toRawElements(docs()),
      fetchedAt: 'x',
      source: 'AWS_PRICE_LIST',
      supplementalRates: [extra, shard],
    });
    expect(result.card.rates[RATE_KEYS.crossAzTransferGb].usdPerUnit).toBe('0.0300000000');
    expect(result.card.rates[RATE_KEYS.kdsProvisionedShardHour].usdPerUnit).toBe('0.0150000000');
  });

  it('has the same hash and id whatever the document order and fetch time', () => {
    for (const seed of [1, 7, 42]) {
      const other = build(toRawElements(shuffled(docs(), seed)), `2027-01-0${seed % 9}T00:00:00Z`).card;
      expect(other.contentHash).toBe(card.contentHash);
      expect(other.id).toBe(card.id);
      expect(JSON.stringify(other.rates)).toBe(JSON.stringify(card.rates));
    }
  });

  it('makes a new version when a price changes between two refreshes (shard-hour 0.015 → 0.016)', () => {
    const changed = withPriceChange(docs(), {
      usageTypeSuffix: 'Storage-ShardHour',
      operation: 'shardHourStorage',
      usd: '0.016',
    });
    const next = build(toRawElements(changed)).card;
    expect(next.rates[RATE_KEYS.kdsProvisionedShardHour].usdPerUnit).toBe('0.0160000000');
    expect(next.contentHash).not.toBe(card.contentHash);
    expect(next.id).not.toBe(card.id);
    expect(next.priceListVersion).toBe('20261201000000');
    expect(next.publicationDate).toBe('2026-12-01T00:00:00Z');
    const changedKeys = Object.keys(card.rates).filter(
      (k) => JSON.stringify(card.rates[k]) !== JSON.stringify(next.rates[k]),
    );
    expect(changedKeys).toEqual([RATE_KEYS.kdsProvisionedShardHour]);
  });

  it('reports an unknown SKU in skipped and keeps everything else', () => {
    const result = build([...toRawElements(docs()), JSON.stringify(unknownSku)]);
    expect(result.skipped).toEqual([
      expect.objectContaining({
        reason: 'UNMAPPED',
        sku: 'UNKNOWNREPL0001A',
        usageType: 'USE1-KafkaReplication-Hours',
      }),
    ]);
    expect(result.card.contentHash).toBe(card.contentHash);
  });

  it('skips only the garbage element, whatever its position', () => {
    const raw = toRawElements(docs());
    const withGarbage = [
      ...raw.slice(0, 5),
      '{"product":{"sku":"TRUNC',
      ...raw.slice(5, 9),
      'null',
      ...raw.slice(9),
      '<html>503</html>',
    ];
    const result = build(withGarbage);
    expect(result.skipped.map((s) => s.reason)).toEqual(['INVALID_JSON', 'NOT_AN_OBJECT', 'INVALID_JSON']);
    expect(result.card.contentHash).toBe(card.contentHash);
    expect(result.missing).toEqual([]);
  });

  it('reports documents of another region as WRONG_REGION', () => {
    const result = buildRateCard({
      region: 'us-east-2',
      documents: toRawElements(docs()),
      fetchedAt: 'x',
      source: 'AWS_PRICE_LIST',
    });
    expect(result.skipped).toHaveLength(docs().length);
    expect(new Set(result.skipped.map((s) => s.reason))).toEqual(new Set(['WRONG_REGION']));
    // Only the static cross-AZ rate of us-east-2 (supplemental-rates.ts), no document's.
    expect(Object.keys(result.card.rates)).toEqual([RATE_KEYS.crossAzTransferGb]);
    expect(result.card.priceListVersion).toBe('');
    expect(result.missing).toEqual(expectedRateKeys().filter((k) => k !== RATE_KEYS.crossAzTransferGb));
  });

  describe('two SKUs for the same key', () => {
    const original = docs().find((d) => d.product.attributes.usagetype === 'Storage-ShardHour')!;
    const rival = makePriceListDocument({
      serviceCode: 'AmazonKinesis',
      productFamily: 'Kinesis Streams',
      region: REGIONS['us-east-1'],
      usageType: 'Storage-ShardHour',
      operation: 'shardHourStorage',
      unit: 'ShardHour',
      usd: '0.017',
      description: 'rival',
      sku: 'AAAARIVALSKU0001',
      effectiveDate: original.terms.OnDemand![Object.keys(original.terms.OnDemand!)[0]].effectiveDate,
    });

    it('keeps the same SKU whatever the order and reports the other as DUPLICATE', () => {
      const forward = build([...toRawElements(docs()), JSON.stringify(rival)]);
      const backward = build([JSON.stringify(rival), ...toRawElements(docs())]);
      for (const result of [forward, backward]) {
        expect(result.card.rates[RATE_KEYS.kdsProvisionedShardHour].sku).toBe('AAAARIVALSKU0001');
        expect(result.skipped).toEqual([
          expect.objectContaining({
            reason: 'DUPLICATE',
            sku: original.product.sku,
            key: RATE_KEYS.kdsProvisionedShardHour,
          }),
        ]);
      }
      expect(forward.card.contentHash).toBe(backward.card.contentHash);
    });

    it('prefers the later effective date', () => {
      const newer = structuredClone(original);
      const term = Object.values(newer.terms.OnDemand!)[0];
      term.effectiveDate = '2027-01-01T00:00:00Z';
      const olderRival = { ...rival, product: { ...rival.product, sku: 'AAAAOLDERSKU0001' } };
      const result = build([
        JSON.stringify(olderRival),
        ...toRawElements(docs().filter((d) => d !== original)),
        JSON.stringify(newer),
      ]);
      expect(result.card.rates[RATE_KEYS.kdsProvisionedShardHour].effectiveDate).toBe('2027-01-01T00:00:00Z');
    });

    it('collapses the same SKU delivered twice into one rate', () => {
      const result = build([...toRawElements(docs()), JSON.stringify(original)]);
      expect(result.card.contentHash).toBe(card.contentHash);
      expect(result.skipped).toEqual([expect.objectContaining({ reason: 'DUPLICATE', sku: original.product.sku })]);
    });
  });

  it('builds the complete card out of the realistic ≥ 2,000-product list and reports the rest', () => {
    const list = realisticPriceList();
    const result = build(allRaw(list));
    expect(result.missing).toEqual([]);
    for (const key of expectedRateKeys()) expect(result.card.rates[key].usdPerUnit).toBe(card.rates[key].usdPerUnit);
    const reasons = new Set(result.skipped.map((s) => s.reason));
    expect(reasons).toEqual(new Set(['WRONG_REGION', 'UNRELATED_PRODUCT_FAMILY', 'UNMAPPED']));
    const extraKeys = Object.keys(result.card.rates).filter((k) => !expectedRateKeys().includes(k));
    expect(extraKeys.every((k) => /^msk\.brokerHour\.kafka\.(m4|m5a|m6g|m7i|r7g)\./.test(k))).toBe(true);
    expect(extraKeys).toHaveLength(35);
  });
});
