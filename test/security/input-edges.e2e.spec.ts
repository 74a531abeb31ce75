import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { keyJson, MAX_JSON_DEPTH } from '../../src/common/json-input';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

/**
 * Input edge cases everywhere a workload or an extra object is accepted: REST bodies (POST and PATCH, both JSON
 * media types), deliverTo items, GraphQL variables.
 */
const W = { ingestGbPerDay: 100, avgRecordSizeKB: 1 };
const PROTO_NAMES = [
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
  'prototype',
];

describe('input edge cases', () => {
  let app: NestFastifyApplication;
  let auth: string;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000', TEAM_RATE_LIMIT_PER_MINUTE: '100000' });
    auth = await bearer(app, 'input-edges', 'editor');
  });
  afterAll(async () => app.close());

  type Method = 'POST' | 'PATCH' | 'GET';
  const send = (method: Method, url: string, json?: string, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      payload: json,
      headers: { authorization: auth, 'content-type': 'application/json', ...headers },
    });
  const graphql = (query: string, variables: string) =>
    send('POST', '/graphql', `{"query":${JSON.stringify(query)},"variables":${variables}}`);
  const fieldsOf = (res: { json: () => { fields?: { field: string }[] } }) =>
    (res.json().fields ?? []).map((f) => f.field);
  const newScenario = async () => {
    const res = await send('POST', '/v1/scenarios', JSON.stringify({ name: 'edges', workload: W }));
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const versionOf = async (id: string) => (await send('GET', `/v1/scenarios/${id}`)).json().version as number;

  describe('prototype names are unknown fields', () => {
    it.each(PROTO_NAMES)('PATCH with %s anywhere is a 400 naming it, and saves no version', async (name) => {
      const id = await newScenario();
      const patches: [string, string][] = [
        [`{"${name}":1}`, name],
        [`{"workload":{"${name}":1}}`, `workload.${name}`],
        [`{"workload":{"ingestGbPerDay":120,"${name}":{"x":1}}}`, `workload.${name}`],
        [`{"workload":{"deliverTo":[{"sink":"S3","${name}":true}]}}`, `workload.deliverTo[0].${name}`],
        [`{"volumeRange":{"low":0.5,"${name}":2}}`, `volumeRange.${name}`],
      ];
      for (const [json, field] of patches)
        for (const type of ['application/json', 'application/merge-patch+json']) {
          const res = await send('PATCH', `/v1/scenarios/${id}`, json, { 'if-match': '"1"', 'content-type': type });
          expect({ json, status: res.statusCode }).toEqual({ json, status: 400 });
          expect(fieldsOf(res)).toContain(field);
        }
      expect(await versionOf(id)).toBe(1);
    });

    it.each(PROTO_NAMES)('POST bodies with %s in a workload or deliverTo item are a 400', async (name) => {
      const bodies: [string, string, string][] = [
        [
          '/v1/scenarios',
          `{"name":"x","workload":{"ingestGbPerDay":1,"avgRecordSizeKB":1,"${name}":1}}`,
          `workload.${name}`,
        ],
        [
          '/v1/scenarios',
          `{"name":"x","workload":{"ingestGbPerDay":1,"avgRecordSizeKB":1,"deliverTo":["S3",{"sink":"HTTP","${name}":1}]}}`,
          `workload.deliverTo[1].${name}`,
        ],
        [
          '/v1/evaluations',
          `{"workload":{"ingestGbPerDay":1,"avgRecordSizeKB":1,"deliverTo":[{"sink":"S3","${name}":1}]}}`,
          `workload.deliverTo[0].${name}`,
        ],
        ['/v1/estimates', `{"workload":{"ingestGbPerDay":1,"avgRecordSizeKB":1,"${name}":1}}`, `workload.${name}`],
      ];
      for (const [url, json, field] of bodies) {
        const res = await send('POST', url, json);
        expect({ url, json, status: res.statusCode }).toEqual({ url, json, status: 400 });
        expect(fieldsOf(res)).toContain(field);
      }
    });

    it('__proto__ anywhere is a 400, never merged', async () => {
      const id = await newScenario();
      for (const json of ['{"__proto__":{"name":"x"}}', '{"workload":{"__proto__":{"ingestGbPerDay":5}}}']) {
        const res = await send('PATCH', `/v1/scenarios/${id}`, json, { 'if-match': '"1"' });
        expect(res.statusCode).toBe(400);
      }
      expect(await versionOf(id)).toBe(1);
    });

    it.each(['constructor', 'toString', 'hasOwnProperty'])(
      'GraphQL: %s in an input object is refused',
      async (name) => {
        const id = await newScenario();
        const res = await graphql(
          'mutation($id: ID!, $p: ScenarioPatchInput!) { updateScenario(id: $id, expectedVersion: 1, patch: $p) { version } }',
          `{"id":"${id}","p":{"workload":{"${name}":1}}}`,
        );
        expect(res.json().errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(await versionOf(id)).toBe(1);
      },
    );
  });

  describe('NUL and lone surrogates are a 400', () => {
    const BAD = ['\\u0000', '\\ud800', '\\udfff', 'a\\ud83d', '\\ude00z', 'x\\u0000y'];
    it.each(BAD)('%s in any string of a body', async (bad) => {
      const id = await newScenario();
      const cases: [Method, string, string][] = [
        ['POST', '/v1/evaluations', `{"workload":{"ingestGbPerDay":1,"avgRecordSizeKB":1,"region":"us-east-1${bad}"}}`],
        [
          'POST',
          '/v1/evaluations',
          `{"workload":{"ingestGbPerDay":1,"avgRecordSizeKB":1,"trafficPattern":"STEADY${bad}"}}`,
        ],
        ['POST', '/v1/estimates', `{"workload":{"ingestGbPerDay":1,"avgRecordSizeKB":1,"deliverTo":["S3${bad}"]}}`],
        [
          'POST',
          '/v1/evaluations',
          `{"workload":{"ingestGbPerDay":1,"avgRecordSizeKB":1,"deliverTo":[{"sink":"S3","x${bad}":1}]}}`,
        ],
        [
          'POST',
          '/v1/scenarios',
          `{"name":"n","tags":["t${bad}"],"workload":{"ingestGbPerDay":1,"avgRecordSizeKB":1}}`,
        ],
        ['POST', '/v1/scenarios', `{"name":"n","workload":{"ingestGbPerDay":1,"avgRecordSizeKB":1,"k${bad}":1}}`],
        ['PATCH', `/v1/scenarios/${id}`, `{"workload":{"region":"eu-west-1${bad}"}}`],
        ['PATCH', `/v1/scenarios/${id}`, `{"description":"d${bad}"}`],
        ['POST', '/v1/scenarios/compare', `{"ids":["${id}","${id}${bad}"]}`],
        ['POST', '/v1/api-keys', `{"role":"viewer","name":"k${bad}"}`],
      ];
      for (const [method, url, json] of cases) {
        const res = await send(method, url, json, { 'if-match': '"1"' });
        expect({ url, json, status: res.statusCode }).toEqual({
          url,
          json,
          status: res.statusCode === 403 ? 403 : 400,
        });
      }
      expect(await versionOf(id)).toBe(1);
    });

    it.each(['%00', 'a%00b', '%ED%A0%80', '%C0%80'])('%s in a path id or a query is never a 500', async (bad) => {
      for (const url of [`/v1/scenarios/${bad}`, `/v1/scenarios/${bad}/versions`, `/v1/scenarios?search=${bad}`]) {
        const res = await send('GET', url);
        // A NUL is refused; invalid UTF-8 decodes to U+FFFD (valid text): a 4xx for an id, at most an empty search.
        expect(res.statusCode).toBeLessThan(500);
        if (bad.includes('%00') || !url.includes('search')) expect(res.statusCode).toBeGreaterThanOrEqual(400);
      }
    });

    it.each(BAD)('%s in GraphQL variables and arguments', async (bad) => {
      const ev = await graphql(
        'query($w: WorkloadInput!) { evaluateWorkload(input: $w) { recommendation { option } } }',
        `{"w":{"ingestGbPerDay":1,"avgRecordSizeKB":1,"region":"us-east-1${bad}"}}`,
      );
      expect(ev.json().errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const sc = await graphql('query($id: ID!) { scenario(id: $id) { id } }', `{"id":"abc${bad}"}`);
      expect(sc.json().errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|NOT_FOUND/);
      const search = await graphql('query($s: String) { scenarios(search: $s) { items { id } } }', `{"s":"a${bad}"}`);
      expect(search.json().errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      // In the query text itself (an argument literal, GraphQL's own escape): refused, never stored nor a 500.
      const lit = await graphql(`{ scenario(id: "abc${bad}") { id } }`, '{}');
      expect(lit.statusCode).toBeLessThan(500);
      if (lit.statusCode !== 400) expect(lit.json().errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|NOT_FOUND/);
    });
  });

  describe(`JSON nested deeper than ${MAX_JSON_DEPTH} levels is a 400 on every route`, () => {
    const nest = (depth: number, open: string, close: string, inner = '1') =>
      open.repeat(depth) + inner + close.repeat(depth);
    const shapes: [string, (d: number) => string][] = [
      ['arrays', (d) => nest(d, '[', ']')],
      ['objects', (d) => nest(d, '{"a":', '}')],
      ['mixed', (d) => nest(Math.ceil(d / 2), '[{"x":', '}]')],
    ];
    it.each(shapes)('%s, past the limit and far past it', async (_label, deep) => {
      const id = await newScenario();
      for (const depth of [MAX_JSON_DEPTH + 1, 1000, 5000]) {
        const v = deep(depth);
        const routes: [Method, string, string, Record<string, string>?][] = [
          ['POST', '/v1/evaluations', `{"workload":${JSON.stringify(W)},"x":${v}}`],
          ['POST', '/v1/estimates', `{"workload":{"ingestGbPerDay":1,"avgRecordSizeKB":1,"deliverTo":${v}}}`],
          ['POST', '/v1/break-even', `{"workload":${JSON.stringify(W)},"vary":${v}}`],
          ['POST', '/v1/scenarios', `{"name":"x","workload":{"x":${v}}}`],
          ['PATCH', `/v1/scenarios/${id}`, `{"workload":{"x":${v}}}`, { 'if-match': '"1"' }],
          [
            'PATCH',
            `/v1/scenarios/${id}`,
            `{"tags":${v}}`,
            { 'if-match': '"1"', 'content-type': 'application/merge-patch+json' },
          ],
          ['POST', '/v1/scenarios/compare', `{"ids":${v}}`],
          ['POST', '/v1/api-keys', `{"role":${v}}`],
          ['POST', '/graphql', `{"query":"{ decisionRules { id } }","variables":{"z":${v}}}`],
          ['POST', '/graphql', `{"query":"{ decisionRules { id } }","extensions":${v}}`],
        ];
        for (const [method, url, json, headers] of routes) {
          const res = await send(method, url, json, headers);
          expect({ url, depth, status: res.statusCode }).toEqual({ url, depth, status: 400 });
          expect(res.json().message).toMatch(/nested deeper than/);
        }
      }
      expect(await versionOf(id)).toBe(1);
    });

    it('nesting at the limit, and brackets inside strings, are fine', async () => {
      const atLimit = nest(MAX_JSON_DEPTH - 1, '[', ']');
      const res = await send('POST', '/v1/evaluations', `{"workload":${JSON.stringify(W)},"x":${atLimit}}`);
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toContain('x'); // refused as an unknown field, not for its depth
      const name = '[[[[{{{{'.repeat(10) + '\\"]]]]';
      const ok = await send('POST', '/v1/scenarios', `{"name":"${name}","workload":${JSON.stringify(W)}}`);
      expect(ok.statusCode).toBe(201);
    });
  });

  describe('±Infinity never shares a cache entry with null', () => {
    it.each([
      ['retentionHours', '/v1/evaluations', '1e999'],
      ['retentionHours', '/v1/estimates', '-1e999'],
      ['peakWriteMBps', '/v1/evaluations', '1e400'],
      ['latencyTargetMs', '/v1/estimates', '-1E+999'],
    ])('%s on %s: null is answered (and cached), %s still a 400', async (field, url, infinite) => {
      const withNull = `{"workload":{"ingestGbPerDay":3,"avgRecordSizeKB":2,"${field}":null}}`;
      for (let i = 0; i < 3; i++) expect((await send('POST', url, withNull)).statusCode).toBe(200);
      const res = await send('POST', url, withNull.replace('null', infinite));
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toContain(`workload.${field}`);
    });

    it('cache keys tell non-finite numbers, null and strings apart', () => {
      const values = [null, Infinity, -Infinity, NaN, 'Infinity', '-Infinity', 'NaN', 0, 'null'];
      const keys = values.map((v) => keyJson({ a: [v], b: { c: v } }));
      expect(new Set(keys).size).toBe(values.length);
      expect(keyJson({ a: 1, b: [1.5, 'x'] })).toBe(JSON.stringify({ a: 1, b: [1.5, 'x'] }));
    });
  });

  describe('valid workloads near the documented bounds are not refused for a field never sent', () => {
    const nearBounds: [string, Record<string, unknown>][] = [
      ['ingestGbPerDay at 90 % of its bound', { ingestGbPerDay: 900000, avgRecordSizeKB: 1 }],
      ['ingestGbPerDay at its bound', { ingestGbPerDay: 1000000, avgRecordSizeKB: 64 }],
      ['avgWriteMBps at 85 %', { avgWriteMBps: 85000, avgRecordSizeKB: 512 }],
      ['peakWriteMBps near its bound', { avgWriteMBps: 40000, peakWriteMBps: 99000, avgRecordSizeKB: 100 }],
      [
        'a day profile near its bound',
        { hourlyWriteMBps: Array.from({ length: 24 }, (_, h) => (h === 12 ? 95000 : 100)), avgRecordSizeKB: 10 },
      ],
    ];
    it.each(nearBounds)(
      '%s: 200 over REST (evaluation and estimate), the study clipped and noted',
      async (_label, workload) => {
        for (const url of ['/v1/evaluations', '/v1/estimates']) {
          for (const body of [{ workload }, { workload, volumeRange: { low: 0.5 } }]) {
            const res = await send('POST', url, JSON.stringify(body));
            expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
            const answer = res.json();
            expect(answer.volumeRange.high).toBeGreaterThanOrEqual(1);
            expect(answer.volumeRange.high).toBeLessThan(1.25);
            expect(answer.warnings.map((w: { code: string }) => w.code)).toContain('VOLUME_RANGE_CLIPPED');
          }
        }
      },
    );

    it.each(nearBounds)('%s: answered over GraphQL too', async (_label, workload) => {
      const res = await graphql(
        'query($w: WorkloadInput!) { evaluateWorkload(input: $w) { warnings { code } recommendation { robustness { volumeRange { high } } } } }',
        JSON.stringify({ w: workload }),
      );
      expect(res.json().errors).toBeUndefined();
      const answer = res.json().data.evaluateWorkload;
      expect(answer.warnings.map((w: { code: string }) => w.code)).toContain('VOLUME_RANGE_CLIPPED');
      expect(answer.recommendation.robustness.volumeRange.high).toBeLessThan(1.25);
    });

    it('a high the caller sent is still refused when it passes the bounds, naming volumeRange.high', async () => {
      const res = await send(
        'POST',
        '/v1/evaluations',
        JSON.stringify({ workload: { ingestGbPerDay: 900000, avgRecordSizeKB: 1 }, volumeRange: { high: 2 } }),
      );
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toEqual(['volumeRange.high']);
    });

    it('a workload well within the bounds keeps the default range, with no note', async () => {
      const res = await send('POST', '/v1/evaluations', JSON.stringify({ workload: W }));
      expect(res.json().volumeRange).toEqual({ low: 0.8, high: 1.25 });
      expect(res.json().warnings.map((w: { code: string }) => w.code)).not.toContain('VOLUME_RANGE_CLIPPED');
    });
  });
});
