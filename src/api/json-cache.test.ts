/** JsonListCache: bodies equal JSON.stringify, reused while the items are the same objects. */
import { describe, expect, it } from 'vitest';
import { acceptsGzip, JsonListCache } from './json-cache.js';

describe('JsonListCache', () => {
  it('gives the JSON of the list, wrapped as asked', () => {
    const cache = new JsonListCache<{ n: number; s: string }>();
    const items = [{ n: 1, s: 'a"b' }, { n: 2, s: 'ü' }];
    expect(JSON.parse(cache.body('k', items).toString('utf8'))).toEqual(items);
    expect(cache.body('w', items, '{"x":', '}').toString('utf8')).toBe(`{"x":${JSON.stringify(items)}}`);
    expect(cache.body('e', []).toString('utf8')).toBe('[]');
  });

  it('reuses the body while every item is the same object, and rebuilds when one is replaced', () => {
    const cache = new JsonListCache<{ n: number }>();
    const a = { n: 1 };
    const b = { n: 2 };
    const first = cache.body('k', [a, b]);
    expect(cache.body('k', [a, b])).toBe(first);
    const next = cache.body('k', [a, { n: 3 }]);
    expect(next).not.toBe(first);
    expect(next.toString('utf8')).toBe('[{"n":1},{"n":3}]');
  });
});

describe('acceptsGzip', () => {
  it('reads Accept-Encoding as clients send it', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip(['deflate', 'GZIP'])).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('gzipped')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
