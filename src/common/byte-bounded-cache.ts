/**
 * A least-recently-used map bounded in bytes, not entries: each entry is set with an estimate of what it holds on
 * the heap, and the oldest entries go until the total fits `maxBytes`. An entry larger than the whole budget is not
 * kept. The estimate is the caller's (each cache says how it measured its own).
 */
export class ByteBoundedCache<K, V> {
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private used = 0;

  constructor(readonly maxBytes: number) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Keeps `value` as `bytes` (evicting the least recently used entries); false when it alone exceeds the budget. */
  set(key: K, value: V, bytes: number): boolean {
    this.delete(key);
    if (!(bytes <= this.maxBytes)) return false;
    for (const [oldest, entry] of this.entries) {
      if (this.used + bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.used -= entry.bytes;
    }
    this.entries.set(key, { value, bytes });
    this.used += bytes;
    return true;
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.bytes;
  }

  /** Bytes held, as estimated by the entries' setters. */
  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }
}
