import { Decimal } from '@tokenomics/core';

/**
 * The fraction of a pool (with no inflows) released after `days` daily steps
 * of rate/365: `1 − (1 − rate / 365)^days`. Over 365 days at 0.151 this is
 * ≈ 14.018 %, the seed's "targeted 14 % per year".
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { releasedFraction } from './released-fraction.js';
 *
 * releasedFraction(new Decimal('0.151'), 365).toSignificantDigits(21).toFixed(); // '0.140179165025531210554'
 * ```
 */
export function releasedFraction(rate: Decimal, days: number): Decimal {
  return new Decimal(1).minus(new Decimal(1).minus(rate.div(365)).pow(days));
}
