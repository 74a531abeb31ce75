import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startTestApp } from '../support/test-app';

describe('operations surface', () => {
  let app: NestFastifyApplication;
  let server: ReturnType<NestFastifyApplication['getHttpServer']>;
  beforeAll(async () => {
    app = await startTestApp();
    server = app.getHttpServer();
  });
  afterAll(async () => app.close());

  // GET /health/live's answer is test/health/health.controller.unit.spec.ts (the controller alone).

  it('GET /health/ready pings PostgreSQL and Redis with latencies', async () => {
    const res = await request(server).get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.checks.database.status).toBe('up');
    expect(res.body.checks.redis.status).toBe('up');
    expect(typeof res.body.checks.database.latencyMs).toBe('number');
  });

  it('echoes a caller request id, or makes one, on every response', async () => {
    const given = await request(server).get('/health/live').set('x-request-id', 'trace-abc-123');
    expect(given.headers['x-request-id']).toBe('trace-abc-123');
    const made = await request(server).get('/health/live');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await request(server).get('/health/live').set('x-request-id', 'bad id with spaces');
    expect(unsafe.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('answers an unknown route with the one error shape, request id included, no internals', async () => {
    const res = await request(server).get('/v1/does-not-exist').set('x-request-id', 'rid-404');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String), requestId: 'rid-404' });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('exposes Prometheus metrics: requests and latency per route, cache lookups', async () => {
    await request(server).get('/health/ready');
    const res = await request(server).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(/streamfit_http_requests_total\{method="GET",route="\/health\/ready",status="200"\} \d+/);
    expect(res.text).toMatch(
      /streamfit_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/health\/ready"\}/,
    );
    expect(res.text).toContain('# TYPE streamfit_cache_lookups_total counter');
  });

  it('serves OpenAPI 3 at /docs-json and its UI at /docs', async () => {
    const json = await request(server).get('/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready', '/metrics']));
    const ui = await request(server).get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('serves a GraphQL IDE whose every asset comes from this server (works offline)', async () => {
    const page = await request(server).get('/graphql').set('accept', 'text/html');
    expect(page.status).toBe(200);
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset.startsWith('/')).toBe(true);
      const res = await request(server).get(asset);
      expect(res.status).toBe(200);
      expect(res.body.length ?? res.text.length).toBeGreaterThan(100);
    }
  });

  it('answers GraphQL queries and hides internals in GraphQL errors', async () => {
    const ok = await request(server).post('/graphql').send({ query: '{ serviceInfo { name version } }' });
    expect(ok.status).toBe(200);
    expect(ok.body.data.serviceInfo.name).toBe('streamfit');
    const bad = await request(server).post('/graphql').send({ query: '{ nope }' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(bad.body)).not.toContain('stacktrace');
  });
});
