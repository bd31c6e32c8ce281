import type { Decimal } from '@tokenomics/core';

/**
 * The yearly reward per staked token of a node, not compounded: the per-node
 * daily reward × 365 / the staking requirement, which simplifies to
 * `rate × pool / (nodes × requirement)`.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { stakingApr } from './staking-apr.js';
 *
 * stakingApr(new Decimal(40_000_000), new Decimal('0.151'), 2000, new Decimal(25_000)).toFixed(); // '0.1208'
 * ```
 */
export function stakingApr(pool: Decimal, rate: Decimal, nodes: number, requirement: Decimal): Decimal {
  return rate.times(pool).div(requirement.times(nodes));
}
