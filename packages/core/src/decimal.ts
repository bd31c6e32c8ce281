import { Decimal as DecimalJs } from 'decimal.js';
import { TokenomicsError } from './errors.js';

/**
 * The project's one Decimal constructor. 60 significant digits keep
 * 240,000,000 with 9 decimals (18 digits) exact, and leave more than 40 digits
 * for ratios of such amounts. Never use JavaScript numbers for money.
 *
 * @example
 * ```ts
 * new Decimal('40000000').times('0.151').div(365).toFixed(); // '16547.9452054794520547945205479452054794520547945205479452054795'
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
 * toDecimal('0.151'); toDecimal(25_000n);
 * ```
 */
export function toDecimal(value: DecimalInput): Decimal {
  if (typeof value === 'bigint') return new Decimal(value.toString());
  if (typeof value === 'string') return parseDecimal(value);
  return value;
}

/**
 * Parses decimal text strictly (no hex, no NaN, no Infinity, no blanks).
 *
 * @param text - e.g. `"16547.945"`, `"-1e-9"`
 * @param what - what the text is, for the error message
 * @throws TokenomicsError BAD_INPUT when the text is not a finite decimal
 * @example
 * ```ts
 * parseDecimal('2000.5', 'quantity').toFixed(); // '2000.5'
 * ```
 */
export function parseDecimal(text: string, what = 'value'): Decimal {
  const trimmed = text.trim();
  if (!DECIMAL_TEXT.test(trimmed)) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `${what} must be a decimal number such as "12.5", got ${JSON.stringify(text)}`,
      { details: { value: text } },
    );
  }
  const parsed = new Decimal(trimmed);
  if (!parsed.isFinite()) {
    throw new TokenomicsError('BAD_INPUT', `${what} must be finite, got ${JSON.stringify(text)}`);
  }
  return parsed;
}

/**
 * Writes a Decimal as plain decimal text, never in exponent form, with no
 * trailing zeros: the wire form of the `Decimal` scalar.
 *
 * @example
 * ```ts
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
 * divideHalfEven(5n, 2n); // 2n (2.5 → 2)
 * divideHalfEven(7n, 2n); // 4n (3.5 → 4)
 * divideHalfEven(-5n, 2n); // -2n
 * ```
 */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  let quotient = numerator / denominator;
  let remainder = numerator % denominator;
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
 * fromScaledInteger(1510n, 4).toFixed(); // '0.151'
 * ```
 */
export function fromScaledInteger(units: bigint, places: number): Decimal {
  return new Decimal(`${units}e-${places}`);
}
