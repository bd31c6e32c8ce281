import type { Decimal } from '@tokenomics/core';

/**
 * The APY of an APR restaked daily: `(1 + APR / 365)^365 − 1`.
 *
 * Source: MODEL.md Synternet, Rewards: the compounding convention of this
 * project's Cosmos adapters.
 *
 * @example
 * ```ts
 * import { dailyCompoundedApy } from '@tokenomics/cosmos-rest';
 * import { Decimal } from '@tokenomics/core';
 *
 * dailyCompoundedApy(new Decimal('0.16')).toFixed(10); // '0.1734697305'
 * ```
 */
export function dailyCompoundedApy(apr: Decimal): Decimal {
  return apr.div(365).plus(1).pow(365).minus(1);
}
