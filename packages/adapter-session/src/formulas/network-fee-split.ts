import type { Decimal } from '@tokenomics/core';

/** Where a Network Fee goes once burnt and reminted. */
export interface NetworkFeeSplit {
  /** Reminted into the Staking Reward Pool. */
  pool: Decimal;
  /** Protocol-owned liquidity (a Uniswap pool for at least 5 years from TGE). */
  liquidity: Decimal;
}

/**
 * Splits a Network Fee: `poolShare` of it to the Staking Reward Pool, the rest
 * to protocol-owned liquidity (so the parts always sum to the fee).
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { networkFeeSplit } from './network-fee-split.js';
 *
 * const { pool, liquidity } = networkFeeSplit(new Decimal(100), new Decimal('0.9'));
 * pool.toFixed(); // '90'
 * liquidity.toFixed(); // '10'
 * ```
 */
export function networkFeeSplit(fee: Decimal, poolShare: Decimal): NetworkFeeSplit {
  const pool = fee.times(poolShare);
  return { pool, liquidity: fee.minus(pool) };
}
