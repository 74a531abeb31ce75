import { mkdtempSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { PriceListSource } from '../../src/infrastructure/aws/price-list.source';
import { liveRatesDecision } from '../../src/infrastructure/aws/live-rates';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

const base = {
  RATES_LIVE: true,
  RATES_LIVE_ON_EC2: false,
  PRICING_ACCESS_KEY_ID: undefined,
  PRICING_ENDPOINT: undefined,
};
const none = () => false;

describe('live rates only when AWS access is configured (the credential-chain decision)', () => {
  it.each([
    ['nothing configured', {}, {}, false],
    [
      'RATES_LIVE=false even with credentials',
      { RATES_LIVE: false },
      { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' },
      false,
    ],
    ['PRICING_ACCESS_KEY_ID', { PRICING_ACCESS_KEY_ID: 'AKID' }, {}, true],
    ['environment credentials', {}, { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }, true],
    ['an access key id alone is not credentials', {}, { AWS_ACCESS_KEY_ID: 'a' }, false],
    [
      'web identity',
      {},
      { AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token', AWS_ROLE_ARN: 'arn:aws:iam::1:role/r' },
      true,
    ],
    ['container credentials (ECS)', {}, { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' }, true],
    [
      'container credentials (full URI)',
      {},
      { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials' },
      true,
    ],
    ['a profile', {}, { AWS_PROFILE: 'pricing' }, true],
    ['on EC2, only when asked', { RATES_LIVE_ON_EC2: true }, {}, true],
  ] as const)('%s', (_label, config, env, live) => {
    expect(liveRatesDecision({ ...base, ...config }, { HOME: '/nonexistent', ...env }, none).live).toBe(live);
  });

  it('a shared credentials or config file counts as configured', () => {
    expect(liveRatesDecision(base, { HOME: '/home/u' }, (f) => f === '/home/u/.aws/credentials')).toMatchObject({
      live: true,
    });
    expect(
      liveRatesDecision(base, { HOME: '/home/u', AWS_CONFIG_FILE: '/etc/aws.conf' }, (f) => f === '/etc/aws.conf'),
    ).toMatchObject({ live: true });
    expect(liveRatesDecision(base, { HOME: '/home/u' }, none)).toMatchObject({
      live: false,
      reason: expect.stringMatching(/no AWS credentials/),
    });
  });
});

describe('start-up with RATES_LIVE at its default and no AWS configuration', () => {
  const AWS_VARS = Object.keys(process.env).filter((k) => k.startsWith('AWS_') && !k.startsWith('AWS_SDK_JS'));
  const saved: Record<string, string | undefined> = {};
  let home: string;
  let app: NestFastifyApplication;
  const outbound: string[] = [];
  const originalConnect = Socket.prototype.connect;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'streamfit-home-'));
    for (const k of [...AWS_VARS, 'HOME', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE']) saved[k] = process.env[k];
    for (const k of AWS_VARS) delete process.env[k];
    process.env.HOME = home;
    // Every socket this process opens is recorded: anything not on the loopback is outbound traffic.
    Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
      const opts = args[0] as { host?: string; path?: string } | number;
      const host =
        typeof opts === 'object' ? (opts.path ? 'unix' : (opts.host ?? 'localhost')) : String(args[1] ?? 'localhost');
      if (!['unix', 'localhost', '127.0.0.1', '::1'].includes(host)) outbound.push(host);
      return (originalConnect as (...a: unknown[]) => Socket).apply(this, args);
    } as typeof Socket.prototype.connect;
    app = await startTestApp({ RATES_LIVE: undefined, RATES_REFRESH_INTERVAL_MS: '200' });
  });
  afterAll(async () => {
    await app?.close();
    Socket.prototype.connect = originalConnect;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(home, { recursive: true, force: true });
  });

  it('makes no refresh attempt and no outbound connection, and an admin refresh says live rates are off', async () => {
    const fetches = jest.spyOn(PriceListSource.prototype, 'fetchRegion');
    const admin = await bearer(app, `outbound-${Date.now().toString(36)}`, 'admin');
    const evaluation = await request(app.getHttpServer())
      .post('/v1/evaluations')
      .set('authorization', admin)
      .send({ workload: { ingestGbPerDay: 100, avgRecordSizeKB: 1 } });
    expect(evaluation.status).toBe(200);
    await new Promise((r) => setTimeout(r, 700)); // first-use refresh and three scheduled periods would have run by now
    const refresh = await request(app.getHttpServer())
      .post('/v1/rate-cards/us-east-1/refresh')
      .set('authorization', admin);
    expect(refresh.status).toBe(503);
    expect(refresh.body.message).toMatch(/Live rates are off/);
    expect(fetches).not.toHaveBeenCalled();
    expect(outbound).toEqual([]);
    fetches.mockRestore();
  });
});

describe('a failed refresh tells the admin what kind of failure, naming no SDK internals or addresses', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp({
      RATES_LIVE: 'true',
      PRICING_ENDPOINT: 'http://127.0.0.1:1',
      PRICING_ACCESS_KEY_ID: 'AKIDLOCAL',
      PRICING_SECRET_ACCESS_KEY: 'local',
      PRICING_MAX_ATTEMPTS: '1',
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('503 without provider names, exception names or addresses', async () => {
    const admin = await bearer(app, `refresh503-${Date.now().toString(36)}`, 'admin');
    const res = await request(app.getHttpServer()).post('/v1/rate-cards/us-east-1/refresh').set('authorization', admin);
    expect(res.status).toBe(503);
    expect(res.body.message).toMatch(/could not be reached|did not answer/);
    expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|Exception|Error:|Provider|\$metadata/);
  });
});
