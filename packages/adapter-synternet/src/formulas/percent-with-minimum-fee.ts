import { Decimal } from '@tokenomics/core';
import type { FeeBreakdown } from './per-unit-fee.js';

/**
 * A protocol fee per unit of `max(minimum, rate × price)` on top of the
 * seller's price (pay-per-message: `max(0.001, 0.25 × price)` per message).
 *
 * Our reading: the specification writes `max(0.001 + 0.0005, 0.0005 × 0.25)`
 * for the total, which equals price + 0.001 for every price and would never
 * apply the 25 %; we read it as `price + max(0.001, 0.25 × price)`, which
 * gives the same 0.0015 for its example.
 *
 * Source: Synternet tokenomics specification, Protocol Fee, Pay-per-Message; MODEL.md ruling.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { percentWithMinimumFee } from './percent-with-minimum-fee.js';
 *
 * percentWithMinimumFee(new Decimal(1), new Decimal('0.0005'), new Decimal('0.25'), new Decimal('0.001')).total.toFixed(); // '0.0015'
 * ```
 */
export function percentWithMinimumFee(
  quantity: Decimal,
  unitPrice: Decimal,
  rate: Decimal,
  minimum: Decimal,
): FeeBreakdown {
  const base = quantity.times(unitPrice);
  const perUnit = Decimal.max(minimum, rate.times(unitPrice));
  const protocolFee = quantity.times(perUnit);
  return { base, protocolFee, total: base.plus(protocolFee) };
}
