/**
 * npm run bench:scenarios — saved scenarios at scale, through the real service.
 * A database of its own on the machine's PostgreSQL (TEST_PG_URL, default 127.0.0.1:5432), migrated;
 * 100,000 scenarios for one team inserted with SQL (each with a version row holding a real evaluation);
 * then, in-process through the whole HTTP layer (app.inject: routing, API key, rate limit, service, SQL):
 *   first page of the list, a page ~2,000 items deep (reached by following cursors): p99 ≤ 20 ms over ≥ 200;
 *   compare of 10 scenarios: p99 ≤ 50 ms over ≥ 100.
 * Prints a table and PASS/FAIL; exits non-zero on FAIL. The database is dropped at the end.
 */
import { performance } from 'node:perf_hooks';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import pino from 'pino';
import { createApp } from '../src/app.factory';
import { AuthService } from '../src/auth/auth.service';
import { loadConfig } from '../src/infrastructure/config/config';
import { migrateDeploy } from '../src/infrastructure/database/migrate';
import { adminQuery, databaseUrl, uniqueName } from '../test/support/database';

const SCENARIOS = Number(process.env.BENCH_SCENARIOS ?? 100_000);
const TEAM = 'bench-team';
const DEEP_ITEMS = 2_000;
const RUNS = { list: 300, compare: 200, warmup: 30 };
const TARGETS = { firstPageP99Ms: 20, deepPageP99Ms: 20, compareP99Ms: 50 };

const workload = {
  ingestGbPerDay: 100,
  avgRecordSizeKB: 1,
  sharedConsumers: 2,
  retentionHours: 24,
  trafficPattern: 'STEADY',
};

