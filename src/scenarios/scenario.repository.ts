import { Injectable } from '@nestjs/common';
import type { Evaluation, OptionCode, Recommendation, VolumeRange, WorkloadInput } from '../domain';
import { Prisma } from '../generated/prisma/client';
import { DatabaseAdmission } from '../infrastructure/database/database-admission';
import { guardDatabase } from '../infrastructure/database/database-errors';
import { PrismaService } from '../infrastructure/database/prisma.service';
import { optionCosts } from './scenario-costs.calculator';
import { storedVolumeRange } from './scenario-patch';
import { INT32_MAX } from './scenario.limits';
import type { ListQuery, Scenario, ScenarioContent, ScenarioVersionEntry } from './scenario.types';

/** What a save writes: the content, the evaluation that priced it (which records the volume range) and the card it was priced with. */
export interface SaveData extends Omit<ScenarioContent, 'volumeRange'> {
  evaluation: Evaluation;
  rateCardId: string;
  keyId: string;
}

export type WriteOutcome =
  { status: 'ok'; version: number } | { status: 'missing' } | { status: 'conflict'; currentVersion: number };

/** A stored version's inputs to pricing. */
export interface PricedVersion {
  version: number;
  workload: WorkloadInput;
  volumeRange: VolumeRange;
  rateCardId: string;
}

type RawOption = { option: OptionCode; eligible: boolean; monthlyCostUsd: number | null };

interface ScenarioRow {
  id: string;
  team: string;
  name: string;
  description: string | null;
  tags: string[] | null;
  workload: WorkloadInput;
  version: number;
  created_by_key_id: string;
  updated_by_key_id: string;
  created_at: Date;
  updated_at: Date;
  rate_card_id: string;
  evaluated_at: Date;
  recommendation: Recommendation;
  option_costs: RawOption[] | null;
  volume_range: VolumeRange | null;
}

/** The scenario columns plus a summary of its latest version's evaluation (not the whole evaluation). */
const SELECT_SCENARIO = Prisma.sql`
  SELECT s.id, s.team, s.name, s.description, s.tags, s.workload, s.version,
         s.created_by_key_id, s.updated_by_key_id, s.created_at, s.updated_at,
         v.rate_card_id, v.created_at AS evaluated_at,
         v.evaluation -> 'recommendation' AS recommendation,
         v.evaluation -> 'volumeRange' AS volume_range,
         (SELECT jsonb_agg(jsonb_build_object('option', o -> 'option', 'eligible', o -> 'eligible', 'monthlyCostUsd', o -> 'monthlyCostUsd'))
            FROM jsonb_array_elements(v.evaluation -> 'options') o) AS option_costs
    FROM scenarios s
    JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = s.version`;

function toScenario(row: ScenarioRow): Scenario {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    description: row.description,
    tags: row.tags ?? [],
    workload: row.workload,
    volumeRange: storedVolumeRange(row.volume_range),
    team: row.team,
    createdByKeyId: row.created_by_key_id,
    updatedByKeyId: row.updated_by_key_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    latest: {
      recommendation: row.recommendation,
      options: optionCosts(row.option_costs ?? [], row.recommendation.option),
      rateCardId: row.rate_card_id,
      evaluatedAt: row.evaluated_at.toISOString(),
    },
  };
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Scenarios and their immutable versions in PostgreSQL. Prisma types stay in here; every call is guarded and
 * admitted as its team's (DatabaseAdmission: one team's load never takes another team's connections).
 */
