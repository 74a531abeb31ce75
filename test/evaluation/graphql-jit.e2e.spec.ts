/**
 * GraphQL queries run compiled (graphql-jit, GRAPHQL_JIT=true, the default) and answer exactly what graphql-js
 * answers (GRAPHQL_JIT=false): the same bytes for successful queries, the same errors for failing ones (field errors
 * of a compiled run are written by the jit plugin as Apollo writes them).
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { gql, OPTION_FIELDS, RATE_CARD_REF_FIELDS } from '../support/graphql';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

const FULL = `query Full($input: WorkloadInput!, $pricing: PricingInput) { evaluateWorkload(input: $input, pricing: $pricing) {
  workload { region ingestGbPerDay avgWriteMBps peakWriteMBps peakFactor sharedConsumers latencyTargetMs partitions mskBrokerFamily totalConsumers }
  basis { currency hoursPerMonth peakFactors { STEADY VARIABLE UNPREDICTABLE } }
  recommendation { option service headline reasons monthlyCostUsd }
  decisionTrace { ruleId question answer fired outcome source }
  options { ${OPTION_FIELDS} }
  rateCard { ${RATE_CARD_REF_FIELDS} }
  warnings { code message } } }`;
const PORTAL = `query Evaluate($input: WorkloadInput!) { evaluateWorkload(input: $input) {
  recommendation { option headline reasons monthlyCostUsd }
  options { option label eligible rank monthlyCostUsd disqualifiedBy { code message } }
  rateCard { id source publicationDate stale } warnings { code message } } }`;

const operations: Array<{ query: string; variables?: Record<string, unknown>; operationName?: string }> = [
  { query: PORTAL, variables: { input: { ingestGbPerDay: 100, avgRecordSizeKB: 1, sharedConsumers: 2 } } },
  {
    query: FULL,
    variables: {
      input: {
        avgWriteMBps: 40,
        avgRecordSizeKB: 300,
        dedicatedConsumers: 3,
        trafficPattern: 'UNPREDICTABLE',
        existingKafkaClients: true,
      },
      pricing: { discountPercent: 12, rateOverrides: [{ key: 'kds.provisioned.shardHour', usdPerUnit: 0.02 }] },
    },
  },
  {
    query: FULL,
    variables: { input: { ingestGbPerDay: 90000, avgRecordSizeKB: 2000, retentionHours: 9000, latencyTargetMs: 5 } },
  },
  { query: `{ decisionRules { id kind effect question thresholds { name value unit } appliesTo sourceUrl } }` },
  {
    query: `query A { decisionRules { id } } query B { estimateCosts(input: { ingestGbPerDay: 5, avgRecordSizeKB: 1 }) { totals { option monthlyCostUsd } } }`,
    operationName: 'B',
  },
  { query: `{ __schema { queryType { name } types { name kind } } }` },
  // Errors: a domain validation error, a variable of the wrong type, an unknown field (validation, before execution).
  { query: PORTAL, variables: { input: { ingestGbPerDay: -1, avgRecordSizeKB: 0 } } },
  { query: PORTAL, variables: { input: { ingestGbPerDay: 'lots', avgRecordSizeKB: 1 } } },
  { query: `{ decisionRules { nope } }` },
];

describe('GraphQL through graphql-jit', () => {
  let jit: NestFastifyApplication;
  let plain: NestFastifyApplication;
  let jitKey: string;
  let plainKey: string;
  beforeAll(async () => {
    [jit, plain] = await Promise.all([startTestApp(), startTestApp({ GRAPHQL_JIT: 'false' })]);
    [jitKey, plainKey] = await Promise.all([bearer(jit, 'portal', 'viewer'), bearer(plain, 'portal', 'viewer')]);
  });
  afterAll(async () => Promise.all([jit.close(), plain.close()]));

  const post = (app: NestFastifyApplication, auth: string, body: object) =>
    request(app.getHttpServer())
      .post('/graphql')
      .set('authorization', auth)
      .set('content-type', 'application/json')
      .send(body);

  it.each(operations.map((op, i) => [i, op] as const))(
    'operation %i answers the same status and bytes with and without the compiler',
    async (_i, op) => {
      // An operation is compiled the second time it is seen: the first request (to both apps alike) warms up.
      await Promise.all([post(jit, jitKey, op), post(plain, plainKey, op)]);
      const [a, b] = await Promise.all([post(jit, jitKey, op), post(plain, plainKey, op)]);
      expect(a.status).toBe(b.status);
      expect(a.text).toBe(b.text);
    },
  );

  const executions = async (app: NestFastifyApplication) => {
    const text = (await request(app.getHttpServer()).get('/metrics')).text;
    const of = (executor: string) =>
      Number(new RegExp(`streamfit_graphql_executions_total\\{executor="${executor}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    return { jit: of('jit'), fallback: of('graphql-js') };
  };

  it('answers queries from the compiled executor, field errors included; variables that do not coerce go to graphql-js', async () => {
    const before = await executions(jit);
    const ok = await gql(jit, jitKey, PORTAL, {
      input: { ingestGbPerDay: 101, avgRecordSizeKB: 1, sharedConsumers: 2 },
    });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.evaluateWorkload.options).toHaveLength(6);
    // A field error (issue 20): answered by the compiled run itself, so its resolvers ran once.
    const bad = await gql(jit, jitKey, PORTAL, { input: { ingestGbPerDay: -1, avgRecordSizeKB: 1 } });
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    // Variables of the wrong type: nothing ran; graphql-js writes the 400.
    const coerce = await gql(jit, jitKey, PORTAL, { input: { ingestGbPerDay: 'lots', avgRecordSizeKB: 1 } });
    expect(coerce.status).toBe(400);
    const after = await executions(jit);
    expect(after.jit - before.jit).toBe(2);
    expect(after.fallback - before.fallback).toBe(1);
    expect((await executions(plain)).jit).toBe(0);
  });
});
