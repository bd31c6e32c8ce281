/** A count of the event loop's turns, from {@link countTurns}. */
export interface TurnCounter {
  /** Turns counted so far. */
  readonly turns: number;
  /** Stops counting (the last setImmediate runs once more and schedules none). */
  stop(): void;
}

/**
 * Counts the event loop's turns (one per check phase) from now until
 * `stop()`: a test of work spread over turns counts turns, not time, so a
 * busy machine cannot make it fail.
 *
 * @example
 * ```ts
 * import { countTurns } from '@tokenomics/core/testing';
 *
 * const counter = countTurns();
 * await new Promise((resolve) => setImmediate(resolve));
 * await new Promise((resolve) => setImmediate(resolve));
 * counter.stop();
 * counter.turns; // 2
 * ```
 */
export function countTurns(): TurnCounter {
  let turns = 0;
  let counting = true;
  const spin = () => {
    turns += 1;
    if (counting) setImmediate(spin);
  };
  setImmediate(spin);
  return {
    get turns() {
      return turns;
    },
    stop() {
      counting = false;
    },
  };
}
