import type { Unlock } from '../economy.js';
import { TokenomicsError } from '../errors.js';
import { stepInstant } from '../schedule.js';

const MS_PER_DAY = 86_400_000;

/**
 * How many tranches of a STEP unlock have fallen due by `at` (a tranche at
 * exactly `at` counts), from 0 to `steps`. With an `interval`, tranche k
 * falls at `stepInstant(start, interval, k)`; without one, the tranches are
 * spread evenly in time from `start` to `end` (tranche k at
 * `start + k × (end − start) / (steps − 1)`, compared in exact integers).
 *
 * @throws TokenomicsError BAD_INPUT when the unlock is not a STEP with whole `steps` ≥ 1 and an `end`
 * @example
 * ```ts
 * import { Decimal, monthlySteps, tranchesReached } from '@tokenomics/core';
 *
 * const b = monthlySteps({ bucket: 'b', label: 'B', start: new Date('2026-06-21Z'), steps: 12, amount: new Decimal(12), source: 'https://example.org' });
 * tranchesReached(b, new Date('2026-06-20Z')); // 0
 * tranchesReached(b, new Date('2026-08-21Z')); // 3
 * ```
 */
export function tranchesReached(unlock: Unlock, at: Date): number {
  const steps = unlock.steps;
  if (
    unlock.kind !== 'STEP' ||
    steps === undefined ||
    !Number.isSafeInteger(steps) ||
    steps < 1 ||
    unlock.end === null
  ) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `unlock of "${unlock.bucket}" is not a STEP unlock with whole steps ≥ 1 and an end`,
      { details: { bucket: unlock.bucket } },
    );
  }
  const start = unlock.start.getTime();
  const t = at.getTime();
  if (t < start) return 0;
  if (unlock.interval === undefined) {
    if (steps === 1) return 1;
    const span = BigInt(unlock.end.getTime() - start);
    if (span <= 0n) return steps;
    const k = (BigInt(t - start) * BigInt(steps - 1)) / span;
    return Number(k < BigInt(steps - 1) ? k : BigInt(steps - 1)) + 1;
  }
  const interval = unlock.interval;
  // An estimate of the last tranche reached, then corrected against the calendar.
  const from = unlock.start;
  const months = (at.getUTCFullYear() - from.getUTCFullYear()) * 12 + at.getUTCMonth() - from.getUTCMonth();
  const estimate =
    interval === 'DAY'
      ? Math.floor((t - start) / MS_PER_DAY)
      : interval === 'WEEK'
        ? Math.floor((t - start) / (7 * MS_PER_DAY))
        : interval === 'MONTH'
          ? months
          : Math.floor(months / 12);
  let k = Math.min(Math.max(estimate, 0), steps - 1);
  while (k > 0 && stepInstant(from, interval, k).getTime() > t) k--;
  while (k + 1 < steps && stepInstant(from, interval, k + 1).getTime() <= t) k++;
  return k + 1;
}
