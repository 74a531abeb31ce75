import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../../auth/auth.guard';
import { RateCardView, RefreshResultView } from '../rate-card.view';
import { RegionView } from '../region.view';
import { RegionsService } from '../regions.service';
import { RatesRefresher } from '../rates.refresher';
import { RatesService } from '../rates.service';

@Resolver(() => RateCardView)
export class RatesResolver {
  constructor(
    private readonly rates: RatesService,
    private readonly refresher: RatesRefresher,
    private readonly regionList: RegionsService,
  ) {}

  @Query(() => [RegionView], {
    description: 'Every region streamfit knows, with the options priced there offline and live',
  })
  async regions(): Promise<RegionView[]> {
    return (await this.regionList.list()).map((entry) => RegionView.from(entry));
  }

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
