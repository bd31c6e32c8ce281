import { LRUCache } from 'lru-cache';

/** A cache made by {@link sizedCache}: lru-cache's LRUCache, bounded by `maxSize` in estimated bytes. */
export type SizedCache<K extends {}, V extends {}> = LRUCache<K, V>;

/** Options of {@link sizedCache}. */
export interface SizedCacheOptions<K, V> {
  /** The most bytes the entries may add up to, by `sizeOf`; the least recently used go first. */
  maxBytes: number;
  /**
   * An entry's estimated bytes (key included), a positive number: a constant
   * for figures, a count × bytes-per-item for lists. An entry larger than
   * `maxBytes` is not kept at all.
   */
  sizeOf(value: V, key: K): number;
}

/** What a sized cache holds now, for metrics and tests. */
export interface SizedCacheStats {
  /** Entries kept. */
  entries: number;
  /** Their estimated bytes ({@link SizedCacheOptions.sizeOf} summed). */
  bytes: number;
  /** The bound on `bytes`. */
  maxBytes: number;
}

/**
 * The one cache of the project: an LRU (`lru-cache`) bounded by the estimated
 * bytes of its entries rather than by their count, so that a few large
 * entries (schedules, long stake lists) cannot hold more memory than many
 * small ones (figures) would. Sizes are rounded up to whole bytes, at least 1.
 *
 * @example
 * ```ts
 * import { sizedCache, sizedCacheStats } from '@tokenomics/core';
 *
 * const texts = sizedCache<string, string>({ maxBytes: 1_000_000, sizeOf: (text, key) => 2 * (text.length + key.length) });
 * texts.set('a', 'x'.repeat(100));
 * sizedCacheStats(texts); // { entries: 1, bytes: 202, maxBytes: 1000000 }
 * ```
 */
export function sizedCache<K extends {}, V extends {}>({
  maxBytes,
  sizeOf,
}: SizedCacheOptions<K, V>): SizedCache<K, V> {
  return new LRUCache<K, V>({
    maxSize: maxBytes,
    sizeCalculation: (value, key) => Math.max(1, Math.ceil(sizeOf(value, key))),
  });
}

/**
 * The value kept under `key`, or `compute()`'s, kept (when it fits) and returned.
 *
 * @example
 * ```ts
 * import { remember, sizedCache } from '@tokenomics/core';
 *
 * const squares = sizedCache<number, { n: number }>({ maxBytes: 1_000, sizeOf: () => 50 });
 * remember(squares, 12, () => ({ n: 144 })).n; // 144, computed once
 * ```
 */
export function remember<K extends {}, V extends {}>(cache: SizedCache<K, V>, key: K, compute: () => V): V {
  const kept = cache.get(key);
  if (kept !== undefined) return kept;
  const value = compute();
  cache.set(key, value);
  return value;
}

/**
 * A sized cache's entries, estimated bytes and bound.
 *
 * @example
 * ```ts
 * import { sizedCache, sizedCacheStats } from '@tokenomics/core';
 *
 * sizedCacheStats(sizedCache({ maxBytes: 1_024, sizeOf: () => 1 })); // { entries: 0, bytes: 0, maxBytes: 1024 }
 * ```
 */
export function sizedCacheStats<K extends {}, V extends {}>(cache: SizedCache<K, V>): SizedCacheStats {
  return { entries: cache.size, bytes: cache.calculatedSize, maxBytes: cache.maxSize };
}
