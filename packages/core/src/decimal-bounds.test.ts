import { describe, expect, it } from 'vitest';
import { DECIMAL_INPUT_BOUNDS, decimalBoundViolation, decimalTextShape } from './decimal-bounds.js';

/** The bound a text breaks, through both functions. */
const boundOf = (text: string) => {
  const shape = decimalTextShape(text);
  if (!shape) throw new Error(`not decimal text: ${text}`);
  return decimalBoundViolation(shape)?.violation ?? null;
};

describe('decimalTextShape', () => {
  it.each([
    ['12.5', 3, 1, false],
    ['000123.4500', 5, 2, false],
    ['0.00123', 3, -3, false],
    ['.5', 1, -1, false],
    ['5.', 1, 0, false],
    ['1000', 1, 3, true],
    ['-1e-9', 1, -9, true],
    ['+1E+3', 1, 3, true],
    ['0.01e-28', 1, -30, true],
    ['1234.5e-2', 5, 1, false],
    ['2e30', 1, 30, false],
  ])(
    '%s has %i significant digits, exponent %i, power of ten %s',
    (text, significantDigits, exponent, powerOfTen) => {
      expect(decimalTextShape(text)).toEqual({ significantDigits, exponent, powerOfTen });
    },
  );

  it.each(['0', '-0', '0.000', '0e999999', '.0'])('%s is zero', (text) => {
    expect(decimalTextShape(text)).toEqual({ significantDigits: 0, exponent: 0, powerOfTen: false });
  });

  it('reads a huge exponent from the text, without building the number', () => {
    expect(decimalTextShape('1e10000000')?.exponent).toBe(10_000_000);
    expect(decimalTextShape('-1e-10000000')?.exponent).toBe(-10_000_000);
  });

  it.each(['', 'abc', '1e', '.', 'e5', '1.2.3', '0x10', ' 1'])('%j is not decimal text', (text) => {
    expect(decimalTextShape(text)).toBeNull();
  });
});

describe('decimalBoundViolation', () => {
  it('allows 40 significant digits and refuses 41; leading and trailing zeros do not count', () => {
    const forty = '1234567890123456789012345678901234567890';
    expect(boundOf(forty.slice(0, 30))).toBeNull(); // 30 digits, below 10^30
    expect(boundOf(`0.${forty}`)).toBeNull();
    expect(boundOf(`0.${forty}1`)).toBe('MAX_SIGNIFICANT_DIGITS');
    expect(boundOf(`000000.${forty}00000000`)).toBeNull();
    expect(boundOf(`12345.${forty.slice(0, 35)}`)).toBeNull();
    expect(boundOf(`12345.${forty.slice(0, 36)}`)).toBe('MAX_SIGNIFICANT_DIGITS');
  });

  it('allows magnitudes up to 10^30 and refuses more', () => {
    expect(boundOf('1e30')).toBeNull();
    expect(boundOf('-1E+30')).toBeNull();
    expect(boundOf(`1${'0'.repeat(30)}`)).toBeNull();
    expect(boundOf(`${'9'.repeat(30)}.9`)).toBeNull();
    expect(boundOf('1e31')).toBe('MAX_MAGNITUDE');
    expect(boundOf('1.000000001e30')).toBe('MAX_MAGNITUDE');
    expect(boundOf('2e30')).toBe('MAX_MAGNITUDE');
    expect(boundOf(`1${'0'.repeat(30)}.5`)).toBe('MAX_MAGNITUDE');
    expect(boundOf('-1e+31')).toBe('MAX_MAGNITUDE');
    expect(boundOf('1e10000000')).toBe('MAX_MAGNITUDE');
  });

  it('allows magnitudes down to 10^-30 and refuses less, except 0', () => {
    expect(boundOf('1e-30')).toBeNull();
    expect(boundOf(`0.${'0'.repeat(29)}1`)).toBeNull();
    expect(boundOf('-9.99e-30')).toBeNull();
    expect(boundOf('1e-31')).toBe('MIN_MAGNITUDE');
    expect(boundOf('9.99e-31')).toBe('MIN_MAGNITUDE');
    expect(boundOf(`0.${'0'.repeat(30)}1`)).toBe('MIN_MAGNITUDE');
    expect(boundOf('-1e-10000000')).toBe('MIN_MAGNITUDE');
    expect(boundOf('0')).toBeNull();
    expect(boundOf('-0')).toBeNull();
    expect(boundOf('0e-99')).toBeNull();
  });

  it('names the bound, its limit and what is wrong', () => {
    expect(decimalBoundViolation({ significantDigits: 41, exponent: 0, powerOfTen: false })).toEqual({
      violation: 'MAX_SIGNIFICANT_DIGITS',
      limit: 40,
      reason: 'has 41 significant digits; at most 40 are allowed',
    });
    expect(decimalBoundViolation({ significantDigits: 1, exponent: 31, powerOfTen: true })).toEqual({
      violation: 'MAX_MAGNITUDE',
      limit: '1e30',
      reason: 'must be at most 10^30 in magnitude',
    });
    expect(decimalBoundViolation({ significantDigits: 1, exponent: -31, powerOfTen: true })).toEqual({
      violation: 'MIN_MAGNITUDE',
      limit: '1e-30',
      reason: 'must be 0 or at least 10^-30 in magnitude',
    });
  });

  it('publishes the bounds of MODEL.md', () => {
    expect(DECIMAL_INPUT_BOUNDS).toEqual({
      maxSignificantDigits: 40,
      maxExponent: 30,
      minExponent: -30,
      maxLength: 100,
    });
  });
});
