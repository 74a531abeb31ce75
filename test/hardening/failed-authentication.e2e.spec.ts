import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createClient } from 'redis';
import { AuthService } from '../../src/auth/auth.service';
import { ApiKeyRepository } from '../../src/auth/api-key.repository';
import { bearer } from '../support/keys';
import { startTestApp, TEST_REDIS_URL } from '../support/test-app';

describe('failed authentication is cheap and throttled', () => {
  let app: NestFastifyApplication;
  const prefix = `failauth-${Math.random().toString(36).slice(2, 8)}`;
  beforeAll(async () => {
    app = await startTestApp({ CACHE_PREFIX: prefix, ANONYMOUS_RATE_LIMIT_PER_MINUTE: '20' });
  });
  afterAll(async () => app.close());

  const unknownKey = (i: number) => `sf_${i.toString(36).padStart(10, 'q')}_${'A'.repeat(43)}`;
  const get = (auth: string | undefined, ip = '10.0.0.1') =>
    app.inject({
      method: 'GET',
      url: '/v1/decision-rules',
      headers: auth ? { authorization: auth } : {},
      remoteAddress: ip,
    });

  it('unknown keys write nothing to Redis, repeat attempts skip PostgreSQL, and an address is throttled after the limit', async () => {
    const repo = app.get(ApiKeyRepository);
    const lookups = jest.spyOn(repo, 'findByPrefix');
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await get(`Bearer ${unknownKey(i)}`)).statusCode);
    // The same unknown key again: remembered locally, no second PostgreSQL lookup.
    statuses.push((await get(`Bearer ${unknownKey(0)}`)).statusCode);
    expect(statuses.every((s) => s === 401)).toBe(true);
    expect(lookups).toHaveBeenCalledTimes(15);
    const redis = createClient({ url: TEST_REDIS_URL });
    await redis.connect();
    const keys = await redis.keys(`${prefix}*auth*`);
    await redis.quit();
    expect(keys).toEqual([]);

    // 16 failures so far from 10.0.0.1; the limit is 20 per minute per address.
    for (let i = 0; i < 4; i++) expect((await get('Bearer nonsense')).statusCode).toBe(401);
    const limited = await get(`Bearer ${unknownKey(99)}`);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(lookups).toHaveBeenCalledTimes(15);
    // Another address is not affected, and a valid key still works from the throttled one once verified.
    expect((await get(`Bearer ${unknownKey(100)}`, '10.0.0.2')).statusCode).toBe(401);
    lookups.mockRestore();
  });

  it('the verified-key cache is keyed on the key, not the header spelling', async () => {
    const auth = await bearer(app, 'failauth', 'viewer');
    const key = auth.slice('Bearer '.length);
    const repo = app.get(ApiKeyRepository);
    const lookups = jest.spyOn(repo, 'findByPrefix');
    for (const header of [`Bearer ${key}`, `bearer ${key}`, `Bearer   ${key}`, `BEARER ${key} `])
      expect((await get(header, '10.0.0.3')).statusCode).toBe(200);
    expect(lookups.mock.calls.length).toBeLessThanOrEqual(1);
    lookups.mockRestore();
    expect(app.get(AuthService)).toBeDefined();
  });

  it('unauthenticated GraphQL (introspection included) is rate-limited per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/graphql',
        remoteAddress: '10.0.0.9',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ query: '{ __schema { types { name } } }' }),
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});
