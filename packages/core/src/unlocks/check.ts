import type { Decimal } from '../decimal.js';
import { TokenomicsError } from '../errors.js';

/**
 * Refuses an unlock amount that is not a finite decimal ≥ 0 (shared by the
 * unlock definitions).
 *
 * @throws TokenomicsError BAD_INPUT naming the bucket
 * @example (not checked: internal to core's unlock definitions, not in the package's exports)
 * ```ts
 * import { checkUnlockAmount, Decimal } from '@tokenomics/core';
 *
 * checkUnlockAmount(new Decimal(5), 'locked-A'); // passes
 * ```
 */
export function checkUnlockAmount(amount: Decimal, bucket: string): void {
  if (!amount.isFinite() || amount.isNegative()) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `unlock of "${bucket}": the amount must be a finite decimal ≥ 0, got ${amount.toString()}`,
      { details: { bucket } },
    );
  }
}
