/** class-validator DTOs of the price-watch endpoints (GraphQL arguments are checked by the same classes). */
import { ApiProperty, PickType } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { EmptyAsAbsent, ObjectCheck, Rule } from '../../common/validation/field.decorators';
import { ListScenariosQuery } from '../../scenarios/http/dto/scenario-queries.dto';
import { isScenarioId } from '../../scenarios/scenario.limits';
import { decodeCursor } from '../../scenarios/list-cursor.codec';
import { REGION_PATTERN } from '../../rates/known-regions';
import { WEBHOOK_EVENTS } from '../price-change';
import { secretKey } from '../webhooks/signature';
import type { PriceChangeQuery } from '../price-changes.repository';
import { urlProblem } from '../webhooks/outbound';

export const PRICE_CHANGES_LIMIT_DEFAULT = 20;

const positive = (max: number) => (v: unknown, p: string) =>
  v === undefined || v === null || (typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= max)
    ? null
    : `${p} must be a number greater than 0 and at most ${max}`;

/** POST /v1/webhooks. */
@ObjectCheck((v) =>
  v.thresholdPercent != null && v.thresholdUsd != null
    ? [{ field: 'thresholdPercent', message: 'give thresholdPercent or thresholdUsd, not both' }]
    : [],
)
export class CreateWebhookDto {
  @ApiProperty({ example: 'https://hooks.example.com/streamfit', maxLength: 2048 })
  @Rule('url', (v) => (v === undefined ? 'url is required' : urlProblem(v)))
  url!: string;

  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'Standard Webhooks secret: whsec_ + base64 of 24 to 64 random bytes. Never returned.',
  })
  @Rule('secret', (v, p) =>
    secretKey(v) ? null : `${p} must be whsec_ followed by the base64 of 24 to 64 random bytes`,
  )
  secret!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['PRICE_CHANGED', 'RECOMMENDATION_CHANGED'] })
  @Rule('events', (v, p) =>
    Array.isArray(v) &&
    v.length >= 1 &&
    v.length <= WEBHOOK_EVENTS.length &&
    new Set(v).size === v.length &&
    v.every((e) => (WEBHOOK_EVENTS as readonly unknown[]).includes(e))
      ? null
      : `${p} must be a list of distinct events among ${WEBHOOK_EVENTS.join(', ')}`,
  )
  events!: string[];

  @ApiProperty({
    type: Number,
    required: false,
    nullable: true,
    example: 5,
    description: 'PRICE_CHANGED only when some option moved by at least this percent',
  })
  @IsOptional()
  @Rule('thresholdPercent', positive(100000))
  thresholdPercent?: number | null;

  @ApiProperty({
    type: Number,
    required: false,
    nullable: true,
    example: 100,
    description: 'PRICE_CHANGED only when some option moved by at least this many dollars a month',
  })
  @IsOptional()
  @Rule('thresholdUsd', positive(1e9))
  thresholdUsd?: number | null;
}

/** GET /v1/price-changes?limit=&cursor=&scenarioId=&region=&recommendationChanged= (limit and cursor as the scenario list's). */
export class ListPriceChangesQuery extends PickType(ListScenariosQuery, ['limit', 'cursor'] as const) {
  @ApiProperty({ required: false, type: String, description: 'Only this scenario' })
  @EmptyAsAbsent()
  @IsOptional()
  @Rule('scenarioId', (v, p) => (isScenarioId(v) ? null : `${p} must be a scenario id (UUID)`))
  scenarioId?: string | null;

  @ApiProperty({ required: false, type: String, example: 'us-east-1' })
  @EmptyAsAbsent()
  @IsOptional()
  @Rule('region', (v, p) => (typeof v === 'string' && REGION_PATTERN.test(v) ? null : `${p} must be a region code`))
  region?: string | null;

  @ApiProperty({
    required: false,
    type: Boolean,
    description: 'Only changes that did (true) or did not change the recommendation',
  })
  @EmptyAsAbsent()
  @IsOptional()
  @Rule('recommendationChanged', (v, p) =>
    v === true || v === false || v === 'true' || v === 'false' ? null : `${p} must be true or false`,
  )
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
