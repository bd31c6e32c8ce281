import type { Decimal } from '../decimal.js';
import type { Unlock } from '../economy.js';
import { TokenomicsError } from '../errors.js';
import { stepInstant } from '../schedule.js';
import { checkUnlockAmount } from './check.js';

/** What a monthly step unlock is made of: plain data. */
export interface MonthlyStepsDefinition {
  /** The holding (a SupplyBucket key) that unlocks. */
  bucket: string;
  label: string;
  /** The instant of the first tranche. */
  start: Date;
  /** The number of tranches, ≥ 1: one at `start` and one on each monthly anniversary of it. */
  steps: number;
  /** Whole tokens, all tranches together. */
  amount: Decimal;
  /** A public URL or a file in this repository. */
  source: string;
}

/**
 * Monthly tranches: `steps` equal tranches, the first at `start`, then one on
 * each monthly anniversary of `start` (the same day-of-month and time, UTC,
 * clamped to the month's last day: `stepInstant(start, 'MONTH', k)`, always
 * counted from `start`, so a 31st stays the 31st where the month has one).
 * The tranches are equal in the token's base units; the remainder of the
 * division goes to the last tranche (see {@link unlockedUnitsAt}).
 *
 * @throws TokenomicsError BAD_INPUT when `steps` is not a whole number ≥ 1, or for a negative amount
 * @example
 * ```ts
 * import { Decimal, monthlySteps } from '@tokenomics/core';
 *
 * const b = monthlySteps({ bucket: 'locked-B', label: 'Lockup B', start: new Date('2026-06-21T00:00:00Z'), steps: 12, amount: new Decimal(39_332_750), source: 'docs/methodology/session.md#lockups' });
 * b.end?.toISOString(); // '2027-05-21T00:00:00.000Z'
 * ```
 */
export function monthlySteps(definition: MonthlyStepsDefinition): Unlock {
  checkUnlockAmount(definition.amount, definition.bucket);
  if (!Number.isSafeInteger(definition.steps) || definition.steps < 1) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `unlock of "${definition.bucket}": steps must be a whole number ≥ 1, got ${definition.steps}`,
      { details: { bucket: definition.bucket } },
    );
  }
  return {
    bucket: definition.bucket,
    label: definition.label,
    kind: 'STEP',
    start: definition.start,
    end: stepInstant(definition.start, 'MONTH', definition.steps - 1),
    amount: definition.amount,
    steps: definition.steps,
    interval: 'MONTH',
    source: definition.source,
  };
}
