import { Decimal } from '@tokenomics/core';

/**
 * The staking APR: validator inflation over the bonded ratio, less the
 * community tax. `Reward rate = Inflation rate / Bonding rate`, × (1 − tax).
 *
 * Source: Synternet tokenomics specification, Incentives; x/distribution community_tax.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { stakingApr } from './staking-apr.js';
 *
 * stakingApr(new Decimal('0.08'), new Decimal('0.5'), new Decimal(0)).toFixed(); // '0.16'
 * ```
 */
export function stakingApr(inflation: Decimal, bondedRatio: Decimal, communityTax: Decimal): Decimal {
  return inflation.div(bondedRatio).times(new Decimal(1).minus(communityTax));
}
