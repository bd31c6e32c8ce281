import { type Decimal, fromBaseUnits } from '../decimal.js';
import type { Unlock } from '../economy.js';
import { unlockedUnitsAt } from './unlocked-units-at.js';

/**
 * The whole tokens an unlock has released by `at` (inclusive): exact, with
 * at most `decimals` places ({@link unlockedUnitsAt} in whole tokens).
 *
 * @param decimals - the token's base-unit decimals (SESH 9)
 * @throws TokenomicsError BAD_INPUT as {@link unlockedUnitsAt}
 * @example
 * ```ts
 * import { Decimal, monthlySteps, unlockedAt } from '@tokenomics/core';
 *
 * const b = monthlySteps({ bucket: 'locked-B', label: 'B', start: new Date('2026-06-21Z'), steps: 12, amount: new Decimal(39_332_750), source: 'https://example.org' });
 * unlockedAt(b, new Date('2026-06-21Z'), 9).toFixed(); // '3277729.166666666' (one tranche, truncated to base units)
 * unlockedAt(b, new Date('2027-05-21Z'), 9).toFixed(); // '39332750' (the last tranche takes the remainder)
 * ```
 */
export function unlockedAt(unlock: Unlock, at: Date, decimals: number): Decimal {
  return fromBaseUnits(unlockedUnitsAt(unlock, at, decimals), decimals);
}
