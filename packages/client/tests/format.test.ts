import { describe, expect, it } from 'vitest';
import { decimal, formatAmount, formatPercent } from '../src/index.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('formatAmount', () => {
  it('groups and separates as en-US and de-DE do', () => {
    expect(formatAmount('1234567.891', { maxFractionDigits: 2, locale: 'en-US' })).toBe('1,234,567.89');
    expect(formatAmount('1234567.891', { maxFractionDigits: 2, locale: 'de-DE' })).toBe('1.234.567,89');
    expect(formatAmount('1234567.891', { maxFractionDigits: 2, locale: 'de-DE', grouping: false })).toBe(
      '1234567,89',
    );
    expect(formatAmount('999', { maxFractionDigits: 0, locale: 'de-DE' })).toBe('999');
    expect(formatAmount('1000', { maxFractionDigits: 0, locale: 'de-DE' })).toBe('1.000');
  });

  it('keeps 10^25 and beyond exact, where a float would not', () => {
    const huge = `1${'0'.repeat(25)}`;
    expect(formatAmount(huge, { maxFractionDigits: 2, locale: 'en-US' })).toBe(
      '10,000,000,000,000,000,000,000,000',
    );
    expect(formatAmount(`${huge}.5`, { maxFractionDigits: 0, locale: 'de-DE' })).toBe(
      '10.000.000.000.000.000.000.000.000',
    );
    expect(
      formatAmount('12345678901234567890123456789.987654321', { maxFractionDigits: 4, locale: 'en-US' }),
    ).toBe('12,345,678,901,234,567,890,123,456,789.9877');
    // A float would print 9,999,999,999,999,999,000,000,000 here.
    expect(formatAmount('9999999999999999999999999', { maxFractionDigits: 0, locale: 'en-US' })).toBe(
      '9,999,999,999,999,999,999,999,999',
    );
  });

  it('keeps many decimals', () => {
    const value = '0.123456789012345678901234567890123';
    expect(formatAmount(value, { maxFractionDigits: 30, locale: 'en-US' })).toBe(
      '0.12345678901234567890123456789',
    ); // the 30th digit is a trailing 0
    expect(formatAmount(value, { maxFractionDigits: 40, locale: 'de-DE' })).toBe(
      '0,123456789012345678901234567890123',
    );
    expect(formatAmount('16547.945205479452054794', { maxFractionDigits: 18, locale: 'en-US' })).toBe(
      '16,547.945205479452054794',
    );
  });

  it('rounds ties half to even, in both directions and through carries', () => {
    const at = (value: string, places: number) =>
      formatAmount(value, { maxFractionDigits: places, locale: 'en-US' });
    expect(at('0.125', 2)).toBe('0.12');
    expect(at('0.135', 2)).toBe('0.14');
    expect(at('0.1250000000000000000001', 2)).toBe('0.13');
    expect(at('2.5', 0)).toBe('2');
    expect(at('3.5', 0)).toBe('4');
    expect(at('-2.5', 0)).toBe('-2');
    expect(at('-3.5', 0)).toBe('-4');
    expect(at('-0.125', 2)).toBe('-0.12');
    expect(at('9.995', 2)).toBe('10');
    expect(at('999999.9999', 3)).toBe('1,000,000');
    expect(at('0.0049', 2)).toBe('0');
  });

  it('writes negative values with the locale minus sign and never a negative zero', () => {
    expect(formatAmount('-1234.5', { maxFractionDigits: 2, locale: 'en-US' })).toBe('-1,234.5');
    expect(formatAmount('-1234.5', { maxFractionDigits: 2, locale: 'de-DE' })).toBe('-1.234,5');
    expect(formatAmount('-0.001', { maxFractionDigits: 2, locale: 'en-US' })).toBe('0');
    expect(formatAmount('-0.001', { maxFractionDigits: 2, minFractionDigits: 2, locale: 'de-DE' })).toBe(
      '0,00',
    );
    expect(formatAmount('-1', { maxFractionDigits: 0, locale: 'sv-SE' })).toBe('\u22121');
  });

  it('pads to minFractionDigits and drops trailing zeros beyond it', () => {
    expect(formatAmount('5', { maxFractionDigits: 2, minFractionDigits: 2, locale: 'en-US' })).toBe('5.00');
    expect(formatAmount('5.100', { maxFractionDigits: 6, locale: 'en-US' })).toBe('5.1');
    expect(formatAmount('5.100', { maxFractionDigits: 6, minFractionDigits: 3, locale: 'de-DE' })).toBe(
      '5,100',
    );
    expect(formatAmount('007.5', { maxFractionDigits: 1, locale: 'en-US' })).toBe('7.5');
  });

  it('follows locales with other grouping, spacing and digits', () => {
    expect(formatAmount('123456789', { maxFractionDigits: 0, locale: 'en-IN' })).toBe('12,34,56,789');
    expect(formatAmount('1234567.5', { maxFractionDigits: 1, locale: 'fr-FR' })).toBe(
      `1${NNBSP}234${NNBSP}567,5`,
    );
    expect(formatAmount('1234', { maxFractionDigits: 0, locale: 'es-ES' })).toBe('1234');
    expect(formatAmount('12345', { maxFractionDigits: 0, locale: 'es-ES' })).toBe('12.345');
    expect(formatAmount('1234.5', { maxFractionDigits: 1, locale: 'ar-EG' })).toBe(
      new Intl.NumberFormat('ar-EG').format(1234.5),
    );
  });

  it('agrees with Intl (exact decimal strings, half-even) wherever Intl can be asked', () => {
    const values = [
      '0',
      '1',
      '-1',
      '0.5',
      '1.5',
      '2.5',
      '-2.5',
      '1234.5678',
      '-98765.4321',
      '1000000.005',
      '0.000001',
    ];
    for (const locale of ['en-US', 'de-DE']) {
      for (const value of values) {
        for (const places of [0, 1, 2, 3, 6]) {
          const intl = new Intl.NumberFormat(locale, {
            maximumFractionDigits: places,
            roundingMode: 'halfEven',
            signDisplay: 'negative',
          } as Intl.NumberFormatOptions).format(value as unknown as number);
          expect(
            formatAmount(value, { maxFractionDigits: places, locale }),
            `${value} ${locale} ${places}`,
          ).toBe(intl);
        }
      }
    }
  });

  it('refuses what is not a decimal string, and bad digit counts', () => {
    expect(() => formatAmount('1e25', { maxFractionDigits: 2, locale: 'en-US' })).toThrow(TypeError);
    expect(() => formatAmount('12,5', { maxFractionDigits: 2, locale: 'en-US' })).toThrow(TypeError);
    expect(() => formatAmount('', { maxFractionDigits: 2, locale: 'en-US' })).toThrow(TypeError);
    expect(() => formatAmount('1', { maxFractionDigits: -1, locale: 'en-US' })).toThrow(RangeError);
    expect(() => formatAmount('1', { maxFractionDigits: 1.5, locale: 'en-US' })).toThrow(RangeError);
    expect(() => formatAmount('1', { maxFractionDigits: 1, minFractionDigits: 2, locale: 'en-US' })).toThrow(
      RangeError,
    );
  });
});

