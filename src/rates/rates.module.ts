import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { PriceListSource } from '../infrastructure/aws/price-list.source';
import { APP_CONFIG, type AppConfig } from '../infrastructure/config/config';
import { RatesResolver } from './graphql/rates.resolver';
import { RatesController } from './http/rates.controller';
import { RegionsController } from './http/regions.controller';
import { RateCardRepository } from './rate-card.repository';
import { RateCardStore } from './rate-card.store';
import { RatesRefresher } from './rates.refresher';
import { RatesService } from './rates.service';
import { RegionsService } from './regions.service';

@Module({
  imports: [HealthModule],
  controllers: [RatesController, RegionsController],
  providers: [
    RateCardRepository,
    RateCardStore,
    RatesService,
    RatesRefresher,
    RatesResolver,
    RegionsService,
    {
      provide: PriceListSource,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new PriceListSource({
          endpoint: config.PRICING_ENDPOINT,
          region: config.PRICING_API_REGION,
          maxAttempts: config.PRICING_MAX_ATTEMPTS,
          credentials:
            config.PRICING_ACCESS_KEY_ID && config.PRICING_SECRET_ACCESS_KEY
              ? { accessKeyId: config.PRICING_ACCESS_KEY_ID, secretAccessKey: config.PRICING_SECRET_ACCESS_KEY }
              : undefined,
        }),
    },
  ],
  exports: [RatesService, RatesRefresher],
})
export class RatesModule {}