@Injectable()
export class ScenarioRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly admission: DatabaseAdmission,
  ) {}

  /** One database operation of `team`: admitted within the team's share and the request's lane, then guarded. */
  private db<T>(team: string, fn: () => Promise<T>): Promise<T> {
    return this.admission.run(team, () => guardDatabase(fn));
  }

  /** Scenario row and version 1 in one transaction (a nested create). */
  async create(team: string, data: SaveData): Promise<{ id: string; createdAt: string }> {
    const row = await this.db(team, () =>
      this.prisma.scenario.create({
        data: {
          team,
          name: data.name,
          description: data.description,
          tags: data.tags,
          workload: data.workload as object,
          version: 1,
          createdByKeyId: data.keyId,
          updatedByKeyId: data.keyId,
          versions: { create: { version: 1, ...this.versionData(data) } },
        },
        select: { id: true, createdAt: true },
      }),
    );
    return { id: row.id, createdAt: row.createdAt.toISOString() };
  }

  async find(team: string, id: string): Promise<Scenario | null> {
    const rows = await this.db(
      team,
      () =>
        this.prisma.$queryRaw<
          ScenarioRow[]
        >`${SELECT_SCENARIO} WHERE s.id = ${id}::uuid AND s.team = ${team} AND s.deleted_at IS NULL`,
    );
    return rows[0] ? toScenario(rows[0]) : null;
  }

  /** Several of a team's scenarios, in no particular order; missing ones are simply absent. */
  async findMany(team: string, ids: string[]): Promise<Scenario[]> {
    const rows = await this.db(
      team,
      () =>
        this.prisma.$queryRaw<
          ScenarioRow[]
        >`${SELECT_SCENARIO} WHERE s.id = ANY(${ids}::uuid[]) AND s.team = ${team} AND s.deleted_at IS NULL`,
    );
    return rows.map(toScenario);
  }

  /** One page in the stable order created_at DESC, id DESC (keyset: no offset, no skipped or repeated rows). */
  async list(team: string, query: ListQuery): Promise<Scenario[]> {
    const conditions = [Prisma.sql`s.team = ${team}`, Prisma.sql`s.deleted_at IS NULL`];
    if (query.after)
      conditions.push(
        Prisma.sql`(s.created_at, s.id) < (${query.after.createdAt}::timestamptz, ${query.after.id}::uuid)`,
      );
    if (query.tag) conditions.push(Prisma.sql`s.tags @> ARRAY[${query.tag}]::text[]`);
    if (query.search) conditions.push(Prisma.sql`s.name ILIKE ${`%${escapeLike(query.search)}%`}`);
    const rows = await this.db(
      team,
      () =>
        this.prisma.$queryRaw<
          ScenarioRow[]
        >`${SELECT_SCENARIO} WHERE ${Prisma.join(conditions, ' AND ')} ORDER BY s.created_at DESC, s.id DESC LIMIT ${query.limit}`,
    );
    return rows.map(toScenario);
  }

  /**
   * Conditional write: the row moves to expected + 1 only if it is still at `expected` (never read-then-write),
   * and the new version row is inserted in the same transaction. Answers the time of the write.
   */
  async update(
    team: string,
    id: string,
    expected: number,
    data: SaveData,
  ): Promise<WriteOutcome & { updatedAt?: string }> {
    const outcome = await this.db(team, () =>
      this.prisma.$transaction(async (tx) => {
        const rows = await tx.$queryRaw<Array<{ updated_at: Date }>>`
          UPDATE scenarios
             SET name = ${data.name}, description = ${data.description}, tags = ${data.tags}::text[], workload = ${JSON.stringify(data.workload)}::jsonb,
                 version = version + 1, updated_by_key_id = ${data.keyId}::uuid, updated_at = now()
           WHERE id = ${id}::uuid AND team = ${team} AND version = ${expected} AND deleted_at IS NULL
          RETURNING updated_at`;
        if (rows.length === 0) return null;
        const updatedAt = rows[0].updated_at;
        await tx.scenarioVersion.create({
          data: { scenarioId: id, version: expected + 1, ...this.versionData(data), createdAt: updatedAt },
        });
        return { status: 'ok' as const, version: expected + 1, updatedAt: updatedAt.toISOString() };
      }),
    );
    return outcome ?? this.whyNot(team, id);
  }

  /** Soft delete: the row and every version stay; `expected` (If-Match) is honoured when given. */
  async softDelete(
    team: string,
    id: string,
    keyId: string,
    expected?: number,
  ): Promise<WriteOutcome & { deletedAt?: string }> {
    const versionCheck = expected === undefined ? Prisma.empty : Prisma.sql`AND version = ${expected}`;
    const rows = await this.db(
      team,
      () =>
        this.prisma.$queryRaw<Array<{ version: number; deleted_at: Date }>>`
        UPDATE scenarios SET deleted_at = now(), updated_by_key_id = ${keyId}::uuid
         WHERE id = ${id}::uuid AND team = ${team} AND deleted_at IS NULL ${versionCheck}
        RETURNING version, deleted_at`,
    );
    return rows[0]
      ? { status: 'ok', version: rows[0].version, deletedAt: rows[0].deleted_at.toISOString() }
      : this.whyNot(team, id);
  }

  /**
   * Edit history, newest first, `limit` versions older than `before` (all when absent); empty when the scenario is
   * not the team's or is deleted.
   */
  async versions(
    team: string,
    id: string,
    page: { before?: number; limit: number } = { limit: INT32_MAX },
  ): Promise<ScenarioVersionEntry[]> {
    const rows = await this.db(
      team,
      () =>
        this.prisma.$queryRaw<
          Array<{
            version: number;
            name: string;
            description: string | null;
            tags: string[] | null;
            workload: WorkloadInput;
            rate_card_id: string;
            created_at: Date;
            created_by_key_id: string;
            recommendation: Recommendation;
            option_costs: RawOption[] | null;
            volume_range: VolumeRange | null;
          }>
        >`
        SELECT v.version, v.name, v.description, v.tags, v.workload, v.rate_card_id, v.created_at, v.created_by_key_id,
               v.evaluation -> 'recommendation' AS recommendation,
               v.evaluation -> 'volumeRange' AS volume_range,
               (SELECT jsonb_agg(jsonb_build_object('option', o -> 'option', 'eligible', o -> 'eligible', 'monthlyCostUsd', o -> 'monthlyCostUsd'))
                  FROM jsonb_array_elements(v.evaluation -> 'options') o) AS option_costs
          FROM scenario_versions v
          JOIN scenarios s ON s.id = v.scenario_id
         WHERE v.scenario_id = ${id}::uuid AND s.team = ${team} AND s.deleted_at IS NULL
           AND (${page.before ?? null}::int IS NULL OR v.version < ${page.before ?? null}::int)
         ORDER BY v.version DESC
         LIMIT ${page.limit}`,
    );
    return rows.map((r) => ({
      version: r.version,
      name: r.name,
      description: r.description,
      tags: r.tags ?? [],
      workload: r.workload,
      volumeRange: storedVolumeRange(r.volume_range),
      rateCardId: r.rate_card_id,
      recommendation: r.recommendation.option,
      recommendedMonthlyCostUsd: r.recommendation.monthlyCostUsd,
      options: optionCosts(r.option_costs ?? [], r.recommendation.option),
      createdAt: r.created_at.toISOString(),
      createdByKeyId: r.created_by_key_id,
    }));
  }

  /** The latest version and the `baseline` version of a team's live scenario (the latest alone if baseline is missing). */
  async pricedVersions(
    team: string,
    id: string,
    baseline: number,
  ): Promise<{ latest: PricedVersion; baseline?: PricedVersion } | null> {
    const rows = await this.db(
      team,
      () =>
        this.prisma.$queryRaw<
          Array<{
            latest: number;
            version: number;
            workload: WorkloadInput;
            rate_card_id: string;
            volume_range: VolumeRange | null;
          }>
        >`
        SELECT s.version AS latest, v.version, v.workload, v.rate_card_id, v.evaluation -> 'volumeRange' AS volume_range
          FROM scenarios s
          JOIN scenario_versions v ON v.scenario_id = s.id AND (v.version = s.version OR v.version = ${baseline})
         WHERE s.id = ${id}::uuid AND s.team = ${team} AND s.deleted_at IS NULL`,
    );
    if (rows.length === 0) return null;
    const pick = (version: number): PricedVersion | undefined => {
      const r = rows.find((x) => x.version === version);
      return r
        ? {
            version: r.version,
            workload: r.workload,
            volumeRange: storedVolumeRange(r.volume_range),
            rateCardId: r.rate_card_id,
          }
        : undefined;
    };
    return { latest: pick(rows[0].latest)!, baseline: pick(baseline) };
  }

  private versionData(data: SaveData) {
    return {
      name: data.name,
      description: data.description,
      tags: data.tags,
      workload: data.workload as object,
      evaluation: data.evaluation as unknown as object,
      rateCardId: data.rateCardId,
      createdByKeyId: data.keyId,
    };
  }

  /** After a conditional write touched nothing: gone (or never the team's), or at another version. */
  private async whyNot(team: string, id: string): Promise<WriteOutcome> {
    const row = await this.db(team, () =>
      this.prisma.scenario.findFirst({ where: { id, team, deletedAt: null }, select: { version: true } }),
    );
    return row ? { status: 'conflict', currentVersion: row.version } : { status: 'missing' };
  }
}
