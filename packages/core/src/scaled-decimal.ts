import { type Decimal, formatDecimal, fromScaledInteger } from './decimal.js';
import { TokenomicsError } from './errors.js';

/**
 * The wire text of `units × 10^-places` (plain decimal, no exponent, no
 * trailing zeros: {@link formatDecimal}'s form), written from the integer
 * without building a Decimal. Exact at any length, as
 * {@link fromScaledInteger} is (decimal.js rounds results of arithmetic to 60
 * digits, never a constructed value): the two always agree.
 *
 * A fraction or a sign is joined to the digits, not concatenated, so that the
 * text is one flat string: texts are kept (memoized figures, a schedule's
 * rows), and V8 keeps a concatenation as a tree of its parts (the fraction a
 * slice holding the whole integer's digits), three or more objects for the
 * collector to copy where one will do.
 *
 * @param places - a whole number ≥ 0
 * @throws TokenomicsError BAD_INPUT when places is not a whole number ≥ 0
 * @example
 * ```ts
 * import { formatScaledInteger } from '@tokenomics/core';
 *
 * formatScaledInteger(1510n, 4); // '0.151'
 * formatScaledInteger(-25_000_000n, 6); // '-25'
 * ```
 */
export function formatScaledInteger(units: bigint, places: number): string {
  if (!Number.isInteger(places) || places < 0) {
    throw new TokenomicsError('BAD_INPUT', `places must be a whole number ≥ 0, got ${places}`);
  }
  if (units === 0n) return '0';
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (places > 0) {
    if (digits.length <= places) digits = '0'.repeat(places - digits.length + 1) + digits;
    const point = digits.length - places;
    let end = digits.length;
    while (end > point && digits.charCodeAt(end - 1) === 48 /* '0' */) end--;
    digits =
      end === point
        ? digits.slice(0, point)
        : [digits.slice(0, point), '.', digits.slice(point, end)].join('');
  }
  return negative ? ['-', digits].join('') : digits;
}

/**
 * An exact amount held as the integer `units` of `10^-places`, the form the
 * adapters' closed forms compute in. Making a Decimal costs about a
 * microsecond (it parses text), so a figure that is only written to the wire,
 * such as each of the thousands of points of a daily schedule, stays an
 * integer: {@link toText} writes it directly, and {@link toDecimal} builds the
 * Decimal only when something reads it (each once; both are kept, so a
 * figure shared by many points is written once).
 *
 * Both give the same number: `formatDecimal(x.toDecimal()) === x.toText()`.
 *
 * @example
 * ```ts
 * import { ScaledDecimal, toDecimal } from '@tokenomics/core';
 *
 * const pool = new ScaledDecimal(399834520547945205479452054794520547945205479452n, 40);
 * pool.toText(); // '39983452.0547945205479452054794520547945205479452'
 * pool.toDecimal().gt(0); // true
 * ```
 */
export class ScaledDecimal {
  private decimal: Decimal | undefined;
  private text: string | undefined;

  constructor(
    readonly units: bigint,
    readonly places: number,
  ) {}

  /** The amount as a Decimal (made on first call, then the same instance). */
  toDecimal(): Decimal {
    if (this.decimal === undefined) this.decimal = fromScaledInteger(this.units, this.places);
    return this.decimal;
  }

  /** The amount as wire text, equal to `formatDecimal(this.toDecimal())` (written on first call, then kept). */
  toText(): string {
    if (this.text === undefined) this.text = formatScaledInteger(this.units, this.places);
    return this.text;
  }
}

/** A figure given exactly: a Decimal, or a {@link ScaledDecimal} made into one only when read. */
export type ExactFigure = Decimal | ScaledDecimal;

/**
 * The Decimal of an {@link ExactFigure}.
 *
 * @example
 * ```ts
 * import { asDecimal, Decimal, ScaledDecimal } from '@tokenomics/core';
 *
 * asDecimal(new ScaledDecimal(1510n, 4)).toFixed(); // '0.151'
 * asDecimal(new Decimal('2.5')).toFixed(); // '2.5'
 * ```
 */
export function asDecimal(figure: ExactFigure): Decimal {
  return figure instanceof ScaledDecimal ? figure.toDecimal() : figure;
}

/**
 * Where a Decimal's wire text is kept: a non-enumerable, read-only property
 * of the Decimal itself, invisible to equality, spreading and JSON. A
 * WeakMap cost about twice the formatting itself for the fresh Decimals of
 * every new instant (an ephemeron entry each, which the garbage collector
 * walks); a property costs a fraction of it.
 */
const TEXT = Symbol('tokenomics.wireText');

/**
 * The wire text of an {@link ExactFigure}, without building a Decimal for a
 * {@link ScaledDecimal}. A Decimal's text is kept for as long as the Decimal
 * lives: Decimals are immutable, and figures are shared (memoized results,
 * parameters such as a schedule's constant total on every point), so one
 * written by many points or responses is formatted once.
 *
 * @example
 * ```ts
 * import { Decimal, formatFigure, ScaledDecimal } from '@tokenomics/core';
 *
 * formatFigure(new ScaledDecimal(1510n, 4)); // '0.151'
 * formatFigure(new Decimal('1.50')); // '1.5'
 * ```
 */
export function formatFigure(figure: ExactFigure): string {
  if (figure instanceof ScaledDecimal) return figure.toText();
  if (typeof figure !== 'object' || figure === null) {
    // A number here is money carried as a float somewhere upstream: say so, never print it.
    throw new TokenomicsError(
      'INTERNAL',
      `a figure must be a Decimal or ScaledDecimal, got ${typeof figure}`,
    );
  }
  const kept = (figure as Decimal & { [TEXT]?: string })[TEXT];
  if (kept !== undefined) return kept;
  const text = formatDecimal(figure);
  if (Object.isExtensible(figure)) Object.defineProperty(figure, TEXT, { value: text });
  return text;
}
