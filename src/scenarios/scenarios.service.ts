import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/api-key';
import {
  DomainError,
  estimate,
  type Estimate,
  evaluate,
  normalizeWorkload,
  type OptionCode,
  type RateCard,
  ValidationError,
  type WorkloadInput,
} from '../domain';
import { RatesService } from '../rates/rates.service';
import { encodeCursor, encodeVersionCursor } from './list-cursor.codec';
import {
  type CostChange,
  costChanges,
  type OptionDelta,
  optionDeltas,
  summarize,
  type WorkloadChange,
  workloadChanges,
} from './scenario-costs.calculator';
import { applyPatch, type ScenarioPatch } from './scenario-patch';
import { isScenarioId, VERSIONS_PAGE_DEFAULT } from './scenario.limits';
import { ScenarioRepository, type WriteOutcome } from './scenario.repository';
import type {
  HistoryPage,
  ListQuery,
  RepriceRates,
  Scenario,
  ScenarioContent,
  ScenarioPage,
  ScenarioVersionEntry,
} from './scenario.types';

export interface ScenarioComparison {
  baselineId: string;
  scenarios: Array<
    Pick<Scenario, 'id' | 'name' | 'version'> & {
      recommendation: Scenario['latest']['recommendation'];
      options: Scenario['latest']['options'];
      rateCardId: string;
    }
  >;
  deltas: Array<{
    scenarioId: string;
    options: OptionDelta[];
    /** The workload fields that differ from the baseline's (field, left = baseline, right = this scenario). */
    workloadChanges: WorkloadChange[];
    baselineRecommendation: OptionCode | null;
    recommendation: OptionCode | null;
    /** Whether this scenario's recommended option differs from the baseline's. */
    recommendationChanged: boolean;
  }>;
}

export interface DeletedScenario {
  id: string;
  version: number;
  deletedAt: string;
}

export interface ScenarioReprice extends Estimate {
  scenarioId: string;
  version: number;
  rates: RepriceRates;
  baselineVersion: number;
  pinnedRateCardId: string;
  baselineRateCardId: string;
  change: CostChange[];
  changeNote: string | null;
}

const notFound = (id: string) => new DomainError('NOT_FOUND', `No scenario ${id} for your team`, { id });

const costsOf = (e: Estimate): Partial<Record<OptionCode, number | null>> =>
  Object.fromEntries(e.totals.map((t) => [t.option, t.monthlyCostUsd]));

/**
 * Saved scenarios: the one service behind /v1/scenarios and the GraphQL scenario operations.
 * Every save evaluates the workload at the region's current rate card and keeps an immutable version
 * pinned to that card; a team only ever sees its own scenarios (another team's id is NOT_FOUND).
 */
@Injectable()
export class ScenariosService {
  constructor(
    private readonly repository: ScenarioRepository,
    private readonly rates: RatesService,
  ) {}

  /** `content` was checked at the edge (CreateScenarioDto). */
  async create(caller: Caller, content: ScenarioContent): Promise<Scenario> {
    const saved = await this.priced(caller, content);
    const { id, createdAt } = await this.repository.create(caller.team, saved);
    return {
      id,
      version: 1,
      ...content,
      team: caller.team,
      createdByKeyId: caller.keyId,
      updatedByKeyId: caller.keyId,
      createdAt,
      updatedAt: createdAt,
      latest: summarize(saved.evaluation, saved.rateCardId, createdAt),
    };
  }

  async get(caller: Caller, id: string): Promise<Scenario> {
    const scenario = isScenarioId(id) ? await this.repository.find(caller.team, id) : null;
    if (!scenario) throw notFound(id);
    return scenario;
  }

