/**
 * Bounded in-process memo of evaluation results. An evaluation is a pure function of the request
 * (workload, discount, overrides) and the rate card in force (its id and freshness), so an identical
 * request against the same card gets the same answer. A new card version or a change in staleness makes
 * a new key; least recently used entries go first.
 *
 * What is kept is chosen for the garbage collector as much as for the hit rate: REST keeps only the JSON
 * bytes it sent, objects (GraphQL, estimates) are kept, and both only from the second time a request is seen
 * (`admit`): a stream of workloads never seen before then leaves nothing behind to be promoted to the old
 * generation and traced by every major GC.
 */
export class ResultCache<T> {
  private readonly entries = new Map<string, T>();
  /** Keys seen once (the doorkeeper): at most maxEntries × 4, forgotten all at once when full. */
  private readonly seen = new Set<string>();

  constructor(private readonly maxEntries: number) {}

  get(key: string): T | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: T): T {
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  /** Keeps `value` if `key` was seen before (since the doorkeeper last forgot); otherwise only remembers the key. */
  admit(key: string, value: T): T {
    if (this.seen.delete(key)) return this.set(key, value);
    if (this.seen.size >= this.maxEntries * 4) this.seen.clear();
    this.seen.add(key);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
