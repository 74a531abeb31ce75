/**
 * The arguments of the scenario queries and mutations as @ArgsType classes. Where an argument is a flat input
 * the REST route also takes, it carries the same rule as the REST DTO (http/dto/scenario-queries.dto.ts), run by
 * the same DtoValidationPipe (`@Args(DtoValidationPipe)`), and its message names the GraphQL argument (first,
 * after). The others are read as GraphQL typed them: ids, the history page and the expected version are checked
 * by the service or parseExpectedVersion, as over REST, and the patch by its own parse.
 */
import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { Allow } from 'class-validator';
import { VERSIONS_PAGE_MAX } from '../scenario.limits';
import { RepriceRatesEnum } from '../scenario.view';
import {
  BaselineVersion,
  HistoryCursor,
  HistoryPageSize,
  ListCursor,
  PageSize,
  RepriceRatesRule,
  SearchFilter,
  TagFilter,
} from '../http/dto/scenario-queries.dto';
import { ScenarioPatchInput } from './scenario.input';

/** scenarios(first, after, tag, search): the REST list query's rules. */
@ArgsType()
export class ListScenariosArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1..100 (default 20)' })
  @PageSize()
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'nextCursor of the previous page' })
  @ListCursor()
  after?: string | null;

  @Field(() => String, { nullable: true })
  @TagFilter()
  tag?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name' })
  @SearchFilter()
  search?: string | null;
}

/** A scenario's id (allowed as it is by the pipe: the service answers NOT_FOUND for any id it has not). */
@ArgsType()
export class ScenarioIdArgs {
  @Field(() => ID)
  @Allow()
  id!: string;
}

/** A page of a scenario's history: GET /v1/scenarios/{id}/versions's rules. */
function HistoryPageArgs(afterDescription: string) {
  @ArgsType()
  abstract class HistoryPage extends ScenarioIdArgs {
    @Field(() => Int, { nullable: true, description: `Page size, 1..${VERSIONS_PAGE_MAX}` })
    @HistoryPageSize()
    first?: number | null;

    @Field(() => String, { nullable: true, description: afterDescription })
    @HistoryCursor()
    after?: string | null;
  }
  return HistoryPage;
}

/** scenarioHistory(id, first, after). */
@ArgsType()
export class ScenarioHistoryArgs extends HistoryPageArgs('nextCursor of the previous page') {}

/** scenarioVersions(id, first, after): scenarioHistory's first page; `after` is a cursor scenarioHistory gave. */
@ArgsType()
export class ScenarioVersionsArgs extends HistoryPageArgs('nextCursor of scenarioHistory') {}

/** repriceScenario(id, rates, baseline): the REST re-price query's rules. */
@ArgsType()
export class RepriceArgs extends ScenarioIdArgs {
  @Field(() => RepriceRatesEnum, { nullable: true, defaultValue: RepriceRatesEnum.PINNED })
  @RepriceRatesRule()
  rates?: RepriceRatesEnum | null;

  @Field(() => Int, { nullable: true })
  @BaselineVersion()
  baseline?: number | null;
}

/** updateScenario(id, expectedVersion, patch): the version is checked by parseExpectedVersion, the patch by its parse. */
@ArgsType()
export class UpdateScenarioArgs extends ScenarioIdArgs {
  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => ScenarioPatchInput)
  patch!: ScenarioPatchInput;
}

@ArgsType()
export class DeleteScenarioArgs extends ScenarioIdArgs {
  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;
}
