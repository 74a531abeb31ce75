import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../../auth/auth.guard';
import { RateCardView, RefreshResultView } from '../rate-card.view';
import { RatesRefresher } from '../rates.refresher';
import { RatesService } from '../rates.service';

@Resolver(() => RateCardView)
export class RatesResolver {
  constructor(
    private readonly rates: RatesService,
    private readonly refresher: RatesRefresher,
  ) {}

  @Query(() => RateCardView, { description: 'The rates in force for a region, with provenance' })
  async rateCard(@Args('region') region: string): Promise<RateCardView> {
    return RateCardView.from(await this.rates.current(region));
  }

  @Mutation(() => RefreshResultView, { description: 'Admin: refresh a region from the AWS Price List API now' })
  @RequireRole('admin')
  refreshRateCard(@Args('region') region: string): Promise<RefreshResultView> {
    return this.refresher.refresh(region, 'admin');
  }
}
