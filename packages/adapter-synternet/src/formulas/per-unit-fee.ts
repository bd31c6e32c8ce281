import type { Decimal } from '@tokenomics/core';

/** What a purchase costs: the seller's part, the protocol's and the sum. */
export interface FeeBreakdown {
  base: Decimal;
  protocolFee: Decimal;
  total: Decimal;
}

/**
 * A fixed protocol fee per unit on top of the seller's price (pay-per-data:
 * 4 SYNT per decimal GB).
 *
 * Source: Synternet tokenomics specification, Protocol Fee, Pay-per-Data.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { perUnitFee } from './per-unit-fee.js';
 *
 * perUnitFee(new Decimal(1), new Decimal(8), new Decimal(4)).total.toFixed(); // '12'
 * ```
 */
export function perUnitFee(quantity: Decimal, unitPrice: Decimal, feePerUnit: Decimal): FeeBreakdown {
  const base = quantity.times(unitPrice);
  const protocolFee = quantity.times(feePerUnit);
  return { base, protocolFee, total: base.plus(protocolFee) };
}
