import { type Decimal, formatDecimal } from './decimal.js';

/** A named input of a derivation, as text. */
export interface NamedValue {
  name: string;
  value: string;
}

/** How a figure was computed: the formula, its inputs, the result and the source it follows. */
export interface Derivation {
  /** The formula in words and symbols, e.g. "0.151 × pool / (365 × nodes)". */
  formula: string;
  inputs: NamedValue[];
  result: Decimal;
  /** The document section, contract or chain parameter the formula follows. */
  source: string;
}

/** What a derivation input can be: a Decimal, a count, an instant or a word. */
export type DerivationInput = Decimal | number | string | Date;

/**
 * Builds a {@link Derivation}, writing each input as text (decimals in plain
 * form, instants in ISO-8601).
 *
 * @example
 * ```ts
 * const daily = pool.times('0.151').div(365);
 * derive('0.151 × pool / 365', { pool, rate: '0.151' }, daily, 'Session tokenomics, Staking Reward Pool');
 * ```
 */
export function derive(
  formula: string,
  inputs: Readonly<Record<string, DerivationInput>>,
  result: Decimal,
  source: string,
): Derivation {
  return {
    formula,
    inputs: Object.entries(inputs).map(([name, value]) => ({ name, value: formatInput(value) })),
    result,
    source,
  };
}

function formatInput(value: DerivationInput): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  return formatDecimal(value);
}
