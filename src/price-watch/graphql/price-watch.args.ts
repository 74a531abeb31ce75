/**
 * priceChanges's arguments as an @ArgsType class, with the REST query's rules (http/dto.ts), run by the same
 * DtoValidationPipe; messages name the GraphQL argument (first, after). createWebhook takes CreateWebhookDto.
 */
import { ArgsType, Field, ID, PickType } from '@nestjs/graphql';
import { ListScenariosArgs } from '../../scenarios/graphql/scenario.args';
import { RecommendationChangedFilter, RegionFilter, ScenarioIdFilter } from '../http/dto';

/**
 * priceChanges(first, after, scenarioId, region, recommendationChanged): GET /v1/price-changes's rules, first
 * and after as the scenario list's (checked after the filters, as over REST).
 */
@ArgsType()
export class ListPriceChangesArgs extends PickType(ListScenariosArgs, ['first', 'after'] as const, ArgsType) {
  @Field(() => ID, { nullable: true })
  @ScenarioIdFilter()
  scenarioId?: string | null;

  @Field(() => String, { nullable: true })
  @RegionFilter()
  region?: string | null;

  @Field(() => Boolean, { nullable: true })
  @RecommendationChangedFilter()
  recommendationChanged?: boolean | null;
}
