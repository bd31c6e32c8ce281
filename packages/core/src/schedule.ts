import { TokenomicsError } from './errors.js';
import { addDays, addMonths, addYears } from './time.js';

/** The step between schedule points. */
export const INTERVALS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
/** One of {@link INTERVALS}. */
export type Interval = (typeof INTERVALS)[number];

/** The default ceiling on points in one schedule (10 years of days is 3,653). */
export const DEFAULT_MAX_SCHEDULE_POINTS = 10_000;

/**
 * The instant `steps` intervals after `origin`. Months and years step from the
 * origin each time, so Jan 31 + 2 months is Mar 31, not Mar 28.
 *
 * @example
 * ```ts
 * import { stepInstant } from '@tokenomics/core';
 *
 * stepInstant(new Date('2026-01-31T00:00:00Z'), 'MONTH', 2).toISOString(); // '2026-03-31T00:00:00.000Z'
 * ```
 */
export function stepInstant(origin: Date, interval: Interval, steps: number): Date {
  switch (interval) {
    case 'DAY':
      return addDays(origin, steps);
    case 'WEEK':
      return addDays(origin, steps * 7);
    case 'MONTH':
      return addMonths(origin, steps);
    case 'YEAR':
      return addYears(origin, steps);
  }
}

/** Options of {@link scheduleInstants}. */
export interface ScheduleInstantsOptions {
  /** The most points allowed; more is a LIMIT_EXCEEDED error. */
  maxPoints?: number;
}

/**
 * The instants of a schedule: `from`, then one per interval while not past
 * `to`, and `to` itself as the last point when it falls between steps.
 *
 * @throws TokenomicsError BAD_INPUT when `to` is before `from`;
 *   LIMIT_EXCEEDED when there would be more than `maxPoints`
 * @example
 * ```ts
 * import { scheduleInstants } from '@tokenomics/core';
 *
 * scheduleInstants(new Date('2026-01-01Z'), new Date('2026-01-03Z'), 'DAY').length; // 3
 * ```
 */
export function scheduleInstants(
  from: Date,
  to: Date,
  interval: Interval,
  { maxPoints = DEFAULT_MAX_SCHEDULE_POINTS }: ScheduleInstantsOptions = {},
): Date[] {
  if (to.getTime() < from.getTime()) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `schedule "to" (${to.toISOString()}) is before "from" (${from.toISOString()})`,
    );
  }
  const instants: Date[] = [];
  for (let step = 0; ; step++) {
    const at = stepInstant(from, interval, step);
    if (at.getTime() > to.getTime()) break;
    instants.push(at);
    if (instants.length > maxPoints) throw tooManyPoints(maxPoints, interval);
  }
  const last = instants[instants.length - 1];
  if (last !== undefined && last.getTime() !== to.getTime()) {
    instants.push(to);
    if (instants.length > maxPoints) throw tooManyPoints(maxPoints, interval);
  }
  return instants;
}

function tooManyPoints(maxPoints: number, interval: Interval): TokenomicsError {
  return new TokenomicsError(
    'LIMIT_EXCEEDED',
    `a schedule may have at most ${maxPoints} points; use a shorter range or a longer interval than ${interval}`,
    { details: { maxPoints } },
  );
}
