import { type Decimal, fromBaseUnits, toBaseUnits } from '@tokenomics/core';

/** The three ratios of ServiceNodeRewards' liquidation. */
export interface LiquidationRatios {
  liquidator: number;
  pool: number;
  recipient: number;
}

/** How a liquidated node's deposit is divided. */
export interface LiquidationSplit {
  /** Paid to whoever called the liquidation. */
  liquidator: Decimal;
  /** Sent to the Staking Reward Pool (the contract's `foundationPool`). */
  pool: Decimal;
  /** Returned to the node's stakers. */
  returned: Decimal;
}

/**
 * Divides a deposit as `ServiceNodeRewards.liquidateBLSPublicKeyWithSignature`
 * does, in integer base units: with `sum` = the three ratios,
 * `liquidator = floor(deposit × liquidatorRatio / sum)`,
 * `pool = ceil(deposit × poolRatio / sum)`, and the rest returned.
 *
 * @param deposit - the node's whole deposit in SESH (truncated to base units, as on chain)
 * @param decimals - the token's decimals (SESH 9)
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { liquidationSplit } from './liquidation-split.js';
 *
 * const split = liquidationSplit(new Decimal(25_000), { liquidator: 3, pool: 17, recipient: 9980 }, 9);
 * [split.liquidator, split.pool, split.returned].map((d) => d.toFixed()); // ['7.5', '42.5', '24950']
 * ```
 */
export function liquidationSplit(
  deposit: Decimal,
  ratios: LiquidationRatios,
  decimals: number,
): LiquidationSplit {
  const units = toBaseUnits(deposit, decimals);
  const sum = BigInt(ratios.liquidator + ratios.pool + ratios.recipient);
  const liquidator = (units * BigInt(ratios.liquidator)) / sum;
  const poolProduct = units * BigInt(ratios.pool);
  const pool = poolProduct === 0n ? 0n : (poolProduct - 1n) / sum + 1n;
  return {
    liquidator: fromBaseUnits(liquidator, decimals),
    pool: fromBaseUnits(pool, decimals),
    returned: fromBaseUnits(units - liquidator - pool, decimals),
  };
}
