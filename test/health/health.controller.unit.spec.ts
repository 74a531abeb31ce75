/**
 * HealthController on its own (controllerApp: Fastify, the app's error filter, HealthService as a test double): the
 * liveness answer, readiness's status code, and /metrics behind its token and per-address throttle. What PostgreSQL
 * and Redis really answer to readiness is test/foundation (operations, redis-outage), with the whole app.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { HealthController } from '../../src/health/health.controller';
import { HealthService, type ReadinessReport } from '../../src/health/health.service';
import { APP_CONFIG, loadConfig } from '../../src/infrastructure/config/config';
import { Metrics } from '../../src/infrastructure/metrics/metrics';
import { controllerApp } from '../support/controller-app';

const readiness = jest.fn<Promise<ReadinessReport>, []>();
const start = (env: Record<string, string> = {}) =>
  controllerApp(HealthController, [
    { provide: HealthService, useValue: { readiness } },
    { provide: Metrics, useValue: new Metrics(false) },
    { provide: APP_CONFIG, useValue: loadConfig({ NODE_ENV: 'test', ...env }) },
  ]);

describe('HealthController: liveness and readiness', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await start();
  });
  afterAll(async () => app.close());

  // Moved from test/foundation/operations.spec.ts ('GET /health/live answers ok').
  it('GET /health/live answers ok', async () => {
    const res = await app.inject({ method: 'GET', url: '/health/live' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /health/ready answers the report: 200 when ok or degraded, 503 when down', async () => {
    for (const [status, code] of [
      ['ok', 200],
      ['degraded', 200],
      ['down', 503],
    ] as const) {
      const report: ReadinessReport = { status, checks: { database: { status: status === 'down' ? 'down' : 'up' } } };
      readiness.mockResolvedValueOnce(report);
      const res = await app.inject({ method: 'GET', url: '/health/ready' });
      expect({ status, code: res.statusCode }).toEqual({ status, code });
      expect(res.json()).toEqual(report);
    }
  });
});

// Moved from test/security/edges.e2e.spec.ts ('/metrics'), which booted three whole apps for them.
describe('/metrics', () => {
  const apps: NestFastifyApplication[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });
  const metricsApp = async (env: Record<string, string>) => {
    const app = await start(env);
    apps.push(app);
    return app;
  };
  const scrape = (app: NestFastifyApplication, remoteAddress: string, authorization?: string) =>
    app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers: authorization ? { authorization } : {} });

  it('with METRICS_TOKEN, needs the token (any other answer is a 401 without the metrics)', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const app = await metricsApp({ METRICS_TOKEN: token });
    // An API key (here one of the right shape) is not the metrics token.
    const apiKey = `Bearer sf_0123456789_${'k'.repeat(43)}`;
    for (const auth of [
      undefined,
      'Bearer wrong',
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      `Basic ${token}`,
      apiKey,
    ]) {
      const res = await scrape(app, '10.60.0.1', auth);
      expect({ auth, status: res.statusCode }).toEqual({ auth, status: 401 });
      expect(res.body).not.toContain('http_requests');
    }
    for (const auth of [`Bearer ${token}`, `bearer ${token}`]) {
      const res = await scrape(app, '10.60.0.1', auth);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('# TYPE');
    }
  });

  it('is throttled per address, with or without a token, and wrong tokens count', async () => {
    const token = 'another-metrics-token-42424242';
    const open = await metricsApp({ METRICS_RATE_LIMIT_PER_MINUTE: '5' });
    const closed = await metricsApp({ METRICS_RATE_LIMIT_PER_MINUTE: '5', METRICS_TOKEN: token });
    for (const [app, auth] of [
      [open, undefined],
      [closed, `Bearer ${token}`],
      [closed, 'Bearer wrong'],
    ] as const) {
      const address = `10.61.${apps.indexOf(app)}.${auth === 'Bearer wrong' ? 2 : 1}`;
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await scrape(app, address, auth)).statusCode);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      const limited = await scrape(app, address, auth);
      expect(limited.headers['retry-after']).toBeDefined();
      // Another address still scrapes.
      expect((await scrape(app, '10.61.99.9', `Bearer ${token}`)).statusCode).toBe(200);
    }
  });

  it.each(['short', ''])(
    'METRICS_TOKEN=%p: too short is refused at start, empty leaves /metrics open',
    async (value) => {
      if (value) expect(() => loadConfig({ METRICS_TOKEN: value })).toThrow(/METRICS_TOKEN/);
      else expect(loadConfig({ METRICS_TOKEN: value }).METRICS_TOKEN).toBeUndefined();
    },
  );
});
