import { nextTurn } from './next-turn.js';

/**
 * The items of a long list for a GraphQL executor to complete a slice per
 * turn of the event loop: the first `slice` items as they are, each later
 * one a promise of itself, settled a slice per turn ({@link nextTurn}).
 * Executors complete a list's ready items in one piece, however long the
 * list (graphql-jit's compiled plans and graphql-js alike); items that
 * settle in turns are completed in turns. A list of at most `slice` items
 * comes back as a copy, with no promise in it.
 *
 * @example
 * ```ts
 * import { itemsInTurns } from '@tokenomics/core';
 *
 * const items = itemsInTurns(['a', 'b', 'c'], 2);
 * items[0]; // 'a' (the first slice, as it is)
 * await items[2]; // 'c' (settled a turn later)
 * ```
 */
export function itemsInTurns<T>(items: readonly T[], slice: number): Array<T | Promise<T>> {
  const size = Math.max(1, Math.floor(slice));
  if (items.length <= size) return items.slice();
  const out: Array<T | Promise<T>> = items.slice(0, size);
  let turn: Promise<void> = Promise.resolve();
  for (let start = size; start < items.length; start += size) {
    turn = turn.then(nextTurn);
    const end = Math.min(items.length, start + size);
    for (let i = start; i < end; i++) {
      const item = items[i] as T;
      out.push(turn.then(() => item));
    }
  }
  return out;
}
