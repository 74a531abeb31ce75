import { createClient } from 'redis';

/**
 * Deletes every Redis key under a prefix (a test run's or a benchmark's CACHE_PREFIX): rate cards are kept for
 * 7 days, so keys a run leaves would otherwise outlive it by a week. Returns how many were deleted.
 */
export async function dropRedisKeys(prefix: string, url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379') {
  if (!prefix) throw new Error('dropRedisKeys needs a prefix');
  const client = createClient({ url });
  await client.connect();
  let deleted = 0;
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
      if (keys.length > 0) deleted += await client.del(keys);
  } finally {
    client.destroy();
  }
  return deleted;
}
