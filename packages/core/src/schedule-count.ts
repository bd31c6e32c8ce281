import type { Interval } from './schedule.js';
import { stepInstant } from './schedule.js';
import { MS_PER_DAY } from './time.js';

/**
 * How many points {@link scheduleInstants} gives for `from`, `to` and an
 * interval, without making them: the steps from `from` that are not past
 * `to`, plus `to` itself when it falls between steps; 0 when `to` is before
 * `from` (which scheduleInstants refuses). Any range costs a few date
 * operations, so a request's cost can be known before any point is computed.
 *
 * Months and years step from `from` each time and only move forward (Jan 31,
 * Feb 28, Mar 31…), so the last step is the calendar distance in months (or
 * years) or one less.
 *
 * @example
 * ```ts
 * import { countScheduleInstants } from '@tokenomics/core';
 *
 * countScheduleInstants(new Date('2026-01-01Z'), new Date('2036-01-01Z'), 'DAY'); // 3653
 * countScheduleInstants(new Date('2026-01-31Z'), new Date('2026-03-15Z'), 'MONTH'); // 3 (Jan 31, Feb 28, Mar 15)
 * ```
 */
export function countScheduleInstants(from: Date, to: Date, interval: Interval): number {
  const start = from.getTime();
  const end = to.getTime();
  if (!(end >= start)) return 0;
  let steps: number;
  if (interval === 'DAY' || interval === 'WEEK') {
    steps = Math.floor((end - start) / ((interval === 'DAY' ? 1 : 7) * MS_PER_DAY));
  } else {
    const months =
      (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
    steps = Math.floor(months / (interval === 'MONTH' ? 1 : 12));
    while (steps > 0 && stepInstant(from, interval, steps).getTime() > end) steps--;
  }
  const last = stepInstant(from, interval, steps).getTime();
  return steps + 1 + (last === end ? 0 : 1);
}