interface Row {
  name: string;
  runs: number;
  p50: number;
  p99: number;
  max: number;
  target?: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

async function time(
  name: string,
  runs: number,
  target: number | undefined,
  call: () => Promise<{ statusCode: number }>,
): Promise<Row> {
  for (let i = 0; i < RUNS.warmup; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const res = await call();
    samples.push(performance.now() - started);
    if (res.statusCode !== 200) throw new Error(`${name}: HTTP ${res.statusCode}`);
  }
  samples.sort((a, b) => a - b);
  return {
    name,
    runs,
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
    max: samples[samples.length - 1],
    target,
  };
}

async function seed(url: string, keyId: string, evaluation: unknown, rateCardId: string): Promise<number> {
  const db = new Client({ connectionString: url });
  await db.connect();
  const started = performance.now();
  try {
    await db.query(
      `INSERT INTO scenarios (id, team, name, description, tags, workload, version, created_by_key_id, updated_by_key_id, created_at, updated_at)
       SELECT gen_random_uuid(), $1, 'Scenario ' || i || CASE WHEN i % 10 = 0 THEN ' orders' ELSE ' clicks' END, NULL,
              ARRAY['tag-' || (i % 50), CASE WHEN i % 2 = 0 THEN 'even' ELSE 'odd' END], $2::jsonb, 1, $3::uuid, $3::uuid,
              now() - make_interval(secs => i), now() - make_interval(secs => i)
         FROM generate_series(1, $4::int) AS i`,
      [TEAM, JSON.stringify(workload), keyId, SCENARIOS],
    );
    await db.query(
      `INSERT INTO scenario_versions (scenario_id, version, name, description, tags, workload, evaluation, rate_card_id, created_by_key_id, created_at)
       SELECT s.id, 1, s.name, s.description, s.tags, s.workload, $2::jsonb, $3, s.created_by_key_id, s.created_at
         FROM scenarios s
        WHERE s.team = $1 AND NOT EXISTS (SELECT 1 FROM scenario_versions v WHERE v.scenario_id = s.id)`,
      [TEAM, JSON.stringify(evaluation), rateCardId],
    );
    await db.query('ANALYZE scenarios');
    await db.query('ANALYZE scenario_versions');
  } finally {
    await db.end();
  }
  return (performance.now() - started) / 1000;
}

async function explainDeepPage(url: string, createdAt: string, id: string): Promise<string> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
       SELECT s.id FROM scenarios s JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = s.version
        WHERE s.team = $1 AND s.deleted_at IS NULL AND (s.created_at, s.id) < ($2::timestamptz, $3::uuid)
        ORDER BY s.created_at DESC, s.id DESC LIMIT 21`,
      [TEAM, createdAt, id],
    );
    return rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n');
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const name = uniqueName('streamfit_bench_scenarios');
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = databaseUrl(name);
  let app: NestFastifyApplication | undefined;
  let failed = true;
  try {
    await migrateDeploy(url);
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
      RATES_LIVE: 'false',
      RATES_REFRESH_INTERVAL_MS: '0',
      RATE_LIMIT_PER_MINUTE: '10000000',
    });
    app = await createApp({ config, databaseUrl: url, logger: pino({ level: 'silent' }) });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const { key, id: keyId } = await app.get(AuthService).createKey({ team: TEAM, role: 'editor' });
    const headers = { authorization: `Bearer ${key}` };
    const inject = app.inject.bind(app);

    // One real scenario through the API: its stored evaluation is what every seeded row carries.
    const real = await inject({
      method: 'POST',
      url: '/v1/scenarios',
      headers,
      payload: { name: 'Real one', workload },
    });
    if (real.statusCode !== 201) throw new Error(`create: HTTP ${real.statusCode} ${real.body}`);
    const db = new Client({ connectionString: url });
    await db.connect();
    const { rows } = await db.query('SELECT evaluation, rate_card_id FROM scenario_versions WHERE scenario_id = $1', [
      real.json().id,
    ]);
    await db.end();
    const seconds = await seed(url, keyId, rows[0].evaluation, rows[0].rate_card_id);
    process.stdout.write(
      `seeded ${SCENARIOS.toLocaleString('en-US')} scenarios with a version row each (${JSON.stringify(rows[0].evaluation).length.toLocaleString('en-US')}-byte evaluation) in ${seconds.toFixed(1)} s\n`,
    );

    // Follow cursors ~2,000 items deep.
    let cursor = '';
    let seen = 0;
    let last: { createdAt: string; id: string } | undefined;
    while (seen < DEEP_ITEMS) {
      const page = (
        await inject({ method: 'GET', url: `/v1/scenarios?limit=100${cursor ? `&cursor=${cursor}` : ''}`, headers })
      ).json();
      seen += page.items.length;
      last = page.items[page.items.length - 1];
      cursor = page.nextCursor;
    }
    const compareIds: string[] = (
      await inject({ method: 'GET', url: `/v1/scenarios?limit=10&cursor=${cursor}`, headers })
    )
      .json()
      .items.map((i: { id: string }) => i.id);

    const results: Row[] = [];
    results.push(
      await time('list: first page (20)', RUNS.list, TARGETS.firstPageP99Ms, () =>
        inject({ method: 'GET', url: '/v1/scenarios', headers }),
      ),
    );
    results.push(
      await time(`list: page ${seen.toLocaleString('en-US')} items deep (20)`, RUNS.list, TARGETS.deepPageP99Ms, () =>
        inject({ method: 'GET', url: `/v1/scenarios?cursor=${cursor}`, headers }),
      ),
    );
    results.push(
      await time('compare: 10 scenarios', RUNS.compare, TARGETS.compareP99Ms, () =>
        inject({ method: 'POST', url: '/v1/scenarios/compare', headers, payload: { ids: compareIds } }),
      ),
    );
    results.push(
      await time('list: tag filter, first page (info)', RUNS.list, undefined, () =>
        inject({ method: 'GET', url: '/v1/scenarios?tag=tag-7', headers }),
      ),
    );
    results.push(
      await time('list: name search, first page (info)', RUNS.list, undefined, () =>
        inject({ method: 'GET', url: '/v1/scenarios?search=ORDERS', headers }),
      ),
    );
    results.push(
      await time('get one (info)', RUNS.list, undefined, () =>
        inject({ method: 'GET', url: `/v1/scenarios/${compareIds[0]}`, headers }),
      ),
    );

    const pad = (s: string, n: number) => s.padEnd(n);
    const ms = (v: number) => `${v.toFixed(2)} ms`.padStart(10);
    process.stdout.write(
      `\n${pad('measurement', 42)}${'runs'.padStart(6)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'max'.padStart(10)}  target    result\n`,
    );
    failed = false;
    for (const r of results) {
      const ok = r.target === undefined || r.p99 <= r.target;
      if (!ok) failed = true;
      process.stdout.write(
        `${pad(r.name, 42)}${String(r.runs).padStart(6)}${ms(r.p50)}${ms(r.p99)}${ms(r.max)}  ${r.target === undefined ? '   -     ' : `≤ ${r.target} ms`}  ${r.target === undefined ? '' : ok ? 'PASS' : 'FAIL'}\n`,
      );
    }
    if (last)
      process.stdout.write(
        `\ndeep page plan (keyset on the (team, created_at DESC, id DESC) index):\n${await explainDeepPage(url, last.createdAt, last.id)}\n`,
      );
    process.stdout.write(`\n${failed ? 'FAIL' : 'PASS'}\n`);
  } finally {
    await app?.close();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
