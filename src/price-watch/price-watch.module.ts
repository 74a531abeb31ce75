import { Module } from '@nestjs/common';
import { RatesModule } from '../rates/rates.module';
import { PriceChangesResolver, WebhooksResolver } from './graphql/price-watch.resolver';
import { PriceChangesController, WebhooksController } from './http/price-watch.controller';
import { JobQueue } from './job-queue';
import { PriceChangesRepository } from './price-changes.repository';
import { PriceWatchService } from './price-watch.service';
import { PriceWatchDb } from './price-watch.store';
import { WebhooksService } from './webhooks/webhooks.service';

/** Price watch: re-pricing on rate changes, price-change lists, webhooks and their delivery (README "Price watch"). */
@Module({
  imports: [RatesModule],
  controllers: [PriceChangesController, WebhooksController],
  providers: [
    JobQueue,
    PriceWatchDb,
    PriceWatchService,
    PriceChangesRepository,
    WebhooksService,
    PriceChangesResolver,
    WebhooksResolver,
  ],
})
export class PriceWatchModule {}
