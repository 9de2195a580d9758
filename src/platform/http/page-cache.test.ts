import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache.js';

describe('PageCache', () => {
  it('expires entries after the TTL and keeps at most maxEntries', () => {
    let now = 0;
    const c = new PageCache(1000, 2, () => now);
    c.set('a', 'A');
    now = 999;
    expect(c.get('a')).toBe('A');
    now = 1000;
    expect(c.get('a')).toBeUndefined();
    c.set('x', '1');
    c.set('y', '2');
    c.set('z', '3');
    expect(c.size).toBe(2);
    expect(c.get('x')).toBeUndefined();
  });
  it('keeps nothing when the TTL is 0', () => {
    const c = new PageCache(0);
    c.set('a', 'A');
    expect(c.get('a')).toBeUndefined();
  });
});
