import { Decimal, formatDecimal, TokenomicsError } from '@tokenomics/core';

/**
 * A delegator's APR net of the validator's commission: `APR × (1 − commission)`.
 *
 * Source: cosmos-sdk `x/distribution` (`AllocateTokensToValidator`: commission
 * first, the rest to delegators); synternet-facts.md §6.
 *
 * @param commission - the validator's commission rate, a fraction in [0, 1]
 * @throws TokenomicsError BAD_INPUT when the commission is outside [0, 1]
 * @example
 * ```ts
 * import { delegatorApr } from '@tokenomics/cosmos-rest';
 * import { Decimal } from '@tokenomics/core';
 *
 * delegatorApr(new Decimal('0.16'), new Decimal('0.05')).toFixed(); // '0.152'
 * delegatorApr(new Decimal('0.16'), new Decimal('1.5')); // throws BAD_INPUT: commission must be a fraction in [0, 1], got 1.5
 * ```
 */
export function delegatorApr(apr: Decimal, commission: Decimal): Decimal {
  if (commission.isNegative() || commission.gt(1)) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `commission must be a fraction in [0, 1], got ${formatDecimal(commission)}`,
      { details: { commission: formatDecimal(commission) } },
    );
  }
  return apr.times(new Decimal(1).minus(commission));
}
