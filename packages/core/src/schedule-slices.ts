import { nextTurn } from './next-turn.js';

/** Points computed in one go before the event loop gets a turn: about 2 to 5 ms of model work. */
export const SCHEDULE_SLICE_POINTS = 500;

/**
 * A schedule's points computed in slices of at most `slice` instants, with a
 * turn of the event loop before each slice (one long schedule never holds the
 * process for longer than a slice). Each slice after the first starts at the
 * previous slice's last instant, whose point is computed again and dropped:
 * a point may depend on the instant before it (what was emitted since), so
 * each point is computed after the same instant as in one call. The result
 * equals `compute(instants)` for any schedule whose points depend only on
 * their instant and the one before (every adapter's, see `AdapterDefinition.schedule`).
 *
 * @example
 * ```ts
 * import { scheduleInSlices } from '@tokenomics/core';
 *
 * const instants = [1, 2, 3, 4, 5].map((day) => new Date(Date.UTC(2026, 0, day)));
 * // Each point: its day of the month, and the days since the point before (0 at the first).
 * const points = await scheduleInSlices(
 *   instants,
 *   (part) => part.map((at, i) => ({ day: at.getUTCDate(), since: i === 0 ? 0 : at.getUTCDate() - part[i - 1]!.getUTCDate() })),
 *   2,
 * );
 * points.map((p) => p.since); // [0, 1, 1, 1, 1], as in one call
 * ```
 */
export async function scheduleInSlices<P>(
  instants: readonly Date[],
  compute: (instants: Date[]) => P[],
  slice: number = SCHEDULE_SLICE_POINTS,
): Promise<P[]> {
  const size = Math.max(2, Math.floor(slice));
  if (instants.length <= size) return compute([...instants]);
  const points: P[] = [];
  for (let start = 0; start < instants.length; ) {
    await nextTurn();
    // After the first slice: one instant of overlap, whose point is dropped.
    const from = start === 0 ? 0 : start - 1;
    const part = compute(instants.slice(from, from + size));
    for (let i = start === 0 ? 0 : 1; i < part.length; i++) points.push(part[i]!);
    start = from + size;
  }
  return points;
}
