import { objectBytes, ResultCache } from '../../src/evaluation/result-cache';

/** Heap of a JSON text kept as it is: a Buffer's bytes, or a string at two bytes a character. */
const jsonBytes = (json: string | Buffer): number =>
  64 + (typeof json === 'string' ? 2 * json.length : json.byteLength);

const one = () => 1;

describe('ResultCache', () => {
  it('keeps what fits its bytes, dropping the least recently used', () => {
    // Each entry: 64 + 2 bytes of key + 1 of value = 67 bytes; two fit in the 140 of 160 that entries get.
    const cache = new ResultCache<number>(160, one);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('admits a value only the second time its key is seen, so one-off requests keep nothing', () => {
    const cache = new ResultCache<number>(140 * 8, one);
    expect(cache.admit('a', 1)).toBe(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.admit('a', 1);
    expect(cache.get('a')).toBe(1);
    // A stream of distinct keys never fills the cache; the doorkeeper forgets the oldest within its own bytes.
    for (let i = 0; i < 100; i++) cache.admit(`k${i}`, i);
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBe(1);
  });

  describe('bounded in bytes, whatever the size of its entries', () => {
    const BUDGET = 1024 * 1024;
    /** The test's own measure of what an entry holds: its key and its bytes (two a character for a string). */
    const heldBy = (key: string, value: string | Buffer) =>
      2 * key.length + (typeof value === 'string' ? 2 * value.length : value.byteLength);
    const answer = (i: number, kb: number) => `{"i":${i},"pad":"${'x'.repeat(kb * 1024)}"}`;

    it.each([
      ['REST answers of 100 KB', 100, 1],
      ['REST answers of 300 KB', 300, 1],
      ['answers of 20 KB with request bodies of 60 KB as keys', 20, 60],
    ])('%s: the bytes held never exceed the budget', (_name, kb, keyKb) => {
      const cache = new ResultCache<string | Buffer>(BUDGET, jsonBytes);
      const kept = new Map<string, string | Buffer>();
      let peak = 0;
      for (let i = 0; i < 60; i++) {
        const key = `evaluate|card|false|{"ingestGbPerDay":${i},"note":"${'k'.repeat(keyKb * 1024)}"}`;
        const value = i % 2 ? answer(i, kb) : Buffer.from(answer(i, kb));
        cache.admit(key, value);
        cache.admit(key, value); // the second sighting keeps it
        kept.set(key, value);
        peak = Math.max(peak, cache.bytes);
      }
      // Measured from outside: what can still be read back, with its key, fits the budget.
      let held = 0;
      for (const [key, value] of kept) if (cache.get(key) !== undefined) held += heldBy(key, value);
      expect(held).toBeLessThanOrEqual(BUDGET);
      expect(held).toBeGreaterThan(0);
      // And as the cache counts it, at every step.
      expect(peak).toBeLessThanOrEqual(BUDGET);
      // The most recent answer is there (the cache still caches).
      expect(cache.get([...kept.keys()].at(-1)!) === [...kept.values()].at(-1)).toBe(true);
    });

    it('result objects are counted by the length of their JSON', () => {
      const cache = new ResultCache<object>(BUDGET, objectBytes);
      const kept: [string, object][] = [];
      let peak = 0;
      for (let i = 0; i < 60; i++) {
        const result = { options: Array.from({ length: 2000 }, (_, j) => ({ code: `OPTION_${i}_${j}`, usd: i * j })) };
        cache.admit(`r${i}`, result);
        cache.admit(`r${i}`, result);
        kept.push([`r${i}`, result]);
        peak = Math.max(peak, cache.bytes);
      }
      const held = kept.filter(([key]) => cache.get(key)).reduce((sum, [, v]) => sum + JSON.stringify(v).length, 0);
      expect(held).toBeLessThanOrEqual(BUDGET);
      expect(held).toBeGreaterThan(BUDGET / 2); // ~70 KB each: several are kept
      expect(peak).toBeLessThanOrEqual(BUDGET);
    });

    it('keys seen once (the doorkeeper) are bounded in bytes too', () => {
      const cache = new ResultCache<string>(BUDGET, jsonBytes);
      for (let i = 0; i < 500; i++) {
        cache.admit(`{"i":${i},"body":"${'b'.repeat(60 * 1024)}"}`, 'x');
        expect(cache.bytes).toBeLessThanOrEqual(BUDGET);
      }
    });
  });
});
