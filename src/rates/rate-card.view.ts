import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
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
  @ApiProperty({ enum: ['LIVE_PRICE_LIST', 'AWS_DOCUMENT', 'CITED_SOURCE'], example: 'AWS_DOCUMENT' })
  @Field()
  kind: string;
  @ApiProperty({
    example: 'V-feed',
    description: 'Trust label (rates/sources/SOURCES.md): V-PL, V-feed, PL, AWS, 3P, ?',
  })
  @Field()
  label: string;
  @ApiProperty({ example: 'AWS MSK pricing feed (meteredUnitMaps/msk), EU (Frankfurt), SKU PE6G6JQPMSF6PJFH' })
  @Field()
  citation: string;
  @ApiPropertyOptional({ example: '2025-04-04T19:05:32Z' }) @Field({ nullable: true }) publicationDate?: string;
}

@ObjectType('Rate', { description: 'One rate with its provenance; `key` is what rateOverrides accepts' })
export class RateView {
  @ApiProperty({ example: 'kds.provisioned.shardHour' }) @Field() key: string;
  @ApiProperty({ example: '0.0150000000', description: 'USD per unit, the decimal string the Price List gives' })
  @Field()
  usdPerUnit: string;
  @ApiProperty({ example: 'ShardHour' }) @Field() unit: string;
  @ApiProperty({ example: 'Storage-ShardHour' }) @Field() usageType: string;
  @ApiProperty({ example: 'shardHourStorage' }) @Field() operation: string;
  @ApiProperty({ example: 'QFHADPJ42UJZ4EUK' }) @Field() sku: string;
  @ApiProperty({ example: 'QFHADPJ42UJZ4EUK.JRTCKXETXF.6YS6EN2CT7' }) @Field() rateCode: string;
  @ApiProperty({ example: '2023-07-01T00:00:00Z' }) @Field() effectiveDate: string;
  @ApiProperty() @Field() description: string;
  @ApiProperty({ enum: RateSourceEnum }) @Field(() => RateSourceEnum) source: RateSourceEnum;
  @ApiPropertyOptional({ type: RateProvenanceView, description: 'Absent only on cards stored before provenance' })
  @Field(() => RateProvenanceView, { nullable: true })
  provenance?: RateProvenanceView;
}

@ObjectType('RateRefreshStatus')
export class RefreshStatusView {
  @ApiPropertyOptional() @Field({ nullable: true }) lastAttemptAt?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) lastSuccessAt?: string;
  @ApiPropertyOptional({ description: 'Why the last refresh failed, if it did' })
  @Field({ nullable: true })
  lastError?: string;
}

@ObjectType('RateCard', { description: 'The rates in force for a region, with provenance' })
export class RateCardView {
  @ApiProperty({ example: 'us-east-1:3f2a9c1b7d4e' }) @Field(() => ID) id: string;
  @ApiProperty({ example: 'us-east-1' }) @Field() region: string;
  @ApiProperty({ example: 'USD' }) @Field() currency: string;
  @ApiProperty({ enum: RateSourceEnum }) @Field(() => RateSourceEnum) source: RateSourceEnum;
  @ApiProperty({ example: '20230801012600' }) @Field() priceListVersion: string;
  @ApiProperty({ example: '2023-08-01T01:26:00Z' }) @Field() publicationDate: string;
  @ApiProperty() @Field() fetchedAt: string;
  @ApiProperty() @Field() contentHash: string;
  @ApiProperty({
    description:
      'Past RATES_STALE_AFTER_MS and a refresh was tried and failed (or a live card past its age with live rates off); the bundled snapshot with live rates off is never stale',
  })
  @Field()
  stale: boolean;
  @ApiProperty({
    example: 'bundled snapshot of 2026-11-25 (live rates off)',
    description: 'Where the prices come from, in words',
  })
  @Field({ description: 'Where the prices come from, in words' })
  sourceLabel: string;
  @ApiProperty({ type: RefreshStatusView }) @Field(() => RefreshStatusView) refresh: RefreshStatusView;
  @ApiProperty({ type: [RateView] }) @Field(() => [RateView]) rates: RateView[];

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
  @ApiProperty({ example: 'us-east-1' }) @Field() region: string;
  @ApiProperty({
    enum: ['UPDATED', 'UNCHANGED', 'IN_PROGRESS'],
    description: 'IN_PROGRESS: another replica holds the refresh lock',
  })
  @Field()
  outcome: string;
  @ApiProperty() @Field() cardId: string;
  @ApiProperty({ description: 'Price List products fetched' }) @Field(() => Int) products: number;
  @ApiProperty() @Field(() => Int) pages: number;
  @ApiProperty({ description: 'Elements skipped (other regions, unrelated or unknown SKUs, garbage)' })
  @Field(() => Int)
  skipped: number;
  @ApiProperty() @Field(() => Float) durationMs: number;
}
