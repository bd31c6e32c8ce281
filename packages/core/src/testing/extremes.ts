import type { Parameter } from '../parameters.js';

/** The value the kit uses for a decimal parameter with no upper bound: 10^30, the largest input the gateway accepts. */
export const LARGE_DECIMAL = `1${'0'.repeat(30)}`;
/** The value the kit uses for an integer parameter with no upper bound. */
export const LARGE_INTEGER = String(Number.MAX_SAFE_INTEGER);
/** How far inside an exclusive decimal bound the kit goes: 10^-18, the precision of a served rate. */
export const EXCLUSIVE_STEP = '0.000000000000000001';

const NUMERIC: ReadonlyArray<Parameter['kind']> = ['DECIMAL', 'RATE', 'INTEGER', 'LIST'];

/** The values a parameter is driven to, or why it is not. */
export type ParameterExtremes = { key: string; values: string[] } | { key: string; skipped: string };

function step(value: string, scale: number, direction: 1 | -1): string {
  // Plain decimal arithmetic on text: BigInt over a fixed scale (18 places, the base unit's, or 0), no float.
  const [whole = '0', fraction = ''] = value.replace(/^\+/, '').split('.');
  const negative = whole.startsWith('-');
  const digits = BigInt(`${whole.replace('-', '')}${fraction.padEnd(scale, '0').slice(0, scale)}`);
  const shifted = (negative ? -digits : digits) + BigInt(direction);
  if (scale === 0) return shifted.toString();
  const sign = shifted < 0n ? '-' : '';
  const text = (shifted < 0n ? -shifted : shifted).toString().padStart(scale + 1, '0');
  const head = text.slice(0, -scale);
  const tail = text.slice(-scale).replace(/0+$/, '');
  return `${sign}${head}${tail ? `.${tail}` : ''}`;
}

/**
 * The documented extremes of a numeric parameter, as override values: its
 * lower bound (or 0 where it has none) and its upper bound (or 10^30 for a
 * decimal, 2^53 − 1 for an integer, where it has none); an exclusive bound is
 * approached by 10^-18 (or 1 for an integer; or, for an amount of the token,
 * by its base unit when `baseUnitDecimals` is given: a finer override is
 * refused). A list gets every item at the extreme, keeping its length.
 * Instants, durations, words and addresses are skipped, with the reason.
 *
 * @example
 * ```ts
 * import type { Parameter } from '@tokenomics/core';
 * import { parameterExtremes } from '@tokenomics/core/testing';
 *
 * declare const rate: Parameter; // kind RATE, bounds [0, 1)
 * declare const supply: Parameter; // kind DECIMAL, an amount, bounds (0, ∞)
 *
 * parameterExtremes(rate);
 * // { key: 'rate', values: ['0', '0.999999999999999999'] }
 * parameterExtremes(supply, 6);
 * // { key: 'supply', values: ['0.000001', '1000000000000000000000000000000'] }
 * ```
 */
export function parameterExtremes(parameter: Parameter, baseUnitDecimals?: number): ParameterExtremes {
  if (!NUMERIC.includes(parameter.kind)) {
    return { key: parameter.key, skipped: `a parameter of kind ${parameter.kind} has no numeric bounds` };
  }
  const bounds = parameter.bounds ?? {};
  const integer = parameter.kind === 'INTEGER';
  const scale = integer ? 0 : parameter.amount && baseUnitDecimals !== undefined ? baseUnitDecimals : 18;
  const low = bounds.min === undefined ? '0' : bounds.minExclusive ? step(bounds.min, scale, 1) : bounds.min;
  const high =
    bounds.max === undefined
      ? integer
        ? LARGE_INTEGER
        : LARGE_DECIMAL
      : bounds.maxExclusive
        ? step(bounds.max, scale, -1)
        : bounds.max;
  const values = [...new Set([low, high])];
  if (parameter.kind !== 'LIST') return { key: parameter.key, values };
  const length = parameter.value.split(',').length;
  return { key: parameter.key, values: values.map((value) => Array(length).fill(value).join(',')) };
}
