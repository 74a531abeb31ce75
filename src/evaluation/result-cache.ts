/**
 * Bounded in-process memo of evaluation results. An evaluation is a pure function of the request
 * (workload, discount, overrides) and the rate card in force (its id and freshness), so an identical
 * request against the same card gets the same answer: the cached object (GraphQL) or its JSON text
 * (REST, written once). A new card version or a change in staleness makes a new key; least recently
 * used entries go first.
 */
export class ResultCache<T> {
  private readonly entries = new Map<string, { value: T; json?: string }>();

  constructor(private readonly maxEntries: number) {}

  get(key: string): { value: T; json?: string } | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: T): { value: T; json?: string } {
    const entry = { value };
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }
}
