import { Decimal } from '@tokenomics/core';

/**
 * A delegator's APR net of the validator's commission: `APR × (1 − commission)`.
 *
 * Source: cosmos-sdk `x/distribution` (`AllocateTokensToValidator`: commission first, the rest to delegators).
 *
 * @example
 * ```ts
 * delegatorApr(new Decimal('0.16'), new Decimal('0.05')).toFixed(); // '0.152'
 * ```
 */
export function delegatorApr(apr: Decimal, commission: Decimal): Decimal {
  return apr.times(new Decimal(1).minus(commission));
}
