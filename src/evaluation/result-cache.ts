import { ByteBoundedCache } from '../common/byte-bounded-cache';

/** Heap of a key (UTF-16 at worst) and of its entry in the maps. */
const keyBytes = (key: string): number => 64 + 2 * key.length;

/**
 * Bounded in-process memo of results (estimates). An estimate is a pure function of the request
 * (workload, discount, overrides) and the rate card in force (its id and freshness), so an identical
 * request against the same card gets the same answer. A new card version or a change in staleness makes
 * a new key; least recently used entries go first.
 *
 * Bounded in bytes, not entries (README "Security and limits"): each entry counts its key and `bytesOf(value)`,
 * and the keys seen once (the doorkeeper) have an eighth of the budget, the entries the rest. A request
 * body of 64 KB makes a key of 64 KB, and an answer can be larger than the usual 29 KB; a count of entries
 * bounded neither.
 *
 * What is kept is chosen for the garbage collector as much as for the hit rate: a result is kept only from the
 * second time its request is seen (`admit`), so a stream of workloads never seen before leaves nothing behind to be
 * promoted to the old generation and traced by every major GC. Only estimates use it (EvaluationService): on
 * evaluations it gained nothing measurable (README "Benchmarks").
 */
export class ResultCache<T> {
  private readonly entries: ByteBoundedCache<string, T>;
  /** Keys seen once (the doorkeeper), least recently seen first out. */
  private readonly seen: ByteBoundedCache<string, true>;

  constructor(
    maxBytes: number,
    private readonly bytesOf: (value: T) => number,
  ) {
    this.seen = new ByteBoundedCache(Math.floor(maxBytes / 8));
    this.entries = new ByteBoundedCache(maxBytes - this.seen.maxBytes);
  }

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: T): T {
    this.entries.set(key, value, keyBytes(key) + this.bytesOf(value));
    return value;
  }

  /** Keeps `value` if `key` was seen before (and not forgotten since); otherwise only remembers the key. */
  admit(key: string, value: T): T {
    if (this.seen.has(key)) {
      this.seen.delete(key);
      return this.set(key, value);
    }
    this.seen.set(key, true, keyBytes(key));
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes held by the entries and the doorkeeper's keys together. */
  get bytes(): number {
    return this.entries.bytes + this.seen.bytes;
  }
}

/**
 * Heap of a result object, estimated as the length of its JSON: a full evaluation (29 KB of JSON) was measured
 * to hold ~27 KB of heap (300 evaluations kept, after a full collection). Counted once, when it is kept.
 */
export const objectBytes = (value: unknown): number => 64 + (JSON.stringify(value)?.length ?? 0);
