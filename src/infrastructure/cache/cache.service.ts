import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { ByteBoundedCache } from '../../common/byte-bounded-cache';
import type { Metrics } from '../metrics/metrics';
import type { CacheKey } from './cache-keys';

/** In-process marker for "Redis had no such key" (never a stored value: values are JSON or ids). */
const MISSING = '\u0000missing';

export type CacheStatus = 'up' | 'down' | 'disabled';

interface MemoryEntry {
  value: string;
  expiresAt: number;
}

/** Heap of an in-process entry: its key and value at two bytes a character, and the entry itself. */
const memoryBytes = (key: string, value: string): number => 96 + 2 * (key.length + value.length);

/**
 * Two-tier cache: an in-process tier in front of Redis, or the in-process tier alone when no
 * REDIS_URL is set. If Redis goes away, every call falls back to the in-process tier (requests keep
 * being served, status reports `down`) while the client reconnects by itself. The in-process tier is bounded
 * in bytes (`memoryMaxBytes`, CACHE_MEMORY_BYTES), least recently used first out: a rate card is hundreds of KB
 * where an authentication entry is a few hundred bytes, so a count of entries bounded nothing.
 */
export class CacheService {
  private readonly memory: ByteBoundedCache<string, MemoryEntry>;
  private readonly client?: ReturnType<typeof createClient>;
  private connected = false;

  constructor(
    private readonly options: {
      redisUrl?: string;
      prefix: string;
      memoryTtlMs: number;
      commandTimeoutMs: number;
      memoryMaxBytes: number;
    },
    private readonly metrics: Metrics,
    private readonly log: (level: 'warn' | 'info', msg: string) => void = () => undefined,
  ) {
    this.memory = new ByteBoundedCache(options.memoryMaxBytes);
    if (options.redisUrl) {
      this.client = createClient({
        url: options.redisUrl,
        disableOfflineQueue: true,
        // Commands are bounded by withTimeout below; node-redis's own per-command timeout arms an
        // AbortSignal.timeout for every command (and a DOMException when it fires), which costs more than the command.
        commandOptions: { timeout: 0 },
        socket: {
          connectTimeout: options.commandTimeoutMs,
          reconnectStrategy: (retries: number) => Math.min(50 * 2 ** Math.min(retries, 6), 2000),
        },
      });
      this.client.on('error', () => undefined); // reported through status; reconnect is automatic
      this.client.on('ready', () => {
        if (!this.connected) this.log('info', 'redis: connected');
        this.connected = true;
      });
      this.client.on('end', () => (this.connected = false));
      this.client.on('reconnecting', () => {
        if (this.connected) this.log('warn', 'redis: connection lost, reconnecting');
        this.connected = false;
      });
    }
  }

  async connect(): Promise<void> {
    if (!this.client) return;
    // Do not fail start-up when Redis is away: serve from memory and keep reconnecting.
    await this.withTimeout(this.client.connect()).catch((e: unknown) =>
      this.log('warn', `redis: not reachable at start (${String(e)}); serving from the in-process tier`),
    );
  }

  async close(): Promise<void> {
    if (this.client?.isOpen) await this.client.close().catch(() => undefined);
    else this.client?.destroy();
  }

  get status(): CacheStatus {
    if (!this.client) return 'disabled';
    return this.connected && this.client.isReady ? 'up' : 'down';
  }

  /** Round-trip to Redis (readiness). Resolves to the status after the ping. */
  async ping(): Promise<CacheStatus> {
    if (!this.client) return 'disabled';
    if (!this.client.isReady) return 'down';
    try {
      await this.withTimeout(this.client.ping());
      return 'up';
    } catch {
      return 'down';
    }
  }

  async get(k: CacheKey): Promise<string | null> {
    const now = Date.now();
    const local = this.memory.get(this.full(k));
    if (local && local.expiresAt > now) {
      this.metrics.cacheLookups.inc({ namespace: k.namespace, tier: 'memory', result: 'hit' });
      return local.value === MISSING ? null : local.value;
    }
    this.metrics.cacheLookups.inc({ namespace: k.namespace, tier: 'memory', result: 'miss' });
    const remote = await this.redis((c) => c.get(this.full(k)));
    if (remote.ok) {
      this.metrics.cacheLookups.inc({
        namespace: k.namespace,
        tier: 'redis',
        result: remote.value == null ? 'miss' : 'hit',
      });
      if (remote.value == null) {
        // Remember the miss too, so a key that does not exist costs one Redis round trip per memory TTL, not per call.
        this.remember(this.full(k), MISSING, this.options.memoryTtlMs);
        return null;
      }
      this.remember(this.full(k), String(remote.value), this.options.memoryTtlMs);
      return String(remote.value);
    }
    // No Redis (or Redis away): the in-process tier is all there is. For rate cards an expired entry is better than
    // none; nothing else (authentication above all) is ever served past its TTL.
    const staleAllowed = this.client !== undefined && k.namespace === 'rates';
    return local && local.value !== MISSING && (local.expiresAt > now || staleAllowed) ? local.value : null;
  }

