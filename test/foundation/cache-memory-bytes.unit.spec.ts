import { CacheService } from '../../src/infrastructure/cache/cache.service';
import type { CacheKey } from '../../src/infrastructure/cache/cache-keys';
import { Metrics } from '../../src/infrastructure/metrics/metrics';

/**
 * The in-process tier of the cache (the only tier without REDIS_URL, the fallback when Redis is away) is bounded
 * in bytes (CACHE_MEMORY_BYTES), not in entries: 10,000 entries of rate cards were gigabytes.
 */
describe('in-process cache tier bounded in bytes', () => {
  const BUDGET = 1024 * 1024;
  const cacheWith = (memoryMaxBytes: number) =>
    new CacheService(
      { prefix: 'test', memoryTtlMs: 60_000, commandTimeoutMs: 100, memoryMaxBytes },
      new Metrics(false),
    );
  const key = (namespace: CacheKey['namespace'], i: number): CacheKey => ({ namespace, key: `${namespace}:${i}` });

  it.each([
    ['rate cards of 150 KB', 'rates', 150 * 1024],
    ['entries of 40 KB', 'auth', 40 * 1024],
    ['entries of 1.5 MB (over the budget alone)', 'rates', 1536 * 1024],
  ] as const)('%s: the bytes held never exceed the budget', async (_name, namespace, size) => {
    const cache = cacheWith(BUDGET);
    const values: string[] = [];
    let peak = 0;
    for (let i = 0; i < 40; i++) {
      const value = `{"card":${i},"rates":"${'r'.repeat(size)}"}`;
      await cache.set(key(namespace, i), value, 3600);
      values.push(value);
      peak = Math.max(peak, cache.memoryBytes);
    }
    // Measured from outside: what can still be read back fits the budget (two bytes a character).
    let held = 0;
    for (const [i, value] of values.entries())
      if ((await cache.get(key(namespace, i))) === value) held += 2 * value.length;
    expect(held).toBeLessThanOrEqual(BUDGET);
    expect(peak).toBeLessThanOrEqual(BUDGET); // as the cache counts it, at every step
    // The cache still caches: the latest entry is there when it fits.
    if (2 * size < BUDGET) expect((await cache.get(key(namespace, 39))) === values[39]).toBe(true);
    await cache.close();
  });

  it('many small entries (rate-limit counters without Redis) are bounded by their bytes too', async () => {
    const cache = cacheWith(64 * 1024);
    let peak = 0;
    for (let i = 0; i < 5000; i++) {
      await cache.hit(key('ratelimit', i), 60_000);
      peak = Math.max(peak, cache.memoryBytes);
    }
    // Measured from outside: the counters still held, at the least their keys' two bytes a character.
    let held = 0;
    for (let i = 0; i < 5000; i++)
      if ((await cache.get(key('ratelimit', i))) !== null) held += 2 * `test:ratelimit:${i}`.length;
    expect(held).toBeLessThanOrEqual(64 * 1024);
    expect(peak).toBeLessThanOrEqual(64 * 1024);
    expect(await cache.hit(key('ratelimit', 4999), 60_000)).toBe(2);
    await cache.close();
  });
});
