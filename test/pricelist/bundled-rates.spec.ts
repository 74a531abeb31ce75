import Decimal from 'decimal.js';
import { join, resolve } from 'node:path';
import { expectedRateKeys } from '../../src/domain/pricelist/build-rate-card';
import {
  bundledRateCard,
  bundledRateCardResult,
  bundledRegions,
  findBundledRatesDir,
} from '../../src/infrastructure/aws/bundled-rates';
import { bundledSnapshot } from '../../scripts/generate-pricelist';
import { bundledSnapshotDocuments } from '../support/pricelist-fixtures';
import { SNAPSHOT_REGIONS } from '../../src/domain/regions';
import { EXPECTED_US_EAST_1 } from './expected-us-east-1-prices';

const REPO_ROOT = resolve(__dirname, '..', '..');

describe('bundled rate snapshot', () => {
  const card = bundledRateCard('us-east-1')!;

  it('ships the twelve snapshot regions, and no other', () => {
    expect(bundledRegions()).toEqual([...SNAPSHOT_REGIONS].sort());
    expect(bundledRateCard('eu-north-1')).toBeUndefined();
    expect(bundledRateCard('../../etc')).toBeUndefined();
  });

  it('has every rate key and broker type, each at its list price (expected-us-east-1-prices.ts)', () => {
    expect(Object.keys(card.rates)).toEqual(expectedRateKeys());
    const wrong = expectedRateKeys().filter(
      (key) => !new Decimal(card.rates[key].usdPerUnit).equals(EXPECTED_US_EAST_1[key]),
    );
    expect(wrong).toEqual([]);
  });

  it('is labelled as the bundled snapshot, dated by its publication', () => {
    expect(card).toMatchObject({
      region: 'us-east-1',
      source: 'BUNDLED_SNAPSHOT',
      priceListVersion: '20261125000000',
      publicationDate: '2026-11-25T00:00:00Z',
      fetchedAt: '2026-11-25T00:00:00Z',
      stale: false,
    });
    expect(card.id).toBe(`us-east-1:${card.contentHash.slice(0, 12)}`);
    expect(new Set(Object.values(card.rates).map((r) => r.source))).toEqual(new Set(['BUNDLED_SNAPSHOT']));
    expect(bundledRateCardResult('us-east-1')).toMatchObject({ skipped: [], missing: [] });
  });

  it('hands out copies: mutating one does not change the next', () => {
    card.rates['kds.provisioned.shardHour'].usdPerUnit = '1';
    expect(bundledRateCard('us-east-1')!.rates['kds.provisioned.shardHour'].usdPerUnit).toBe('0.0150000000');
  });

  it('finds rates/pricelist from src/ and from dist/src/ alike', () => {
    const expected = join(REPO_ROOT, 'rates', 'pricelist');
    expect(findBundledRatesDir(join(REPO_ROOT, 'src', 'infrastructure', 'aws'))).toBe(expected);
    expect(findBundledRatesDir(join(REPO_ROOT, 'dist', 'src', 'infrastructure', 'aws'))).toBe(expected);
    expect(findBundledRatesDir('/')).toBeUndefined();
  });

  it('is exactly what scripts/generate-pricelist.ts produces, with the two real documents verbatim', () => {
    expect(bundledSnapshotDocuments()).toEqual(bundledSnapshot());
    const skus = bundledSnapshotDocuments().AmazonKinesis.map((d) => d.product.sku);
    expect(skus).toEqual(expect.arrayContaining(['QFHADPJ42UJZ4EUK', '9DT967X6YQX3AYMB']));
    const all = [...bundledSnapshotDocuments().AmazonKinesis, ...bundledSnapshotDocuments().AmazonMSK];
    expect(all.every((d) => /^[A-Z0-9]{12,16}$/.test(d.product.sku))).toBe(true);
    expect(new Set(all.map((d) => d.product.sku)).size).toBe(all.length);
  });
});
