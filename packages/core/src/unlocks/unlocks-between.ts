import type { Unlock } from '../economy.js';

/**
 * The unlocks whose release overlaps `[from, to]` (both included), in their
 * order: a cliff at `start`; a linear or step unlock from `start` to `end`.
 * `from` undefined means from the beginning, `to` undefined or null without end.
 *
 * @example
 * ```ts
 * import { type Unlock, unlocksBetween } from '@tokenomics/core';
 *
 * declare const unlocks: readonly Unlock[];
 * unlocksBetween(unlocks, new Date('2026-01-01Z'), new Date('2026-12-31Z')).map((u) => u.bucket); // ['locked-B', 'locked-D']
 * ```
 */
export function unlocksBetween(unlocks: readonly Unlock[], from?: Date, to?: Date | null): Unlock[] {
  const lower = from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const upper = to?.getTime() ?? Number.POSITIVE_INFINITY;
  return unlocks.filter((unlock) => {
    const first = unlock.start.getTime();
    const last = (unlock.end ?? unlock.start).getTime();
    return last >= lower && first <= upper;
  });
}
