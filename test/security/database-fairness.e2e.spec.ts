import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { migrateDeploy } from '../../src/infrastructure/database/migrate';
import { adminQuery, databaseUrl, uniqueName } from '../support/database';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

/**
 * No team's load turns into another team's 503, and no single request takes the whole pool
 * (src/infrastructure/database/database-admission.ts). The app runs with a pool of 4 connections and a 300 ms
 * wait for one (DB_TIMEOUT_MS: a request that waits longer for a connection used to be a 503). Team A holds its
 * connections the way a real team can: a search of the name over its 200,000 scenarios (names like "Checkout events, region eu-west-1, consumer group 1234 (replayed nightly)") (no index serves
 * `ILIKE '%…%'`, so each one reads them all) — through many concurrent requests, or through one GraphQL request
 * of many aliased fields. PostgreSQL itself is asked how many of those searches run at once.
 *
 * Before the admission, A's searches took all 4 connections, B's requests queued behind them and answered 503
 * after 300 ms, and one GraphQL request of 18 aliases ran 4 searches at once.
 */
const POOL = 4;
const WAIT_MS = 300;
const FLOOD_TEAM = 'db-share-flood';
const OTHER_TEAM = 'db-share-other';
const FLOOD_ROWS = 200_000;
const SEARCH = 'no-such-name';

/** Searches of the flooding team running now (client backends of this database; parallel workers not counted). */
const RUNNING_SEARCHES = `SELECT count(*)::int AS n FROM pg_stat_activity
  WHERE datname = current_database() AND backend_type = 'client backend' AND state = 'active'
    AND pid <> pg_backend_pid() AND query LIKE '%ILIKE%'`;

