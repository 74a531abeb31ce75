import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { AuthService } from '../../src/auth/auth.service';
import { WORKLOAD_JSON_SCHEMA } from '../../src/domain';
import { MAX_QUERY_DEPTH } from '../../src/graphql-support/query-limits.plugin';
import { gql } from '../support/graphql';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

describe('validation, API keys and limits', () => {
  let app: NestFastifyApplication;
  let viewer: string;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '40', BODY_LIMIT_BYTES: '4096' });
    viewer = await bearer(app, 'portal', 'viewer');
  });
  afterAll(async () => app.close());
  const post = (path: string, body: unknown, auth: string | null = viewer) => {
    const req = request(app.getHttpServer()).post(path);
    if (auth) req.set('authorization', auth);
    return req.send(body as object);
  };

  it('lists every bad field with a message a person understands (REST 400)', async () => {
    const res = await post('/v1/evaluations', {
      workload: {
        ingestGbPerDay: -1,
        avgRecordSizeKB: 0,
        retentionHours: 100000,
        trafficPattern: 'SPIKY',
        sharedConsumers: 1.5,
        colour: 'red',
      },
      discountPercent: 150,
      extra: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const messages = Object.fromEntries(
      res.body.fields.map((f: { field: string; message: string }) => [f.field, f.message]),
    );
    expect(messages).toMatchObject({
      extra: 'extra is not a known field',
      'workload.avgRecordSizeKB': 'avgRecordSizeKB must be greater than 0',
      'workload.ingestGbPerDay': 'ingestGbPerDay must be greater than or equal to 0',
      'workload.retentionHours': 'retentionHours must be less than or equal to 87600',
      'workload.trafficPattern': 'trafficPattern must be one of STEADY, VARIABLE, UNPREDICTABLE',
      'workload.sharedConsumers': 'sharedConsumers must be an integer',
      'workload.colour': 'colour is not a known workload field',
      discountPercent: 'discountPercent must be a number between 0 and 100',
    });
    expect(res.body.requestId).toBeTruthy();
  });

  it('rejects both or neither of ingestGbPerDay / avgWriteMBps, and unknown rate keys', async () => {
    const both = await post('/v1/estimates', { workload: { ingestGbPerDay: 1, avgWriteMBps: 1, avgRecordSizeKB: 1 } });
    expect(both.status).toBe(400);
    expect(both.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'workload.avgWriteMBps',
      'workload.ingestGbPerDay',
    ]);
    const rate = await post('/v1/estimates', {
      workload: { ingestGbPerDay: 1, avgRecordSizeKB: 1 },
      rateOverrides: { 'kds.nope': 1 },
    });
    expect(rate.status).toBe(400);
    expect(rate.body.fields).toEqual([
      { field: 'rateOverrides.kds.nope', message: 'kds.nope is not a known rate key' },
    ]);
  });

  it('GraphQL answers bad input with BAD_USER_INPUT and the same field list', async () => {
    const res = await gql(
      app,
      viewer,
      '{ evaluateWorkload(input: { avgRecordSizeKB: -2, ingestGbPerDay: 5, retentionHours: 0 }) { recommendation { option } } }',
    );
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].extensions.fields).toEqual(
      expect.arrayContaining([
        { field: 'input.avgRecordSizeKB', message: 'avgRecordSizeKB must be greater than 0' },
        { field: 'input.retentionHours', message: 'retentionHours must be greater than or equal to 1' },
      ]),
    );
    const unknown = await gql(
      app,
      viewer,
      '{ evaluateWorkload(input: { avgRecordSizeKB: 1, ingestGbPerDay: 5, colour: "red" }) { recommendation { option } } }',
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('GraphQL WorkloadInput has exactly the fields of the workload schema', async () => {
    const res = await gql(app, viewer, '{ __type(name: "WorkloadInput") { inputFields { name } } }');
    expect(res.body.data.__type.inputFields.map((f: { name: string }) => f.name).sort()).toEqual(
      Object.keys(WORKLOAD_JSON_SCHEMA.properties).sort(),
    );
  });

  it('limits the body size (413) and the content type (415), with the one error shape', async () => {
    const big = await post('/v1/evaluations', {
      workload: { ingestGbPerDay: 1, avgRecordSizeKB: 1 },
      pad: 'x'.repeat(5000),
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', requestId: expect.any(String) });
    const text = await request(app.getHttpServer())
      .post('/v1/evaluations')
      .set('authorization', viewer)
      .set('content-type', 'text/plain')
      .send('hello');
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('needs a valid API key: 401 without, malformed, unknown or revoked', async () => {
    const body = { workload: { ingestGbPerDay: 1, avgRecordSizeKB: 1 } };
    expect((await post('/v1/evaluations', body, null)).status).toBe(401);
    expect((await post('/v1/evaluations', body, 'Bearer not-a-key')).status).toBe(401);
    expect(
      (await post('/v1/evaluations', body, 'Bearer sf_0123456789_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status,
    ).toBe(401);
    const auth = app.get(AuthService);
    const created = await auth.createKey({ team: 'portal', role: 'viewer' });
    expect((await post('/v1/evaluations', body, `Bearer ${created.key}`)).status).toBe(200);
    await auth.revokeKey(created.prefix);
    const revoked = await post('/v1/evaluations', body, `Bearer ${created.key}`);
    expect(revoked.status).toBe(401);
    expect(revoked.body).toMatchObject({ code: 'UNAUTHENTICATED', requestId: expect.any(String) });
    const graph = await gql(app, undefined, '{ decisionRules { id } }');
    expect(graph.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('GraphQL rateCard lists every rate with provenance; refreshRateCard needs the admin role', async () => {
    const card = await gql(
      app,
      viewer,
      '{ rateCard(region: "us-east-1") { id source stale rates { key usdPerUnit unit usageType sku rateCode effectiveDate source } } }',
    );
    expect(card.body.errors).toBeUndefined();
    const rest = await request(app.getHttpServer()).get('/v1/rate-cards/us-east-1').set('authorization', viewer);
    expect(card.body.data.rateCard.id).toBe(rest.body.id);
    expect(card.body.data.rateCard.rates.map((r: { key: string }) => r.key)).toEqual(
      rest.body.rates.map((r: { key: string }) => r.key),
    );
    const refresh = await gql(app, viewer, 'mutation { refreshRateCard(region: "us-east-1") { outcome } }');
    expect(refresh.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const unknown = await gql(app, viewer, '{ rateCard(region: "zz-nowhere-1") { id } }');
    expect(unknown.body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', domainCode: 'UNKNOWN_REGION' });
  });

  it('rate-limits per key in Redis: 429 with Retry-After once the minute is used up', async () => {
    const key = await bearer(app, 'portal', 'viewer');
    // The limit counts per fixed minute: start well inside one, so the burst below never straddles two.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 55_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
    const statuses: number[] = [];
    let limited: request.Response | undefined;
    for (let i = 0; i < 45; i++) {
      const res = await request(app.getHttpServer()).get('/v1/decision-rules').set('authorization', key);
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    expect(limited!.body.code).toBe('RATE_LIMITED');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited!.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another key is unaffected.
    expect(
      (
        await request(app.getHttpServer())
          .get('/v1/decision-rules')
          .set('authorization', await bearer(app, 'portal', 'viewer'))
      ).status,
    ).toBe(200);
  });

  it('limits GraphQL query depth and complexity', async () => {
    let selection = 'name';
    for (let i = 0; i < MAX_QUERY_DEPTH + 2; i++) selection = `ofType { ${selection} }`;
    const deep = await gql(app, viewer, `{ __type(name: "Evaluation") { ${selection} } }`);
    expect(deep.body.errors[0].message).toMatch(/Query depth \d+ exceeds the limit of 15/);
    expect(deep.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    // GraphiQL's own introspection query stays within the limits.
    const { getIntrospectionQuery } = await import('graphql');
    const introspection = await gql(app, viewer, getIntrospectionQuery());
    expect(introspection.body.errors).toBeUndefined();
    const aliases = Array.from({ length: 90 }, (_, i) => `a${i}: decisionRules { ...R }`).join(' ');
    const fragment =
      'fragment R on DecisionRule { id kind effect question outcome source sourceUrl confidence appliesTo thresholds { name value unit } }';
    // 90 aliases are refused by the alias limit (issue 20) before their complexity is computed.
    const wide = await gql(app, viewer, `{ ${aliases} } ${fragment}`);
    expect(wide.body.errors[0].message).toMatch(/90 aliased fields .* the limit is 30/);
    // Without aliases, a page of 100 scenarios with a dozen fields each is over the complexity limit.
    const page = await gql(
      app,
      viewer,
      '{ scenarios(first: 100) { nextCursor items { id name description tags version createdAt updatedAt team createdByKeyId updatedByKeyId } } }',
    );
    expect(page.body.errors[0].message).toMatch(/Query complexity \d+ exceeds the limit of 1000/);
  });
});