describe('formatPercent', () => {
  it('writes a rate as a percentage, in the locale', () => {
    expect(formatPercent('0.1208', { locale: 'en-US' })).toBe('12.08%');
    expect(formatPercent('0.1208', { locale: 'de-DE' })).toBe(`12,08${NBSP}%`);
    expect(formatPercent(decimal('0.14'), { locale: 'en-US' })).toBe('14%');
    expect(formatPercent('0.14', { locale: 'en-US', minFractionDigits: 1 })).toBe('14.0%');
    expect(formatPercent('1', { locale: 'en-US' })).toBe('100%');
    expect(formatPercent('0', { locale: 'en-US' })).toBe('0%');
  });

  it('rounds half to even, keeps huge and negative rates exact', () => {
    expect(formatPercent('0.001245', { locale: 'en-US' })).toBe('0.12%');
    expect(formatPercent('0.001255', { locale: 'en-US' })).toBe('0.13%');
    expect(formatPercent('0.12345', { locale: 'en-US', maxFractionDigits: 2 })).toBe('12.34%');
    expect(formatPercent('-0.0525', { locale: 'de-DE', maxFractionDigits: 1 })).toBe(`-5,2${NBSP}%`);
    expect(formatPercent(`1${'0'.repeat(25)}`, { locale: 'en-US' })).toBe(
      `1,000,000,000,000,000,000,000,000,000%`,
    );
    expect(formatPercent('0.151234567890123456789', { locale: 'en-US', maxFractionDigits: 19 })).toBe(
      '15.1234567890123456789%',
    );
  });

  it('agrees with Intl percent formatting on exact decimal strings', () => {
    for (const locale of ['en-US', 'de-DE']) {
      for (const rate of ['0.1208', '0.5', '-0.0525', '0.000125', '12.3456']) {
        const intl = new Intl.NumberFormat(locale, {
          style: 'percent',
          maximumFractionDigits: 2,
          roundingMode: 'halfEven',
        } as Intl.NumberFormatOptions).format(rate as unknown as number);
        expect(formatPercent(rate, { locale }), `${rate} ${locale}`).toBe(intl);
      }
    }
  });
});
