/**
 * Rate-limit counters counted locally between syncs (src/auth/rate-counters.ts), against the real Redis:
 * far from the limit a request does not wait for Redis; the shared counter gets every unit at the next sync;
 * near the limit every request is counted in Redis first, so two replicas together never admit more than it.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { RATE_LOCAL_SHARE, RateCounters } from '../../src/auth/rate-counters';
import { CacheService } from '../../src/infrastructure/cache/cache.service';
import { cacheKeys } from '../../src/infrastructure/cache/cache-keys';
import { Metrics } from '../../src/infrastructure/metrics/metrics';
import { TEST_REDIS_URL } from '../support/test-app';

describe('RateCounters (real Redis)', () => {
  const prefix = `test-rate-${randomUUID()}`;
  const caches: CacheService[] = [];
  const redis = createClient({ url: TEST_REDIS_URL });
  const replica = async (): Promise<RateCounters> => {
    const cache = new CacheService(
      { redisUrl: TEST_REDIS_URL, prefix, memoryTtlMs: 5000, commandTimeoutMs: 1000 },
      new Metrics(false),
    );
    await cache.connect();
    caches.push(cache);
    return new RateCounters(cache);
  };
  const window = () => {
    const start = Math.floor(Date.now() / 60_000) * 60_000;
    return { ms: 60_000, end: start + 60_000, start };
  };
  const shared = async (key: { key: string }) => Number((await redis.get(`${prefix}:${key.key}`)) ?? 0);

  beforeAll(async () => {
    await redis.connect();
  });
  afterAll(async () => {
    for (const c of caches) await c.close();
    await redis.quit();
  });

  it('counts far from the limit without waiting for Redis, and sends every unit at the next sync', async () => {
    const counters = await replica();
    const w = window();
    const key = cacheKeys.rateLimit(`k-${randomUUID()}`, w.start);
    // The first hit of a window goes to Redis (nothing is known yet).
    expect(await counters.hit(key, w, 2, 10_000)).toBe(2);
    expect(await shared(key)).toBe(2);
    // The next ones are counted here: totals still exact for this replica, Redis not yet told.
    expect(await counters.hit(key, w, 2, 10_000)).toBe(4);
    expect(await counters.hit(key, w, 1, 10_000)).toBe(5);
    expect(await shared(key)).toBe(2);
    await counters.sync();
    expect(await shared(key)).toBe(5);
    await counters.close();
  });

  it('near the limit every request goes to Redis: two replicas hammering one key admit no more than the limit', async () => {
    const [a, b] = [await replica(), await replica()];
    const w = window();
    const key = cacheKeys.rateLimit(`k-${randomUUID()}`, w.start);
    const limit = 200;
    let admitted = 0;
    let sent = 0;
    const burst = (c: RateCounters) =>
      Promise.all(
        Array.from({ length: 60 }, async () => {
          sent += 2;
          if ((await c.hit(key, w, 2, limit)) <= limit) admitted += 2;
        }),
      );
    for (let round = 0; round < 5; round++) {
      await Promise.all([burst(a), burst(b)]);
      await new Promise((r) => setTimeout(r, 20));
    }
    await Promise.all([a.close(), b.close()]);
    expect(admitted).toBeLessThanOrEqual(limit);
    expect(admitted).toBeGreaterThan(limit / 2);
    // Every unit counted, admitted or not, reached the shared counter.
    expect(await shared(key)).toBe(sent);
  });

  it(`a replica counts on its own at most 1/${RATE_LOCAL_SHARE} of the headroom it last read`, async () => {
    const counters = await replica();
    const w = window();
    const key = cacheKeys.rateLimit(`k-${randomUUID()}`, w.start);
    const limit = 81;
    expect(await counters.hit(key, w, 1, limit)).toBe(1); // to Redis: headroom 80, so 10 units may be counted here
    for (let i = 0; i < 10; i++) await counters.hit(key, w, 1, limit);
    expect(await shared(key)).toBe(1);
    // The 11th unit past the read would exceed the share: it goes to Redis with the 10 pending ones.
    expect(await counters.hit(key, w, 1, limit)).toBe(12);
    expect(await shared(key)).toBe(12);
    await counters.close();
  });
});
