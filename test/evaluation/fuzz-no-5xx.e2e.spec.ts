import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { WORKLOAD_JSON_SCHEMA } from '../../src/domain';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

const RUNS_PER_TRANSPORT = 10_000;
const SCENARIO_RUNS = 2_000;
/** 10,000 requests take about a minute on a shared 2-core machine; the test is about status codes, not speed. */
const FUZZ_TIMEOUT_MS = 300_000;
const fields = Object.keys(WORKLOAD_JSON_SCHEMA.properties);

/** Names every object inherits: never fields (issue 15: `toString` passed workload validation). */
const INHERITED_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
];
/** Extremes of IEEE doubles and of int32 (issue 15: 5e-324 KB records, rates near 1e308, versions beyond int32). */
const EXTREME_NUMBERS = [
  5e-324,
  -5e-324,
  Number.MIN_VALUE,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  1.7976931348623157e308,
  1e-300,
  1e300,
  -0,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53 + 1,
  Number.EPSILON,
];
/** Text with the characters that reached a 500 or a terminal: NUL, lone surrogates, ESC, BEL, CR/LF, bidi overrides. */
const NASTY_CHARS = [
  '\u0000',
  '\ud800',
  '\udfff',
  '\u001b[31m',
  '\u0007',
  '\r\n',
  '\u202e',
  '\u2066',
  '\u0085',
  '\u007f',
  '\t',
];
const nastyText = fc
  .tuple(fc.string({ maxLength: 12 }), fc.constantFrom(...NASTY_CHARS), fc.string({ maxLength: 12 }))
  .map(([a, bad, b]) => `${a}${bad}${b}`);
/** List cursors as this service writes them (base64url JSON [createdAt, id]) with forged, out-of-range contents. */
const forgedCursor = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(
        '+275760-09-13T00:00:00.000Z',
        '-271821-04-20T00:00:00.000Z',
        '0000-01-01T00:00:00Z',
        '99999-12-31',
        '2026-02-30T25:61:61Z',
        'NaN',
        '',
      ),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string({ maxLength: 30 }),
    ),
    fc.oneof(
      fc.uuid(),
      fc.string({ maxLength: 40 }),
      fc.constantFrom('00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF'),
    ),
  )
  .map((pair) => Buffer.from(JSON.stringify(pair)).toString('base64url'));

/** Values of every JSON kind, including the nasty ones (huge, tiny, negative, NaN-like strings, control characters, deep nesting). */
const anyValue = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1e308,
    -1e308,
    1e-320,
    '',
    'NaN',
    'Infinity',
    '__proto__',
    'us-east-1',
    [],
    {},
  ),
  fc.constantFrom(...EXTREME_NUMBERS),
  fc.constantFrom(...INHERITED_NAMES),
  nastyText,
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A workload that is wrong somewhere: random fields (known, unknown and inherited) with random values. */
const badWorkload = fc.oneof(
  fc.dictionary(fc.constantFrom(...fields, 'colour', ...INHERITED_NAMES), anyValue, { maxKeys: 8 }),
  fc.record({
    ingestGbPerDay: fc.constantFrom(...EXTREME_NUMBERS, 100),
    avgRecordSizeKB: fc.constantFrom(...EXTREME_NUMBERS, 1),
  }),
  fc.record({ avgRecordSizeKB: anyValue, ingestGbPerDay: anyValue, peakWriteMBps: anyValue }, { requiredKeys: [] }),
  anyValue,
);
const restBody = fc.oneof(
  fc.record(
    {
      workload: badWorkload,
      discountPercent: anyValue,
      rateOverrides: fc.oneof(
        anyValue,
        fc.dictionary(
          fc.oneof(
            fc.string({ maxLength: 30 }),
            fc.constantFrom(...INHERITED_NAMES, 'kds.provisioned.shardHour', 'msk.storage.gbMonth'),
          ),
          anyValue,
        ),
      ),
    },
    { requiredKeys: ['workload'] },
  ),
  fc.record({
    workload: fc.constant({ ingestGbPerDay: 100, avgRecordSizeKB: 1 }),
    rateOverrides: fc.dictionary(
      fc.constantFrom(
        'kds.provisioned.shardHour',
        'kds.onDemand.dataInGb',
        'msk.storage.gbMonth',
        'kds.provisioned.putPayloadUnit',
      ),
      fc.constantFrom(...EXTREME_NUMBERS),
    ),
  }),
  fc.record(
    {
      workload: badWorkload,
      vary: fc.oneof(anyValue, fc.constantFrom(...INHERITED_NAMES)),
      from: anyValue,
      to: anyValue,
      steps: anyValue,
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 4 }),
);
const rawText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '{"workload":', '[1,2', 'null', '"x"', '{"workload":{"avgRecordSizeKB":1e999999}}'),
);