/** Samples RUNNING_SEARCHES until stopped: the most seen at once, and a promise of the first time any ran. */
function watchSearches(client: Client) {
  let most = 0;
  let stopped = false;
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const sampling = (async () => {
    while (!stopped) {
      const { rows } = await client.query<{ n: number }>(RUNNING_SEARCHES);
      most = Math.max(most, rows[0].n);
      if (rows[0].n > 0) markStarted();
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  return {
    /** Resolves once a search is seen running (a test races it with the load, which may end unseen). */
    started,
    stop: async () => {
      stopped = true;
      await sampling;
      return most;
    },
  };
}

describe('database pool shared fairly between teams and requests', () => {
  const name = uniqueName('streamfit_dbshare');
  const url = databaseUrl(name);
  let monitor: Client;

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE "${name}"`);
    await migrateDeploy(url);
    monitor = new Client({ connectionString: url });
    await monitor.connect();
  }, 120_000);

  afterAll(async () => {
    await monitor?.end();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  let seeded = false;
  /**
   * A team with a long history of scenarios, as the app writes them: each with its version 1 (priced with the card
   * B's scenario was priced with; only the recommendation of the evaluation is copied, to keep the seed quick), so
   * PostgreSQL plans the search as it would for real.
   */
  async function seed(pricedLike: string) {
    await monitor.query(
      `WITH rows AS (
         INSERT INTO scenarios (id, team, name, workload, version, created_by_key_id, updated_by_key_id, created_at, updated_at)
         SELECT gen_random_uuid(), $1, 'Checkout events, region eu-west-1, consumer group ' || g || ' (replayed nightly)',
                '{"ingestGbPerDay": 10}'::jsonb, 1, gen_random_uuid(), gen_random_uuid(), now() - g * interval '1 second', now()
           FROM generate_series(1, $2::int) g
         RETURNING id, name, workload, created_by_key_id, created_at)
       INSERT INTO scenario_versions (scenario_id, version, name, workload, evaluation, rate_card_id, created_by_key_id, created_at)
       SELECT r.id, 1, r.name, r.workload, v.summary, v.rate_card_id, r.created_by_key_id, r.created_at
         FROM rows r,
              (SELECT jsonb_build_object('recommendation', evaluation -> 'recommendation', 'options', '[]'::jsonb) AS summary,
                      rate_card_id
                 FROM scenario_versions WHERE scenario_id = $3::uuid) v`,
      [FLOOD_TEAM, FLOOD_ROWS, pricedLike],
    );
    await monitor.query('ANALYZE');
    seeded = true;
  }

  /** An app on its own database with the small pool; rate limits out of the way (they are not what is tested). */
  async function appWith(env: Record<string, string>) {
    const app = await startTestApp({
      DATABASE_URL: url,
      DB_POOL_SIZE: String(POOL),
      DB_TIMEOUT_MS: String(WAIT_MS),
      RATE_LIMIT_PER_MINUTE: '1000000',
      TEAM_RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    });
    const flood = await bearer(app, FLOOD_TEAM, 'editor');
    const other = await bearer(app, OTHER_TEAM, 'editor');
    const workload = { ingestGbPerDay: 20, avgRecordSizeKB: 1 };
    const created = await app.inject({
      method: 'POST',
      url: '/v1/scenarios',
      headers: { authorization: other, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'orders', workload }),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    if (!seeded) await seed(id);
    // Both keys verified and the pool opened before the load (a cold start is not what is measured).
    await Promise.all(
      [flood, other, flood, other].map((authorization) =>
        app.inject({ method: 'GET', url: '/v1/scenarios?limit=1', headers: { authorization } }),
      ),
    );
    /** Team B's ordinary traffic: reads of its scenario, its list and history, and a write; each answer as "status what". */
    const otherRequests = (round: number) =>
      Promise.all(
        [
          app.inject({ method: 'GET', url: `/v1/scenarios/${id}`, headers: { authorization: other } }),
          app.inject({ method: 'GET', url: '/v1/scenarios?limit=10', headers: { authorization: other } }),
          app.inject({ method: 'GET', url: `/v1/scenarios/${id}/versions`, headers: { authorization: other } }),
          app.inject({
            method: 'POST',
            url: '/v1/scenarios',
            headers: { authorization: other, 'content-type': 'application/json' },
            payload: JSON.stringify({ name: `while flooded ${round}`, workload }),
          }),
        ].map(async (answer, i) => {
          const r = await answer;
          return `${r.statusCode} ${['read', 'list', 'history', 'write'][i]}${r.statusCode >= 300 ? ` ${r.body}` : ''}`;
        }),
      );
    const OTHER_OK = ['200 read', '200 list', '200 history', '201 write'];
    return { app, flood, other, workload, otherRequests, OTHER_OK };
  }

  const graphql = (app: NestFastifyApplication, authorization: string, query: string) =>
    app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization, 'content-type': 'application/json' },
      payload: JSON.stringify({ query }),
    });

  it("team A's flood of reads and writes: A gets 429s past its share, every request of team B succeeds", async () => {
    const { app, flood, workload, otherRequests, OTHER_OK } = await appWith({});
    const watch = watchSearches(monitor);
    try {
      const searchRest = () =>
        app.inject({
          method: 'GET',
          url: `/v1/scenarios?limit=100&search=${SEARCH}`,
          headers: { authorization: flood },
        });
      const searchGraphql = () =>
        graphql(app, flood, `{ scenarios(first: 100, search: "${SEARCH}") { items { id } } }`);
      const write = (i: number) =>
        app.inject({
          method: 'POST',
          url: '/v1/scenarios',
          headers: { authorization: flood, 'content-type': 'application/json' },
          payload: JSON.stringify({ name: `flood ${i}`, workload }),
        });
      // A floods for as long as B works: 24 clients, each sending again as soon as it is answered (after a
      // refusal, 50 ms later), searches over REST and GraphQL and writes.
      type Answer = Awaited<ReturnType<typeof searchRest>>;
      const rest: Answer[] = [];
      const viaGraphql: Answer[] = [];
      let flooding = true;
      const client = async (i: number) => {
        for (let n = 0; flooding; n++) {
          const r = await (i % 3 === 0 ? searchGraphql() : i % 8 === 1 ? write(n) : searchRest());
          (i % 3 === 0 ? viaGraphql : rest).push(r);
          if (r.statusCode >= 300 || r.json().errors) await new Promise((done) => setTimeout(done, 50));
        }
      };
      const flooded = Promise.all(Array.from({ length: 24 }, (_, i) => client(i)));
      await Promise.race([watch.started, new Promise((r) => setTimeout(r, 5000))]);
      // Team B, while A floods: three rounds of four requests at once.
      const other: string[] = [];
      for (let round = 0; round < 3; round++) other.push(...(await otherRequests(round)));
      flooding = false;
      await flooded;
      const most = await watch.stop();

      expect(other).toEqual([...OTHER_OK, ...OTHER_OK, ...OTHER_OK]);
      // A: only successes and 429s (never a 503 or a 500); some of each.
      expect(rest.map((r) => r.statusCode).filter((s) => s !== 200 && s !== 201 && s !== 429)).toEqual([]);
      const codes = viaGraphql.map((r) =>
        (r.json().errors ?? []).map((e: { extensions: { code: string } }) => e.extensions.code),
      );
      expect(codes.flat().filter((c) => c !== 'RATE_LIMITED')).toEqual([]);
      const refusedRest = rest.filter((r) => r.statusCode === 429);
      const refusedGraphql = viaGraphql.filter((_, i) => codes[i].length > 0);
      expect(refusedRest.length).toBeGreaterThan(0);
      expect(rest.filter((r) => r.statusCode === 200).length).toBeGreaterThan(0);
      for (const r of refusedRest) {
        expect(r.headers['retry-after']).toBe('1');
        expect(r.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', requestId: expect.any(String) });
        expect(r.json().message).toContain(FLOOD_TEAM);
      }
      for (const r of refusedGraphql) expect(r.headers['retry-after']).toBe('1');
      // A's share of the pool: never more than half of it busy with its searches.
      expect(most).toBeLessThanOrEqual(Math.ceil(POOL / 2));
      expect(most).toBeGreaterThan(0);
    } finally {
      await watch.stop();
      await app.close();
    }
  }, 120_000);

  it('one GraphQL request of 18 aliased searches holds at most DB_REQUEST_CONCURRENCY connections at once', async () => {
    // Team shares as large as the pool: only the request's own bound stands between it and the whole pool.
    const { app, flood, otherRequests, OTHER_OK } = await appWith({
      DB_TEAM_CONCURRENCY: String(POOL),
      DB_REQUEST_CONCURRENCY: '2',
    });
    const watch = watchSearches(monitor);
    try {
      const aliases = Array.from(
        { length: 18 },
        (_, i) => `s${i}: scenarios(first: 1, search: "${SEARCH}-${i}") { items { id } }`,
      );
      const heavy = graphql(app, flood, `{ ${aliases.join('\n')} }`);
      await Promise.race([watch.started, heavy]);
      const other: string[] = [];
      for (let round = 0; round < 2; round++) other.push(...(await otherRequests(round)));
      const answer = await heavy;
      const most = await watch.stop();

      expect(answer.statusCode).toBe(200);
      expect(answer.json().errors).toBeUndefined();
      expect(Object.keys(answer.json().data)).toHaveLength(18);
      expect(
        Object.values(answer.json().data as Record<string, { items: unknown[] }>).every((p) => p.items.length === 0),
      ).toBe(true);
      expect(most).toBeLessThanOrEqual(2);
      expect(other).toEqual([...OTHER_OK, ...OTHER_OK]);
    } finally {
      await watch.stop();
      await app.close();
    }
  }, 120_000);
});
