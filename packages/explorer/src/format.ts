import { formatAmount, formatPercent } from '@tokenomics/client';

/** The page's locale: the browser's first language (numbers and dates follow it). */
export const LOCALE: string = (typeof navigator !== 'undefined' && navigator.language) || 'en-US';

/**
 * An amount as the page shows it: the client's exact formatting (no float), at most `digits`
 * fraction digits (half to even), with the unit when given.
 *
 * @example
 * ```ts
 * import { amountText } from './format.js';
 *
 * amountText('88273246.403548383', 'SESH'); // '88,273,246.4 SESH' in en-US
 * ```
 */
export function amountText(value: string, unit?: string | null, digits = 2): string {
  const text = formatAmount(value, { maxFractionDigits: digits, locale: LOCALE });
  return unit ? `${text} ${unit}` : text;
}

/**
 * A rate (a fraction, "0.151" is 15.1 %) as a percentage, exactly (the client's `formatPercent`).
 *
 * @example
 * ```ts
 * import { percentText } from './format.js';
 *
 * percentText('0.095814795861283883'); // '9.58%' in en-US
 * ```
 */
export function percentText(rate: string, digits = 2): string {
  return formatPercent(rate, { maxFractionDigits: digits, locale: LOCALE });
}

/**
 * A parameter's value with its unit, as the parameters table and the what-if controls show it:
 * rates as percentages, amounts and integers grouped exactly, other kinds as served.
 *
 * @example
 * ```ts
 * import { parameterText } from './format.js';
 *
 * parameterText({ kind: 'RATE', value: '0.151', unit: 'per year' }); // '15.1% per year'
 * ```
 */
export function parameterText(parameter: { kind: string; value: string; unit: string | null }): string {
  const { kind, value, unit } = parameter;
  if (kind === 'RATE' && isDecimal(value))
    return unit ? `${percentText(value, 4)} ${unit}` : percentText(value, 4);
  if ((kind === 'DECIMAL' || kind === 'INTEGER') && isDecimal(value)) return amountText(value, unit, 9);
  return unit && !value.endsWith('s') ? `${value} ${unit}` : value;
}

/**
 * An instant as a short date in the page's locale (UTC: the model's days are UTC days).
 *
 * @example
 * ```ts
 * import { dateText } from './format.js';
 *
 * dateText(new Date('2026-01-01T00:00:00Z')); // 'Jan 1, 2026' in en-US
 * ```
 */
export function dateText(at: Date | string): string {
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(at));
}

/**
 * Whether a text is a plain decimal the client's helpers accept.
 *
 * @example
 * ```ts
 * import { isDecimal } from './format.js';
 *
 * isDecimal('0.151'); // true
 * isDecimal('1296000s'); // false
 * ```
 */
export function isDecimal(value: string): boolean {
  return /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/.test(value);
}
