import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createClient } from 'redis';
import request from 'supertest';
import { ApiKeyRepository } from '../../src/auth/api-key.repository';
import { loadConfig } from '../../src/infrastructure/config/config';
import { bearer } from '../support/keys';
import { freePort } from '../support/redis-server';
import { startTestApp, TEST_REDIS_URL } from '../support/test-app';
import { until } from '../support/until';

/**
 * A key revoked on one replica while another is verifying it (its PostgreSQL read done before the revocation, its
 * answer not yet remembered or shared) is refused on every replica within the bound (CACHE_MEMORY_TTL_MS, 5 s by
 * default; 1 s here so the test is quick), with Redis up, with Redis out of the revoking replica's reach, and
 * without Redis. Before the fix, the verifying replica shared its pre-revocation answer in Redis for 60 s, and
 * every replica accepted the revoked key for that long.
 */
const TTL_MS = 1000;
const prefixOf = (auth: string) => /sf_([a-z0-9]{10})_/.exec(auth)![1];
const keyList = (app: NestFastifyApplication, auth: string) =>
  request(app.getHttpServer()).get('/v1/api-keys').set('authorization', auth);

describe('revocation while another replica is verifying the key', () => {
  const apps: NestFastifyApplication[] = [];
  const cachePrefix = `race-${Math.random().toString(36).slice(2, 8)}`;
  const start = async (env: Record<string, string> = {}) => {
    const app = await startTestApp({ CACHE_PREFIX: cachePrefix, CACHE_MEMORY_TTL_MS: String(TTL_MS), ...env });
    apps.push(app);
    return app;
  };
  afterAll(async () => {
    for (const app of apps) await app.close();
    const redis = createClient({ url: TEST_REDIS_URL });
    await redis.connect();
    const left = await redis.keys(`${cachePrefix}:*`);
    if (left.length) await redis.del(left);
    await redis.quit();
  });

  /**
   * Starts a request with `victim` on `verifier` and holds its PostgreSQL answer until `revoke` has run on the
   * other replica; returns when the held request has finished and the time of the revocation.
   */
  async function revokeDuringVerification(
    verifier: NestFastifyApplication,
    victim: string,
    revoke: () => Promise<unknown>,
  ) {
    const repo = verifier.get(ApiKeyRepository);
    const original = repo.findByPrefix.bind(repo);
    let read!: () => void;
    const readDone = new Promise<void>((r) => (read = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const spy = jest.spyOn(repo, 'findByPrefix').mockImplementation(async (prefix: string) => {
      const found = await original(prefix);
      if (prefix !== prefixOf(victim)) return found;
      read();
      await released;
      return found;
    });
    const held = keyList(verifier, victim).then((r) => r.status);
    await readDone;
    await revoke();
    const revokedAt = Date.now();
    release();
    const heldStatus = await held;
    spy.mockRestore();
    return { revokedAt, heldStatus };
  }

  async function refusedEverywhereWithin(replicas: NestFastifyApplication[], victim: string, revokedAt: number) {
    for (const replica of replicas) {
      const last = await until(
        () => keyList(replica, victim),
        (r) => r.status === 401,
        10 * TTL_MS,
      );
      expect(last.status).toBe(401);
    }
    expect(Date.now() - revokedAt).toBeLessThanOrEqual(TTL_MS + 500);
    // And it stays refused.
    await new Promise((r) => setTimeout(r, TTL_MS));
    for (const replica of replicas) expect((await keyList(replica, victim)).status).toBe(401);
  }

  it('Redis up: refused on every replica (the revoking one, the verifying one, a new one) within the bound', async () => {
    const a = await start();
    const b = await start();
    const c = await start();
    const admin = await bearer(a, 'race-up', 'admin');
    const victim = await bearer(a, 'race-up', 'admin');
    const { revokedAt, heldStatus } = await revokeDuringVerification(b, victim, () =>
      keyList(a, admin).then(() =>
        request(a.getHttpServer())
          .delete(`/v1/api-keys/${prefixOf(victim)}`)
          .set('authorization', admin)
          .expect(200),
      ),
    );
    expect([200, 401]).toContain(heldStatus);
    await refusedEverywhereWithin([a, b, c], victim, revokedAt);
  });

  it('the revoking replica cannot reach Redis: the entry another replica shared expires within the bound', async () => {
    const b = await start();
    const a = await start({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    const c = await start();
    const admin = await bearer(a, 'race-split', 'admin');
    const victim = await bearer(a, 'race-split', 'viewer');
    // B verified the key (and shared it in Redis) just before A, which cannot reach Redis, revokes it.
    const { revokedAt } = await revokeDuringVerification(b, victim, () =>
      request(a.getHttpServer())
        .delete(`/v1/api-keys/${prefixOf(victim)}`)
        .set('authorization', admin)
        .expect(200),
    );
    await refusedEverywhereWithin([b, c, a], victim, revokedAt);
  });

  it('no Redis at all: refused on both replicas within the bound', async () => {
    const a = await start({ REDIS_URL: undefined as unknown as string });
    const b = await start({ REDIS_URL: undefined as unknown as string });
    const admin = await bearer(a, 'race-none', 'admin');
    const victim = await bearer(a, 'race-none', 'editor');
    const { revokedAt } = await revokeDuringVerification(b, victim, () =>
      request(a.getHttpServer())
        .delete(`/v1/api-keys/${prefixOf(victim)}`)
        .set('authorization', admin)
        .expect(200),
    );
    await refusedEverywhereWithin([a, b], victim, revokedAt);
  });

  it('the documented bound is 5 s by default', () => {
    expect(loadConfig({}).CACHE_MEMORY_TTL_MS).toBe(5000);
  });
});
