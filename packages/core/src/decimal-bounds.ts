/**
 * The bounds of every decimal a client sends (MODEL.md, "Inputs the chain
 * could not express"): no chain amount or rate needs more, and a number
 * beyond them (`1e10000000`) costs seconds and megabytes to compute with and
 * write out.
 */
export const DECIMAL_INPUT_BOUNDS = {
  /** Digits from the first non-zero digit to the last one. */
  maxSignificantDigits: 40,
  /** |value| ≤ 10^maxExponent. */
  maxExponent: 30,
  /** |value| ≥ 10^minExponent, unless the value is 0. */
  minExponent: -30,
  /** Characters of decimal text, checked before anything else reads it. */
  maxLength: 100,
} as const;

/** A bound of {@link DECIMAL_INPUT_BOUNDS}, as named in errors' `violation` detail. */
export type DecimalBound = 'MAX_LENGTH' | 'MAX_SIGNIFICANT_DIGITS' | 'MAX_MAGNITUDE' | 'MIN_MAGNITUDE';

/** What the bounds look at in a number, read from its text or a Decimal without expanding it. */
export interface DecimalShape {
  /** Digits from the first non-zero digit to the last (0 for zero). */
  significantDigits: number;
  /** The power of ten of the first significant digit: 2 for 123.4, -3 for 0.00123 (0 for zero). */
  exponent: number;
  /** Whether |value| is exactly a power of ten (1, 10, 0.001…). */
  powerOfTen: boolean;
}

/** A broken bound: which, its limit, and what is wrong in words (to follow the input's name). */
export interface DecimalBoundViolation {
  violation: DecimalBound;
  /** The limit, e.g. `40`, `"1e30"`. */
  limit: number | string;
  /** E.g. `has 41 significant digits; at most 40 are allowed`. */
  reason: string;
}

/**
 * Which bound of {@link DECIMAL_INPUT_BOUNDS} a number breaks, if any: more
 * than 40 significant digits, or a magnitude above 10^30 or, for a number
 * other than 0, below 10^-30. Both ends are allowed (1e30, 1e-30).
 *
 * @example (not checked: internal to core, not in the package's exports)
 * ```ts
 * import { decimalBoundViolation } from '@tokenomics/core';
 *
 * decimalBoundViolation({ significantDigits: 1, exponent: 10_000_000, powerOfTen: true })?.violation; // 'MAX_MAGNITUDE'
 * decimalBoundViolation({ significantDigits: 1, exponent: 30, powerOfTen: true }); // null (1e30 is allowed)
 * decimalBoundViolation({ significantDigits: 0, exponent: 0, powerOfTen: false }); // null (zero)
 * ```
 */
export function decimalBoundViolation(shape: DecimalShape): DecimalBoundViolation | null {
  const { maxSignificantDigits, maxExponent, minExponent } = DECIMAL_INPUT_BOUNDS;
  if (shape.significantDigits > maxSignificantDigits) {
    return {
      violation: 'MAX_SIGNIFICANT_DIGITS',
      limit: maxSignificantDigits,
      reason: `has ${shape.significantDigits} significant digits; at most ${maxSignificantDigits} are allowed`,
    };
  }
  if (shape.significantDigits === 0) return null;
  if (shape.exponent > maxExponent || (shape.exponent === maxExponent && !shape.powerOfTen)) {
    return {
      violation: 'MAX_MAGNITUDE',
      limit: `1e${maxExponent}`,
      reason: `must be at most 10^${maxExponent} in magnitude`,
    };
  }
  if (shape.exponent < minExponent) {
    return {
      violation: 'MIN_MAGNITUDE',
      limit: `1e${minExponent}`,
      reason: `must be 0 or at least 10^${minExponent} in magnitude`,
    };
  }
  return null;
}

const DECIMAL_PARTS = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * The {@link DecimalShape} of decimal text (`12.5`, `-1e-9`, `.5`, `1E+3`),
 * read from the characters without building the number: `1e10000000` is
 * exponent 10,000,000, not ten million digits. Leading zeros and trailing
 * zeros are not significant. Call it on text of bounded length (the exponent
 * is read as a JavaScript number, exact far beyond the bounds).
 *
 * @returns null when the text is not decimal notation
 * @example (not checked: internal to core, not in the package's exports)
 * ```ts
 * import { decimalTextShape } from '@tokenomics/core';
 *
 * decimalTextShape('000123.4500'); // { significantDigits: 5, exponent: 2, powerOfTen: false }
 * decimalTextShape('0.01e-28'); // { significantDigits: 1, exponent: -30, powerOfTen: true }
 * decimalTextShape('1e10000000')?.exponent; // 10000000
 * ```
 */
export function decimalTextShape(text: string): DecimalShape | null {
  const match = DECIMAL_PARTS.exec(text);
  if (!match) return null;
  const integer = match[1] ?? '';
  const digits = integer + (match[2] ?? '');
  if (digits === '') return null;
  const first = digits.search(/[1-9]/);
  if (first < 0) return { significantDigits: 0, exponent: 0, powerOfTen: false };
  let last = digits.length - 1;
  while (digits[last] === '0') last -= 1;
  const significantDigits = last - first + 1;
  return {
    significantDigits,
    exponent: integer.length - 1 - first + Number(match[3] ?? '0'),
    powerOfTen: significantDigits === 1 && digits[first] === '1',
  };
}
