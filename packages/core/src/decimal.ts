import { Decimal as DecimalJs } from 'decimal.js';
import { clip } from './clip.js';
import {
  DECIMAL_INPUT_BOUNDS,
  type DecimalBoundViolation,
  type DecimalShape,
  decimalBoundViolation,
  decimalTextShape,
} from './decimal-bounds.js';
import { TokenomicsError } from './errors.js';

/**
 * The project's one Decimal constructor. 60 significant digits keep
 * 240,000,000 with 9 decimals (18 digits) exact, and leave more than 40 digits
 * for ratios of such amounts. Never use JavaScript numbers for money.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 *
 * new Decimal('40000000').times('0.151').div(365).toFixed(); // '16547.9452054794520547945205479452054794520547945205479452055' (60 significant digits)
 * ```
 */
export const Decimal = DecimalJs.clone({
  precision: 60,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -60,
  toExpPos: 60,
});

/** An exact decimal of the project's {@link Decimal} set-up. */
export type Decimal = DecimalJs;

/** What a {@link Decimal} can be made from: never a float carrying money. */
export type DecimalInput = Decimal | string | bigint;

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Makes a Decimal from a Decimal, a decimal string or a bigint. Numbers are
 * refused on purpose: a float has already lost digits.
 *
 * @example
 * ```ts
 * import { toDecimal } from '@tokenomics/core';
 *
 * toDecimal('0.151'); toDecimal(25_000n);
 * ```
 */
export function toDecimal(value: DecimalInput): Decimal {
  if (typeof value === 'bigint') return new Decimal(value.toString());
  if (typeof value === 'string') return parseDecimal(value);
  return value;
}

/**
 * Parses decimal text strictly (no hex, no NaN, no Infinity, no blanks) and
 * within {@link DECIMAL_INPUT_BOUNDS}: at most 100 characters, 40 significant
 * digits, and a magnitude within 10^-30 … 10^30 (or 0). The bounds are read
 * from the text before the number is built, so `1e10000000` costs nothing.
 * Negative zero is 0. Errors echo the text clipped to {@link CLIP_LENGTH}.
 *
 * @param text - e.g. `"16547.945"`, `"-1e-9"`
 * @param what - what the text is, for the error message
 * @param origin - `input` (default): a client's, every bound applies;
 *   `data`: a preset's or a chain's, where a ratio we computed carries the
 *   Decimal's 60 digits, so the 40-digit bound does not apply (length and
 *   magnitude still do: an upstream is not trusted either)
 * @throws TokenomicsError BAD_INPUT when the text is not a finite decimal or
 *   breaks a bound; `details.violation` names the bound, `details.limit` its limit
 * @example
 * ```ts
 * import { parseDecimal } from '@tokenomics/core';
 *
 * parseDecimal('2000.5', 'quantity').toFixed(); // '2000.5'
 * parseDecimal('1e10000000', 'quantity'); // throws BAD_INPUT: quantity must be at most 10^30 in magnitude, got "1e10000000"
 * ```
 */
export function parseDecimal(text: string, what = 'value', origin: 'input' | 'data' = 'input'): Decimal {
  const { maxLength } = DECIMAL_INPUT_BOUNDS;
  const trimmed = text.trim();
  if (trimmed.length > maxLength) {
    throw outOfBounds(
      { violation: 'MAX_LENGTH', limit: maxLength, reason: `is longer than ${maxLength} characters` },
      what,
      text,
    );
  }
  if (!DECIMAL_TEXT.test(trimmed)) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `${what} must be a decimal number such as "12.5", got ${JSON.stringify(clip(text))}`,
      { details: { value: clip(text) } },
    );
  }
  const violation = decimalBoundViolation(decimalTextShape(trimmed) as DecimalShape);
  if (violation && !(origin === 'data' && violation.violation === 'MAX_SIGNIFICANT_DIGITS')) {
    throw outOfBounds(violation, what, text);
  }
  const parsed = new Decimal(trimmed);
  if (!parsed.isFinite()) {
    throw new TokenomicsError('BAD_INPUT', `${what} must be finite, got ${JSON.stringify(clip(text))}`);
  }
  return parsed.isZero() ? new Decimal(0) : parsed;
}

/**
 * Checks a Decimal made elsewhere (by a library caller, say) against
 * {@link DECIMAL_INPUT_BOUNDS}, as {@link parseDecimal} checks text: the
 * check reads the number's digit count and exponent and never writes it out.
 *
 * @throws TokenomicsError BAD_INPUT when the value is not finite or breaks a bound
 * @example
 * ```ts
 * import { checkDecimalBounds, Decimal } from '@tokenomics/core';
 *
 * checkDecimalBounds(new Decimal('1e-9'), 'quantity'); // passes
 * checkDecimalBounds(new Decimal('1e31'), 'quantity'); // throws BAD_INPUT: quantity must be at most 10^30 in magnitude, got "1e+31"
 * ```
 */
export function checkDecimalBounds(value: Decimal, what: string): void {
  if (!value.isFinite()) throw new TokenomicsError('BAD_INPUT', `${what} must be finite`);
  if (value.isZero()) return;
  const significantDigits = value.sd();
  const violation = decimalBoundViolation({
    significantDigits,
    exponent: value.e,
    powerOfTen: significantDigits === 1 && value.abs().toExponential().startsWith('1e'),
  });
  if (!violation) return;
  // A number past the digit bound is not echoed: its digits could be millions.
  const tooLong = violation.violation === 'MAX_SIGNIFICANT_DIGITS';
  throw outOfBounds(violation, what, tooLong ? undefined : value.toExponential());
}

