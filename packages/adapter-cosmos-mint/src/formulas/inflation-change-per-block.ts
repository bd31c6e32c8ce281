import { Decimal } from '@tokenomics/core';
import { legacyDec } from './legacy-dec.js';

/**
 * The change x/mint applies to the annual inflation rate at each block:
 * `inflationRateChangePerYear = (1 − bondedRatio / goalBonded) × inflation_rate_change`,
 * then `÷ blocks_per_year`. Positive below the bonding goal, negative above it,
 * zero at it. Each `Quo` and `Mul` is rounded to 18 decimals, half to even,
 * as the chain's `LegacyDec` does, so the value is the chain's to the last digit.
 *
 * Source: cosmos-sdk `x/mint/types/minter.go`, `Minter.NextInflationRate`.
 *
 * @param bondedRatio - bonded tokens ÷ total supply of the bond denom
 * @param blocksPerYear - x/mint `blocks_per_year`
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { inflationChangePerBlock } from './inflation-change-per-block.js';
 *
 * // (1 − 0.5/0.67) × 0.13 / 6,311,520: exactly 221/42,287,184,000 = 5.2261697066…e-9; the chain's 18-decimal value:
 * inflationChangePerBlock(new Decimal('0.5'), new Decimal('0.67'), new Decimal('0.13'), 6311520).toFixed(); // '0.000000005226169707'
 * ```
 */
export function inflationChangePerBlock(
  bondedRatio: Decimal,
  goalBonded: Decimal,
  inflationRateChange: Decimal,
  blocksPerYear: number,
): Decimal {
  const perYear = legacyDec(
    new Decimal(1).minus(legacyDec(bondedRatio.div(goalBonded))).times(inflationRateChange),
  );
  return legacyDec(perYear.div(blocksPerYear));
}
