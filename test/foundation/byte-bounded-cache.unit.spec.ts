/** ByteBoundedCache: least recently used first out, bounded by the bytes its setters declare (lru-cache inside). */
import { ByteBoundedCache } from '../../src/common/byte-bounded-cache';

describe('ByteBoundedCache', () => {
  it('evicts the least recently used entries until the declared bytes fit', () => {
    const cache = new ByteBoundedCache<string, number>(100);
    expect(cache.set('a', 1, 40)).toBe(true);
    expect(cache.set('b', 2, 40)).toBe(true);
    expect(cache.get('a')).toBe(1); // a is now the most recently used
    expect(cache.set('c', 3, 40)).toBe(true); // 120 > 100: b goes, not a
    expect(cache.has('b')).toBe(false);
    expect([cache.get('a'), cache.get('c')]).toEqual([1, 3]);
    expect(cache.bytes).toBe(80);
    expect(cache.size).toBe(2);
  });

  it('refuses an entry larger than the whole budget, and drops what was under its key', () => {
    const cache = new ByteBoundedCache<string, string>(100);
    cache.set('k', 'small', 10);
    expect(cache.set('k', 'huge', 101)).toBe(false);
    expect(cache.has('k')).toBe(false);
    expect(cache.bytes).toBe(0);
    expect(cache.set('x', 'not a number of bytes', Number.NaN)).toBe(false);
  });

  it('keeps null as a value and replaces an entry with its new size', () => {
    const cache = new ByteBoundedCache<string, string | null>(100);
    expect(cache.set('none', null, 8)).toBe(true);
    expect(cache.has('none')).toBe(true);
    expect(cache.get('none')).toBeNull();
    cache.set('none', 'now something', 50);
    expect(cache.bytes).toBe(50);
    cache.delete('none');
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
  });
});
