import { Decimal } from '@tokenomics/core';

/** The fixed precision of the Cosmos SDK's `math.LegacyDec` (sdk.Dec): 18 decimal places. */
export const LEGACY_DEC_PLACES = 18;

/**
 * Rounds a value as `math.LegacyDec` rounds the result of `Mul` and `Quo`:
 * to 18 decimal places, half to even ("banker's rounding",
 * `chopPrecisionAndRound`). Additions and subtractions of LegacyDecs are
 * exact and need no rounding.
 *
 * Source: cosmossdk.io/math `LegacyDec` (dec.go, `chopPrecisionAndRound`).
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { legacyDec } from './legacy-dec.js';
 *
 * legacyDec(new Decimal('0.5').div('0.67')).toFixed(); // '0.74626865671641791'
 * ```
 */
export function legacyDec(value: Decimal): Decimal {
  return value.toDecimalPlaces(LEGACY_DEC_PLACES, Decimal.ROUND_HALF_EVEN);
}
