import { ResultCache } from '../../src/evaluation/result-cache';

describe('ResultCache', () => {
  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new ResultCache<number>(2);
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
    const cache = new ResultCache<number>(2);
    expect(cache.admit('a', 1)).toBe(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.admit('a', 1);
    expect(cache.get('a')).toBe(1);
    // A stream of distinct keys never fills the cache; the doorkeeper forgets them in bulk (at 4 × maxEntries).
    for (let i = 0; i < 100; i++) cache.admit(`k${i}`, i);
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBe(1);
  });
});
