/**
 * A promise that settles on the event loop's next turn (`setImmediate`):
 * awaiting it lets what waits (I/O, other requests, a liveness probe) run
 * before a long computation goes on.
 *
 * @example
 * ```ts
 * import { nextTurn } from '@tokenomics/core';
 *
 * for (let slice = 0; slice < 3; slice++) {
 *   // … a few milliseconds of work …
 *   await nextTurn();
 * }
 * ```
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
