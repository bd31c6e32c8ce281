import type { Allocation, Decimal } from '@tokenomics/core';

/** The target of burned protocol revenue and slashed tokens. */
export const BURN_TARGET = 'burn';
/** The target of protocol revenue kept. */
export const TREASURY_TARGET = 'treasury';

/**
 * Splits protocol revenue: `burnShare` of it burned, the rest to the
 * treasury (computed as the remainder, so the parts sum to the fee exactly).
 *
 * Source: Synternet tokenomics specification, Protocol Fee and Burning and Buybacks.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { splitProtocolFee } from './fee-split.js';
 *
 * splitProtocolFee(new Decimal(4), new Decimal('0.25')); // [{ target: 'treasury', amount: Decimal(3) }, { target: 'burn', amount: Decimal(1) }]
 * ```
 */
export function splitProtocolFee(fee: Decimal, burnShare: Decimal): Allocation[] {
  const burned = fee.times(burnShare);
  return [
    { target: TREASURY_TARGET, amount: fee.minus(burned) },
    { target: BURN_TARGET, amount: burned },
  ];
}
