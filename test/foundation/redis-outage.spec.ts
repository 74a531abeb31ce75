import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { CacheService } from '../../src/infrastructure/cache/cache.service';
import { OwnRedis } from '../support/redis-server';
import { startTestApp } from '../support/test-app';
import { until } from '../support/until';

describe('Redis going away at runtime', () => {
  let redis: OwnRedis;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    redis = await OwnRedis.create();
    await redis.start();
    app = await startTestApp({ REDIS_URL: redis.url, HEALTH_TIMEOUT_MS: '300' });
  });
  afterAll(async () => {
    await app.close();
    await redis.stop();
  });

  it('keeps serving, reports degraded, and reconnects by itself', async () => {
    const server = app.getHttpServer();
    const cache = app.get(CacheService);
    const key = { namespace: 'rates' as const, key: 'outage-probe' };
    await cache.set(key, 'before', 60);

    let ready = await request(server).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', checks: { redis: { status: 'up' } } });

    await redis.stop();
    ready = await until(
      () => request(server).get('/health/ready'),
      (r) => r.body.checks?.redis?.status === 'degraded',
    );
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('degraded');
    // Requests keep being served, and the cache answers from its in-process tier.
    for (let i = 0; i < 20; i++) {
      const live = await request(server).get('/health/live');
      expect(live.status).toBe(200);
    }
    expect(await cache.get(key)).toBe('before');
    await cache.set(key, 'during', 60);
    expect(await cache.get(key)).toBe('during');

    await redis.start();
    ready = await until(
      () => request(server).get('/health/ready'),
      (r) => r.body.status === 'ok',
    );
    expect(ready.body.checks.redis.status).toBe('up');
    expect(cache.status).toBe('up');
  });
});
