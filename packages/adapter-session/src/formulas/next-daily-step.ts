import { MS_PER_DAY } from '@tokenomics/core';

/**
 * The first daily step of the Staking Reward Pool after `at`: TGE plus the
 * next whole day. Session's figures change only there (the pool steps once a
 * day, and the lockups unlock on days counted from TGE), so an answer about
 * "now" holds until that instant.
 *
 * @example
 * ```ts
 * import { nextDailyStep } from './next-daily-step.js';
 *
 * nextDailyStep(new Date('2025-05-21T00:00:00Z'), new Date('2026-01-01T10:00:00Z')).toISOString();
 * // '2026-01-02T00:00:00.000Z'
 * ```
 */
export function nextDailyStep(tge: Date, at: Date): Date {
  const days = Math.floor((at.getTime() - tge.getTime()) / MS_PER_DAY);
  return new Date(tge.getTime() + (days + 1) * MS_PER_DAY);
}
