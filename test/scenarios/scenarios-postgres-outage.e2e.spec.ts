import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../../src/infrastructure/database/embedded-postgres';
import { migrateDeploy } from '../../src/infrastructure/database/migrate';
import { gql } from '../support/graphql';
import { bearer } from '../support/keys';
import { freePort } from '../support/redis-server';
import { startTestApp } from '../support/test-app';
import { aWorkload, rest, uniqueTeam } from './scenario-fixtures';
import { until } from '../support/until';

type Embedded = {
  start(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * embedded-postgres is ESM; Jest compiles it to CommonJS (jest.config.js). Its platform package only
 * exports the binaries' paths, computed from `import.meta.url` into a `const __dirname` that cannot be
 * compiled to CommonJS — so it is replaced here by the same three paths.
 */
function provideBinaryPaths(): void {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  const bin = join(dirname(require.resolve(pkg)), '..', 'native', 'bin');
  jest.doMock(pkg, () => ({
    postgres: join(bin, 'postgres'),
    initdb: join(bin, 'initdb'),
    pg_ctl: join(bin, 'pg_ctl'),
  }));
}

/**
 * A PostgreSQL of this test's own (embedded-postgres: real binaries), stopped and started again under a
 * running app. The data directory persists across that stop (persistent: false would delete it on stop,
 * leaving nothing to start again); the test removes it at the end.
 */
describe('scenarios while PostgreSQL is down', () => {
  let pg: Embedded;
  let parent: string;
  let app: NestFastifyApplication;
  let editor: string;
  let saved: { id: string; version: number };

  beforeAll(async () => {
    provideBinaryPaths();
    parent = mkdtempSync(join(tmpdir(), 'streamfit-pg-outage-'));
    chmodSync(parent, 0o755); // as root, PostgreSQL runs as the OS user postgres, which must traverse this
    const port = await freePort();
    // The service's own embedded start-up: as root it reaches the binaries even from a checkout the
    // postgres user cannot enter (a 0700 mktemp -d clone), which the library alone cannot.
    const dataDir = join(parent, 'data');
    let db: EmbeddedDatabase | undefined;
    const startPg = async () => {
      db = await startEmbeddedPostgres(dataDir, port, () => undefined);
      return db;
    };
    pg = { start: async () => void (await startPg()), stop: async () => db?.stop() };
    const url = (await startPg()).url;
    await migrateDeploy(url);
    app = await startTestApp({ DATABASE_URL: url, DB_TIMEOUT_MS: '1000' });
    // Keys are looked up once and cached for 60 s: created while the database is up.
    editor = await bearer(app, uniqueTeam('outage'), 'editor');
    saved = (await rest(app, editor).create({ name: 'survives the outage', workload: aWorkload().build() })).body;
  }, 120000);

  afterAll(async () => {
    await app?.close();
    await pg?.stop();
    if (parent) rmSync(parent, { recursive: true, force: true });
  });

  it('answers 503 DEPENDENCY_UNAVAILABLE on every scenario call, keeps evaluating, and recovers without a restart', async () => {
    const api = rest(app, editor);
    expect((await api.get(saved.id)).status).toBe(200);

    await pg.stop();
    const calls = [
      () => api.list(),
      () => api.get(saved.id),
      () => api.create({ name: 'during', workload: aWorkload().build() }),
      () => api.patch(saved.id, { name: 'during' }, 1),
      () => api.remove(saved.id, 1),
      () => api.versions(saved.id),
      () => api.compare([saved.id, '0c7b9a52-1f3e-4d6a-8b2c-9e0f1a2b3c4d']),
      () => api.estimate(saved.id),
    ];
    for (const call of calls) {
      const started = Date.now();
      const res = await call();
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 503, code: 'DEPENDENCY_UNAVAILABLE' });
      expect(res.body.message).toMatch(/PostgreSQL\) is unavailable/);
      expect(res.body.requestId).toEqual(expect.any(String));
      expect(Date.now() - started).toBeLessThan(5000);
    }
    const g = await gql(app, editor, 'query($id: ID!) { scenario(id: $id) { id } }', { id: saved.id });
    expect(g.body.errors[0].extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      domainCode: 'DEPENDENCY_UNAVAILABLE',
    });

    // Evaluations do not need the database.
    for (let i = 0; i < 3; i++) {
      const evaluation = await request(app.getHttpServer())
        .post('/v1/evaluations')
        .set('authorization', editor)
        .send({
          workload: aWorkload()
            .withIngestGbPerDay(50 + i)
            .build(),
        });
      expect(evaluation.status).toBe(200);
      expect(evaluation.body.recommendation.option).toEqual(expect.any(String));
    }

    await pg.start();
    const back = await until(
      () => api.get(saved.id),
      (r) => r.status === 200,
      30000,
    );
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ id: saved.id, version: 1, name: 'survives the outage' });
    const edited = await api.patch(saved.id, { name: 'after the outage' }, 1);
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    expect((await api.versions(saved.id)).body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });
});
