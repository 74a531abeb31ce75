import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../../src/infrastructure/config/config';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

/**
 * Failed attempts from one address are throttled apart from valid keys: an address flooding bad keys keeps its
 * valid key working, over REST and GraphQL. Behind a proxy (TRUST_PROXY), clients are told apart by the forwarded
 * address; without it, X-Forwarded-For is ignored.
 */
const LIMIT = 10;
const unknownKey = (i: number) => `sf_${i.toString(36).padStart(10, 'z')}_${'B'.repeat(43)}`;
const BAD_KEYS = [
  (i: number) => `Bearer ${unknownKey(i)}`, // well formed, no such key
  (i: number) => `Bearer nonsense-${i}`, // malformed
  (i: number) => `Basic ${Buffer.from(`u${i}:p`).toString('base64')}`, // another scheme
];

type Headers = Record<string, string>;
const rest = (app: NestFastifyApplication, remoteAddress: string, headers: Headers = {}) =>
  app.inject({ method: 'GET', url: '/v1/decision-rules', remoteAddress, headers });
const graphql = (app: NestFastifyApplication, remoteAddress: string, headers: Headers = {}) =>
  app.inject({
    method: 'POST',
    url: '/graphql',
    remoteAddress,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify({ query: '{ decisionRules { id } }' }),
  });

/** Sends bad keys from `remoteAddress` until it is throttled; returns the statuses. */
async function flood(app: NestFastifyApplication, remoteAddress: string, headers: (i: number) => Headers) {
  const statuses: number[] = [];
  for (let i = 0; i < LIMIT + 5; i++) {
    const auth = BAD_KEYS[i % BAD_KEYS.length](i);
    const via = i % 2 ? rest : graphql;
    statuses.push((await via(app, remoteAddress, { authorization: auth, ...headers(i) })).statusCode);
  }
  return statuses;
}

