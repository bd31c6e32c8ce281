import { type Decimal, formatDecimal } from './decimal.js';

/**
 * What a decimal input of a derivation is, so it can be served by the rules of
 * its kind: an AMOUNT of the protocol's token (rounded to its base unit) or a
 * RATE (a fraction or ratio, rounded to 18 places).
 */
export type InputKind = 'AMOUNT' | 'RATE';

/** A named input of a derivation, as text. */
export interface NamedValue {
  name: string;
  /** The input as text, at full precision (decimals in plain form, instants in ISO-8601). */
  value: string;
  /**
   * The input as an exact decimal, where the adapter gave its kind: the gateway serves it by the
   * rules of that kind. `value` is then this figure's text (`formatDecimal(figure)`, as
   * {@link derive} writes it): a figure that needs no rounding is served with that text.
   */
  figure?: Decimal;
  /** AMOUNT or RATE where the adapter said so; a decimal given without a kind is served as a RATE is. */
  kind?: InputKind;
}

/** A decimal input marked with its {@link InputKind}. */
export interface TypedInput {
  readonly kind: InputKind;
  readonly figure: Decimal;
}

/**
 * Marks a derivation input as an amount of the protocol's token, served at
 * its base unit.
 *
 * @example
 * ```ts
 * import { amountInput, Decimal, derive } from '@tokenomics/core';
 *
 * const pool = new Decimal('40000000');
 * const daily = pool.times('0.151').div(365);
 * derive('0.151 × pool / 365', { pool: amountInput(pool) }, daily, 'docs/methodology/session.md#pool-release');
 * ```
 */
export function amountInput(figure: Decimal): TypedInput {
  return { kind: 'AMOUNT', figure };
}

/**
 * Marks a derivation input as a rate or ratio, served to 18 decimal places.
 *
 * @example
 * ```ts
 * import { Decimal, derive, rateInput } from '@tokenomics/core';
 *
 * const yearly = new Decimal('6040000');
 * derive('rate × pool', { rate: rateInput(new Decimal('0.151')) }, yearly, 'docs/methodology/session.md#pool-release');
 * ```
 */
export function rateInput(figure: Decimal): TypedInput {
  return { kind: 'RATE', figure };
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

/** What a derivation input can be: a Decimal (typed or not), a count, an instant or a word. */
export type DerivationInput = Decimal | TypedInput | number | string | Date;

/**
 * Builds a {@link Derivation}, writing each input as text (decimals in plain
 * form, instants in ISO-8601).
 *
 * @example
 * ```ts
 * import { Decimal, derive } from '@tokenomics/core';
 *
 * const pool = new Decimal('40000000');
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
    inputs: Object.entries(inputs).map(([name, value]) => namedValue(name, value)),
    result,
    source,
  };
}

function namedValue(name: string, value: DerivationInput): NamedValue {
  if (typeof value === 'string') return { name, value };
  if (typeof value === 'number') return { name, value: String(value) };
  if (value instanceof Date) return { name, value: value.toISOString() };
  if (isTypedInput(value))
    return { name, value: formatDecimal(value.figure), figure: value.figure, kind: value.kind };
  return { name, value: formatDecimal(value) };
}

function isTypedInput(value: Decimal | TypedInput): value is TypedInput {
  return 'kind' in value && 'figure' in value;
}

/**
 * Makes `target[key]` an own enumerable member computed by `compute` when
 * first read, then the same value on every read: for what is costly to build
 * and often not asked for (a supply's derivations, when a query selects only
 * the figures). Spreading, JSON and equality read it like any member; a copy
 * made with its property descriptors shares the one computation.
 *
 * @example
 * ```ts
 * import { Decimal, derive, lazyMember, type Supply } from '@tokenomics/core';
 *
 * declare const supply: Supply;
 * const total = new Decimal('1000');
 * lazyMember(supply, 'derivations', () => ({ total: derive('total', { total }, total, 'docs') }));
 * supply.derivations.total?.formula; // 'total' (derived now)
 * ```
 */
export function lazyMember<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): T {
  let value: T[K];
  let computed = false;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      if (!computed) {
        value = compute();
        computed = true;
      }
      return value;
    },
  });
  return target;
}
