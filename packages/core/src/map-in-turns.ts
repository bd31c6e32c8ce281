import { nextTurn } from './next-turn.js';

/**
 * `items.map(fn)`, `slice` items at a time with a turn of the event loop
 * ({@link nextTurn}) between slices: a long list (a schedule's points being
 * written) never holds the process for longer than one slice. A list of at
 * most `slice` items is mapped at once, without waiting.
 *
 * @example
 * ```ts
 * import { mapInTurns } from '@tokenomics/core';
 *
 * const squares = await mapInTurns([1, 2, 3, 4, 5], (n) => n * n, 2);
 * squares; // [1, 4, 9, 16, 25]
 * ```
 */
export async function mapInTurns<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
  slice: number,
): Promise<R[]> {
  const size = Math.max(1, Math.floor(slice));
  const out: R[] = new Array(items.length);
  for (let start = 0; start < items.length; start += size) {
    if (start > 0) await nextTurn();
    const end = Math.min(items.length, start + size);
    for (let i = start; i < end; i++) out[i] = fn(items[i]!, i);
  }
  return out;
}
