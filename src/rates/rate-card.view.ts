import { Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ViewProperty as P } from '../common/view-property';
import { rateSourceLabel } from '../domain';
import type { ServedRateCard } from './rates.service';

export enum RateSourceEnum {
  AWS_PRICE_LIST = 'AWS_PRICE_LIST',
  BUNDLED_SNAPSHOT = 'BUNDLED_SNAPSHOT',
  OVERRIDE = 'OVERRIDE',
}
registerEnumType(RateSourceEnum, { name: 'RateSource', description: 'Where a rate came from' });

// One class per shape serves as the GraphQL object type and the OpenAPI schema of the REST answer.

@ObjectType('RateProvenance', {
  description:
    'Where a price comes from: a live AWS Price List document, an AWS document in the offline snapshot (publication date, SKU), or another cited source',
})
export class RateProvenanceView {
  @P(String, { enum: ['LIVE_PRICE_LIST', 'AWS_DOCUMENT', 'CITED_SOURCE'], example: 'AWS_DOCUMENT' }) kind: string;
  @P(String, { example: 'V-feed', description: 'Trust label (rates/sources/SOURCES.md): V-PL, V-feed, PL, AWS, 3P, ?' })
  label: string;
  @P(String, { example: 'AWS MSK pricing feed (meteredUnitMaps/msk), EU (Frankfurt), SKU PE6G6JQPMSF6PJFH' })
  citation: string;
  @P(String, { optional: true, example: '2025-04-04T19:05:32Z' }) publicationDate?: string;
}

@ObjectType('Rate', { description: 'One rate with its provenance; `key` is what rateOverrides accepts' })
export class RateView {
  @P(String, { example: 'kds.provisioned.shardHour' }) key: string;
  @P(String, { example: '0.0150000000', description: 'USD per unit, the decimal string the Price List gives' })
  usdPerUnit: string;
  @P(String, { example: 'ShardHour' }) unit: string;
  @P(String, { example: 'Storage-ShardHour' }) usageType: string;
  @P(String, { example: 'shardHourStorage' }) operation: string;
  @P(String, { example: 'QFHADPJ42UJZ4EUK' }) sku: string;
  @P(String, { example: 'QFHADPJ42UJZ4EUK.JRTCKXETXF.6YS6EN2CT7' }) rateCode: string;
  @P(String, { example: '2023-07-01T00:00:00Z' }) effectiveDate: string;
  @P(String) description: string;
  @P(RateSourceEnum, { enum: RateSourceEnum }) source: RateSourceEnum;
  @P(RateProvenanceView, { optional: true, description: 'Absent only on cards stored before provenance' })
  provenance?: RateProvenanceView;
}

@ObjectType('RateRefreshStatus')
export class RefreshStatusView {
  @P(String, { optional: true }) lastAttemptAt?: string;
  @P(String, { optional: true }) lastSuccessAt?: string;
  @P(String, { optional: true, description: 'Why the last refresh failed, if it did' }) lastError?: string;
}

@ObjectType('RateCard', { description: 'The rates in force for a region, with provenance' })
export class RateCardView {
  @P(ID, { example: 'us-east-1:3f2a9c1b7d4e' }) id: string;
  @P(String, { example: 'us-east-1' }) region: string;
  @P(String, { example: 'USD' }) currency: string;
  @P(RateSourceEnum, { enum: RateSourceEnum }) source: RateSourceEnum;
  @P(String, { example: '20230801012600' }) priceListVersion: string;
  @P(String, { example: '2023-08-01T01:26:00Z' }) publicationDate: string;
  @P(String) fetchedAt: string;
  @P(String) contentHash: string;
  @P(Boolean, {
    description:
      'Past RATES_STALE_AFTER_MS and a refresh was tried and failed (or a live card past its age with live rates off); the bundled snapshot with live rates off is never stale',
  })
  stale: boolean;
  @P(String, {
    example: 'bundled snapshot of 2026-11-25 (live rates off)',
    description: 'Where the prices come from, in words',
  })
  sourceLabel: string;
  @P(RefreshStatusView) refresh: RefreshStatusView;
  @P([RateView]) rates: RateView[];

  static from(card: ServedRateCard): RateCardView {
    return {
      id: card.id,
      region: card.region,
      currency: card.currency,
      source: card.source as RateSourceEnum,
      priceListVersion: card.priceListVersion,
      publicationDate: card.publicationDate,
      fetchedAt: card.fetchedAt,
      contentHash: card.contentHash,
      stale: card.stale,
      sourceLabel: rateSourceLabel(card),
      refresh: card.refresh,
      rates: Object.values(card.rates)
        .map((r) => ({ ...r, source: r.source as RateSourceEnum }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    };
  }
}

@ObjectType('RateRefreshResult')
export class RefreshResultView {
  @P(String, { example: 'us-east-1' }) region: string;
  @P(String, {
    enum: ['UPDATED', 'UNCHANGED', 'IN_PROGRESS'],
    description: 'IN_PROGRESS: another replica holds the refresh lock',
  })
  outcome: string;
  @P(String) cardId: string;
  @P(Int, { description: 'Price List products fetched' }) products: number;
  @P(Int) pages: number;
  @P(Int, { description: 'Elements skipped (other regions, unrelated or unknown SKUs, garbage)' }) skipped: number;
  @P(Float) durationMs: number;
}
