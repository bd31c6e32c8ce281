import type { Decimal } from '@tokenomics/core';

/**
 * Circulating supply: the total less what the treasury holds.
 *
 * Source: TODO — the document that defines circulating supply for this token.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { circulatingSupply } from '__PACKAGE_NAME__';
 *
 * circulatingSupply(new Decimal('1000000000'), new Decimal('100000000')).toFixed(); // '900000000'
 * ```
 */
export function circulatingSupply(total: Decimal, treasury: Decimal): Decimal {
  return total.minus(treasury);
}
