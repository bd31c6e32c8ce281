import type { Decimal } from './graphql.js';

/** How {@link formatAmount} writes a number. */
export interface FormatAmountOptions {
  /** The most fraction digits shown; the rest is rounded half to even. */
  maxFractionDigits: number;
  /** The fewest fraction digits shown (padded with zeros); default 0, trailing zeros are dropped. */
  minFractionDigits?: number;
  /** A BCP 47 locale, e.g. `'en-US'` or `'de-DE'`: its decimal and group separators, digits and grouping sizes. */
  locale: string;
  /** Group the integer digits (`1,234,567`); default true. */
  grouping?: boolean;
}

/** How {@link formatPercent} writes a rate; `maxFractionDigits` defaults to 2. */
export type FormatPercentOptions = Omit<FormatAmountOptions, 'maxFractionDigits'> & {
  maxFractionDigits?: number;
};

interface LocaleSymbols {
  decimal: string;
  group: string;
  minus: string;
  /** The locale's glyphs for 0…9. */
  digits: string[];
  /** The size of the last group (3) and of the groups before it (3; 2 in en-IN). */
  primary: number;
  secondary: number;
  /** Whether a four-digit integer is grouped (es-ES writes 1234 but 12.345). */
  groupsFourDigits: boolean;
  percentPrefix: string;
  percentSuffix: string;
}

const symbolsByLocale = new Map<string, LocaleSymbols>();

/** Learns a locale's symbols from Intl on a few small numbers (never the value being formatted). */
function symbolsOf(locale: string): LocaleSymbols {
  const cached = symbolsByLocale.get(locale);
  if (cached) return cached;
  const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const parts = plain.formatToParts(12345678.5);
  const integers = parts.filter((p) => p.type === 'integer').map((p) => Array.from(p.value).length);
  const primary = integers[integers.length - 1] ?? 3;
  const secondary = integers.length > 2 ? integers[integers.length - 2]! : primary;
  const digitFormat = new Intl.NumberFormat(locale, { useGrouping: false });
  const percentParts = new Intl.NumberFormat(locale, { style: 'percent' }).formatToParts(0.5);
  const firstNumber = percentParts.findIndex((p) => p.type === 'integer');
  const lastNumber = percentParts.findLastIndex((p) => p.type === 'integer');
  const symbols: LocaleSymbols = {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    minus: plain.formatToParts(-1).find((p) => p.type === 'minusSign')?.value ?? '-',
    digits: Array.from({ length: 10 }, (_, digit) => digitFormat.format(digit)),
    primary: primary > 0 ? primary : 3,
    secondary: secondary > 0 ? secondary : 3,
    groupsFourDigits: plain.formatToParts(1234).some((p) => p.type === 'group'),
    percentPrefix: percentParts
      .slice(0, firstNumber)
      .map((p) => p.value)
      .join(''),
    percentSuffix: percentParts
      .slice(lastNumber + 1)
      .map((p) => p.value)
      .join(''),
  };
  symbolsByLocale.set(locale, symbols);
  return symbols;
}

const DECIMAL_TEXT = /^([+-])?(\d+)(?:\.(\d*))?$/;

interface Parsed {
  negative: boolean;
  integer: string;
  fraction: string;
}

function parse(value: string): Parsed {
  const match = DECIMAL_TEXT.exec(value.trim());
  if (!match) throw new TypeError(`not a decimal string: ${JSON.stringify(value)}`);
  return { negative: match[1] === '-', integer: match[2]!, fraction: match[3] ?? '' };
}

function checkDigits(name: string, digits: number): void {
  if (!Number.isInteger(digits) || digits < 0 || digits > 1000) {
    throw new RangeError(`${name} must be a whole number from 0 to 1000, not ${digits}`);
  }
}

/** Rounds `integer.fraction` to `places` fraction digits, half to even, in bigint arithmetic. */
function roundHalfEven({ integer, fraction }: Parsed, places: number): { integer: string; fraction: string } {
  if (fraction.length <= places) return { integer, fraction };
  const dropped = fraction.length - places;
  const scaled = BigInt(integer + fraction);
  const divisor = 10n ** BigInt(dropped);
  let kept = scaled / divisor;
  const twiceRest = (scaled % divisor) * 2n;
  if (twiceRest > divisor || (twiceRest === divisor && kept % 2n === 1n)) kept += 1n;
  const digits = kept.toString().padStart(places + 1, '0');
  return {
    integer: digits.slice(0, digits.length - places),
    fraction: places > 0 ? digits.slice(digits.length - places) : '',
  };
}

