/**
 * A least-recently-used map bounded in bytes, not entries: each entry is set with an estimate of what it holds on
 * the heap, and the oldest entries go until the total fits `maxBytes`. An entry larger than the whole budget is not
 * kept. The estimate is the caller's (each cache says how it measured its own).
 *
 * The LRU is lru-cache's (`maxSize` with a size per entry); this class only fixes the calls streamfit's caches make
 * (size given at every set, "was it kept?" as the answer, the bytes held).
 */
import { LRUCache } from 'lru-cache';

export class ByteBoundedCache<K, V> {
  // Values are boxed: lru-cache keeps no null or undefined value, and a cached "nothing" (null) is a value here.
  private readonly entries: LRUCache<NonNullable<K>, { value: V }>;

  constructor(readonly maxBytes: number) {
    this.entries = new LRUCache<NonNullable<K>, { value: V }>({ maxSize: Math.max(1, maxBytes) });
  }

  get(key: K): V | undefined {
    return this.entries.get(key as NonNullable<K>)?.value;
  }

  has(key: K): boolean {
    return this.entries.has(key as NonNullable<K>);
  }

  /** Keeps `value` as `bytes` (evicting the least recently used entries); false when it alone exceeds the budget. */
  set(key: K, value: V, bytes: number): boolean {
    if (!(bytes <= this.maxBytes) || this.maxBytes <= 0) {
      this.delete(key);
      return false;
    }
    // lru-cache takes sizes of at least 1: an entry said to hold nothing is counted as one byte.
    this.entries.set(key as NonNullable<K>, { value }, { size: Math.max(1, Math.ceil(bytes)) });
    return this.has(key);
  }

  delete(key: K): void {
    this.entries.delete(key as NonNullable<K>);
  }

  /** Bytes held, as estimated by the entries' setters. */
  get bytes(): number {
    return this.entries.calculatedSize;
  }

  get size(): number {
    return this.entries.size;
  }
}
