import { Decimal, divideHalfEven } from './decimal.js';
import { type ExactFigure, ScaledDecimal } from './scaled-decimal.js';

/** Rates and ratios are served to 18 decimal places: the precision of a Cosmos SDK `Dec`. */
export const RATE_PLACES = 18;

/**
 * A figure rounded half to even to at most `places` decimal places: the
 * served form of a computed figure (an amount at its token's base unit, a
 * rate at {@link RATE_PLACES}). A figure with no more places than that is
 * returned as it is, so an exact figure is never rewritten; a
 * {@link ScaledDecimal} is rounded in integers, without building a Decimal.
 * Written with `formatFigure`, the result has no exponent and no trailing
 * zeros.
 *
 * @param places - a whole number ≥ 0 (SESH 9, SYNT 6, rates 18)
 * @example
 * ```ts
 * import { Decimal, formatFigure, ScaledDecimal, servedFigure } from '@tokenomics/core';
 *
 * formatFigure(servedFigure(new Decimal('16547.9452054794520547945205'), 9)); // '16547.945205479'
 * formatFigure(servedFigure(new ScaledDecimal(25n, 1), 0)); // '2' (2.5 → 2, half to even)
 * ```
 */
export function servedFigure(figure: ExactFigure, places: number): ExactFigure {
  if (figure instanceof ScaledDecimal) {
    if (figure.places <= places) return figure;
    const units = divideHalfEven(figure.units, powerOfTen(figure.places - places));
    return new ScaledDecimal(units, places);
  }
  if (figure.decimalPlaces() <= places) return figure;
  // Rounded once per figure: an adapter's memoized figures (a day's, copied to each instant of it)
  // are served again on every request. Kept on the Decimal, out of sight, as formatFigure keeps its text.
  const kept = (figure as Decimal & { [SERVED]?: { places: number; value: Decimal } })[SERVED];
  if (kept !== undefined && kept.places === places) return kept.value;
  const value = figure.toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN);
  if (Object.isExtensible(figure)) {
    Object.defineProperty(figure, SERVED, { value: { places, value }, writable: true, configurable: true });
  }
  return value;
}

/** A Decimal's served figure, with the places it was rounded to: a non-enumerable property. */
const SERVED = Symbol('tokenomics.servedFigure');

/** 10^0 … 10^127 as bigints, made once: a schedule rounds thousands of figures by the same few powers. */
const POWERS_OF_TEN: bigint[] = Array.from({ length: 128 }, (_, k) => 10n ** BigInt(k));

function powerOfTen(k: number): bigint {
  return POWERS_OF_TEN[k] ?? 10n ** BigInt(k);
}
