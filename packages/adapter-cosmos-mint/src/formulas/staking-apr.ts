import { Decimal } from '@tokenomics/core';

/**
 * The staking APR of x/mint rewards: the inflation minted per year, less the
 * community tax x/distribution takes, shared by the bonded tokens:
 * `inflation × (1 − communityTax) / bondedRatio`. Transaction fees and
 * validators' commission are not in it.
 *
 * Source: cosmos-sdk `x/mint` (provisions to the fee collector) and
 * `x/distribution` (`community_tax`, `AllocateTokens`).
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { stakingApr } from './staking-apr.js';
 *
 * stakingApr(new Decimal('0.07'), new Decimal('0.67'), new Decimal('0.02')).toFixed(20); // '0.10238805970149253731'
 * ```
 */
export function stakingApr(inflation: Decimal, bondedRatio: Decimal, communityTax: Decimal): Decimal {
  return inflation.times(new Decimal(1).minus(communityTax)).div(bondedRatio);
}
