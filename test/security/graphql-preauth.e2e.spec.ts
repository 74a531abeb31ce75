/**
 * Issue 20: nothing costly before authentication, and limits linear in the document. An 877-byte anonymous
 * document of fragments that each spread the next one twice blocked the event loop for seconds (the depth check
 * expanded every fragment path, 2^n of them, before authentication). Each shape below is refused, with or without a
 * key, over every transport, in a bounded time that does not grow with the fan-out; before the fix each one took
 * seconds (or did not finish within the test's timeout).
 */
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getIntrospectionQuery, parse } from 'graphql';
import request from 'supertest';
import { documentShape } from '../../src/graphql-support/document-shape';
import { depthAndAliases, MAX_QUERY_FIELDS } from '../../src/graphql-support/query-limits.plugin';
import { PUBLIC_ROOT_FIELDS } from '../../src/auth/graphql-gate';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

/** Generous bounds: the old code took seconds on the smallest shape below; the new one takes milliseconds. */
const WALL_MS = 1000;
const CPU_MS = 500;

/** `levels` fragments, each spreading the next `width` times (width^levels paths), ending in `leaf`. */
function fanOut(opts: {
  levels: number;
  width?: number;
  on?: string;
  root?: (first: string) => string;
  leaf?: string;
  wrap?: (spreads: string) => string;
  prefix?: string;
}): string {
  const { levels, width = 2, on = 'Query', leaf = 'serviceInfo { name }', prefix = 'F' } = opts;
  const root = opts.root ?? ((first: string) => `{ ${first} }`);
  const wrap = opts.wrap ?? ((spreads: string) => spreads);
  let doc = `${root(`...${prefix}0`)} `;
  for (let i = 0; i < levels; i++)
    doc += `fragment ${prefix}${i} on ${on} { ${wrap(Array.from({ length: width }, () => `...${prefix}${i + 1}`).join(' '))} } `;
  return `${doc}fragment ${prefix}${levels} on ${on} { ${leaf} }`;
}

const SHAPES: Array<[string, string]> = [
  ['the reported shape: 20 fragments, each spreading the next twice, on a public field', fanOut({ levels: 20 })],
  ['22 levels, another field name and prefix', fanOut({ levels: 22, leaf: '__typename', prefix: 'Zz' })],
  ['width 3, 14 levels (4.8 million paths)', fanOut({ levels: 14, width: 3 })],
  [
    'through inline fragments as well as spreads',
    fanOut({ levels: 20, wrap: (spreads) => `... on Query { ${spreads} } __typename` }),
  ],
  ['with aliases at every level', fanOut({ levels: 20, wrap: (spreads) => `a: __typename ${spreads}` })],
  [
    'nested under a private field (evaluateWorkload), on a nested type',
    fanOut({
      levels: 21,
      on: 'Recommendation',
      leaf: 'option headline',
      root: (first) =>
        `{ evaluateWorkload(input: { ingestGbPerDay: 1, avgRecordSizeKB: 1 }) { recommendation { ${first} } } }`,
    }),
  ],
  [
    'under introspection, on __Type',
    fanOut({ levels: 21, on: '__Type', leaf: 'name kind', root: (first) => `{ __schema { types { ${first} } } }` }),
  ],
  [
    'a mutation, named, with variables',
    fanOut({
      levels: 20,
      on: 'Scenario',
      leaf: 'id name',
      root: (first) =>
        `mutation M($n: String!) { createScenario(input: { name: $n, workload: { ingestGbPerDay: 1, avgRecordSizeKB: 1 } }) { ${first} } }`,
    }),
  ],
];

