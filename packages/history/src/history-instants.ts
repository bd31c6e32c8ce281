import { type HistoryInterval, stepInstant, TokenomicsError } from '@tokenomics/core';

/** The default ceiling on instants in one history range or backfill. */
export const DEFAULT_MAX_HISTORY_STEPS = 10_000;

/**
 * The step instants of a history range: `from`, then one per interval while
 * not past `to` (`to` itself is not added between steps: a step is an
 * instant of the grid).
 *
 * @throws TokenomicsError BAD_INPUT when `to` is before `from`; LIMIT_EXCEEDED beyond `maxSteps`
 * @example
 * ```ts
 * import { historyInstants } from '@tokenomics/history';
 *
 * historyInstants(new Date('2026-01-01T00:00Z'), new Date('2026-01-01T02:30Z'), 'HOUR').length; // 3
 * ```
 */
export function historyInstants(
  from: Date,
  to: Date,
  interval: HistoryInterval,
  maxSteps = DEFAULT_MAX_HISTORY_STEPS,
): Date[] {
  if (to.getTime() < from.getTime()) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `history "to" (${to.toISOString()}) is before "from" (${from.toISOString()})`,
    );
  }
  const instants: Date[] = [];
  for (let step = 0; ; step++) {
    const at =
      interval === 'HOUR' ? new Date(from.getTime() + step * 3_600_000) : stepInstant(from, interval, step);
    if (at.getTime() > to.getTime()) break;
    if (instants.length === maxSteps) {
      throw new TokenomicsError(
        'LIMIT_EXCEEDED',
        `a history range may have at most ${maxSteps} steps; use a shorter range or a longer interval than ${interval}`,
        { details: { maxPoints: maxSteps } },
      );
    }
    instants.push(at);
  }
  return instants;
}
