import {
  type Decimal,
  divideHalfEven,
  type ExactFigure,
  ScaledDecimal,
  toScaledInteger,
} from '@tokenomics/core';

/**
 * The staked (bonded) tokens of a supply at a bonded ratio:
 * `bondedRatio × total`, rounded half to even to the base unit (bonded
 * tokens are whole base units on the chain), and never above the total
 * (which a ratio of 1 and a total between base units would otherwise round
 * past: then the total truncated to the base unit). Exact: computed in
 * scaled integers, whatever the total's digits.
 *
 * Source: cosmos-sdk x/staking `BondedRatio` (bonded tokens / total supply),
 * docs/methodology/cosmos-mint.md#staked-and-liquid.
 *
 * @param bondedRatio - staked / total, in [0, 1]
 * @param total - the total supply in whole tokens, a Decimal or a ScaledDecimal
 * @param decimals - the token's base-unit decimals
 * @example
 * ```ts
 * import { stakedAmount } from '@tokenomics/cosmos-rest';
 * import { Decimal } from '@tokenomics/core';
 *
 * stakedAmount(new Decimal('0.5'), new Decimal('1040000000'), 6).toText(); // '520000000'
 * stakedAmount(new Decimal('1'), new Decimal('10.0000006'), 6).toText(); // '10' (not 10.000001)
 * ```
 */
export function stakedAmount(bondedRatio: Decimal, total: ExactFigure, decimals: number): ScaledDecimal {
  const totalPlaces = total instanceof ScaledDecimal ? total.places : total.decimalPlaces();
  const totalUnits = total instanceof ScaledDecimal ? total.units : toScaledInteger(total, totalPlaces);
  const ratioPlaces = bondedRatio.decimalPlaces();
  const product = toScaledInteger(bondedRatio, ratioPlaces) * totalUnits;
  const shift = ratioPlaces + totalPlaces - decimals;
  const staked = shift >= 0 ? divideHalfEven(product, 10n ** BigInt(shift)) : product * 10n ** BigInt(-shift);
  // The total in base units, truncated (or scaled up when it has fewer places than the base unit).
  const cap =
    totalPlaces >= decimals
      ? totalUnits / 10n ** BigInt(totalPlaces - decimals)
      : totalUnits * 10n ** BigInt(decimals - totalPlaces);
  return new ScaledDecimal(staked > cap ? cap : staked, decimals);
}