/** The BAD_INPUT error of a broken bound; `text`, the input, is echoed clipped. */
function outOfBounds(violation: DecimalBoundViolation, what: string, text?: string): TokenomicsError {
  const value = text === undefined ? undefined : clip(text);
  const got = value === undefined ? '' : `, got ${JSON.stringify(value)}`;
  return new TokenomicsError('BAD_INPUT', `${what} ${violation.reason}${got}`, {
    details: {
      violation: violation.violation,
      limit: violation.limit,
      ...(value === undefined ? {} : { value }),
    },
  });
}

/**
 * Writes a Decimal as plain decimal text, never in exponent form, with no
 * trailing zeros: the wire form of the `Decimal` scalar.
 *
 * @example
 * ```ts
 * import { Decimal, formatDecimal } from '@tokenomics/core';
 *
 * formatDecimal(new Decimal('1.50')); // '1.5'
 * formatDecimal(new Decimal('1e-12')); // '0.000000000001'
 * ```
 */
export function formatDecimal(value: Decimal): string {
  const text = value.toFixed();
  return text === '-0' ? '0' : text;
}

/**
 * Converts an on-chain integer amount of base units to whole tokens.
 *
 * @param amount - base units as a bigint or integer text (e.g. an ABI uint256, a Cosmos `amount`)
 * @param decimals - the token's decimals (SESH 9, SYNT 6)
 * @example
 * ```ts
 * import { fromBaseUnits } from '@tokenomics/core';
 *
 * fromBaseUnits(240_000_000_000_000_000n, 9).toFixed(); // '240000000'
 * fromBaseUnits('899985000000000', 6).toFixed(); // '899985000'
 * ```
 */
export function fromBaseUnits(amount: bigint | string, decimals: number): Decimal {
  const text = typeof amount === 'bigint' ? amount.toString() : amount.trim();
  if (!/^-?\d+$/.test(text)) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `base-unit amount must be an integer, got ${JSON.stringify(amount)}`,
    );
  }
  return new Decimal(text).div(new Decimal(10).pow(decimals));
}

/**
 * Converts whole tokens to base units, truncating toward zero as chains do
 * when they compute with integers.
 *
 * @example
 * ```ts
 * import { Decimal, toBaseUnits } from '@tokenomics/core';
 *
 * toBaseUnits(new Decimal('7.5'), 9); // 7500000000n
 * toBaseUnits(new Decimal('0.0000001'), 6); // 0n
 * ```
 */
export function toBaseUnits(amount: Decimal, decimals: number): bigint {
  return BigInt(
    amount.times(new Decimal(10).pow(decimals)).toDecimalPlaces(0, Decimal.ROUND_DOWN).toFixed(0),
  );
}

/**
 * Rounds an amount of whole tokens to the token's base unit in the given
 * direction: where a protocol truncates (slashing) or rounds up (a ceil in a
 * contract), the model does the same.
 *
 * @example
 * ```ts
 * import { Decimal, roundToBaseUnit } from '@tokenomics/core';
 *
 * roundToBaseUnit(new Decimal('0.0000015'), 6, 'down').toFixed(); // '0.000001'
 * roundToBaseUnit(new Decimal('42.50000000001'), 9, 'up').toFixed(); // '42.500000001'
 * ```
 */
export function roundToBaseUnit(amount: Decimal, decimals: number, direction: 'down' | 'up'): Decimal {
  return amount.toDecimalPlaces(decimals, direction === 'down' ? Decimal.ROUND_DOWN : Decimal.ROUND_UP);
}

/**
 * The sum of Decimals (0 for none).
 *
 * @example
 * ```ts
 * import { Decimal, sumDecimals } from '@tokenomics/core';
 *
 * sumDecimals([new Decimal('0.1'), new Decimal('0.2')]).toFixed(); // '0.3'
 * ```
 */
export function sumDecimals(values: Iterable<Decimal>): Decimal {
  let total = new Decimal(0);
  for (const value of values) total = total.plus(value);
  return total;
}

/**
 * Integer division of bigints rounding half to even, the project's Decimal
 * rounding: for exact fractions computed as scaled integers and rounded once.
 *
 * @param denominator - must be positive
 * @example
 * ```ts
 * import { divideHalfEven } from '@tokenomics/core';
 *
 * divideHalfEven(5n, 2n); // 2n (2.5 → 2)
 * divideHalfEven(7n, 2n); // 4n (3.5 → 4)
 * divideHalfEven(-5n, 2n); // -2n
 * ```
 */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  let quotient = numerator / denominator;
  // One division: the remainder from the quotient (a multiplication is cheaper than a second division).
  let remainder = numerator - quotient * denominator;
  if (remainder < 0n) {
    quotient -= 1n;
    remainder += denominator;
  }
  const twice = 2n * remainder;
  return twice > denominator || (twice === denominator && (quotient & 1n) === 1n) ? quotient + 1n : quotient;
}

/**
 * `value × 10^places` as a bigint, rounded half to even where the value has
 * more places: the bridge from Decimals to exact integer arithmetic.
 *
 * @example
 * ```ts
 * import { Decimal, toScaledInteger } from '@tokenomics/core';
 *
 * toScaledInteger(new Decimal('0.151'), 4); // 1510n
 * toScaledInteger(new Decimal('2.5'), 0); // 2n
 * ```
 */
export function toScaledInteger(value: Decimal, places: number): bigint {
  return BigInt(value.toFixed(places).replace('.', ''));
}

/**
 * The Decimal `units × 10^-places`, exact: the way back from
 * {@link toScaledInteger} (like {@link fromBaseUnits}, for any scale).
 *
 * @example
 * ```ts
 * import { fromScaledInteger } from '@tokenomics/core';
 *
 * fromScaledInteger(1510n, 4).toFixed(); // '0.151'
 * ```
 */
export function fromScaledInteger(units: bigint, places: number): Decimal {
  return new Decimal(`${units}e-${places}`);
}
