import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Caller } from '../../auth/api-key';
import { RequireRole } from '../../auth/auth.guard';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { DtoValidationPipe } from '../../common/validation/dto-validation.pipe';
import { CreateWebhookDto, priceChangeQueryOf } from '../http/dto';
import { ListPriceChangesArgs } from './price-watch.args';
import { PriceChangesRepository } from '../price-changes.repository';
import { PriceChangePageView, WebhookDeliveryView, WebhookView } from '../price-watch.view';
import { WebhooksService } from '../webhooks/webhooks.service';

@Resolver()
export class PriceChangesResolver {
  constructor(private readonly changes: PriceChangesRepository) {}

  @Query(() => PriceChangePageView, {
    description: "Your team's price changes, newest first: scenarios re-priced after a rate change in their region",
  })
  priceChanges(
    @CurrentCaller() caller: Caller,
    @Args(DtoValidationPipe) { first, after, ...filters }: ListPriceChangesArgs,
  ): Promise<PriceChangePageView> {
    return this.changes.page(caller.team, priceChangeQueryOf({ limit: first, cursor: after, ...filters }));
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
  createWebhook(@CurrentCaller() caller: Caller, @Args(DtoValidationPipe) args: CreateWebhookDto) {
    return this.hooks.create(caller, args);
  }

  @Mutation(() => WebhookView, { description: 'Admin: delete a webhook; its pending deliveries are cancelled' })
  deleteWebhook(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string) {
    return this.hooks.remove(caller, id);
  }
}
