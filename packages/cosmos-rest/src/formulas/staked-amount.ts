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
  return new ScaledDecimal(stakedUnitsOf(bondedRatio, totalPlaces, decimals)(totalUnits), decimals);
}

/**
 * {@link stakedAmount} prepared for one bonded ratio and one scale of
 * totals: the ratio's scaled integer and the powers of ten are made once,
 * and the returned function gives the staked base units of a total's
 * scaled integer (total × 10^totalPlaces). For the thousands of totals of a
 * schedule, which share the ratio.
 *
 * @param bondedRatio - staked / total, in [0, 1]
 * @param totalPlaces - the decimal places of the totals' scaled integers
 * @param decimals - the token's base-unit decimals
 * @example
 * ```ts
 * import { stakedUnitsOf } from '@tokenomics/cosmos-rest';
 * import { Decimal } from '@tokenomics/core';
 *
 * const staked = stakedUnitsOf(new Decimal('0.5'), 2, 6);
 * staked(104_000_000_000n); // 520000000000000n (520,000,000 tokens of 1,040,000,000.00)
 * ```
 */
export function stakedUnitsOf(
  bondedRatio: Decimal,
  totalPlaces: number,
  decimals: number,
): (totalUnits: bigint) => bigint {
  const ratioPlaces = bondedRatio.decimalPlaces();
  const ratioUnits = toScaledInteger(bondedRatio, ratioPlaces);
  const shift = ratioPlaces + totalPlaces - decimals;
  const shiftScale = 10n ** BigInt(Math.abs(shift));
  // The total in base units, truncated (or scaled up when it has fewer places than the base unit).
  const capScale = 10n ** BigInt(Math.abs(totalPlaces - decimals));
  return (totalUnits) => {
    const product = ratioUnits * totalUnits;
    const staked = shift >= 0 ? divideHalfEven(product, shiftScale) : product * shiftScale;
    const cap = totalPlaces >= decimals ? totalUnits / capScale : totalUnits * capScale;
    return staked > cap ? cap : staked;
  };
}
