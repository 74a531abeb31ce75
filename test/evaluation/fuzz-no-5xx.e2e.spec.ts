import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { WORKLOAD_JSON_SCHEMA } from '../../src/domain';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

const RUNS_PER_TRANSPORT = 10_000;
/** 10,000 requests take about a minute on a shared 2-core machine; the test is about status codes, not speed. */
const FUZZ_TIMEOUT_MS = 300_000;
const fields = Object.keys(WORKLOAD_JSON_SCHEMA.properties);

/** Values of every JSON kind, including the nasty ones (huge, negative, NaN-like strings, deep nesting). */
const anyValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 1e-320, '', 'NaN', 'Infinity', '__proto__', 'us-east-1', [], {}),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A workload that is wrong somewhere: random fields (known and unknown) with random values. */
const badWorkload = fc.oneof(
  fc.dictionary(fc.constantFrom(...fields, 'colour', 'constructor', '__proto__'), anyValue, { maxKeys: 8 }),
  fc.record({ avgRecordSizeKB: anyValue, ingestGbPerDay: anyValue, peakWriteMBps: anyValue }, { requiredKeys: [] }),
  anyValue,
);
const restBody = fc.oneof(
  fc.record({ workload: badWorkload, discountPercent: anyValue, rateOverrides: fc.oneof(anyValue, fc.dictionary(fc.string({ maxLength: 30 }), anyValue)) }, { requiredKeys: ['workload'] }),
  fc.record({ workload: badWorkload, vary: anyValue, from: anyValue, to: anyValue, steps: anyValue }, { requiredKeys: [] }),
  fc.jsonValue({ maxDepth: 4 }),
);
const rawText = fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{', '{"workload":', '[1,2', 'null', '"x"', '{"workload":{"avgRecordSizeKB":1e999999}}'));

/** GraphQL documents and variables that are malformed or out of bounds. */
const graphqlRequest = fc.oneof(
  badWorkload.map((input) => ({ query: 'query($i: WorkloadInput!) { evaluateWorkload(input: $i) { recommendation { option } } }', variables: { i: input } })),
  badWorkload.map((input) => ({ query: 'query($i: WorkloadInput!) { breakEven(input: $i, vary: ingest, from: -5, to: 1e12, steps: 100000) { crossovers { at } } }', variables: { i: input } })),
  fc.string({ maxLength: 120 }).map((query) => ({ query, variables: {} })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ query: '{ estimateCosts(input: {avgRecordSizeKB: 1, ingestGbPerDay: 1}, pricing: {discountPercent: 500}) { totals { option } } }', variables: v })),
  fc.jsonValue({ maxDepth: 3 }),
);

describe('no 5xx for anything a caller sends (property-based fuzz)', () => {
  let app: NestFastifyApplication;
  let auth: string;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10000000' });
    auth = await bearer(app, 'fuzz', 'editor');
  });
  afterAll(async () => app.close());

  const send = async (url: string, payload: string, contentType = 'application/json') => {
    const res = await app.inject({ method: 'POST', url, payload, headers: { authorization: auth, 'content-type': contentType } });
    return res;
  };

  it(`REST: ${RUNS_PER_TRANSPORT} malformed payloads, never a 5xx`, async () => {
    const paths = ['/v1/evaluations', '/v1/estimates', '/v1/break-even'];
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.oneof(restBody.map((b) => JSON.stringify(b) ?? 'null'), rawText), async (path, payload) => {
        sent++;
        const res = await send(path, payload);
        if (res.statusCode >= 500) throw new Error(`${path} answered ${res.statusCode} to ${payload}: ${res.body}`);
        return res.statusCode === 200 || (res.statusCode >= 400 && res.statusCode < 500);
      }),
      { numRuns: RUNS_PER_TRANSPORT, seed: 20261125 },
    );
    expect(sent).toBe(RUNS_PER_TRANSPORT);
  }, FUZZ_TIMEOUT_MS);

  it(`GraphQL: ${RUNS_PER_TRANSPORT} malformed operations, never a 5xx nor INTERNAL_SERVER_ERROR`, async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(graphqlRequest, async (body) => {
        sent++;
        const res = await send('/graphql', JSON.stringify(body) ?? 'null');
        if (res.statusCode >= 500) throw new Error(`graphql answered ${res.statusCode} to ${JSON.stringify(body)}: ${res.body}`);
        if (res.body.includes('INTERNAL_SERVER_ERROR')) throw new Error(`internal error for ${JSON.stringify(body)}: ${res.body}`);
        return true;
      }),
      { numRuns: RUNS_PER_TRANSPORT, seed: 20261125 },
    );
    expect(sent).toBe(RUNS_PER_TRANSPORT);
  }, FUZZ_TIMEOUT_MS);
});
