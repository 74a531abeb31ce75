import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import request from 'supertest';
import { bearer } from '../support/keys';
import { PriceListServer } from '../support/pricelist-server';
import { startTestApp, TEST_REDIS_URL, testDatabaseUrl } from '../support/test-app';
import { dropRedisKeys } from '../support/redis-keys';
import { until } from '../support/until';
import { aWorkload } from '../scenarios/scenario-fixtures';
import { serveRegion, watchEnv, WebhookReceiver } from './receiver';

jest.setTimeout(180_000);

const REGION = 'eu-west-2';
const SCENARIOS = 600;

function startReplica(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['-r', './scripts/ts-register.js', join('bench', 'support', 'price-watch-replica.ts')],
    { cwd: join(__dirname, '..', '..'), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = /^ready (\d+)/.exec(d.toString());
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`replica exited with ${code}`)));
  });
}

describe('price watch: a replica killed mid-run loses nothing (two replicas, real Postgres, local Price List)', () => {
  let server: PriceListServer;
  let receiver: WebhookReceiver;
  let setup: NestFastifyApplication;
  let taker: NestFastifyApplication | undefined;
  let db: Client;
  const team = `kill-${process.pid}-${Date.now().toString(36)}`;
  const prefix = `watch-kill-${process.pid}-${Date.now().toString(36)}`;

  const common = () => ({
    ...watchEnv(server),
    CACHE_PREFIX: prefix,
    PRICE_WATCH_CHUNK_SIZE: '10',
    PRICE_WATCH_CONCURRENCY: '1',
    PRICE_WATCH_JOB_EXPIRE_SECONDS: '2',
  });

  beforeAll(async () => {
    server = await new PriceListServer().start();
    receiver = await new WebhookReceiver().start();
    serveRegion(server, REGION);
    // The app the test sets things up through does not work jobs.
    setup = await startTestApp({ ...common(), PRICE_WATCH: 'false' });
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
  });
  afterAll(async () => {
    await taker?.close();
    await setup.close();
    await db.end();
    await receiver.close();
    await server.close();
    // The replicas' rate cards (kept 7 days) go with the test.
    await dropRedisKeys(prefix);
  });

  it('re-prices every scenario once and delivers every message (same webhook-id on a redelivery)', async () => {
    const http = setup.getHttpServer();
    const admin = await bearer(setup, team, 'admin');
    expect((await request(http).post(`/v1/rate-cards/${REGION}/refresh`).set('authorization', admin)).status).toBe(200);
    const first = await request(http)
      .post('/v1/scenarios')
      .set('authorization', admin)
      .send({ name: 'kill 0', workload: aWorkload().withRegion(REGION).withIngestGbPerDay(10).build() });
    expect(first.status).toBe(201);
    // The rest are copies of it with other volumes, written directly (as the benchmark does).
    await db.query(
      `WITH src AS (SELECT s.*, v.evaluation, v.rate_card_id FROM scenarios s
                      JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = 1 WHERE s.id = $1),
            x AS (SELECT gen_random_uuid() AS nid, i, src.* FROM src, generate_series(1, $2::int) AS i),
            s AS (INSERT INTO scenarios (id, team, name, tags, workload, version, created_by_key_id, updated_by_key_id)
                  SELECT nid, team, 'kill ' || i, '{}', jsonb_set(workload, '{ingestGbPerDay}', to_jsonb(10 + i)), 1,
                         created_by_key_id, created_by_key_id FROM x RETURNING id)
       INSERT INTO scenario_versions (scenario_id, version, name, tags, workload, evaluation, rate_card_id, created_by_key_id)
       SELECT nid, 1, 'kill ' || i, '{}', jsonb_set(workload, '{ingestGbPerDay}', to_jsonb(10 + i)), evaluation,
              rate_card_id, created_by_key_id FROM x`,
      [first.body.id, SCENARIOS - 1],
    );
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const hook = await request(http)
      .post('/v1/webhooks')
      .set('authorization', admin)
      .send({ url: receiver.url, secret, events: ['PRICE_CHANGED'] });
    expect(hook.status).toBe(201);

    // Replica A (a child process) takes the refresh and starts re-pricing; it is killed mid-run.
    const a = await startReplica({
      ...Object.fromEntries(Object.entries(common())),
      DATABASE_URL: testDatabaseUrl(),
      REDIS_URL: TEST_REDIS_URL,
      LOG_LEVEL: 'silent',
      RATES_LIVE: 'false',
      RATES_REFRESH_INTERVAL_MS: '0',
    });
    serveRegion(server, REGION, '0.0300000000');
    const refreshed = await request(`http://127.0.0.1:${a.port}`)
      .post(`/v1/rate-cards/${REGION}/refresh`)
      .set('authorization', admin);
    expect(refreshed.body.outcome).toBe('UPDATED');
    const cardId = refreshed.body.cardId as string;
    const progress = async () =>
      (
        await db.query<{ done: number; total: number }>(
          `SELECT count(done_at)::int AS done, count(*)::int AS total FROM price_watch_chunks
            WHERE run_id IN (SELECT run_id FROM price_watch_runs WHERE to_rate_card_id = $1)`,
          [cardId],
        )
      ).rows[0];
    const atKill = await until(progress, (p) => p.done >= 2, 60000);
    a.child.kill('SIGKILL');
    await new Promise((r) => a.child.once('exit', r));
    expect(atKill.total).toBe(SCENARIOS / 10);
    expect(atKill.done).toBeLessThan(atKill.total); // killed mid-run
    const afterKill = await progress();

    // Replica B takes over: the queued chunks, and A's active one once it expires.
    taker = await startTestApp({ ...common() });
    const done = await until(progress, (p) => p.done === p.total, 90000);
    expect(done.done).toBe(done.total);
    expect(afterKill.done).toBeLessThan(done.total);

    const events = await db.query<{ scenario_id: string; id: string }>(
      'SELECT scenario_id, id FROM price_changes WHERE team = $1 AND to_rate_card_id = $2',
      [team, cardId],
    );
    expect(events.rows).toHaveLength(SCENARIOS);
    expect(new Set(events.rows.map((r) => r.scenario_id)).size).toBe(SCENARIOS);

    const deliveries = async () =>
      (
        await db.query<{ id: string; status: string; price_change_id: string }>(
          'SELECT id, status, price_change_id FROM webhook_deliveries WHERE webhook_id = $1',
          [hook.body.id],
        )
      ).rows;
    const all = await until(
      deliveries,
      (rows) => rows.length === SCENARIOS && rows.every((r) => r.status === 'DELIVERED'),
      90000,
    );
    expect(all.filter((r) => r.status === 'DELIVERED')).toHaveLength(SCENARIOS);
    expect(new Set(all.map((r) => r.price_change_id))).toEqual(new Set(events.rows.map((r) => r.id)));

    // The receiver saw every message; a message seen twice (at least once) has the same id and body both times.
    const byId = new Map<string, string[]>();
    for (const r of receiver.received) {
      const id = String(r.headers['webhook-id']);
      byId.set(id, [...(byId.get(id) ?? []), r.body]);
    }
    expect(new Set(byId.keys())).toEqual(new Set(all.map((d) => d.id)));
    for (const bodies of byId.values()) expect(new Set(bodies).size).toBe(1);
    const scenarios = new Set([...byId.values()].map((b) => JSON.parse(b[0]).data.scenarioId));
    expect(scenarios.size).toBe(SCENARIOS);
  });
});
