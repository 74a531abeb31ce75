import Decimal from 'decimal.js';
import { buildRateCard, expectedRateKeys } from '../../src/domain/pricelist/build-rate-card';
import {
  parsePriceListElement,
  type ParsedPriceListProduct,
  type PriceListDocument,
} from '../../src/domain/pricelist/price-list-document';
import { RATE_MAPPING_RULES, mapProductToRateKey, usageTypeSuffix } from '../../src/domain/pricelist/rate-mapping';
import { RATE_KEYS, mskBrokerHourKey, mskExpressBrokerHourKey } from '../../src/domain/rate-card';
import { allRaw, bundledSnapshotDocuments, regionShapedDocuments } from '../support/pricelist-fixtures';
import { EXPECTED_US_EAST_1 } from './expected-us-east-1-prices';

const parse = (doc: PriceListDocument): ParsedPriceListProduct => {
  const result = parsePriceListElement(JSON.stringify(doc), { firstTier: true });
  if (!result.ok) throw new Error(`fixture did not parse: ${result.reason}`);
  return result.product;
};

const bundled = bundledSnapshotDocuments();
const bundledProducts = Object.values(bundled).flat().map(parse);
const keyOf = (product: ParsedPriceListProduct): string | undefined => {
  const mapping = mapProductToRateKey(product);
  return mapping.matched ? mapping.key : undefined;
};

/** A bundled product changed by `patch` (attributes merged), to probe one rule at a time. */
function variant(
  usageType: string,
  patch: Partial<ParsedPriceListProduct> & { attributes?: Record<string, string> },
): ParsedPriceListProduct {
  const base = bundledProducts.find((p) => p.usageType === usageType);
  if (!base) throw new Error(`no bundled product ${usageType}`);
  const attributes = { ...base.attributes, ...patch.attributes };
  return { ...base, ...patch, attributes, usageType: attributes.usagetype, operation: attributes.operation };
}

