import { describe, expect, it } from 'vitest';
import {
  CLIP_LENGTH,
  checkDecimalBounds,
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

  it('refuses the exponent bomb from its text, naming the bound', () => {
    expect(() => parseDecimal('1e10000000', 'quantity')).toThrowError(
      expect.objectContaining({
        code: 'BAD_INPUT',
        message: 'quantity must be at most 10^30 in magnitude, got "1e10000000"',
        details: { violation: 'MAX_MAGNITUDE', limit: '1e30', value: '1e10000000' },
      }),
    );
    expect(() => parseDecimal('-1e-10000000')).toThrowError(
      expect.objectContaining({ details: expect.objectContaining({ violation: 'MIN_MAGNITUDE' }) }),
    );
  });

  it('applies the bounds at their edges', () => {
    expect(formatDecimal(parseDecimal('1e30'))).toBe(`1${'0'.repeat(30)}`);
    expect(formatDecimal(parseDecimal('-1E+30'))).toBe(`-1${'0'.repeat(30)}`);
    expect(formatDecimal(parseDecimal('1e-30'))).toBe(`0.${'0'.repeat(29)}1`);
    expect(formatDecimal(parseDecimal(`0.${'1'.repeat(40)}`))).toBe(`0.${'1'.repeat(40)}`);
    expect(formatDecimal(parseDecimal(`000.${'1'.repeat(40)}000`))).toBe(`0.${'1'.repeat(40)}`);
    for (const [text, violation] of [
      ['1e31', 'MAX_MAGNITUDE'],
      ['1e-31', 'MIN_MAGNITUDE'],
      [`0.${'1'.repeat(41)}`, 'MAX_SIGNIFICANT_DIGITS'],
    ]) {
      expect(() => parseDecimal(text as string)).toThrowError(
        expect.objectContaining({ details: expect.objectContaining({ violation }) }),
      );
    }
  });

  it('refuses text over 100 characters before reading it, echoing it clipped', () => {
    const digits = '9'.repeat(1_000_000);
    let thrown: unknown;
    try {
      parseDecimal(digits, 'quantity');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: 'BAD_INPUT',
      details: { violation: 'MAX_LENGTH', limit: 100 },
    });
    const { message, details } = thrown as { message: string; details: { value: string } };
    expect(message.startsWith('quantity is longer than 100 characters, got "999')).toBe(true);
    expect(details.value).toHaveLength(CLIP_LENGTH);
    expect(message.length).toBeLessThan(CLIP_LENGTH + 60);
    // Blanks around a short number are still fine.
    expect(formatDecimal(parseDecimal(`${' '.repeat(200)}7${' '.repeat(200)}`))).toBe('7');
  });

  it('echoes text that is not a decimal clipped', () => {
    // Short once trimmed, long as sent.
    const padded = `12abc${' '.repeat(1_000_000)}`;
    expect(() => parseDecimal(padded, 'quantity')).toThrowError(
      expect.objectContaining({
        message: `quantity must be a decimal number such as "12.5", got ${JSON.stringify(`12abc${' '.repeat(145)}…${' '.repeat(49)}`)}`,
        details: { value: `12abc${' '.repeat(145)}…${' '.repeat(49)}` },
      }),
    );
  });

  it('lets data (a preset, a chain) carry more than 40 digits, but not a larger magnitude or length', () => {
    const ratio = `0.${'6'.repeat(59)}7`;
    expect(formatDecimal(parseDecimal(ratio, 'bondedRatio', 'data'))).toBe(ratio);
    expect(() => parseDecimal(ratio, 'bondedRatio')).toThrowError(
      expect.objectContaining({ details: expect.objectContaining({ violation: 'MAX_SIGNIFICANT_DIGITS' }) }),
    );
    expect(() => parseDecimal('1e31', 'x', 'data')).toThrowError(
      expect.objectContaining({ details: expect.objectContaining({ violation: 'MAX_MAGNITUDE' }) }),
    );
    expect(() => parseDecimal('1'.repeat(101), 'x', 'data')).toThrowError(
      expect.objectContaining({ details: expect.objectContaining({ violation: 'MAX_LENGTH' }) }),
    );
  });

  it('reads negative zero as 0, which is not negative', () => {
    const zero = parseDecimal('-0');
    expect(zero.isNegative()).toBe(false);
    expect(zero.isZero()).toBe(true);
    expect(parseDecimal('-0.000e5').isNegative()).toBe(false);
  });
});

describe('checkDecimalBounds', () => {
  it('passes numbers within the bounds, and zero of either sign', () => {
    for (const text of ['1e30', '-1e30', '1e-30', '12.5', '0', '-0', `0.${'1'.repeat(40)}`]) {
      expect(() => checkDecimalBounds(new Decimal(text), 'quantity')).not.toThrow();
    }
  });

  it('refuses a huge Decimal made elsewhere without writing it out', () => {
    expect(() => checkDecimalBounds(new Decimal('1e10000000'), 'quantity')).toThrowError(
      expect.objectContaining({
        code: 'BAD_INPUT',
        message: 'quantity must be at most 10^30 in magnitude, got "1e+10000000"',
        details: { violation: 'MAX_MAGNITUDE', limit: '1e30', value: '1e+10000000' },
      }),
    );
    expect(() => checkDecimalBounds(new Decimal('2e30'), 'x')).toThrowError(
      expect.objectContaining({ details: expect.objectContaining({ violation: 'MAX_MAGNITUDE' }) }),
    );
    expect(() => checkDecimalBounds(new Decimal('-1e-31'), 'x')).toThrowError(
      expect.objectContaining({ details: expect.objectContaining({ violation: 'MIN_MAGNITUDE' }) }),
    );
  });

  it('refuses too many digits without echoing them', () => {
    expect(() => checkDecimalBounds(new Decimal('1'.repeat(100_000)), 'stakes[0]')).toThrowError(
      expect.objectContaining({
        message: 'stakes[0] has 100000 significant digits; at most 40 are allowed',
        details: { violation: 'MAX_SIGNIFICANT_DIGITS', limit: 40 },
      }),
    );
  });

  it('refuses NaN and Infinity', () => {
    for (const value of [new Decimal(Number.NaN), new Decimal(Number.POSITIVE_INFINITY)]) {
      expect(() => checkDecimalBounds(value, 'quantity')).toThrowError(
        expect.objectContaining({ code: 'BAD_INPUT', message: 'quantity must be finite' }),
      );
    }
  });
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