  /** A page of the team's scenarios; the query is checked at the edge (ListScenariosQuery). */
  async list(caller: Caller, query: ListQuery): Promise<ScenarioPage> {
    const rows = await this.repository.list(caller.team, { ...query, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
  }

  /**
   * An edit of the version the caller read (`expected`: If-Match over REST, expectedVersion over GraphQL). The
   * patch was checked at the edge (ScenarioPatchDto); the merged workload and range are checked here, where the
   * saved ones are known (fields named `workload.…`, `volumeRange.…`).
   */
  async update(caller: Caller, id: string, expected: number, patch: ScenarioPatch): Promise<Scenario> {
    const current = await this.get(caller, id);
    if (current.version !== expected) throw this.conflict(id, expected, current.version);
    const next = applyPatch(contentOf(current), patch);
    const saved = await this.priced(caller, next);
    const outcome = await this.repository.update(caller.team, id, expected, saved);
    this.settle(id, expected, outcome);
    // What this write stored (not a re-read, which could already show someone else's later version).
    const updatedAt = outcome.updatedAt!;
    return {
      ...current,
      ...next,
      version: expected + 1,
      updatedByKeyId: caller.keyId,
      updatedAt,
      latest: summarize(saved.evaluation, saved.rateCardId, updatedAt),
    };
  }

  /** Soft delete: the scenario leaves every listing and lookup; its versions are kept. */
  async remove(caller: Caller, id: string, expected?: number): Promise<DeletedScenario> {
    if (!isScenarioId(id)) throw notFound(id);
    const outcome = await this.repository.softDelete(caller.team, id, caller.keyId, expected);
    this.settle(id, expected, outcome);
    return {
      id: id.toLowerCase(),
      version: outcome.status === 'ok' ? outcome.version : 0,
      deletedAt: outcome.deletedAt ?? '',
    };
  }

  /**
   * One page of the edit history, newest first: at most `limit` (VERSIONS_PAGE_MAX) versions older than the
   * `before` version, and the cursor of the next page (null at the end). `page` is checked at the edge
   * (HistoryPageQuery; GraphQL's ScenarioHistoryArgs).
   */
  async versions(
    caller: Caller,
    id: string,
    page: HistoryPage = {},
  ): Promise<{ items: ScenarioVersionEntry[]; nextCursor: string | null }> {
    const limit = page.limit ?? VERSIONS_PAGE_DEFAULT;
    const before = page.before;
    const rows = isScenarioId(id) ? await this.repository.versions(caller.team, id, { before, limit: limit + 1 }) : [];
    // Past the last page the list is empty; an unknown scenario is a 404 either way.
    if (rows.length === 0 && (before === undefined || !isScenarioId(id))) throw notFound(id);
    if (rows.length === 0) await this.get(caller, id);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encodeVersionCursor(items[items.length - 1].version) : null };
  }

  /** `ids` checked at the edge (CompareScenariosDto): 2 to 10, unique. */
  async compare(caller: Caller, ids: string[]): Promise<ScenarioComparison> {
    const valid = ids.filter(isScenarioId);
    const found = valid.length ? await this.repository.findMany(caller.team, valid) : [];
    const byId = new Map(found.map((s) => [s.id, s]));
    const missing = ids.filter((id) => !byId.has(id.toLowerCase()));
    if (missing.length)
      throw new DomainError('NOT_FOUND', `No scenario ${missing.join(', ')} for your team`, { ids: missing });
    const scenarios = ids.map((id) => byId.get(id.toLowerCase())!);
    const [baseline, ...others] = scenarios;
    return {
      baselineId: baseline.id,
      scenarios: scenarios.map((s) => ({
        id: s.id,
        name: s.name,
        version: s.version,
        recommendation: s.latest.recommendation,
        options: s.latest.options,
        rateCardId: s.latest.rateCardId,
      })),
      deltas: others.map((s) => ({
        scenarioId: s.id,
        options: optionDeltas(baseline.latest.options, s.latest.options),
        workloadChanges: workloadChanges(baseline, s),
        baselineRecommendation: baseline.latest.recommendation.option,
        recommendation: s.latest.recommendation.option,
        recommendationChanged: baseline.latest.recommendation.option !== s.latest.recommendation.option,
      })),
    };
  }

  /**
   * Re-prices the latest version at its pinned card or today's, and splits the change against a baseline
   * version into usage (the workload moved) and price (the rates moved).
   */
  async reprice(
    caller: Caller,
    id: string,
    { rates, baseline }: { rates: RepriceRates; baseline: number },
  ): Promise<ScenarioReprice> {
    const found = isScenarioId(id) ? await this.repository.pricedVersions(caller.team, id, baseline) : null;
    if (!found) throw notFound(id);
    const { latest } = found;
    if (!found.baseline)
      throw new ValidationError([
        { field: 'baseline', message: `baseline must be a version of this scenario, 1 to ${latest.version}` },
      ]);
    const pinned = await this.pinnedCard(latest.rateCardId);
    const baseCard =
      found.baseline.rateCardId === latest.rateCardId ? pinned : await this.pinnedCard(found.baseline.rateCardId);
    const card = rates === 'pinned' ? pinned : await this.rates.current(regionOf(latest.workload));
    const repriced = estimate(latest.workload, card, undefined, latest.volumeRange);
    const atBaseline = estimate(found.baseline.workload, baseCard, undefined, found.baseline.volumeRange);
    const sameRegion = regionOf(latest.workload) === baseCard.region;
    const latestAtBaseCard = sameRegion
      ? estimate(latest.workload, baseCard, undefined, latest.volumeRange)
      : undefined;
    return {
      ...repriced,
      scenarioId: id.toLowerCase(),
      version: latest.version,
      rates,
      baselineVersion: baseline,
      pinnedRateCardId: latest.rateCardId,
      baselineRateCardId: found.baseline.rateCardId,
      change: costChanges(costsOf(atBaseline), costsOf(repriced), latestAtBaseCard && costsOf(latestAtBaseCard)),
      changeNote: sameRegion
        ? null
        : `The workload moved from ${baseCard.region} to ${regionOf(latest.workload)}: usage and price effects cannot be separated across regions, only the total change is given.`,
    };
  }

  /** Evaluate at the region's current card and make sure that card is stored, so the version can pin it. */
  private async priced(caller: Caller, content: ScenarioContent) {
    const card = await this.rates.current(regionOf(content.workload));
    const evaluation = evaluate(content.workload, card, undefined, content.volumeRange);
    await this.rates.ensureStored(card);
    return { ...content, evaluation, rateCardId: card.id, keyId: caller.keyId };
  }

  private async pinnedCard(cardId: string): Promise<RateCard> {
    const card = await this.rates.version(cardId);
    if (!card) throw new Error(`rate card ${cardId} pinned by a scenario version is not stored`);
    return card;
  }

  private settle(id: string, expected: number | undefined, outcome: WriteOutcome): void {
    if (outcome.status === 'missing') throw notFound(id);
    if (outcome.status === 'conflict') throw this.conflict(id, expected ?? 0, outcome.currentVersion);
  }

  private conflict(id: string, expected: number, currentVersion: number): DomainError {
    return new DomainError(
      'VERSION_CONFLICT',
      `Scenario ${id} is at version ${currentVersion}, not ${expected}: someone saved it since you read it. Read it again and re-apply your change.`,
      {
        id,
        expectedVersion: expected,
        currentVersion,
      },
    );
  }
}

function contentOf(s: Scenario): ScenarioContent {
  return { name: s.name, description: s.description, tags: s.tags, workload: s.workload, volumeRange: s.volumeRange };
}

const regionOf = (workload: WorkloadInput): string => normalizeWorkload(workload).region;