  /** Redis only, no in-process tier: `ok` false when Redis is not configured or not reachable. */
  async getShared(k: CacheKey): Promise<{ ok: true; value: string | null } | { ok: false }> {
    const remote = await this.redis((c) => c.get(this.full(k)));
    if (remote.ok)
      this.metrics.cacheLookups.inc({
        namespace: k.namespace,
        tier: 'redis',
        result: remote.value == null ? 'miss' : 'hit',
      });
    return remote.ok ? { ok: true, value: remote.value == null ? null : String(remote.value) } : { ok: false };
  }

  /** Redis only, no in-process tier, expiring after `ttlMs`; false when it could not be written. */
  async setShared(k: CacheKey, value: string, ttlMs: number): Promise<boolean> {
    const px = Math.max(1, Math.ceil(ttlMs));
    return (await this.redis((c) => c.set(this.full(k), value, { expiration: { type: 'PX', value: px } }))).ok;
  }

  async set(k: CacheKey, value: string, ttlSeconds: number): Promise<void> {
    this.remember(this.full(k), value, this.client ? this.options.memoryTtlMs : ttlSeconds * 1000);
    await this.redis((c) => c.set(this.full(k), value, { expiration: { type: 'EX', value: ttlSeconds } }));
  }

  /** Removes a key from both tiers; false when Redis is configured but could not be reached. */
  async del(k: CacheKey): Promise<boolean> {
    this.memory.delete(this.full(k));
    return !this.client || (await this.redis((c) => c.del(this.full(k)))).ok;
  }

  /** Count `units` hits in a fixed window; returns the count so far (shared across replicas when Redis is up). */
  async hit(k: CacheKey, windowMs: number, units = 1): Promise<number> {
    const remote = await this.redis(async (c) => {
      const count = Number(units === 1 ? await c.incr(this.full(k)) : await c.incrBy(this.full(k), units));
      // The key names its window, so it is never reused; the expiry only bounds how long it occupies Redis.
      if (count === units) void c.pExpire(this.full(k), windowMs).catch(() => undefined);
      return count;
    });
    if (remote.ok) return remote.value;
    const entry = this.memory.get(this.full(k));
    const count = entry && entry.expiresAt > Date.now() ? Number(entry.value) + units : units;
    this.remember(
      this.full(k),
      String(count),
      entry && entry.expiresAt > Date.now() ? entry.expiresAt - Date.now() : windowMs,
    );
    return count;
  }

  /** Acquire a lock with expiry (SET NX PX). Returns a token to release it with, or null if held elsewhere. */
  async acquireLock(k: CacheKey, ttlMs: number): Promise<string | null> {
    const token = randomUUID();
    if (this.client) {
      const remote = await this.redis((c) =>
        c.set(this.full(k), token, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } }),
      );
      if (remote.ok) return remote.value === 'OK' ? token : null;
    }
    // Without Redis the lock is only process-wide.
    const held = this.memory.get(this.full(k));
    if (held && held.expiresAt > Date.now()) return null;
    this.remember(this.full(k), token, ttlMs);
    return token;
  }

  async releaseLock(k: CacheKey, token: string): Promise<void> {
    const held = this.memory.get(this.full(k));
    if (held?.value === token) this.memory.delete(this.full(k));
    await this.redis((c) =>
      c.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", {
        keys: [this.full(k)],
        arguments: [token],
      }),
    );
  }

  private full(k: CacheKey): string {
    return `${this.options.prefix}:${k.key}`;
  }

  private remember(key: string, value: string, ttlMs: number): void {
    this.memory.set(key, { value, expiresAt: Date.now() + ttlMs }, memoryBytes(key, value));
  }

  /** Bytes the in-process tier holds (as estimated by memoryBytes). */
  get memoryBytes(): number {
    return this.memory.bytes;
  }

  private async redis<T>(
    op: (c: NonNullable<CacheService['client']>) => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false }> {
    if (!this.client || !this.client.isReady) return { ok: false };
    try {
      return { ok: true, value: await this.withTimeout(op(this.client)) };
    } catch {
      return { ok: false };
    }
  }

  private withTimeout<T>(p: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('redis: command timed out')), this.options.commandTimeoutMs);
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }
}
