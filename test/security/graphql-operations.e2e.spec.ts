/**
 * Issue 20: GraphQL resolvers run once even when a field errors (the compiled executor used to hand any result with
 * an error to graphql-js, which ran every resolver again), and malformed operations answer a clear 400, never
 * INTERNAL_SERVER_ERROR. Both with the compiled executor (the default) and without it.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { EvaluationService } from '../../src/evaluation/evaluation.service';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

const W = '{ ingestGbPerDay: 100, avgRecordSizeKB: 1 }';

describe.each([
  ['graphql-jit', 'true'],
  ['graphql-js', 'false'],
])('GraphQL operations (%s)', (_name, jit) => {
  let app: NestFastifyApplication;
  let key: string;
  beforeAll(async () => {
    app = await startTestApp({
      GRAPHQL_JIT: jit,
      RATE_LIMIT_PER_MINUTE: '100000',
      TEAM_RATE_LIMIT_PER_MINUTE: '100000',
    });
    key = await bearer(app, `ops-${Date.now().toString(36)}`, 'editor');
  });
  afterAll(async () => app.close());

  const post = (body: unknown, contentType = 'application/json') =>
    request(app.getHttpServer())
      .post('/graphql')
      .set('authorization', key)
      .set('content-type', contentType)
      .send(typeof body === 'string' ? body : JSON.stringify(body));
  const get = (query: Record<string, string>) =>
    request(app.getHttpServer())
      .get('/graphql')
      .query(query)
      .set('authorization', key)
      .set('apollo-require-preflight', 'true')
      .set('accept', 'application/json');

  it('a query with a failing field runs every resolver once', async () => {
    const evaluations = app.get(EvaluationService);
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(evaluations)).filter(
      (m) => m !== 'constructor' && typeof (evaluations as unknown as Record<string, unknown>)[m] === 'function',
    );
    const spies = methods.map((m) => jest.spyOn(evaluations as never, m as never));
    try {
      // One document (compiled from its second sighting on), a distinct workload each run (no cached answer).
      const query = `query Two($ok: WorkloadInput!) { ok: evaluateWorkload(input: $ok) { recommendation { option } }
                  bad: evaluateWorkload(input: { ingestGbPerDay: -1, avgRecordSizeKB: 1 }) { recommendation { option } } }`;
      for (let warm = 0; warm < 2; warm++)
        await post({ query, variables: { ok: { ingestGbPerDay: 50 + warm, avgRecordSizeKB: 1 } } });
      for (const s of spies) s.mockClear();
      const ingest = 100 + Math.random();
      const res = await post({ query, variables: { ok: { ingestGbPerDay: ingest, avgRecordSizeKB: 1 } } });
      expect(res.status).toBe(200);
      // Both root fields are non-null: the error nulls the whole answer's data, after both resolvers ran.
      expect(res.body.data).toBeNull();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0].path).toEqual(['bad']);
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      // The valid field reached the service once (the compiled executor used to hand the whole query to
      // graphql-js after the error, which evaluated it a second time).
      // The service's entry points take the caller first (its inner steps are spied on too, and are not counted).
      const calls = spies
        .flatMap((s) => s.mock.calls as unknown[][])
        .filter((args) => (args[0] as { keyId?: string })?.keyId && JSON.stringify(args).includes(String(ingest)));
      expect(calls).toHaveLength(1);
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });

  const malformed: Array<[string, () => request.Test, RegExp]> = [
    [
      'several operations and no operationName',
      () => post({ query: 'query A { serviceInfo { name } } query B { decisionRules { id } }' }),
      /operation name/i,
    ],
    [
      'an operationName the document does not hold',
      () => post({ query: 'query A { serviceInfo { name } }', operationName: 'Nope' }),
      /Nope/,
    ],
    [
      'variables that are not JSON (GET)',
      () => get({ query: 'query($n: Int) { scenarios(first: $n) { nextCursor } }', variables: '{nope' }),
      /variables/i,
    ],
    ['query not a string', () => post({ query: 42 }), /quer/i],
    ['query an object', () => post({ query: { a: 1 } }), /quer/i],
    ['variables not an object', () => post({ query: '{ serviceInfo { name } }', variables: [1, 2] }), /variables/i],
    ['an empty JSON object', () => post({}), /body|quer/i],
    ['an empty body', () => post('', 'application/json'), /./],
    ['a JSON null body', () => post('null'), /./],
    [
      'mutation over GET',
      () => get({ query: `mutation { createScenario(input: { name: "g", workload: ${W} }) { id } }` }),
      /GET/,
    ],
    ['a syntax error', () => post({ query: '{ serviceInfo { name }' }), /Syntax Error/],
    ['an undeclared variable', () => post({ query: '{ scenarios(first: $n) { nextCursor } }' }), /\$n/],
    [
      'a variable of the wrong type',
      () => post({ query: 'query($n: Int) { scenarios(first: $n) { nextCursor } }', variables: { n: 'many' } }),
      /\$n/,
    ],
    ['an unknown field', () => post({ query: '{ serviceInfo { nope } }' }), /nope/],
  ];

  it.each(malformed)('%s: a 4xx naming the problem, never INTERNAL', async (_case, send, message) => {
    const res = await send();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/INTERNAL|Internal error|stacktrace/);
    const first = res.body.errors?.[0] ?? res.body;
    expect(first.message).toMatch(message);
  });
});
