/** JSON bodies of large lists built from cached per-item fragments: items are immutable and replaced when they change, so identity is the cache key. */

export const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * At 10,000 links, serialising every link per request cost most of the p99 budget
 * (bench/topology-bench.ts); joining cached fragments costs a few ms, and a body whose items are
 * all the same objects as last time for the same query is reused as is.
 */
export class JsonListCache<T extends object> {
  readonly #fragments = new WeakMap<T, string>();
  /** Few: an unfiltered body at 10,000 links is 3.2 MB, and any query string is a key. */
  readonly #bodies = new Map<string, { readonly items: readonly T[]; readonly body: Buffer }>();
  readonly #maxBodies: number;

  constructor(maxBodies = 4) {
    this.#maxBodies = maxBodies;
  }

  /** `[item,…]` wrapped in prefix/suffix, for the query `key`. */
  body(key: string, items: readonly T[], prefix = '', suffix = ''): Buffer {
    const last = this.#bodies.get(key);
    if (last !== undefined && (last.items === items || sameItems(last.items, items))) return last.body;
    const parts: string[] = new Array<string>(items.length);
    for (let i = 0; i < items.length; i += 1) {
      const item = items[i] as T;
      let json = this.#fragments.get(item);
      if (json === undefined) {
        json = JSON.stringify(item);
        this.#fragments.set(item, json);
      }
      parts[i] = json;
    }
    const body = Buffer.from(`${prefix}[${parts.join(',')}]${suffix}`, 'utf8');
    if (this.#bodies.size >= this.#maxBodies && !this.#bodies.has(key)) this.#bodies.clear();
    this.#bodies.set(key, { items, body });
    return body;
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
