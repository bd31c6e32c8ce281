import type { Decimal } from '@tokenomics/core';

/**
 * The momentary inflation rate: the year's allowance over the total supply
 * now. The allowance is fixed for the year while total supply grows, so the
 * rate falls through the year (the specification's "actual inflation rate is
 * decreasing throughout the year").
 *
 * Source: Synternet tokenomics specification, Incentives; MODEL.md ruling.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { momentaryInflation } from './momentary-inflation.js';
 *
 * momentaryInflation(new Decimal('80000000'), new Decimal('1040000000')).toFixed(25); // '0.0769230769230769230769231'
 * ```
 */
export function momentaryInflation(allowance: Decimal, total: Decimal): Decimal {
  return allowance.div(total);
}
