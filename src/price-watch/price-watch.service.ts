import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  evaluateNormalized,
  normalizeWorkload,
  OPTION_CODES,
  type OptionCode,
  type RateCard,
  type VolumeRange,
  type WorkloadInput,
} from '../domain';
import { APP_CONFIG, type AppConfig } from '../infrastructure/config/config';
import { PINO } from '../infrastructure/logging/logging.tokens';
import { RatesRefresher } from '../rates/rates.refresher';
import { RatesService } from '../rates/rates.service';
import { JobQueue, QUEUES } from './job-queue';
import { eventsFor, largestChange, movedRates, optionChanges, type Totals } from './price-change';
import { bossDb, PriceWatchDb } from './price-watch.store';

interface PlanJob {
  /** `<new card id>@<its fetchedAt>`: one change of the card in force (a card back in force later is another run). */
  runId: string;
  region: string;
  fromRateCardId: string;
  toRateCardId: string;
  /** When the new card came in force: a version saved since was priced with it already. */
  since: string;
}

export const runIdOf = (toRateCardId: string, fetchedAt: string): string =>
  `${toRateCardId}@${new Date(fetchedAt).toISOString()}`;
interface ChunkJob extends PlanJob {
  lo: string;
  hi: string;
}

interface LatestRow {
  id: string;
  team: string;
  name: string;
  version: number;
  workload: WorkloadInput;
  rate_card_id: string;
  saved_at: Date;
  volume_range: VolumeRange | null;
  recommended: OptionCode | null;
  totals: Array<{ option: OptionCode; monthlyCostUsd: number | null }> | null;
}

interface ChangeRow {
  id: string;
  team: string;
  scenario_id: string;
  scenario_version: number;
  scenario_name: string;
  region: string;
  from_rate_card_id: string;
  to_rate_card_id: string;
  run_id: string;
  rates: unknown;
  options: unknown;
  recommendation_before: string | null;
  recommendation_after: string | null;
  recommendation_changed: boolean;
  max_change_usd: number;
  max_change_percent: number | null;
}

interface WebhookRow {
  id: string;
  team: string;
  events: string[];
  threshold_percent: number | null;
  threshold_usd: number | null;
}

/** The latest version of each live scenario priced in a region (its pinned card's region), by id range. */
const LATEST_IN_RANGE = `
  SELECT s.id, s.team, s.name, s.version, v.workload, v.rate_card_id, v.created_at AS saved_at,
         v.evaluation -> 'volumeRange' AS volume_range,
         v.evaluation -> 'recommendation' ->> 'option' AS recommended,
         (SELECT jsonb_agg(jsonb_build_object('option', o -> 'option', 'monthlyCostUsd', o -> 'monthlyCostUsd'))
            FROM jsonb_array_elements(v.evaluation -> 'options') o) AS totals
    FROM scenarios s
    JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = s.version
    JOIN rate_card_versions c ON c.id = v.rate_card_id
   WHERE s.deleted_at IS NULL AND c.region = $1 AND s.id BETWEEN $2::uuid AND $3::uuid`;

/**
 * The price watch: when a refresh puts a different rate card in force in a region, the region's saved
 * scenarios (their latest versions) are re-priced at the new card in chunks of scenario ids, jobs on the
 * shared queue; each chunk writes its price changes and the webhook outbox (deliveries and their first
 * delivery jobs) in one transaction, once (a chunk marked done is not redone; a price change is unique per
 * scenario version and card).
 */
@Injectable()
export class PriceWatchService implements OnModuleInit {
  private readonly cards = new Map<string, RateCard>();

