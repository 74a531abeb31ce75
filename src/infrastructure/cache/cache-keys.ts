/**
 * Every cache key is built here, under a namespace, so nothing collides across features.
 * The cache service puts the configured CACHE_PREFIX in front of each (replicas of one deployment share it).
 */

export type CacheNamespace = 'rates' | 'ratelimit' | 'lock' | 'auth';

export const cacheKeys = {
  rateCard: (region: string) => ({ namespace: 'rates' as const, key: `rates:card:${region}` }),
  rateCardVersion: (region: string) => ({ namespace: 'rates' as const, key: `rates:version:${region}` }),
  rateRefreshStatus: (region: string) => ({ namespace: 'rates' as const, key: `rates:status:${region}` }),
  rateRefreshLock: (region: string) => ({ namespace: 'lock' as const, key: `lock:rates-refresh:${region}` }),
  rateLimit: (subject: string, windowStart: number) => ({
    namespace: 'ratelimit' as const,
    key: `ratelimit:${subject}:${windowStart}`,
  }),
  apiKey: (prefix: string) => ({ namespace: 'auth' as const, key: `auth:key:${prefix}` }),
};

export type CacheKey = { namespace: CacheNamespace; key: string };
