import type { CacheService } from '../infrastructure/cache/cache.service';
import type { CacheKey } from '../infrastructure/cache/cache-keys';

/** How often units counted locally are added to the shared counters (and their totals read back). */
export const RATE_SYNC_MS = 100;
/**
 * Share of a counter's remaining headroom one replica may count on its own between two syncs. With up to this
 * many replicas taking their share at once, their total stays within the limit (README "Rate limits").
 */
export const RATE_LOCAL_SHARE = 8;
/** Windows a replica keeps local state for at most (older ones are dropped as the windows roll). */
const MAX_COUNTERS = 10_000;

interface Counter {
  key: CacheKey;
  windowEnd: number;
  windowMs: number;
  /** The shared total as last read (it includes every replica's units up to then). */
  shared: number;
  /** Units counted here since, not yet sent. */
  pending: number;
  /** Units sent and not yet acknowledged. */
  inflight: number;
  /** When `shared` was read; 0 = never. */
  syncedAt: number;
}

/**
 * Fixed-window counters shared by the replicas (through CacheService.hit: Redis INCRBY, or memory without
 * Redis), counted locally between syncs so a request far from its limit does not wait for Redis: a request may
 * be counted here when the shared total was read less than RATE_SYNC_MS ago and the units counted here since
 * stay within 1/RATE_LOCAL_SHARE of the headroom the limit then had; the units are sent with the next sync
 * (every RATE_SYNC_MS). Any other request — the first of a window, one after a quiet spell, one near the
 * limit — adds its units to the shared counter and waits for the total, as every request did before.
 */
export class RateCounters {
  private readonly counters = new Map<string, Counter>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly cache: CacheService) {}

  /** Counts `units` in the window of `key` and returns the window's total so far (this replica's view of it). */
  async hit(
    key: CacheKey,
    window: { ms: number; end: number },
    units: number,
    limit: number,
    now = Date.now(),
  ): Promise<number> {
    let c = this.counters.get(key.key);
    if (c === undefined) {
      if (this.counters.size >= MAX_COUNTERS) this.prune(now, true);
      c = { key, windowEnd: window.end, windowMs: window.ms, shared: 0, pending: 0, inflight: 0, syncedAt: 0 };
      this.counters.set(key.key, c);
    }
    const local = c.pending + c.inflight + units;
    if (c.syncedAt !== 0 && now - c.syncedAt < RATE_SYNC_MS && local <= (limit - c.shared) / RATE_LOCAL_SHARE) {
      c.pending += units;
      this.schedule();
      return c.shared + local;
    }
    return this.send(c, units);
  }

  /** Sends what is pending plus `units` and returns the shared total after them (plus what is still in flight). */
  private async send(c: Counter, units: number): Promise<number> {
    const sent = c.pending + units;
    c.pending = 0;
    c.inflight += sent;
    let total: number;
    try {
      total = await this.cache.hit(c.key, c.windowMs, sent);
    } finally {
      c.inflight -= sent;
    }
    // Another reply may have come back first with a larger total (it counted these units or will): keep the larger.
    c.shared = Math.max(c.shared, total);
    c.syncedAt = Date.now();
    return Math.max(total, c.shared) + c.pending + c.inflight;
  }

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sync();
    }, RATE_SYNC_MS);
    this.timer.unref();
  }

  /** Sends every counter's pending units; forgets windows that are over. */
  async sync(): Promise<void> {
    const now = Date.now();
    const sends: Array<Promise<number>> = [];
    for (const c of this.counters.values()) if (c.pending > 0) sends.push(this.send(c, 0).catch(() => 0));
    this.prune(now, false);
    await Promise.all(sends);
  }

  private prune(now: number, force: boolean): void {
    for (const [name, c] of this.counters) {
      if (c.windowEnd <= now && c.pending === 0 && c.inflight === 0) this.counters.delete(name);
    }
    if (force && this.counters.size >= MAX_COUNTERS) {
      const oldest = this.counters.keys().next();
      if (!oldest.done) this.counters.delete(oldest.value);
    }
  }

  /** Sends what is pending and stops the timer (shutdown). */
  async close(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.sync();
  }
}
