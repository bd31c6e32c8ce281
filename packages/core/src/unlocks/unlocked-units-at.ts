import type { Unlock } from '../economy.js';
import { TokenomicsError } from '../errors.js';
import { tranchesReached } from './tranches-reached.js';

/**
 * The base units an unlock has released by `at` (inclusive), exactly:
 * - CLIFF: all of it from `start`, nothing before;
 * - LINEAR: `floor(units × (at − start) / (end − start))`, truncated to base
 *   units as vesting contracts compute (OpenZeppelin's VestingWallet), all of
 *   it from `end`;
 * - STEP: `steps` equal tranches of `floor(units / steps)` base units, the
 *   remainder of that division added to the last tranche, so the tranches sum
 *   to the amount exactly ({@link tranchesReached} says how many fell due).
 *
 * @param decimals - the token's base-unit decimals (SESH 9)
 * @throws TokenomicsError BAD_INPUT when the amount has more decimals than the
 *   base unit, is negative, or the unlock's shape is inconsistent
 * @example
 * ```ts
 * import { Decimal, monthlySteps, unlockedUnitsAt } from '@tokenomics/core';
 *
 * const d = monthlySteps({ bucket: 'd', label: 'D', start: new Date('2026-06-21Z'), steps: 24, amount: new Decimal(38_000_000), source: 'https://example.org' });
 * unlockedUnitsAt(d, new Date('2026-06-21Z'), 9); // 1583333333333333n (one tranche)
 * unlockedUnitsAt(d, new Date('2028-05-21Z'), 9); // 38000000000000000n (the last tranche takes the remainder)
 * ```
 */
export function unlockedUnitsAt(unlock: Unlock, at: Date, decimals: number): bigint {
  const { amount } = unlock;
  if (!amount.isFinite() || amount.isNegative() || amount.decimalPlaces() > decimals) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `unlock of "${unlock.bucket}": the amount ${amount.toString()} must be ≥ 0 with at most ${decimals} decimals (the token's base unit)`,
      { details: { bucket: unlock.bucket } },
    );
  }
  const units = BigInt(amount.toFixed(decimals).replace('.', ''));
  const t = at.getTime();
  const start = unlock.start.getTime();
  switch (unlock.kind) {
    case 'CLIFF':
      return t >= start ? units : 0n;
    case 'LINEAR': {
      const end = unlock.end?.getTime();
      if (end === undefined || end < start) {
        throw new TokenomicsError(
          'BAD_INPUT',
          `unlock of "${unlock.bucket}": a linear unlock needs an end after its start`,
          {
            details: { bucket: unlock.bucket },
          },
        );
      }
      if (t >= end) return units;
      if (t <= start) return 0n;
      return (units * BigInt(t - start)) / BigInt(end - start);
    }
    case 'STEP': {
      const reached = tranchesReached(unlock, at);
      const steps = unlock.steps!;
      if (reached >= steps) return units;
      return (units / BigInt(steps)) * BigInt(reached);
    }
  }
}
