import type { Decimal } from '@tokenomics/core';

/**
 * x/mint's annual provisions: the annual inflation rate times the total
 * supply of the mint denom, recomputed at every block.
 *
 * Source: cosmos-sdk `x/mint/types/minter.go`, `Minter.NextAnnualProvisions`.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { annualProvisions } from './annual-provisions.js';
 *
 * annualProvisions(new Decimal('0.07'), new Decimal('236200000')).toFixed(); // '16534000'
 * ```
 */
export function annualProvisions(inflation: Decimal, totalSupply: Decimal): Decimal {
  return inflation.times(totalSupply);
}
