import { createHash } from 'node:crypto';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'graphql';
import request from 'supertest';
import { costVariables } from '../../src/graphql-support/query-limits.plugin';
import { Metrics } from '../../src/infrastructure/metrics/metrics';
import { gql } from '../support/graphql';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

const W = '{ingestGbPerDay: 100, avgRecordSizeKB: 1}';
const be = (alias: string, steps: number, vary = 'INGEST', to = 100000, extra = '') =>
  `${alias}: breakEven(input: ${W}, vary: ${vary}, from: 1, to: ${to}, steps: ${steps}) ${extra} { series { option points { x monthlyCostUsd } } crossovers { at } }`;

describe('GraphQL cost follows the work (issue 15)', () => {
  let app: NestFastifyApplication;
  let auth: string;
  beforeAll(async () => {
    app = await startTestApp(
      { RATE_LIMIT_PER_MINUTE: '100000', TEAM_RATE_LIMIT_PER_MINUTE: '1000000' },
      { listen: true },
    );
    auth = await bearer(app, `gqlcost-${Date.now().toString(36)}`, 'editor');
  });
  afterAll(async () => app.close());

  it('190 aliased breakEven(steps: 1000) are refused before any work, and so are two', async () => {
    // Refused while parsing (more than 2,000 tokens), before validation and complexity analysis: nothing is executed
    // (streamfit_graphql_executions_total counts every operation handed to an executor). Counting executions, not
    // CPU time, says "before any work" without a clock: CI once measured 530-620 ms of the test process's CPU here.
    const metrics = app.get(Metrics, { strict: false });
    const executions = async () => (await metrics.graphqlExecutions.get()).values.reduce((n, v) => n + v.value, 0);
    const before = await executions();
    const many = await gql(app, auth, `{ ${Array.from({ length: 190 }, (_, i) => be(`b${i}`, 1000)).join(' ')} }`);
    expect(many.status).toBe(400);
    expect(many.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(many.body.errors[0].message).toMatch(/2000 tokens/);
    // Under the token limit, the complexity limit refuses before any work: 40 aliased breakEven(steps: 1000).
    const forty = await gql(app, auth, `{ ${Array.from({ length: 40 }, (_, i) => be(`b${i}`, 1000)).join(' ')} }`);
    expect(forty.status).toBe(400);
    expect(forty.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const two = await gql(app, auth, `{ ${be('a', 1000)} ${be('b', 1000)} }`);
    expect(two.status).toBe(400);
    expect(two.body.errors[0].message).toMatch(/complexity \d+ exceeds the limit of 1000/);
    expect(await executions()).toBe(before);
    const one = await gql(app, auth, `{ ${be('a', 1000)} }`);
    expect(one.status).toBe(200);
    expect(one.body.data.a.series).toHaveLength(6);
    // The counter does move when an operation runs.
    expect(await executions()).toBe(before + 1);
  });

  it('one document, many variable values: the verdict follows the variables the cost depends on', async () => {
    const doc = `query($s: Int!, $t: Int!) { a: breakEven(input: ${W}, vary: INGEST, from: 1, to: 1000, steps: $s) { crossovers { at } } b: breakEven(input: ${W}, vary: INGEST, from: 1, to: 1000, steps: $t) { crossovers { at } } }`;
    const statuses = [];
    for (const [s, t] of [
      [10, 10],
      [1000, 1000],
      [10, 10],
      [10, 1000],
    ])
      statuses.push((await gql(app, auth, doc, { s, t })).status);
    expect(statuses).toEqual([200, 400, 200, 200]);
    // A variable the cost does not depend on (the workload) gets the verdict measured for the first value.
    const evaluate = 'query($i: WorkloadInput!) { evaluateWorkload(input: $i) { recommendation { option } } }';
    for (const ingest of [100, 200.5, 300.25])
      expect((await gql(app, auth, evaluate, { i: { ingestGbPerDay: ingest, avgRecordSizeKB: 1 } })).status).toBe(200);
    const bad = await gql(app, auth, evaluate, { i: { ingestGbPerDay: 'lots', avgRecordSizeKB: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('cost variables: those in directives and in the arguments of sized fields, nothing else', () => {
    const { schema } = app.get(GraphQLSchemaHost);
    expect(
      costVariables(
        parse('query($i: WorkloadInput!) { evaluateWorkload(input: $i) { recommendation { option } } }'),
        schema,
      ),
    ).toEqual([]);
    expect(
      costVariables(
        parse(
          'query($i: WorkloadInput!, $n: Int, $b: Boolean!, $ids: [ID!]!) { evaluateWorkload(input: $i) { options @include(if: $b) { option } } scenarios(first: $n) { edges { cursor } } compareScenarios(ids: $ids) { scenarios { id } } }',
        ),
        schema,
      ),
    ).toEqual(['b', 'ids', 'n']);
    // A list costed by its length only: its variable is kept as its length (#name), not its value.
    expect(
      costVariables(
        parse('query($w: [WorkloadInput!]!) { estimateWorkloads(inputs: $w) { summary { rows } } }'),
        schema,
      ),
    ).toEqual(['#w']);
  });

  it('cheap break-even fields are capped per operation: at most 10 expensive or writing fields', async () => {
    const eleven = await gql(app, auth, `{ ${Array.from({ length: 11 }, (_, i) => be(`b${i}`, 2)).join(' ')} }`);
    expect(eleven.status).toBe(400);
    expect(eleven.body.errors[0].message).toMatch(/11 expensive or writing fields.*limit is 10/);
    const mutations = await gql(
      app,
      auth,
      `mutation { ${Array.from({ length: 11 }, (_, i) => `m${i}: createScenario(input: { name: "m${i}", workload: ${W} }) { id }`).join(' ')} }`,
    );
    expect(mutations.status).toBe(400);
    const ten = await gql(app, auth, `{ ${Array.from({ length: 10 }, (_, i) => be(`b${i}`, 2)).join(' ')} }`);
    expect(ten.status).toBe(200);
  });

  it('the limit holds on the persisted-query path: the verdict follows the resolved operation, not the document', async () => {
    const query = `query($big: Boolean!) { ${be('a', 1000)} ${be('b', 1000, 'INGEST', 100000, '@include(if: $big)')} }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const send = (body: object) => request(app.getHttpServer()).post('/graphql').set('authorization', auth).send(body);
    const registered = await send({ query, variables: { big: false }, extensions });
    expect(registered.status).toBe(200);
    const hashOnly = await send({ variables: { big: true }, extensions });
    expect(hashOnly.status).toBe(400);
    expect(hashOnly.body.errors[0].message).toMatch(/complexity/);
  });

  it('rate-limit units: one per request plus one per expensive or writing field', async () => {
    const key = await bearer(app, `units-${Date.now().toString(36)}`, 'editor');
    const remaining = async (query: string) => Number((await gql(app, key, query)).headers['x-ratelimit-remaining']);
    const start = await remaining(
      '{ decisionRules { id } serviceInfo { name } rateCard(region: "us-east-1") { region } }',
    );
    const afterEvaluations = await remaining(
      `{ a: evaluateWorkload(input: ${W}) { recommendation { option } } b: evaluateWorkload(input: ${W}) { recommendation { option } } c: estimateCosts(input: ${W}) { totals { option } } }`,
    );
    expect(start - afterEvaluations).toBe(4);
    const rest = await request(app.getHttpServer())
      .post('/v1/evaluations')
      .set('authorization', key)
      .send({ workload: { ingestGbPerDay: 100, avgRecordSizeKB: 1 } });
    expect(afterEvaluations - Number(rest.headers['x-ratelimit-remaining'])).toBe(2);
  });
});

describe('team rate limit: minting keys does not multiply a budget', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10', TEAM_RATE_LIMIT_PER_MINUTE: '15' });
  });
  afterAll(async () => app.close());

  it('three keys of one team share 15 units a minute', async () => {
    const team = `team-${Date.now().toString(36)}`;
    const keys = [
      await bearer(app, team, 'viewer'),
      await bearer(app, team, 'viewer'),
      await bearer(app, team, 'viewer'),
    ];
    const statuses: number[] = [];
    for (let i = 0; i < 18; i++)
      statuses.push(
        (
          await request(app.getHttpServer())
            .get('/v1/decision-rules')
            .set('authorization', keys[i % 3])
        ).status,
      );
    expect(statuses.filter((s) => s === 200)).toHaveLength(15);
    expect(statuses.slice(15)).toEqual([429, 429, 429]);
    const other = await bearer(app, `${team}-other`, 'viewer');
    expect((await request(app.getHttpServer()).get('/v1/decision-rules').set('authorization', other)).status).toBe(200);
  });
});