  constructor(
    private readonly queue: JobQueue,
    private readonly db: PriceWatchDb,
    private readonly rates: RatesService,
    private readonly refresher: RatesRefresher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PINO) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    if (!this.queue.enabled) return;
    this.refresher.onCardChanged(({ fetchedAt, ...change }) =>
      this.cardChanged({ ...change, runId: runIdOf(change.toRateCardId, fetchedAt), since: fetchedAt }),
    );
    this.queue.onStart(() => this.catchUp());
    this.queue.work<PlanJob>(QUEUES.plan, { workers: 1, batchSize: 1 }, (job) => this.plan(job.data));
    this.queue.work<ChunkJob>(QUEUES.reprice, { workers: this.config.PRICE_WATCH_CONCURRENCY, batchSize: 1 }, (job) =>
      this.repriceChunk(job.data),
    );
  }

  /** Called by the refresher once a different card is in force in a region. */
  async cardChanged(change: PlanJob): Promise<void> {
    const boss = await this.queue.ready();
    if (!boss) {
      this.logger.error(
        { context: 'price-watch', ...change },
        'job queue not available: this rate change is not watched',
      );
      return;
    }
    await boss.send(QUEUES.plan, change, { singletonKey: change.runId });
  }

  /**
   * A replica that died between storing a new card and queueing its plan would lose the change: at start, each
   * region whose newest card (the one in force) has no run yet is planned against the card before it. Planning
   * is idempotent (one run per runId), so replicas starting together do it once.
   */
  async catchUp(): Promise<void> {
    const { rows } = await this.db.pool.query<{ region: string; id: string; fetched_at: Date; prev_id: string }>(
      `SELECT region, id, fetched_at, prev_id FROM (
         SELECT region, id, fetched_at, lead(id) OVER w AS prev_id, row_number() OVER w AS n
           FROM rate_card_versions WINDOW w AS (PARTITION BY region ORDER BY fetched_at DESC, created_at DESC)) t
        WHERE n = 1 AND prev_id IS NOT NULL`,
    );
    const changes = rows.map((r) => ({
      runId: runIdOf(r.id, r.fetched_at.toISOString()),
      since: r.fetched_at.toISOString(),
      region: r.region,
      fromRateCardId: r.prev_id,
      toRateCardId: r.id,
    }));
    const known = await this.db.pool.query<{ run_id: string }>(
      'SELECT run_id FROM price_watch_runs WHERE run_id = ANY($1::text[])',
      [changes.map((c) => c.runId)],
    );
    const planned = new Set(known.rows.map((r) => r.run_id));
    for (const change of changes.filter((c) => !planned.has(c.runId))) {
      this.logger.info({ context: 'price-watch', ...change }, 'rate change not planned yet: planning it now');
      await this.cardChanged(change);
    }
  }

  /** Cuts the region's scenarios into id ranges and queues one job per range, with the run, in one transaction. */
  async plan(job: PlanJob): Promise<void> {
    const boss = await this.queue.ready();
    if (!boss) throw new Error('the job queue is stopping');
    const size = this.config.PRICE_WATCH_CHUNK_SIZE;
    await this.db.transaction(async (client) => {
      const claimed = await client.query(
        `INSERT INTO price_watch_runs (run_id, to_rate_card_id, region, from_rate_card_id, chunks, scenarios)
         VALUES ($1, $2, $3, $4, 0, 0) ON CONFLICT DO NOTHING RETURNING run_id`,
        [job.runId, job.toRateCardId, job.region, job.fromRateCardId],
      );
      if (claimed.rowCount === 0) return; // planned already
      const { rows } = await client.query<{ id: string }>(
        `SELECT s.id FROM scenarios s
           JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = s.version
           JOIN rate_card_versions c ON c.id = v.rate_card_id
          WHERE s.deleted_at IS NULL AND c.region = $1 ORDER BY s.id`,
        [job.region],
      );
      const ranges: Array<{ lo: string; hi: string }> = [];
      for (let i = 0; i < rows.length; i += size)
        ranges.push({ lo: rows[i].id, hi: rows[Math.min(i + size, rows.length) - 1].id });
      if (ranges.length) {
        await client.query(
          `INSERT INTO price_watch_chunks (run_id, lo, hi)
           SELECT $1, x.lo::uuid, x.hi::uuid FROM jsonb_to_recordset($2::jsonb) AS x(lo text, hi text)`,
          [job.runId, JSON.stringify(ranges)],
        );
        await boss.insert(
          ranges.map((r) => ({ name: QUEUES.reprice, data: { ...job, ...r } })),
          { db: bossDb(client) },
        );
      }
      await client.query(
        `UPDATE price_watch_runs SET chunks = $2, scenarios = $3, finished_at = CASE WHEN $2 = 0 THEN now() END
          WHERE run_id = $1`,
        [job.runId, ranges.length, rows.length],
      );
    });
    this.logger.info({ context: 'price-watch', ...job }, 'price watch planned');
  }

  /** Re-prices one range; the events, outbox rows and delivery jobs commit with the chunk's done mark. */
  async repriceChunk(job: ChunkJob): Promise<void> {
    const done = await this.db.pool.query(
      'SELECT done_at FROM price_watch_chunks WHERE run_id = $1 AND lo = $2::uuid',
      [job.runId, job.lo],
    );
    if (done.rows[0]?.done_at) return;
    const [from, to] = await Promise.all([this.card(job.fromRateCardId), this.card(job.toRateCardId)]);
    const moved = movedRates(from, to);
    const { rows } = await this.db.pool.query<LatestRow>(LATEST_IN_RANGE, [job.region, job.lo, job.hi]);
    const changes: ChangeRow[] = [];
    const since = Date.parse(job.since);
    for (const row of rows) {
      if (row.saved_at.getTime() >= since) continue; // saved at the new rates already
      const after = this.price(row, to);
      const before =
        row.rate_card_id === from.id
          ? { totals: totalsOf(row.totals ?? []), recommended: row.recommended }
          : this.price(row, from);
      const options = optionChanges(before.totals, after.totals);
      const largest = largestChange(options);
      const recommendationChanged = before.recommended !== after.recommended;
      if (largest.usd === 0 && !recommendationChanged) continue;
      changes.push({
        id: randomUUID(),
        team: row.team,
        scenario_id: row.id,
        scenario_version: row.version,
        scenario_name: row.name,
        region: job.region,
        from_rate_card_id: from.id,
        to_rate_card_id: to.id,
        run_id: job.runId,
        rates: moved,
        options,
        recommendation_before: before.recommended,
        recommendation_after: after.recommended,
        recommendation_changed: recommendationChanged,
        max_change_usd: largest.usd,
        max_change_percent: largest.percent,
      });
    }
    const boss = await this.queue.ready();
    if (!boss) throw new Error('the job queue is stopping');
    await this.db.transaction(async (client) => {
      const lock = await client.query(
        'SELECT done_at FROM price_watch_chunks WHERE run_id = $1 AND lo = $2::uuid FOR UPDATE',
        [job.runId, job.lo],
      );
      if (lock.rows[0]?.done_at) return; // another replica finished it meanwhile
      const inserted = changes.length
        ? await client.query<{ id: string }>(
            `INSERT INTO price_changes (id, team, scenario_id, scenario_version, scenario_name, region, from_rate_card_id,
               to_rate_card_id, run_id, rates, options, recommendation_before, recommendation_after, recommendation_changed,
               max_change_usd, max_change_percent)
             SELECT x.id, x.team, x.scenario_id, x.scenario_version, x.scenario_name, x.region, x.from_rate_card_id,
                    x.to_rate_card_id, x.run_id, x.rates, x.options, x.recommendation_before, x.recommendation_after,
                    x.recommendation_changed, x.max_change_usd, x.max_change_percent
               FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, team text, scenario_id uuid, scenario_version int,
                    scenario_name text, region text, from_rate_card_id text, to_rate_card_id text, run_id text, rates jsonb,
                    options jsonb, recommendation_before text, recommendation_after text, recommendation_changed boolean,
                    max_change_usd float8, max_change_percent float8)
             ON CONFLICT (scenario_id, scenario_version, run_id) DO NOTHING
             RETURNING id`,
            [JSON.stringify(changes)],
          )
        : { rows: [] };
      const kept = new Set(inserted.rows.map((r) => r.id));
      const fresh = changes.filter((c) => kept.has(c.id));
      const deliveries = fresh.length ? await this.outbox(client, fresh) : [];
      if (deliveries.length)
        await boss.insert(
          deliveries.map((id) => ({ name: QUEUES.deliver, data: { deliveryId: id } })),
          { db: bossDb(client) },
        );
      await client.query(
        `UPDATE price_watch_chunks SET done_at = now(), repriced = $3, events = $4
          WHERE run_id = $1 AND lo = $2::uuid`,
        [job.runId, job.lo, rows.length, fresh.length],
      );
      await client.query(
        `UPDATE price_watch_runs SET finished_at = now()
          WHERE run_id = $1 AND finished_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM price_watch_chunks WHERE run_id = $1 AND done_at IS NULL)`,
        [job.runId],
      );
    });
  }

  /** Writes the deliveries the teams' webhooks want for these changes; returns their ids. */
  private async outbox(
    client: Parameters<Parameters<PriceWatchDb['transaction']>[0]>[0],
    changes: ChangeRow[],
  ): Promise<string[]> {
    const teams = [...new Set(changes.map((c) => c.team))];
    const { rows: hooks } = await client.query<WebhookRow>(
      `SELECT id, team, events, threshold_percent, threshold_usd FROM webhooks
        WHERE team = ANY($1::text[]) AND deleted_at IS NULL`,
      [teams],
    );
    if (hooks.length === 0) return [];
    const byTeam = new Map<string, WebhookRow[]>();
    for (const h of hooks) byTeam.set(h.team, [...(byTeam.get(h.team) ?? []), h]);
    const rows = [];
    const timestamp = new Date().toISOString();
    for (const c of changes) {
      for (const hook of byTeam.get(c.team) ?? []) {
        const types = eventsFor(
          { events: hook.events, thresholdPercent: hook.threshold_percent, thresholdUsd: hook.threshold_usd },
          {
            maxChangeUsd: c.max_change_usd,
            maxChangePercent: c.max_change_percent,
            recommendationChanged: c.recommendation_changed,
          },
        );
        for (const type of types) {
          const id = `msg_${randomUUID().replace(/-/g, '')}`;
          rows.push({
            id,
            webhook_id: hook.id,
            team: c.team,
            price_change_id: c.id,
            event_type: type,
            payload: JSON.stringify({ type, timestamp, data: eventData(c, timestamp) }),
          });
        }
      }
    }
    if (rows.length === 0) return [];
    await client.query(
      `INSERT INTO webhook_deliveries (id, webhook_id, team, price_change_id, event_type, payload, next_attempt_at)
       SELECT x.id, x.webhook_id, x.team, x.price_change_id, x.event_type, x.payload, now()
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, webhook_id uuid, team text, price_change_id uuid,
              event_type text, payload text)`,
      [JSON.stringify(rows)],
    );
    return rows.map((r) => r.id);
  }

  private price(row: LatestRow, card: RateCard): { totals: Totals; recommended: OptionCode | null } {
    const workload = normalizeWorkload(row.workload);
    const e = evaluateNormalized(workload, card, undefined, {
      input: row.workload,
      volumeRange: row.volume_range ?? undefined,
      study: false,
    });
    return { totals: totalsOf(e.options), recommended: e.recommendation.option };
  }

  private async card(id: string): Promise<RateCard> {
    const known = this.cards.get(id);
    if (known) return known;
    const card = await this.rates.version(id);
    if (!card) throw new Error(`rate card ${id} is not stored`);
    if (this.cards.size > 20) this.cards.clear();
    this.cards.set(id, card);
    return card;
  }
}

function totalsOf(options: ReadonlyArray<{ option: OptionCode; monthlyCostUsd: number | null }>): Totals {
  const out: Totals = {};
  for (const code of OPTION_CODES) out[code] = options.find((o) => o.option === code)?.monthlyCostUsd ?? null;
  return out;
}

/** The `data` of a webhook message: the price change as GET /v1/price-changes gives it. */
export function eventData(c: ChangeRow, createdAt: string): Record<string, unknown> {
  return {
    id: c.id,
    scenarioId: c.scenario_id,
    scenarioVersion: c.scenario_version,
    scenarioName: c.scenario_name,
    region: c.region,
    fromRateCardId: c.from_rate_card_id,
    toRateCardId: c.to_rate_card_id,
    rates: c.rates,
    options: c.options,
    recommendation: {
      before: c.recommendation_before,
      after: c.recommendation_after,
      changed: c.recommendation_changed,
    },
    maxChangeUsd: c.max_change_usd,
    maxChangePercent: c.max_change_percent,
    createdAt,
  };
}