describe('rate mapping table', () => {
  it('maps every bundled document to a distinct rate key', () => {
    const keys = bundledProducts.map(keyOf);
    expect(keys.filter((k) => k === undefined)).toEqual([]);
    expect(new Set(keys).size).toBe(bundledProducts.length);
  });

  it.each(expectedRateKeys().filter((key) => key !== RATE_KEYS.crossAzTransferGb))(
    'maps a bundled document to %s at its list price (expected-us-east-1-prices.ts)',
    (key) => {
      const product = bundledProducts.find((p) => keyOf(p) === key);
      expect(product?.sku).toMatch(/^[A-Z0-9]{12,16}$/);
      expect(new Decimal(product!.price.usd).equals(EXPECTED_US_EAST_1[key])).toBe(true);
    },
  );

  it('maps the two verbatim real documents by usage type and operation', () => {
    expect(keyOf(bundledProducts.find((p) => p.sku === 'QFHADPJ42UJZ4EUK')!)).toBe(RATE_KEYS.kdsEfoConsumerShardHour);
    expect(keyOf(bundledProducts.find((p) => p.sku === '9DT967X6YQX3AYMB')!)).toBe(
      RATE_KEYS.kdsProvisionedExtendedRetentionShardHour,
    );
  });

  it('maps prefixed usage types of another region to the same keys (USE2-Storage-ShardHour)', () => {
    const use2 = regionShapedDocuments('us-east-2');
    const products = [...use2.AmazonKinesis, ...use2.AmazonMSK].map(parse);
    expect(products.find((p) => keyOf(p) === RATE_KEYS.kdsProvisionedShardHour)?.usageType).toBe(
      'USE2-Storage-ShardHour',
    );
    expect(products.find((p) => keyOf(p) === mskBrokerHourKey('kafka.m5.large'))?.usageType).toBe(
      'USE2-Kafka.m5.large',
    );
    const { card, missing } = buildRateCard({
      region: 'us-east-2',
      documents: allRaw(use2),
      fetchedAt: 'now',
      source: 'AWS_PRICE_LIST',
    });
    // us-east-2 is a snapshot region: its static cross-AZ rate completes the card.
    expect(missing).toEqual([]);
    expect(Object.keys(card.rates)).toHaveLength(expectedRateKeys().length);
  });

  it('does not confuse OnDemand-LongTermRetention-ByteHrs with LongTermRetention-ByteHrs, even with a wrong operation', () => {
    expect(usageTypeSuffix('LongTermRetention-ByteHrs').test('OnDemand-LongTermRetention-ByteHrs')).toBe(false);
    expect(usageTypeSuffix('LongTermRetention-ByteHrs').test('USE2-LongTermRetention-ByteHrs')).toBe(true);
    const onDemandLtr = variant('OnDemand-LongTermRetention-ByteHrs', {
      attributes: { operation: 'LongTermRetentionByteHrs' },
    });
    expect(mapProductToRateKey(onDemandLtr)).toEqual({ matched: false, reason: 'UNMAPPED' });
  });

  it('requires the operation: Storage-ShardHour with another operation is unmapped', () => {
    const product = variant('Storage-ShardHour', { attributes: { operation: 'SomethingElse' } });
    expect(mapProductToRateKey(product)).toEqual({ matched: false, reason: 'UNMAPPED' });
  });

  it('skips Kinesis SKUs outside the Kinesis Streams product family', () => {
    const product = variant('Storage-ShardHour', { productFamily: 'Kinesis Firehose' });
    expect(mapProductToRateKey(product)).toEqual({ matched: false, reason: 'UNRELATED_PRODUCT_FAMILY' });
  });

  it('derives the standard broker type from computeFamily, falling back to the usage type', () => {
    const fromFamily = variant('USE1-Kafka.m5.large', { attributes: { computeFamily: 'kafka.m5.large' } });
    expect(keyOf(fromFamily)).toBe(mskBrokerHourKey('kafka.m5.large'));
    const noFamily = variant('USE1-Kafka.m7g.xlarge', { attributes: { computeFamily: '' } });
    expect(keyOf(noFamily)).toBe(mskBrokerHourKey('kafka.m7g.xlarge'));
  });

  it('never takes an Express broker for a Standard one, whatever its operation', () => {
    const express = variant('USE1-Express.m7g.large', {});
    expect(keyOf(express)).toBe(mskExpressBrokerHourKey('express.m7g.large'));
    const prefixedFamily = variant('USE1-Express.m7g.large', { attributes: { computeFamily: 'express.m7g.large' } });
    expect(keyOf(prefixedFamily)).toBe(mskExpressBrokerHourKey('express.m7g.large'));
    const groupOnly = variant('USE1-Express.m7g.2xlarge', {
      attributes: { usagetype: 'USE1-Kafka.Express.m7g.2xlarge', group: 'ExpressBroker' },
    });
    expect(keyOf(groupOnly)).toBe(mskExpressBrokerHourKey('express.m7g.2xlarge'));
    const standardLookingExpress = variant('USE1-Kafka.m7g.large', { attributes: { group: 'ExpressBroker' } });
    expect(keyOf(standardLookingExpress)).not.toBe(mskBrokerHourKey('kafka.m7g.large'));
  });

  it('takes MSK Connect (Kafka.mcu.general) as the MCU-hour, never as a broker; tiered storage maps to its own key, never to EBS storage', () => {
    const mcu = variant('USE1-Kafka.m5.large', {
      attributes: {
        usagetype: 'USE1-Kafka.mcu.general',
        operation: 'RunConnect',
        computeFamily: '',
        group: 'Connect',
      },
    });
    expect(keyOf(mcu)).toBe(RATE_KEYS.mskConnectMcuHour);
    const mcuAsBroker = variant('USE1-Kafka.m5.large', {
      attributes: { usagetype: 'USE1-Kafka.mcu.general', computeFamily: '' },
    });
    expect(keyOf(mcuAsBroker)).toBe(mskBrokerHourKey('kafka.mcu.general'));
    // Tiered storage and its retrieval: the storage product with the tier's usage type, operation and family.
    const tier = (usagetype: string, storageFamily: string) =>
      variant('USE1-Kafka.Storage.GP2', { attributes: { usagetype, operation: 'TieredStorage', storageFamily } });
    expect(keyOf(tier('USE1-Kafka.Storage.Tiered', 'Tiered storage'))).toBe(RATE_KEYS.mskTieredStorageGbMonth);
    expect(keyOf(tier('USE1-Kafka.DataRetrieval.Tiered', 'Tiered storage-DataRetrieval'))).toBe(
      RATE_KEYS.mskTieredRetrievalGb,
    );
  });

  it('identifies MSK storage by usage type and operation when the group is missing', () => {
    const product = variant('USE1-Kafka.Storage.GP2', { attributes: { group: '' } });
    expect(keyOf(product)).toBe(RATE_KEYS.mskStorageGbMonth);
  });

  it('maps Advantage by kinesisAdvantageOperation too, and keeps standard on-demand rules off Advantage SKUs', () => {
    const byAttribute = variant('Advantage-BilledIncomingBytes', { attributes: { operation: 'DataIngested' } });
    expect(keyOf(byAttribute)).toBe(RATE_KEYS.kdsAdvantageDataInGb);
    const advantageWithStandardOperation = variant('Advantage-BilledIncomingBytes', {
      attributes: { operation: 'OnDemandDataIngested', kinesisAdvantageOperation: '' },
    });
    expect(keyOf(advantageWithStandardOperation)).not.toBe(RATE_KEYS.kdsOnDemandDataInGb);
  });

  it('gives every rule a unique name and a confidence label', () => {
    const names = RATE_MAPPING_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of RATE_MAPPING_RULES) expect(['V-PL', 'PL', 'AWS', '3P', '?']).toContain(rule.confidence);
  });
});