describe('GraphQL: nothing costly before authentication, limits linear in the document (issue 20)', () => {
  let app: NestFastifyApplication;
  let key: string;
  beforeAll(async () => {
    app = await startTestApp(
      {
        ANONYMOUS_RATE_LIMIT_PER_MINUTE: '100000',
        RATE_LIMIT_PER_MINUTE: '100000',
        TEAM_RATE_LIMIT_PER_MINUTE: '100000',
      },
      { listen: true },
    );
    key = await bearer(app, `preauth-${Date.now().toString(36)}`, 'editor');
  });
  afterAll(async () => app.close());

  /** Runs `send`, returning its answer with the wall-clock and this process's CPU time it took (the app is in-process). */
  async function timed(send: () => Promise<request.Response>) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const res = await send();
    const used = process.cpuUsage(cpu);
    return { res, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
  }
  const post = (query: string, authorization?: string, variables?: object) => {
    const req = request(app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
    if (authorization) req.set('authorization', authorization);
    return req.send(JSON.stringify({ query, variables }));
  };
  const get = (query: string, authorization?: string) => {
    const req = request(app.getHttpServer())
      .get('/graphql')
      .query({ query })
      .set('apollo-require-preflight', 'true')
      .set('accept', 'application/json');
    if (authorization) req.set('authorization', authorization);
    return req;
  };

  it.each(SHAPES)('%s: anonymous POST, GET and with a key, refused in milliseconds', async (_name, query) => {
    expect(Buffer.byteLength(query)).toBeLessThan(2000);
    for (const [transport, send] of [
      ['anonymous POST', () => post(query, undefined, { n: 'x' })],
      ['anonymous GET', () => get(query)],
      ['POST with a key', () => post(query, key, { n: 'x' })],
    ] as const) {
      const { res, wallMs, cpuMs } = await timed(send);
      expect({ transport, status: res.status }).toEqual({ transport, status: expect.any(Number) });
      expect([400, 401, 405]).toContain(res.status);
      expect(res.body.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|UNAUTHENTICATED|BAD_REQUEST/);
      expect(wallMs).toBeLessThan(WALL_MS);
      expect(cpuMs).toBeLessThan(CPU_MS);
    }
  });

  it('an anonymous document asking for a field that needs a key is refused before validation (401, not a validation error)', async () => {
    // Invalid on purpose (an unknown sub-field): validation never runs for a caller without a key.
    const res = await post('{ evaluateWorkload { nope } }');
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors[0].message).toMatch(/API key is required for evaluateWorkload/);
    // With a key the same document is a validation error.
    expect((await post('{ evaluateWorkload { nope } }', key)).body.errors[0].extensions.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
  });

  it('every root field but the public ones needs a key, through fragments and inline fragments too', async () => {
    const schema = (await post('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }')).body
      .data.__schema;
    const roots: Array<[string, string]> = [
      ...schema.queryType.fields.map((f: { name: string }) => ['query', f.name] as [string, string]),
      ...schema.mutationType.fields.map((f: { name: string }) => ['mutation', f.name] as [string, string]),
    ];
    expect(roots.length).toBeGreaterThan(15);
    for (const [kind, field] of roots) {
      if (PUBLIC_ROOT_FIELDS.has(field)) continue;
      const type = kind === 'query' ? 'Query' : 'Mutation';
      for (const doc of [
        `${kind} { ${field} { __typename } }`,
        `${kind} { ... on ${type} { x: ${field} { __typename } } }`,
        `${kind} { ...R } fragment R on ${type} { ${field} { __typename } }`,
      ]) {
        const res = await post(doc);
        expect({ doc, status: res.status, code: res.body.errors?.[0]?.extensions?.code }).toEqual({
          doc,
          status: 401,
          code: 'UNAUTHENTICATED',
        });
      }
    }
    // The public ones answer without a key: serviceInfo, and GraphiQL's own introspection query.
    expect((await post('{ serviceInfo { name } }')).body.data.serviceInfo.name).toBe('streamfit');
    const introspection = await post(getIntrospectionQuery());
    expect(introspection.status).toBe(200);
    expect(introspection.body.errors).toBeUndefined();
  });

  it('other encodings and batches are refused as fast: application/graphql, a batched array, an oversized document', async () => {
    const query = fanOut({ levels: 22 });
    const graphqlBody = await timed(() =>
      request(app.getHttpServer()).post('/graphql').set('content-type', 'application/graphql').send(query),
    );
    expect(graphqlBody.res.status).toBeGreaterThanOrEqual(400);
    expect(graphqlBody.res.status).toBeLessThan(500);
    expect(graphqlBody.wallMs).toBeLessThan(WALL_MS);
    const batch = await timed(() =>
      request(app.getHttpServer())
        .post('/graphql')
        .set('content-type', 'application/json')
        .send(JSON.stringify([{ query }, { query }])),
    );
    expect(batch.res.status).toBe(400);
    expect(batch.wallMs).toBeLessThan(WALL_MS);
    // More than 2,000 tokens: refused while parsing.
    const long = await timed(() => post(`{ ${'__typename '.repeat(2500)} }`));
    expect(long.res.status).toBe(400);
    expect(long.res.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(long.wallMs).toBeLessThan(WALL_MS);
  });

  it('many copies of one field (quadratic to validate) are refused before validation', async () => {
    // 300 copies of `serviceInfo { name }` (600 fields): public, so an anonymous caller reaches the limits.
    const copies = `{ ${'serviceInfo { name } '.repeat(300)}}`;
    const { res, wallMs } = await timed(() => post(copies));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/selects 600 fields once its fragments are expanded; the limit is 400/);
    expect(wallMs).toBeLessThan(WALL_MS);
    // Within the limit it validates and runs.
    const within = await post(`{ ${'serviceInfo { name } '.repeat(MAX_QUERY_FIELDS / 2)}}`);
    expect(within.status).toBe(200);
  });

  it('limits: depth, aliases and fragments are each refused with their number', async () => {
    const aliases = await post(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: serviceInfo { name }`).join(' ')} }`);
    expect(aliases.status).toBe(400);
    expect(aliases.body.errors[0].message).toMatch(/31 aliased fields .* the limit is 30/);
    const fragments = await post(
      `{ ...F0 } ${Array.from({ length: 31 }, (_, i) => `fragment F${i} on Query { ${i < 30 ? `...F${i + 1}` : '__typename'} }`).join(' ')}`,
    );
    expect(fragments.status).toBe(400);
    expect(fragments.body.errors[0].message).toMatch(/defines 31 fragments; the limit is 30/);
    let deep = 'name';
    for (let i = 0; i < 16; i++) deep = `ofType { ${deep} }`;
    const depth = await post(`{ __type(name: "Query") { ${deep} } }`);
    expect(depth.status).toBe(400);
    expect(depth.body.errors[0].message).toMatch(/Query depth 18 exceeds the limit of 15/);
    const cycle = await post('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }');
    expect(cycle.status).toBe(400);
  });

  it('aliases multiply cost: each aliased database read counts DATABASE_COST', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const reads = (n: number, field: string, selection: string) =>
      `{ ${Array.from({ length: n }, (_, i) => `r${i}: ${field}(id: "${id}") { ${selection} }`).join(' ')} }`;
    // 20 aliased scenario reads: 20 × (1 + 50 + 1) = 1,040 points, over the limit (they cost 20 × 2 before).
    // scenarioVersions is also sized by its page (20 versions when `first` is not given): 20 × (1 + 50 + 20 × 1).
    for (const [field, selection, points] of [
      ['scenario', 'id', 1040],
      ['scenarioVersions', 'version', 1420],
    ] as const) {
      const many = await post(reads(20, field, selection), key);
      expect(many.status).toBe(400);
      expect(many.body.errors[0].message).toMatch(new RegExp(`Query complexity ${points} exceeds the limit of 1000`));
    }
    // Nineteen are within it: the operation runs (here: not found, which nulls the non-null root).
    const fewer = await post(reads(19, 'scenario', 'id'), key);
    expect(fewer.status).toBe(200);
    expect(fewer.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('the measure is linear: each fragment is measured once however many paths lead to it', () => {
    // 60 levels: 2^60 paths. The old walk would never end; this one is a few hundred steps.
    const doc = parse(fanOut({ levels: 60 }));
    const started = performance.now();
    const shape = documentShape(doc);
    // Depth and aliases are graphql-armor's rules': they too measure each fragment once.
    const { depth, aliases } = depthAndAliases(app.get(GraphQLSchemaHost).schema, doc);
    expect(performance.now() - started).toBeLessThan(50);
    expect(shape.fields).toBeGreaterThanOrEqual(1e9);
    expect(depth).toBe(2);
    expect(aliases).toBe(0);
    expect([...shape.rootFields]).toEqual(['serviceInfo']);
    expect(
      depthAndAliases(
        app.get(GraphQLSchemaHost).schema,
        parse(fanOut({ levels: 60, wrap: (spreads) => `a: __typename ${spreads}` })),
      ).aliases,
    ).toBeGreaterThanOrEqual(1e9);
  });
});
