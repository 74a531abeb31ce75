/**
 * class-validator DTOs of the price-watch endpoints. createWebhook's GraphQL arguments are CreateWebhookDto
 * itself; priceChanges's (graphql/price-watch.args.ts) carry the same rules, exported here. Messages name the
 * field as the transport does (`$property`: limit over REST, first over GraphQL).
 */
import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, Float } from '@nestjs/graphql';
import { ApiProperty, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsPositive,
  IsUUID,
  Matches,
  Max,
  NotEquals,
} from 'class-validator';
import { emptyAsAbsent, Satisfies } from '../../common/validation/flat-input';
import { ListScenariosQuery } from '../../scenarios/http/dto/scenario-queries.dto';
import { decodeCursor } from '../../scenarios/list-cursor.codec';
import { REGION_PATTERN } from '../../rates/known-regions';
import { WEBHOOK_EVENTS } from '../price-change';
import { WebhookEventEnum } from '../price-watch.view';
import { secretKey } from '../webhooks/signature';
import type { PriceChangeQuery } from '../price-changes.repository';
import { urlProblem } from '../webhooks/outbound';

export const PRICE_CHANGES_LIMIT_DEFAULT = 20;

// Rules of our own where no built-in fits: the webhook URL is read by the WHATWG URL parser the delivery uses
// (@IsUrl's validator.js reads URLs differently); the secret must decode to 24..64 bytes of canonical base64; the
// thresholds exclude each other.

/** An optional amount in (0, max]. */
const OptionalPositive = (max: number) => {
  const message = `$property must be a number greater than 0 and at most ${max}`;
  return applyDecorators(
    IsOptional(),
    IsNumber({ allowNaN: false, allowInfinity: false }, { message }),
    IsPositive({ message }),
    Max(max, { message }),
  );
};

const WebhookUrl = () =>
  applyDecorators(NotEquals(undefined, { message: '$property is required' }), Satisfies('webhookUrl', urlProblem));

const WebhookSecret = () =>
  Satisfies('webhookSecret', (v, { property }) =>
    secretKey(v) ? null : `${property} must be whsec_ followed by the base64 of 24 to 64 random bytes`,
  );

const WebhookEvents = () => {
  const message = `$property must be a list of distinct events among ${WEBHOOK_EVENTS.join(', ')}`;
  return applyDecorators(
    IsArray({ message }),
    ArrayMinSize(1, { message }),
    ArrayMaxSize(WEBHOOK_EVENTS.length, { message }),
    ArrayUnique(undefined, { message }),
    IsIn(WEBHOOK_EVENTS, { each: true, message }),
  );
};

/** thresholdPercent, given alone (not with thresholdUsd). */
const ThresholdPercent = () =>
  applyDecorators(
    OptionalPositive(100000),
    Satisfies('oneThreshold', (_v, { object }) =>
      (object as { thresholdUsd?: unknown }).thresholdUsd != null
        ? 'give thresholdPercent or thresholdUsd, not both'
        : null,
    ),
  );
const ThresholdUsd = () => OptionalPositive(1e9);

/** POST /v1/webhooks and the arguments of GraphQL createWebhook: one class. */
@ArgsType()
export class CreateWebhookDto {
  @ApiProperty({ example: 'https://hooks.example.com/streamfit', maxLength: 2048 })
  @Field(() => String)
  @WebhookUrl()
  url!: string;

  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'Standard Webhooks secret: whsec_ + base64 of 24 to 64 random bytes. Never returned.',
  })
  @Field(() => String)
  @WebhookSecret()
  secret!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['PRICE_CHANGED', 'RECOMMENDATION_CHANGED'] })
  @Field(() => [WebhookEventEnum])
  @WebhookEvents()
  events!: WebhookEventEnum[];

  @ApiProperty({
    type: Number,
    required: false,
    nullable: true,
    example: 5,
    description: 'PRICE_CHANGED only when some option moved by at least this percent',
  })
  @Field(() => Float, { nullable: true })
  @ThresholdPercent()
  thresholdPercent?: number | null;

  @ApiProperty({
    type: Number,
    required: false,
    nullable: true,
    example: 100,
    description: 'PRICE_CHANGED only when some option moved by at least this many dollars a month',
  })
  @Field(() => Float, { nullable: true })
  @ThresholdUsd()
  thresholdUsd?: number | null;
}

export const ScenarioIdFilter = () =>
  applyDecorators(
    Transform(emptyAsAbsent),
    IsOptional(),
    IsUUID('loose', { message: '$property must be a scenario id (UUID)' }),
  );

export const RegionFilter = () =>
  applyDecorators(
    Transform(emptyAsAbsent),
    IsOptional(),
    Matches(REGION_PATTERN, { message: '$property must be a region code' }),
  );

export const RecommendationChangedFilter = () =>
  applyDecorators(
    Transform(emptyAsAbsent),
    IsOptional(),
    IsIn([true, false, 'true', 'false'], { message: '$property must be true or false' }),
  );

/** GET /v1/price-changes?limit=&cursor=&scenarioId=&region=&recommendationChanged= (limit and cursor as the scenario list's). */
export class ListPriceChangesQuery extends PickType(ListScenariosQuery, ['limit', 'cursor'] as const) {
  @ApiProperty({ required: false, type: String, description: 'Only this scenario' })
  @ScenarioIdFilter()
  scenarioId?: string | null;

  @ApiProperty({ required: false, type: String, example: 'us-east-1' })
  @RegionFilter()
  region?: string | null;

  @ApiProperty({
    required: false,
    type: Boolean,
    description: 'Only changes that did (true) or did not change the recommendation',
  })
  @RecommendationChangedFilter()
  recommendationChanged?: boolean | string | null;
}

/** The checked query as the repository takes it. */
export function priceChangeQueryOf(q: ListPriceChangesQuery): PriceChangeQuery {
  const out: PriceChangeQuery = { limit: q.limit ?? PRICE_CHANGES_LIMIT_DEFAULT };
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  if (after) out.after = after;
  if (q.scenarioId) out.scenarioId = q.scenarioId;
  if (q.region) out.region = q.region;
  if (q.recommendationChanged !== undefined && q.recommendationChanged !== null)
    out.recommendationChanged = q.recommendationChanged === true || q.recommendationChanged === 'true';
  return out;
}
