import { describe, expect, it } from 'vitest';
import {
  Decimal,
  divideHalfEven,
  formatDecimal,
  fromBaseUnits,
  fromScaledInteger,
  parseDecimal,
  roundToBaseUnit,
  sumDecimals,
  toBaseUnits,
  toDecimal,
  toScaledInteger,
} from '../src/index.js';

describe('Decimal set-up', () => {
  it('keeps 240,000,000 with 9 decimals exact, where a float cannot', () => {
    const oneBaseUnitOverMax = new Decimal('240000000.000000001');
    expect(formatDecimal(oneBaseUnitOverMax.minus('240000000'))).toBe('0.000000001');
    // The same sum in floats loses the base unit entirely.
    // biome-ignore lint/correctness/noPrecisionLoss: the point of this line is the float's loss
    expect(240_000_000.000000001 - 240_000_000).toBe(0);
  });

  it('carries at least 50 significant digits through a long ratio', () => {
    // 0.151 × 40,000,000 / 365 = 6,040,000 / 365 = 16547.945205479452054794520547945205479452... (period 8)
    const daily = new Decimal('40000000').times('0.151').div(365);
    expect(daily.toFixed().startsWith('16547.94520547945205479452054794520547945205479452')).toBe(true);
    expect(daily.precision()).toBe(60);
  });

  it('adds decimal fractions exactly (0.1 + 0.2 = 0.3)', () => {
    expect(formatDecimal(sumDecimals([toDecimal('0.1'), toDecimal('0.2')]))).toBe('0.3');
  });

  it('formats without exponents or trailing zeros, and never "-0"', () => {
    expect(formatDecimal(new Decimal('1e-30'))).toBe('0.000000000000000000000000000001');
    expect(formatDecimal(new Decimal('1.2300'))).toBe('1.23');
    expect(formatDecimal(new Decimal('1e40'))).toBe('1'.padEnd(41, '0'));
    expect(formatDecimal(new Decimal('-0'))).toBe('0');
  });
});

describe('parseDecimal', () => {
  it.each(['12', '-0.5', '.5', '1e-9', '+3.25', ' 7 '])('accepts %j', (text) => {
    expect(parseDecimal(text).eq(new Decimal(text.trim()))).toBe(true);
  });

  it.each(['', 'abc', 'NaN', 'Infinity', '0x10', '1,5', '1.2.3', '--1', '1e'])(
    'refuses %j with BAD_INPUT',
    (text) => {
      expect(() => parseDecimal(text, 'quantity')).toThrowError(
        expect.objectContaining({ code: 'BAD_INPUT', message: expect.stringContaining('quantity') }),
      );
    },
  );
});

describe('base units', () => {
  it('converts SESH (9 decimals) and SYNT (6 decimals) from base units', () => {
    expect(formatDecimal(fromBaseUnits(240_000_000_000_000_000n, 9))).toBe('240000000');
    expect(formatDecimal(fromBaseUnits('899985000000000', 6))).toBe('899985000');
    expect(formatDecimal(fromBaseUnits('1', 9))).toBe('0.000000001');
  });

  it('refuses base-unit amounts that are not integers', () => {
    expect(() => fromBaseUnits('1.5', 6)).toThrowError(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('converts to base units truncating toward zero', () => {
    expect(toBaseUnits(new Decimal('7.5'), 9)).toBe(7_500_000_000n);
    expect(toBaseUnits(new Decimal('0.0000019'), 6)).toBe(1n);
  });

  it('rounds to the base unit down or up', () => {
    // 9,999.9999999 truncated to 6 decimals; 42.50000000001 rounded up to the next nano-SESH.
    expect(formatDecimal(roundToBaseUnit(new Decimal('9999.9999999'), 6, 'down'))).toBe('9999.999999');
    expect(formatDecimal(roundToBaseUnit(new Decimal('42.500000001'), 9, 'up'))).toBe('42.500000001');
    expect(formatDecimal(roundToBaseUnit(new Decimal('42.50000000001'), 9, 'up'))).toBe('42.500000001');
  });
});

describe('scaled integers', () => {
  it.each([
    [5n, 2n, 2n],
    [7n, 2n, 4n],
    [6n, 4n, 2n],
    [-5n, 2n, -2n],
    [-7n, 2n, -4n],
    [10n, 3n, 3n],
    [11n, 3n, 4n],
  ])('divideHalfEven(%s, %s) = %s', (numerator, denominator, expected) => {
    expect(divideHalfEven(numerator, denominator)).toBe(expected);
  });

  it('agrees with the Decimal set-up on a long ratio', () => {
    // 6,040,000 / 365 to 40 places, once as Decimals, once as integers.
    const places = 40;
    const viaIntegers = divideHalfEven(6_040_000n * 10n ** 40n, 365n);
    const viaDecimals = new Decimal(6_040_000).div(365).toDecimalPlaces(places);
    expect(formatDecimal(fromScaledInteger(viaIntegers, places))).toBe(formatDecimal(viaDecimals));
  });

  it('round-trips Decimals through scaled integers', () => {
    expect(toScaledInteger(new Decimal('0.151'), 4)).toBe(1510n);
    expect(toScaledInteger(new Decimal('2.5'), 0)).toBe(2n);
    expect(formatDecimal(fromScaledInteger(toScaledInteger(new Decimal('16547.945205'), 9), 9))).toBe(
      '16547.945205',
    );
  });
});
