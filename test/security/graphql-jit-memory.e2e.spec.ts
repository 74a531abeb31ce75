/**
 * Issue 20: the compiled-query cache is bounded in bytes (its 256-entry cap let ~250 distinct queries take the
 * whole heap), only callers with a key fill it, and one key adds at most JIT_COMPILES_PER_KEY_PER_MINUTE a minute.
 * The per-operation estimate is checked against the heap growth it stands for.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getIntrospectionQuery, parse } from 'graphql';
import request from 'supertest';
import { JIT_COMPILES_PER_KEY_PER_MINUTE, JIT_MAX_FIELDS } from '../../src/graphql-support/jit-executor.plugin';
import { documentShape } from '../../src/graphql-support/document-shape';
import { documentBytes } from '../../src/graphql-support/document-store';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const MB = 1024 * 1024;

/**
 * A distinct query, compiled (under JIT_MAX_FIELDS) and quick to answer: one input type's fields with GraphiQL's
 * TypeRef fragment (~30 fields once expanded), under a new operation name.
 */
const TYPE_REF = getIntrospectionQuery().slice(getIntrospectionQuery().indexOf('fragment TypeRef'));
const distinct = (i: number) =>
  `query Q${i} { __type(name: "WorkloadInput") { name inputFields { name defaultValue type { ...TypeRef } } } } ${TYPE_REF}`;

async function metric(app: NestFastifyApplication, pattern: RegExp): Promise<number> {
  const text = (await request(app.getHttpServer()).get('/metrics')).text;
  return Number(pattern.exec(text)?.[1] ?? 0);
}
const cacheBytes = (app: NestFastifyApplication) => metric(app, /^streamfit_graphql_jit_cache_bytes (\S+)$/m);
const jitRuns = (app: NestFastifyApplication) =>
  metric(app, /^streamfit_graphql_executions_total\{executor="jit"\} (\d+)$/m);

describe('compiled GraphQL operations: bounded in bytes, filled only by keys (issue 20)', () => {
  const BUDGET = 2 * MB;
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp({
      GRAPHQL_JIT_CACHE_BYTES: String(BUDGET),
      ANONYMOUS_RATE_LIMIT_PER_MINUTE: '100000',
      RATE_LIMIT_PER_MINUTE: '100000',
      TEAM_RATE_LIMIT_PER_MINUTE: '1000000',
    });
  });
  afterAll(async () => app.close());

  const send = (query: string, authorization?: string) => {
    const req = request(app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
    if (authorization) req.set('authorization', authorization);
    return req.send(JSON.stringify({ query }));
  };

  it('anonymous queries never compile: they run on graphql-js and leave the cache empty', async () => {
    const before = await jitRuns(app);
    for (let i = 0; i < 20; i++)
      for (let twice = 0; twice < 2; twice++) expect((await send(distinct(1000 + i))).status).toBe(200);
    expect(await jitRuns(app)).toBe(before);
    expect(await cacheBytes(app)).toBe(0);
  });

  it('one key compiles at most JIT_COMPILES_PER_KEY_PER_MINUTE new operations a minute; the rest run on graphql-js', async () => {
    // Start well inside a minute, so the window does not turn during the burst.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
    const key = await bearer(app, `jitchurn-${Date.now().toString(36)}`, 'viewer');
    const before = await jitRuns(app);
    // Each query twice: an operation is compiled the second time it is seen.
    for (let i = 0; i < JIT_COMPILES_PER_KEY_PER_MINUTE + 10; i++)
      for (let twice = 0; twice < 2; twice++)
        expect((await send(`{ a${i}: serviceInfo { name } }`, key)).status).toBe(200);
    expect((await jitRuns(app)) - before).toBe(JIT_COMPILES_PER_KEY_PER_MINUTE);
  });

  it('distinct queries from many keys: the cache stays within its bytes, and the heap with it', async () => {
    const keys = await Promise.all(
      Array.from({ length: 12 }, (_, i) => bearer(app, `jitmem-${i}-${Date.now().toString(36)}`, 'viewer')),
    );
    expect(documentShape(parse(distinct(0))).fields).toBeLessThanOrEqual(JIT_MAX_FIELDS);
    // 300 distinct queries, each sent twice (so each is compiled); the old 256-entry cap kept 256 of them.
    const count = 300;
    const start = heapAfterGc();
    for (let i = 0; i < count; i++)
      for (let twice = 0; twice < 2; twice++) expect((await send(distinct(i), keys[i % keys.length])).status).toBe(200);
    expect(await cacheBytes(app)).toBeLessThanOrEqual(BUDGET);
    expect(await cacheBytes(app)).toBeGreaterThan(BUDGET / 2);
    const growth = heapAfterGc() - start;
    const documents = count * documentBytes(parse(distinct(0)));
    process.stdout.write(
      `jit: ${count} distinct operations grew the heap by ${growth} bytes (documents ≤ ${documents})\n`,
    );
    // The compiled operations' budget, the parsed documents kept by the document store, and slack for the rest.
    expect(growth).toBeLessThan(BUDGET + documents + 4 * MB);
  }, 180_000);
});

describe('the estimate of a compiled operation against the heap it holds', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000', TEAM_RATE_LIMIT_PER_MINUTE: '1000000' });
  });
  afterAll(async () => app.close());

  it('20 compiled operations hold no more heap than the cache counts for them', async () => {
    const key = await bearer(app, `jitcal-${Date.now().toString(36)}`, 'viewer');
    const send = (query: string) =>
      request(app.getHttpServer())
        .post('/graphql')
        .set('authorization', key)
        .set('content-type', 'application/json')
        .send(JSON.stringify({ query }));
    // Warm-up: the first requests build what every later one shares.
    for (let i = 0; i < 3; i++) for (let twice = 0; twice < 2; twice++) await send(distinct(900 + i));
    const base = heapAfterGc();
    const counted0 = await cacheBytes(app);
    for (let i = 0; i < 20; i++)
      for (let twice = 0; twice < 2; twice++) expect((await send(distinct(i))).status).toBe(200);
    const grown = heapAfterGc() - base;
    const counted = (await cacheBytes(app)) - counted0;
    process.stdout.write(`jit calibration: 20 operations counted ${counted} bytes, the heap grew ${grown}\n`);
    // The growth also holds the parsed documents and verdicts: the estimate is checked against an upper bound.
    expect(counted).toBeGreaterThanOrEqual(grown);
  }, 120_000);
});