describe('a valid key keeps working while its address floods bad keys', () => {
  let app: NestFastifyApplication;
  let valid: string;
  let other: string;
  const TTL_MS = 300;
  beforeAll(async () => {
    app = await startTestApp({ ANONYMOUS_RATE_LIMIT_PER_MINUTE: String(LIMIT), CACHE_MEMORY_TTL_MS: String(TTL_MS) });
    valid = await bearer(app, 'flooded', 'viewer');
    other = await bearer(app, 'flooded', 'editor');
  });
  afterAll(async () => app.close());

  it.each([
    ['REST', rest],
    ['GraphQL', graphql],
  ])('%s: the flooding address is throttled, its valid keys still answer 200', async (_label, via) => {
    const address = `10.70.${via === rest ? 1 : 2}.1`;
    // Both keys were used from here before; their verified entries have expired since (a fresh lookup is needed).
    expect((await via(app, address, { authorization: valid })).statusCode).toBe(200);
    expect((await via(app, address, { authorization: other })).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, TTL_MS + 50));
    const statuses = await flood(app, address, () => ({}));
    expect(statuses.slice(0, LIMIT).every((s) => s === 401 || s === 200)).toBe(true);
    expect(statuses.slice(LIMIT).every((s) => s === 429)).toBe(true);
    for (const auth of [valid, other, valid.replace('Bearer', 'bearer')]) {
      const res = await via(app, address, { authorization: auth });
      expect(res.statusCode).toBe(200);
      if (via === graphql) expect(res.json().errors).toBeUndefined();
    }
    // Still throttled for anything else: a wrong secret on a real prefix, another unknown key, no key on GraphQL.
    const wrongSecret = valid.replace(/_[A-Za-z0-9_-]+$/, `_${'C'.repeat(43)}`);
    expect((await via(app, address, { authorization: wrongSecret })).statusCode).toBe(429);
    expect((await via(app, address, { authorization: `Bearer ${unknownKey(999)}` })).statusCode).toBe(429);
    expect((await graphql(app, address)).statusCode).toBe(429);
    // Another address is not affected.
    expect((await via(app, '10.70.9.9', { authorization: `Bearer ${unknownKey(998)}` })).statusCode).toBe(401);
  });

  it('a revoked key does not pass a throttled address, even one seen valid before', async () => {
    const address = '10.70.3.1';
    const doomed = await bearer(app, 'flooded', 'viewer');
    expect((await rest(app, address, { authorization: doomed })).statusCode).toBe(200);
    await flood(app, address, () => ({}));
    await app.get(AuthServiceRef()).revokeKey(/sf_([a-z0-9]{10})_/.exec(doomed)![1]);
    await new Promise((r) => setTimeout(r, TTL_MS + 50));
    expect([401, 429]).toContain((await rest(app, address, { authorization: doomed })).statusCode);
    expect((await rest(app, address, { authorization: valid })).statusCode).toBe(200);
  });
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AuthServiceRef = () => require('../../src/auth/auth.service').AuthService;

describe('clients behind a proxy', () => {
  const apps: NestFastifyApplication[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const app = await startTestApp({ ANONYMOUS_RATE_LIMIT_PER_MINUTE: String(LIMIT), ...env });
    apps.push(app);
    return app;
  };
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('without TRUST_PROXY, X-Forwarded-For is ignored: the connecting address is throttled whatever it claims', async () => {
    const app = await start();
    const statuses = await flood(app, '10.80.0.1', (i) => ({ 'x-forwarded-for': `203.0.113.${i + 1}` }));
    expect(statuses.slice(LIMIT).every((s) => s === 429)).toBe(true);
    expect((await graphql(app, '10.80.0.1', { 'x-forwarded-for': '198.51.100.1' })).statusCode).toBe(429);
    expect(
      (await rest(app, '10.80.0.1', { 'x-forwarded-for': '198.51.100.1', authorization: 'Bearer x' })).statusCode,
    ).toBe(429);
  });

  it.each([
    ['a CIDR', '10.81.0.0/16'],
    ['an address list', '127.0.0.1, 10.81.0.1'],
    ['one hop', '1'],
  ])('TRUST_PROXY as %s: clients are told apart by the forwarded address', async (_label, setting) => {
    const app = await start({ TRUST_PROXY: setting });
    const proxy = '10.81.0.1';
    const valid = await bearer(app, 'proxied', 'viewer');
    expect((await rest(app, proxy, { 'x-forwarded-for': '203.0.113.7', authorization: valid })).statusCode).toBe(200);
    const statuses = await flood(app, proxy, () => ({ 'x-forwarded-for': '203.0.113.7' }));
    expect(statuses.slice(LIMIT).every((s) => s === 429)).toBe(true);
    // Another client through the same proxy is not throttled; nor is the proxy itself.
    expect(
      (await rest(app, proxy, { 'x-forwarded-for': '203.0.113.8', authorization: `Bearer ${unknownKey(1)}` }))
        .statusCode,
    ).toBe(401);
    // (An anonymous GraphQL query is refused for its missing key, 401, before anything costly: not throttled, 429.)
    expect((await graphql(app, proxy, { 'x-forwarded-for': '198.51.100.20' })).statusCode).toBe(401);
    // A client cannot escape by prepending addresses: the proxy's own entry (the last one) is what counts.
    expect(
      (await rest(app, proxy, { 'x-forwarded-for': '192.0.2.1, 203.0.113.7', authorization: 'Bearer x' })).statusCode,
    ).toBe(429);
    // The throttled client's valid key (seen valid before the flood) still works.
    expect((await rest(app, proxy, { 'x-forwarded-for': '203.0.113.7', authorization: valid })).statusCode).toBe(200);
  });

  it('with TRUST_PROXY naming a proxy, a connection from elsewhere cannot choose its address', async () => {
    const app = await start({ TRUST_PROXY: '10.82.0.1' });
    const statuses = await flood(app, '10.99.0.5', (i) => ({ 'x-forwarded-for': `203.0.113.${i + 1}` }));
    expect(statuses.slice(LIMIT).every((s) => s === 429)).toBe(true);
  });

  it.each(['yes', '0', '11', '10.0.0.0/33', '10.0.0.1/8/1', 'example.com', '::1/129'])(
    'TRUST_PROXY=%s stops the start with a message naming it',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
    },
  );

  it.each(['1', '2', '10.0.0.0/8', '::1', 'loopback, 10.0.0.1', 'fd00::/8'])('TRUST_PROXY=%s is accepted', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).not.toThrow();
  });
});
