import { Args, Float, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Caller } from '../../auth/api-key';
import { RequireRole } from '../../auth/auth.guard';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { checkDto } from '../../common/validation/dto-validation.pipe';
import { CreateWebhookDto, ListPriceChangesQuery, priceChangeQueryOf } from '../http/dto';
import { PriceChangesRepository } from '../price-changes.repository';
import { PriceChangePageView, WebhookDeliveryView, WebhookEventEnum, WebhookView } from '../price-watch.view';
import { WebhooksService } from '../webhooks/webhooks.service';

@Resolver()
export class PriceChangesResolver {
  constructor(private readonly changes: PriceChangesRepository) {}

  @Query(() => PriceChangePageView, {
    description: "Your team's price changes, newest first: scenarios re-priced after a rate change in their region",
  })
  async priceChanges(
    @CurrentCaller() caller: Caller,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1..100 (default 20)' }) first?: number,
    @Args('after', { nullable: true, description: 'nextCursor of the previous page' }) after?: string,
    @Args('scenarioId', { type: () => ID, nullable: true }) scenarioId?: string,
    @Args('region', { nullable: true }) region?: string,
    @Args('recommendationChanged', { type: () => Boolean, nullable: true }) recommendationChanged?: boolean,
  ): Promise<PriceChangePageView> {
    const query = await checkDto(
      ListPriceChangesQuery,
      { limit: first, cursor: after, scenarioId, region, recommendationChanged },
      { limit: 'first', cursor: 'after' },
    );
    return this.changes.page(caller.team, priceChangeQueryOf(query));
  }
}

@Resolver()
@RequireRole('admin')
export class WebhooksResolver {
  constructor(private readonly hooks: WebhooksService) {}

  @Query(() => [WebhookView], { description: "Admin: your team's webhooks (never their secrets)" })
  webhooks(@CurrentCaller() caller: Caller) {
    return this.hooks.list(caller);
  }

  @Query(() => [WebhookDeliveryView], { description: "Admin: a webhook's last 50 deliveries with every attempt" })
  webhookDeliveries(@CurrentCaller() caller: Caller, @Args('webhookId', { type: () => ID }) webhookId: string) {
    return this.hooks.deliveries(caller, webhookId);
  }

  @Mutation(() => WebhookView, { description: 'Admin: add a webhook; the secret is never returned' })
  async createWebhook(
    @CurrentCaller() caller: Caller,
    @Args('url') url: string,
    @Args('secret') secret: string,
    @Args('events', { type: () => [WebhookEventEnum] }) events: WebhookEventEnum[],
    @Args('thresholdPercent', { type: () => Float, nullable: true }) thresholdPercent?: number,
    @Args('thresholdUsd', { type: () => Float, nullable: true }) thresholdUsd?: number,
  ) {
    const body = await checkDto(CreateWebhookDto, { url, secret, events, thresholdPercent, thresholdUsd });
    return this.hooks.create(caller, body);
  }

  @Mutation(() => WebhookView, { description: 'Admin: delete a webhook; its pending deliveries are cancelled' })
  deleteWebhook(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string) {
    return this.hooks.remove(caller, id);
  }
}
