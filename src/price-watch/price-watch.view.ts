import { Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ViewProperty as P } from '../common/view-property';

export enum WebhookEventEnum {
  PRICE_CHANGED = 'PRICE_CHANGED',
  RECOMMENDATION_CHANGED = 'RECOMMENDATION_CHANGED',
}
registerEnumType(WebhookEventEnum, {
  name: 'WebhookEvent',
  description:
    'PRICE_CHANGED: some option of a saved scenario moved by at least the threshold; RECOMMENDATION_CHANGED: its recommended option changed',
});

@ObjectType('MovedRate', { description: 'A rate whose price differs between the two cards' })
export class MovedRateView {
  @P(String, { example: 'kds.provisioned.shardHour' }) key: string;
  @P(String, { nullable: true, example: '0.0150000000', description: 'USD per unit before (null: a new rate)' })
  old: string | null;
  @P(String, { nullable: true, example: '0.0160000000', description: 'USD per unit after (null: the rate is gone)' })
  new: string | null;
}

@ObjectType('OptionPriceChange', { description: "An option's monthly total before and after the rate change" })
export class OptionChangeView {
  @P(String, { example: 'KDS_PROVISIONED' }) option: string;
  @P(Float, { nullable: true }) beforeUsd: number | null;
  @P(Float, { nullable: true }) afterUsd: number | null;
  @P(Float, { nullable: true }) changeUsd: number | null;
  @P(Float, { nullable: true, description: 'Two decimals; null when before is 0 or either side is unpriced' })
  changePercent: number | null;
}

@ObjectType('PriceChange', {
  description: "A saved scenario's latest version re-priced after a rate change in its region",
})
export class PriceChangeView {
  @P(ID) id: string;
  @P(ID) scenarioId: string;
  @P(Int) scenarioVersion: number;
  @P(String) scenarioName: string;
  @P(String, { example: 'us-east-1' }) region: string;
  @P(String, { description: 'The card in force before the refresh' }) fromRateCardId: string;
  @P(String, { description: 'The card the refresh put in force' }) toRateCardId: string;
  @P([MovedRateView]) rates: MovedRateView[];
  @P([OptionChangeView]) options: OptionChangeView[];
  @P(String, { nullable: true }) recommendationBefore: string | null;
  @P(String, { nullable: true }) recommendationAfter: string | null;
  @P(Boolean) recommendationChanged: boolean;
  @P(Float, { description: 'Largest move of any option, USD a month (absolute)' }) maxChangeUsd: number;
  @P(Float, { nullable: true, description: 'Largest move of any option, percent (absolute)' })
  maxChangePercent: number | null;
  @P(String) createdAt: string;
}

@ObjectType('PriceChangePage', { description: 'A page of price changes, newest first' })
export class PriceChangePageView {
  @P([PriceChangeView]) items: PriceChangeView[];
  @P(String, { nullable: true, description: 'Pass as cursor (REST) / after (GraphQL); null at the end' })
  nextCursor: string | null;
}

@ObjectType('Webhook', { description: "A webhook of the caller's team (never its secret)" })
export class WebhookView {
  @P(ID) id: string;
  @P(String) url: string;
  @P([WebhookEventEnum], { enum: WebhookEventEnum }) events: WebhookEventEnum[];
  @P(Float, { nullable: true }) thresholdPercent: number | null;
  @P(Float, { nullable: true }) thresholdUsd: number | null;
  @P(String, { example: 'whsec_…Sw==', description: 'The end of the secret, to tell secrets apart' })
  secretHint: string;
  @P(String) createdAt: string;
}

@ObjectType('WebhookAttempt', { description: 'One delivery attempt' })
export class WebhookAttemptView {
  @P(String) attemptedAt: string;
  @P(Int, { nullable: true, description: 'HTTP status of the answer; null when none came' }) statusCode: number | null;
  @P(String, {
    description:
      'DELIVERED, HTTP_ERROR, REDIRECT_NOT_FOLLOWED, NETWORK_ERROR, TIMEOUT or REFUSED (address not allowed)',
  })
  outcome: string;
  @P(Int) durationMs: number;
  @P(String, { nullable: true }) error: string | null;
}

@ObjectType('WebhookDelivery', { description: 'A message of the outbox and its attempts' })
export class WebhookDeliveryView {
  @P(ID, { description: 'The webhook-id header: the same on every attempt (deduplicate on it)' }) id: string;
  @P(ID) webhookId: string;
  @P(ID) priceChangeId: string;
  @P(WebhookEventEnum, { enum: WebhookEventEnum }) eventType: string;
  @P(String, { description: 'PENDING, DELIVERED, FAILED (retried for 24 h) or CANCELLED (webhook deleted)' })
  status: string;
  @P([WebhookAttemptView]) attempts: WebhookAttemptView[];
  @P(String, { nullable: true }) nextAttemptAt: string | null;
  @P(String, { nullable: true }) deliveredAt: string | null;
  @P(String) createdAt: string;
}
