import { UseInterceptors } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Caller } from '../../auth/api-key';
import { RequireRole } from '../../auth/auth.guard';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { DATABASE_READ, databaseItems, databasePage, Work } from '../../graphql-support/field-cost';
import { DatabaseLaneInterceptor } from '../../infrastructure/database/database-lane.interceptor';
import { ScenariosService } from '../scenarios.service';
import {
  DeletedScenarioView,
  ScenarioComparisonView,
  ScenarioPageView,
  ScenarioRepriceView,
  ScenarioVersionPageView,
  ScenarioVersionView,
  ScenarioView,
} from '../scenario.view';
import { DtoValidationPipe } from '../../common/validation/dto-validation.pipe';
import { CompareScenariosDto, historyPageOf, listQueryOf } from '../http/dto/scenario-queries.dto';
import {
  DeleteScenarioArgs,
  ListScenariosArgs,
  RepriceArgs,
  ScenarioHistoryArgs,
  ScenarioVersionsArgs,
  UpdateScenarioArgs,
} from './scenario.args';
import { underArgument } from '../../common/validation/field-prefix';
import { parseScenarioContent, parseScenarioPatch } from '../http/dto/scenario-content.dto';
import { parseExpectedVersion } from '../expected-version';
import { LIST_LIMIT_DEFAULT, VERSIONS_PAGE_DEFAULT, VERSIONS_PAGE_MAX } from '../scenario.limits';
import { createBody, CreateScenarioInput, patchBody } from './scenario.input';

/**
 * Saved scenarios over GraphQL: thin, every field is one call of ScenariosService. The fields of one request share
 * its database lane (DB_REQUEST_CONCURRENCY operations at once, however many aliases it has).
 */
@Resolver()
@UseInterceptors(DatabaseLaneInterceptor)
export class ScenariosResolver {
  constructor(private readonly scenarios: ScenariosService) {}

  @Query(() => ScenarioPageView, {
    name: 'scenarios',
    description: "Your team's scenarios, newest first, by cursor",
    complexity: databasePage('first', LIST_LIMIT_DEFAULT),
  })
  listScenarios(@CurrentCaller() caller: Caller, @Args(DtoValidationPipe) args: ListScenariosArgs) {
    const { first, after, tag, search } = args;
    return this.scenarios.list(caller, listQueryOf({ limit: first, cursor: after, tag, search }));
  }

  @Query(() => ScenarioView, {
    description: 'One scenario with its latest evaluation summary',
    complexity: DATABASE_READ,
  })
  scenario(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string) {
    return this.scenarios.get(caller, id);
  }

  @Query(() => [ScenarioVersionView], {
    description: `Edit history, newest first: the first page (first, default ${VERSIONS_PAGE_DEFAULT}, at most ${VERSIONS_PAGE_MAX}); scenarioHistory gives the cursor of the next`,
    complexity: databasePage('first', VERSIONS_PAGE_DEFAULT),
  })
  async scenarioVersions(
    @CurrentCaller() caller: Caller,
    @Args(DtoValidationPipe) { id, first, after }: ScenarioVersionsArgs,
  ) {
    return (await this.scenarios.versions(caller, id, historyPageOf({ limit: first, cursor: after }))).items;
  }

  @Query(() => ScenarioVersionPageView, {
    description: `Edit history, newest first, by pages of first (default ${VERSIONS_PAGE_DEFAULT}, at most ${VERSIONS_PAGE_MAX}) with the cursor of the next`,
    complexity: databasePage('first', VERSIONS_PAGE_DEFAULT),
  })
  scenarioHistory(@CurrentCaller() caller: Caller, @Args(DtoValidationPipe) { id, first, after }: ScenarioHistoryArgs) {
    return this.scenarios.versions(caller, id, historyPageOf({ limit: first, cursor: after }));
  }

  @Query(() => ScenarioComparisonView, {
    description: 'Two to ten scenarios side by side, with deltas against the first',
    complexity: databaseItems('ids'),
  })
  @Work({ expensive: true })
  compareScenarios(@CurrentCaller() caller: Caller, @Args(DtoValidationPipe) { ids }: CompareScenariosDto) {
    return this.scenarios.compare(caller, ids);
  }

  @Query(() => ScenarioRepriceView, {
    description:
      "The latest version re-priced at its pinned rates or today's, with the usage/price split of the change since a baseline version (default 1)",
    complexity: DATABASE_READ,
  })
  @Work({ expensive: true })
  repriceScenario(@CurrentCaller() caller: Caller, @Args(DtoValidationPipe) { id, rates, baseline }: RepriceArgs) {
    return this.scenarios.reprice(caller, id, { rates: rates ?? 'pinned', baseline: baseline ?? 1 });
  }

  @Mutation(() => ScenarioView, { description: 'Save a workload as a named scenario (version 1)' })
  @RequireRole('editor')
  async createScenario(
    @CurrentCaller() caller: Caller,
    @Args('input', { type: () => CreateScenarioInput }) input: CreateScenarioInput,
  ) {
    const content = await underArgument('input', async () => parseScenarioContent(createBody(input)));
    return this.scenarios.create(caller, content);
  }

  @Mutation(() => ScenarioView, { description: 'Edit a scenario; CONFLICT when it is no longer at expectedVersion' })
  @RequireRole('editor')
  async updateScenario(@CurrentCaller() caller: Caller, @Args() { id, expectedVersion, patch }: UpdateScenarioArgs) {
    const expected = parseExpectedVersion(expectedVersion, 'expectedVersion', true)!;
    // The patch's own fields here; the merged workload and range in the service: both named under `patch`.
    return underArgument('patch', async () => {
      return this.scenarios.update(caller, id, expected, parseScenarioPatch(patchBody(patch)));
    });
  }

  @Mutation(() => DeletedScenarioView, { description: 'Delete a scenario (soft: its history is kept)' })
  @RequireRole('editor')
  deleteScenario(@CurrentCaller() caller: Caller, @Args() { id, expectedVersion }: DeleteScenarioArgs) {
    return this.scenarios.remove(caller, id, parseExpectedVersion(expectedVersion, 'expectedVersion', false));
  }
}