/** GraphQL documents and variables that are malformed or out of bounds. */
const graphqlRequest = fc.oneof(
  badWorkload.map((input) => ({
    query: 'query($i: WorkloadInput!) { evaluateWorkload(input: $i) { recommendation { option } } }',
    variables: { i: input },
  })),
  badWorkload.map((input) => ({
    query:
      'query($i: WorkloadInput!) { breakEven(input: $i, vary: INGEST, from: -5, to: 1e12, steps: 100000) { crossovers { at } } }',
    variables: { i: input },
  })),
  fc.string({ maxLength: 120 }).map((query) => ({ query, variables: {} })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({
    query:
      '{ estimateCosts(input: {avgRecordSizeKB: 1, ingestGbPerDay: 1}, pricing: {discountPercent: 500}) { totals { option } } }',
    variables: v,
  })),
  fc.jsonValue({ maxDepth: 3 }),
);

describe('no 5xx for anything a caller sends (property-based fuzz)', () => {
  let app: NestFastifyApplication;
  let auth: string;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10000000', TEAM_RATE_LIMIT_PER_MINUTE: '100000000' });
    auth = await bearer(app, 'fuzz', 'editor');
  });
  afterAll(async () => app.close());

  const send = async (url: string, payload: string, contentType = 'application/json', accept = 'application/json') => {
    const res = await app.inject({
      method: 'POST',
      url,
      payload,
      headers: { authorization: auth, 'content-type': contentType, accept },
    });
    return res;
  };

  it(
    `REST: ${RUNS_PER_TRANSPORT} malformed payloads, never a 5xx`,
    async () => {
      const paths = ['/v1/evaluations', '/v1/estimates', '/v1/break-even'];
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...paths),
          fc.oneof(
            restBody.map((b) => JSON.stringify(b) ?? 'null'),
            rawText,
          ),
          fc.boolean(),
          async (path, payload, csv) => {
            sent++;
            const res = await send(
              path,
              payload,
              'application/json',
              csv && path === '/v1/estimates' ? 'text/csv' : 'application/json',
            );
            if (res.statusCode >= 500) throw new Error(`${path} answered ${res.statusCode} to ${payload}: ${res.body}`);
            // Never a non-finite cost: no "$Infinity/month" recommended, no Infinity or exponent in CSV numbers.
            if (res.statusCode === 200 && /Infinity|NaN/.test(res.body))
              throw new Error(`${path} answered a non-finite number to ${payload}: ${res.body.slice(0, 300)}`);
            if (
              res.statusCode === 200 &&
              csv &&
              path === '/v1/estimates' &&
              /(^|,)-?\d+(\.\d+)?e[+-]?\d+(,|\r)/m.test(res.body)
            )
              throw new Error(`CSV number in exponent form for ${payload}`);
            return res.statusCode === 200 || (res.statusCode >= 400 && res.statusCode < 500);
          },
        ),
        { numRuns: RUNS_PER_TRANSPORT, seed: 20261125 },
      );
      expect(sent).toBe(RUNS_PER_TRANSPORT);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    `GraphQL: ${RUNS_PER_TRANSPORT} malformed operations, never a 5xx nor INTERNAL_SERVER_ERROR`,
    async () => {
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(graphqlRequest, async (body) => {
          sent++;
          const res = await send('/graphql', JSON.stringify(body) ?? 'null');
          if (res.statusCode >= 500)
            throw new Error(`graphql answered ${res.statusCode} to ${JSON.stringify(body)}: ${res.body}`);
          if (res.body.includes('INTERNAL_SERVER_ERROR'))
            throw new Error(`internal error for ${JSON.stringify(body)}: ${res.body}`);
          return true;
        }),
        { numRuns: RUNS_PER_TRANSPORT, seed: 20261125 },
      );
      expect(sent).toBe(RUNS_PER_TRANSPORT);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    `scenarios: ${SCENARIO_RUNS} names, descriptions, tags, searches, cursors and versions with control characters, inherited names and extremes, never a 5xx`,
    async () => {
      const created = await app.inject({
        method: 'POST',
        url: '/v1/scenarios',
        payload: { name: 'fuzz target', workload: { ingestGbPerDay: 100, avgRecordSizeKB: 1 } },
        headers: { authorization: auth },
      });
      expect(created.statusCode).toBe(201);
      const id = (created.json() as { id: string }).id;
      const text = fc.oneof(nastyText, fc.string({ maxLength: 30 }), fc.constantFrom(...INHERITED_NAMES), anyValue);
      const scenarioBody = fc.record(
        {
          name: text,
          description: text,
          tags: fc.oneof(fc.array(text, { maxLength: 3 }), anyValue),
          workload: badWorkload,
          ...Object.fromEntries(INHERITED_NAMES.slice(2, 4).map((n) => [n, anyValue])),
        },
        { requiredKeys: [] },
      );
      const request = fc.oneof(
        scenarioBody.map((body) => ({ method: 'POST' as const, url: '/v1/scenarios', payload: body })),
        scenarioBody.map((body) => ({
          method: 'PATCH' as const,
          url: `/v1/scenarios/${id}`,
          payload: body,
          headers: { 'if-match': '"1"' },
        })),
        fc
          .tuple(
            fc.oneof(nastyText, fc.string({ maxLength: 20 })),
            forgedCursor,
            fc.oneof(
              fc.constantFrom('1', '0', '2147483647', '2147483648', '99999999999999999999', '-1'),
              fc.string({ maxLength: 6 }),
            ),
          )
          .map(([search, cursor, baseline]) => ({
            method: 'GET' as const,
            url: `/v1/scenarios?search=${encodeURIComponent(search.replace(/[\ud800-\udfff]/g, ''))}&cursor=${cursor}&baseline=${encodeURIComponent(baseline)}`,
          })),
        fc
          .oneof(fc.constantFrom('1', '2147483648', '99999999999999999999', '1e308', '-0'), fc.string({ maxLength: 8 }))
          .map((baseline) => ({
            method: 'GET' as const,
            url: `/v1/scenarios/${id}/estimate?baseline=${encodeURIComponent(baseline)}`,
          })),
        forgedCursor.map((cursor) => ({
          method: 'POST' as const,
          url: '/graphql',
          payload: { query: 'query($c: String) { scenarios(after: $c) { items { id } } }', variables: { c: cursor } },
        })),
        scenarioBody.map((input) => ({
          method: 'POST' as const,
          url: '/graphql',
          payload: {
            query: 'mutation($i: CreateScenarioInput!) { createScenario(input: $i) { id } }',
            variables: { i: input },
          },
        })),
      );
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(request, async (req) => {
          sent++;
          const res = await app.inject({
            ...req,
            headers: { authorization: auth, ...('headers' in req ? req.headers : {}) },
          } as Parameters<typeof app.inject>[0]);
          if (res.statusCode >= 500 || res.body.includes('INTERNAL_SERVER_ERROR'))
            throw new Error(
              `${req.method} ${req.url} answered ${res.statusCode} to ${JSON.stringify('payload' in req ? req.payload : '')}: ${res.body}`,
            );
          return true;
        }),
        { numRuns: SCENARIO_RUNS, seed: 20261129 },
      );
      expect(sent).toBe(SCENARIO_RUNS);
    },
    FUZZ_TIMEOUT_MS,
  );
});
