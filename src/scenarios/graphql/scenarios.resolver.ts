import { UseInterceptors } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Caller } from '../../auth/api-key';
import { RequireRole } from '../../auth/auth.guard';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { DatabaseLaneInterceptor } from '../../infrastructure/database/database-lane.interceptor';
import { ScenariosService } from '../scenarios.service';
import {
  DeletedScenarioView,
  RepriceRatesEnum,
  ScenarioComparisonView,
  ScenarioPageView,
  ScenarioRepriceView,
  ScenarioVersionPageView,
  ScenarioVersionView,
  ScenarioView,
} from '../scenario.view';
import { checkDto } from '../../common/validation/dto-validation.pipe';
import { CompareScenariosDto, listQueryOf, ListScenariosQuery, RepriceQuery } from '../http/dto/scenario-queries.dto';
import { underArgument } from '../../common/validation/field-prefix';
import { parseScenarioContent, parseScenarioPatch } from '../http/dto/scenario-content.dto';
import { parseExpectedVersion } from '../expected-version';
import { VERSIONS_PAGE_DEFAULT, VERSIONS_PAGE_MAX } from '../scenario.limits';
import { ValidationError } from '../../domain';
import { createBody, CreateScenarioInput, patchBody, ScenarioPatchInput } from './scenario.input';

/**
 * Saved scenarios over GraphQL: thin, every field is one call of ScenariosService. The fields of one request share
 * its database lane (DB_REQUEST_CONCURRENCY operations at once, however many aliases it has).
 */
@Resolver()
@UseInterceptors(DatabaseLaneInterceptor)
export class ScenariosResolver {
  constructor(private readonly scenarios: ScenariosService) {}

  @Query(() => ScenarioPageView, { name: 'scenarios', description: "Your team's scenarios, newest first, by cursor" })
  async listScenarios(
    @CurrentCaller() caller: Caller,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1..100 (default 20)' }) first?: number,
    @Args('after', { nullable: true, description: 'nextCursor of the previous page' }) after?: string,
    @Args('tag', { nullable: true }) tag?: string,
    @Args('search', { nullable: true, description: 'Case-insensitive part of the name' }) search?: string,
  ) {
    const query = await checkDto(
      ListScenariosQuery,
      { limit: first, cursor: after, tag, search },
      { limit: 'first', cursor: 'after' },
    );
    return this.scenarios.list(caller, listQueryOf(query));
  }

  @Query(() => ScenarioView, { description: 'One scenario with its latest evaluation summary' })
  scenario(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string) {
    return this.scenarios.get(caller, id);
  }

  @Query(() => [ScenarioVersionView], {
    description: `Edit history, newest first: the first page (first, default ${VERSIONS_PAGE_DEFAULT}, at most ${VERSIONS_PAGE_MAX}); scenarioHistory gives the cursor of the next`,
  })
  async scenarioVersions(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('first', { type: () => Int, nullable: true, description: `Page size, 1..${VERSIONS_PAGE_MAX}` })
    first: number | null,
    @Args('after', { type: () => String, nullable: true, description: 'nextCursor of scenarioHistory' })
    after: string | null,
  ) {
    return (await this.history(caller, id, first, after)).items;
  }

  @Query(() => ScenarioVersionPageView, {
    description: `Edit history, newest first, by pages of first (default ${VERSIONS_PAGE_DEFAULT}, at most ${VERSIONS_PAGE_MAX}) with the cursor of the next`,
  })
  scenarioHistory(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('first', { type: () => Int, nullable: true, description: `Page size, 1..${VERSIONS_PAGE_MAX}` })
    first: number | null,
    @Args('after', { type: () => String, nullable: true, description: 'nextCursor of the previous page' })
    after: string | null,
  ) {
    return this.history(caller, id, first, after);
  }

  private async history(caller: Caller, id: string, first: number | null, after: string | null) {
    try {
      return await this.scenarios.versions(caller, id, { limit: first ?? undefined, cursor: after ?? undefined });
    } catch (e) {
      // The transport's names: first and after.
      if (e instanceof ValidationError)
        throw new ValidationError(
          (e.details.fields ?? []).map((f) => ({
            field: f.field === 'limit' ? 'first' : f.field === 'cursor' ? 'after' : f.field,
            message: f.message.replace(/^limit /, 'first ').replace(/^cursor /, 'after '),
          })),
        );
      throw e;
    }
  }

  @Query(() => ScenarioComparisonView, {
    description: 'Two to ten scenarios side by side, with deltas against the first',
  })
  async compareScenarios(@CurrentCaller() caller: Caller, @Args('ids', { type: () => [ID] }) ids: string[]) {
    return this.scenarios.compare(caller, (await checkDto(CompareScenariosDto, { ids })).ids);
  }

  @Query(() => ScenarioRepriceView, {
    description:
      "The latest version re-priced at its pinned rates or today's, with the usage/price split of the change since a baseline version (default 1)",
  })
  async repriceScenario(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('rates', { type: () => RepriceRatesEnum, nullable: true, defaultValue: RepriceRatesEnum.PINNED })
    rates: RepriceRatesEnum | null,
    @Args('baseline', { type: () => Int, nullable: true }) baseline?: number,
  ) {
    const query = await checkDto(RepriceQuery, { rates, baseline });
    return this.scenarios.reprice(caller, id, { rates: query.rates ?? 'pinned', baseline: query.baseline ?? 1 });
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
  async updateScenario(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('patch', { type: () => ScenarioPatchInput }) patch: ScenarioPatchInput,
  ) {
    const expected = parseExpectedVersion(expectedVersion, 'expectedVersion', true)!;
    // The patch's own fields here; the merged workload and range in the service: both named under `patch`.
    return underArgument('patch', async () => {
      return this.scenarios.update(caller, id, expected, parseScenarioPatch(patchBody(patch)));
    });
  }

  @Mutation(() => DeletedScenarioView, { description: 'Delete a scenario (soft: its history is kept)' })
  @RequireRole('editor')
  deleteScenario(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion?: number,
  ) {
    return this.scenarios.remove(caller, id, parseExpectedVersion(expectedVersion, 'expectedVersion', false));
  }
}