function group(integer: string, symbols: LocaleSymbols): string {
  if (integer.length <= symbols.primary || (integer.length === 4 && !symbols.groupsFourDigits))
    return integer;
  const groups = [integer.slice(-symbols.primary)];
  let rest = integer.slice(0, -symbols.primary);
  while (rest.length > symbols.secondary) {
    groups.unshift(rest.slice(-symbols.secondary));
    rest = rest.slice(0, -symbols.secondary);
  }
  groups.unshift(rest);
  return groups.join(symbols.group);
}

function localize(digits: string, symbols: LocaleSymbols): string {
  return symbols.digits[0] === '0' && symbols.digits[9] === '9'
    ? digits
    : digits.replace(/\d/g, (d) => symbols.digits[Number(d)]!);
}

function format(parsed: Parsed, options: FormatAmountOptions): string {
  const { maxFractionDigits, minFractionDigits = 0, locale, grouping = true } = options;
  checkDigits('maxFractionDigits', maxFractionDigits);
  checkDigits('minFractionDigits', minFractionDigits);
  if (minFractionDigits > maxFractionDigits) {
    throw new RangeError(
      `minFractionDigits (${minFractionDigits}) exceeds maxFractionDigits (${maxFractionDigits})`,
    );
  }
  const symbols = symbolsOf(locale);
  const rounded = roundHalfEven(parsed, maxFractionDigits);
  const integer = rounded.integer.replace(/^0+(?=\d)/, '');
  let fraction = rounded.fraction.replace(/0+$/, '');
  if (fraction.length < minFractionDigits) fraction = fraction.padEnd(minFractionDigits, '0');
  // A value that rounds to zero is written without a sign ("-0.001" at 2 places is "0").
  const negative = parsed.negative && /[1-9]/.test(integer + fraction);
  const whole = localize(grouping ? group(integer, symbols) : integer, symbols);
  const text = fraction ? `${whole}${symbols.decimal}${localize(fraction, symbols)}` : whole;
  return negative ? `${symbols.minus}${text}` : text;
}

/**
 * Writes a decimal string for display in a locale without ever turning it into a float: digits are
 * rounded half to even at `maxFractionDigits` in bigint arithmetic, so 10^25 or 30 decimals stay exact.
 * Intl is asked only for the locale's separators, digits and grouping (on small sample numbers).
 *
 * @throws TypeError when `value` is not a decimal string; RangeError for bad digit counts.
 * @example
 * ```ts
 * import { formatAmount } from '@tokenomics/client';
 *
 * formatAmount('1234567.891', { maxFractionDigits: 2, locale: 'en-US' }); // '1,234,567.89'
 * formatAmount('1234567.891', { maxFractionDigits: 2, locale: 'de-DE' }); // '1.234.567,89'
 * formatAmount('0.125', { maxFractionDigits: 2, locale: 'en-US' }); // '0.12' (half to even)
 * formatAmount('5', { maxFractionDigits: 2, minFractionDigits: 2, locale: 'en-US' }); // '5.00'
 * ```
 */
export function formatAmount(value: Decimal | string, options: FormatAmountOptions): string {
  return format(parse(value), options);
}

/**
 * Writes a rate (a fraction: `"0.1208"` is 12.08 %) as a percentage in a locale, exactly: the decimal
 * point is moved two places in the string, then rounded half to even at `maxFractionDigits` (default 2)
 * and written with the locale's percent sign and spacing.
 *
 * @throws TypeError when `rate` is not a decimal string; RangeError for bad digit counts.
 * @example
 * ```ts
 * import { formatPercent } from '@tokenomics/client';
 *
 * formatPercent('0.1208', { locale: 'de-DE' }); // '12,08 %' (with a no-break space, as de-DE writes it)
 * formatPercent('0.1208', { locale: 'en-US' }); // '12.08%'
 * formatPercent('0.14', { locale: 'en-US', minFractionDigits: 1 }); // '14.0%'
 * ```
 */
export function formatPercent(rate: Decimal | string, options: FormatPercentOptions): string {
  const parsed = parse(rate);
  const fraction = parsed.fraction.padEnd(2, '0');
  const hundredfold: Parsed = {
    negative: parsed.negative,
    integer: parsed.integer + fraction.slice(0, 2),
    fraction: fraction.slice(2),
  };
  const number = format(hundredfold, { ...options, maxFractionDigits: options.maxFractionDigits ?? 2 });
  const symbols = symbolsOf(options.locale);
  return `${symbols.percentPrefix}${number}${symbols.percentSuffix}`;
}
