import { checkBaseUnit } from './base-unit.js';
import { clip } from './clip.js';
import { Decimal, formatDecimal, parseDecimal } from './decimal.js';
import { DECIMAL_INPUT_BOUNDS } from './decimal-bounds.js';
import { isTokenomicsError, TokenomicsError } from './errors.js';
import { RATE_PLACES } from './served-figure.js';
import { parseInstant } from './time.js';
import type { TokenInfo } from './token-info.js';

/**
 * What kind of value a parameter holds, as clients see it; `value` is in the
 * canonical form of its kind (DECIMAL/RATE: plain decimal, INTEGER: digits,
 * DURATION: whole seconds as `600s`, INSTANT: ISO-8601 UTC, LIST: comma list,
 * ADDRESS: the chain's address text, WORD: one of a fixed set).
 */
export type ParameterType =
  | 'DECIMAL'
  | 'INTEGER'
  | 'RATE'
  | 'DURATION'
  | 'INSTANT'
  | 'ADDRESS'
  | 'LIST'
  | 'WORD';

/** A parameter as clients see it: its value as text, with its provenance. */
export interface Parameter {
  key: string;
  label: string;
  /** What kind of value it is. */
  kind: ParameterType;
  /** The value as text, in the canonical form of its kind. */
  value: string;
  unit: string | null;
  description: string;
  /** A public URL, a file in this repository, a chain parameter, configuration, or the query's override. */
  source: string;
  /** True when the value is an assumption of ours rather than a published or read figure. */
  assumption: boolean;
  /** The documented range of a numeric parameter (of each item, for a list); absent for other kinds. */
  bounds?: ParameterBounds;
  /** True for an amount of the token (its kind's `amount`): overrides finer than the base unit are refused. */
  amount?: true;
}

/** A query's replacement for one parameter's value, by key. */
export interface ParameterOverride {
  key: string;
  value: string;
}

/** The documented range of a numeric parameter kind (see {@link ParameterKind.bounds}). */
export interface ParameterBounds {
  /** The smallest value, decimal text; inclusive unless `minExclusive`. */
  min?: string;
  minExclusive?: boolean;
  /** The largest value, decimal text; inclusive unless `maxExclusive`. */
  max?: string;
  maxExclusive?: boolean;
}

/**
 * Where a parameter value comes from: a client's override, or data (a
 * preset, a chain). Overrides get every bound of client input; data may carry
 * the digits of a ratio computed from the chain.
 */
export type ValueOrigin = 'override' | 'data';

/**
 * How one kind of parameter value is read from text and written back. `parse`
 * throws a plain Error whose message says what is wrong; the resolver wraps it
 * with the parameter's key. What `format` writes, `parse` reads back as an
 * override: a served value can always be sent back.
 */
export interface ParameterKind<T> {
  /** What kind of value it is, as clients see it. */
  readonly type: ParameterType;
  /** What a valid value looks like, for error messages, e.g. "a decimal in (0, 1]". */
  readonly expected: string;
  /**
   * The documented range of a numeric kind (of each item, for a list), as
   * decimal text; the conformance kit drives each parameter to these bounds.
   * Absent for kinds that are not numbers or have no bound.
   */
  readonly bounds?: ParameterBounds;
  /**
   * True for an amount of the protocol's token (in whole tokens; a list of
   * them for a list kind): {@link resolveParameters}, given the token,
   * refuses an override with more decimals than its base unit (BAD_INPUT,
   * violation BASE_UNIT). `defineAdapter` passes the adapter's token.
   */
  readonly amount?: boolean;
  /** Reads a value; `origin` defaults to `data` (the resolver passes `override` for a query's). */
  parse(text: string, origin?: ValueOrigin): T;
  /**
   * Writes a value in the canonical form of {@link ParameterKind.type}.
   * `values` holds every parameter of the schema, parsed (the resolver
   * passes them), so a value that stands for another (a word such as
   * "remainder" or "tgeDate" that parses to null) can be written resolved, as
   * the amount or instant it stands for; without them it is written as read.
   */
  format(value: T, values?: Readonly<Record<string, unknown>>): string;
}

/** One parameter a model uses: how to read it and what it means. */
export interface ParameterDefinition<T> {
  label: string;
  unit?: string;
  description: string;
  kind: ParameterKind<T>;
}

/** The parameters of one model, by key. */
// biome-ignore lint/suspicious/noExplicitAny: a schema holds definitions of many value types
export type ParameterSchema = Record<string, ParameterDefinition<any>>;

/** The parsed values of a schema's parameters, typed by key. */
export type ParameterValues<S extends ParameterSchema> = {
  [K in keyof S]: S[K] extends ParameterDefinition<infer T> ? T : never;
};

/** A parameter's value as data, with where it comes from. */
export interface SourcedValue {
  value: string;
  source: string;
  /** True when the value is an assumption of ours, not a published or read figure. Default false. */
  assumption?: boolean;
}

/** Values for every parameter of a schema, as text with provenance. */
export type ParameterData<S extends ParameterSchema> = { [K in keyof S]: SourcedValue };

/** A named set of parameter values: data, not code. */
export interface Preset<S extends ParameterSchema> {
  name: string;
  description: string;
  values: ParameterData<S>;
}

/** A schema's values, parsed, and the same as {@link Parameter} records. */
export interface ResolvedParameters<S extends ParameterSchema> {
  values: ParameterValues<S>;
  list: Parameter[];
}

interface Bound {
  value: Decimal;
  inclusive: boolean;
}

/** Options of {@link decimalKind}. */
export interface DecimalKindOptions {
  /**
   * RATE for fractions and ratios: the value is served to 18 decimal places,
   * half to even (inside the bounds), as every served rate is. DECIMAL
   * otherwise (served to at most 40 significant digits). Default DECIMAL.
   */
  type?: 'DECIMAL' | 'RATE';
  /** The smallest value; inclusive unless `minExclusive`. */
  min?: string;
  minExclusive?: boolean;
  /** The largest value; inclusive unless `maxExclusive`. */
  max?: string;
  maxExclusive?: boolean;
  /**
   * An amount of the protocol's token (a supply, a balance, a stake, a fee in
   * tokens): an override with more decimals than the token's base unit is
   * refused with BAD_INPUT, violation BASE_UNIT (`defineAdapter` resolves the
   * decimals from the adapter's `TokenInfo`). Rates, ratios and counts are not amounts.
   */
  amount?: boolean;
}

function describeRange(min: Bound | undefined, max: Bound | undefined): string {
  if (min && max) {
    return `in ${min.inclusive ? '[' : '('}${formatDecimal(min.value)}, ${formatDecimal(max.value)}${max.inclusive ? ']' : ')'}`;
  }
  if (min) return `${min.inclusive ? '≥' : '>'} ${formatDecimal(min.value)}`;
  if (max) return `${max.inclusive ? '≤' : '<'} ${formatDecimal(max.value)}`;
  return '';
}

/** Whether a value falls below or above a kind's bounds. */
const outside = (value: Decimal, min: Bound | undefined, max: Bound | undefined) => ({
  low: min !== undefined && (min.inclusive ? value.lt(min.value) : value.lte(min.value)),
  high: max !== undefined && (max.inclusive ? value.gt(max.value) : value.gte(max.value)),
});

function checkRange(value: Decimal, min: Bound | undefined, max: Bound | undefined, expected: string): void {
  const { low, high } = outside(value, min, max);
  if (low || high) throw new Error(`must be ${expected}, got ${formatDecimal(value)}`);
}

function boundsOf(options: DecimalKindOptions): ParameterBounds {
  return {
    ...(options.min === undefined ? {} : { min: options.min }),
    ...(options.minExclusive ? { minExclusive: true } : {}),
    ...(options.max === undefined ? {} : { max: options.max }),
    ...(options.maxExclusive ? { maxExclusive: true } : {}),
  };
}

function bounds(options: DecimalKindOptions): [Bound | undefined, Bound | undefined] {
  return [
    options.min === undefined
      ? undefined
      : { value: new Decimal(options.min), inclusive: !options.minExclusive },
    options.max === undefined
      ? undefined
      : { value: new Decimal(options.max), inclusive: !options.maxExclusive },
  ];
}

/**
 * A decimal parameter (an amount or a rate), optionally bounded. Mark an
 * amount of the token with `amount: true`: overrides finer than its base unit
 * are then refused.
 *
 * @example
 * ```ts
 * import { Decimal, decimalKind } from '@tokenomics/core';
 *
 * const rate = decimalKind({ min: '0', max: '1', maxExclusive: true });
 * rate.expected; // 'a decimal in [0, 1)'
 * rate.parse('0.151').toFixed(); // '0.151'
 * decimalKind({ type: 'RATE', min: '0', max: '1' }).format(new Decimal(1).div(3)); // '0.333333333333333333' (18 places)
 * const stake = decimalKind({ min: '0', minExclusive: true, amount: true }); // e.g. 25000 SESH
 * ```
 */
export function decimalKind(options: DecimalKindOptions = {}): ParameterKind<Decimal> {
  const [min, max] = bounds(options);
  const range = describeRange(min, max);
  const expected = range ? `a decimal ${range}` : 'a decimal';
  return {
    type: options.type ?? 'DECIMAL',
    expected,
    bounds: boundsOf(options),
    ...(options.amount ? { amount: true } : {}),
    parse(text, origin = 'data') {
      const value = parseDecimal(text, 'value', origin === 'override' ? 'input' : 'data');
      checkRange(value, min, max, expected);
      return value;
    },
    format:
      options.type === 'RATE' ? (value) => formatParameterRate(value, min, max) : formatParameterDecimal,
  };
}

/**
 * A decimal parameter's value as served: plain text, at most 40 significant
 * digits (a ratio read from a chain carries 60), so that it can be sent back
 * as an override.
 */
function formatParameterDecimal(value: Decimal): string {
  return formatDecimal(value.toSignificantDigits(DECIMAL_INPUT_BOUNDS.maxSignificantDigits));
}

/**
 * A RATE parameter's value as served: as every served rate is (MODEL.md,
 * second edition), rounded half to even to {@link RATE_PLACES} decimal
 * places, so a live ratio (60 digits from a chain) reads the same here as in
 * the figures that use it (e.g. `Rewards.bondedRatio`). Where half to even
 * would leave the kind's bounds (a ratio just above an exclusive 0 rounding
 * to 0), it is rounded toward the inside instead, so the served text is
 * always a valid override that serves the same text again.
 */
function formatParameterRate(value: Decimal, min: Bound | undefined, max: Bound | undefined): string {
  let served = value.toDecimalPlaces(RATE_PLACES, Decimal.ROUND_HALF_EVEN);
  const { low, high } = outside(served, min, max);
  if (low) served = value.toDecimalPlaces(RATE_PLACES, Decimal.ROUND_CEIL);
  else if (high) served = value.toDecimalPlaces(RATE_PLACES, Decimal.ROUND_FLOOR);
  return formatParameterDecimal(served);
}

/**
 * A whole-number parameter (a count, a number of blocks), optionally bounded.
 * Counts are safe JavaScript integers; amounts are never integers of this kind.
 *
 * @example
 * ```ts
 * import { integerKind } from '@tokenomics/core';
 *
 * integerKind({ min: 1 }).parse('2000'); // 2000
 * ```
 */
export function integerKind(options: { min?: number; max?: number } = {}): ParameterKind<number> {
  const { min, max } = options;
  const range = describeRange(
    min === undefined ? undefined : { value: new Decimal(min), inclusive: true },
    max === undefined ? undefined : { value: new Decimal(max), inclusive: true },
  );
  const expected = range ? `an integer ${range}` : 'an integer';
  return {
    type: 'INTEGER',
    expected,
    bounds: {
      ...(min === undefined ? {} : { min: String(min) }),
      ...(max === undefined ? {} : { max: String(max) }),
    },
    parse(text) {
      const trimmed = text.trim();
      if (!/^[+-]?\d+$/.test(trimmed))
        throw new Error(`must be ${expected}, got ${JSON.stringify(clip(text))}`);
      const value = Number(trimmed);
      if (
        !Number.isSafeInteger(value) ||
        (min !== undefined && value < min) ||
        (max !== undefined && value > max)
      ) {
        throw new Error(`must be ${expected}, got ${clip(trimmed)}`);
      }
      return value;
    },
    format: (value) => String(value),
  };
}

/**
 * An instant parameter, written in ISO-8601.
 *
 * @example
 * ```ts
 * import { instantKind } from '@tokenomics/core';
 *
 * instantKind().parse('2025-05-21T00:00:00Z').getTime(); // 1747785600000
 * ```
 */
export function instantKind(): ParameterKind<Date> {
  return {
    type: 'INSTANT',
    expected: 'an ISO-8601 instant such as "2025-05-21T00:00:00Z"',
    parse: (text) => parseInstant(text, 'value'),
    format: (value) => value.toISOString(),
  };
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * A duration parameter in whole seconds, written `600s`, `10m`, `12h`, `30d`
 * or as bare seconds (`600`).
 *
 * @example
 * ```ts
 * import { durationKind } from '@tokenomics/core';
 *
 * durationKind().parse('30d'); // 2592000
 * durationKind().format(600); // '600s'
 * ```
 */
export function durationKind(): ParameterKind<number> {
  const expected = 'a duration such as "600s", "10m", "12h" or "30d"';
  return {
    type: 'DURATION',
    expected,
    parse(text) {
      const match = /^(\d+)([smhd]?)$/.exec(text.trim());
      if (!match) throw new Error(`must be ${expected}, got ${JSON.stringify(clip(text))}`);
      const seconds = Number(match[1]) * (DURATION_UNITS[match[2] || 's'] ?? 1);
      if (!Number.isSafeInteger(seconds)) throw new Error(`is too long: ${clip(text)}`);
      return seconds;
    },
    format: (seconds) => `${seconds}s`,
  };
}

/**
 * A comma-separated list of decimals (e.g. an inflation rate per year), each
 * bounded, optionally of a fixed length.
 *
 * @example
 * ```ts
 * import { decimalListKind } from '@tokenomics/core';
 *
 * decimalListKind({ length: 3, min: '0', max: '1', maxExclusive: true }).parse('0.08, 0.065, 0.055').length; // 3
 * ```
 */
export function decimalListKind(
  options: DecimalKindOptions & { length?: number } = {},
): ParameterKind<Decimal[]> {
  const item = decimalKind(options);
  const expected = `${options.length === undefined ? 'a' : `${options.length}`} comma-separated decimal${options.length === 1 ? '' : 's'}, each ${item.expected.replace(/^a decimal ?/, '') || 'any value'}`;
  return {
    type: 'LIST',
    expected,
    ...(item.bounds ? { bounds: item.bounds } : {}),
    ...(options.amount ? { amount: true } : {}),
    parse(text, origin = 'data') {
      const parts = text.split(',').map((part) => part.trim());
      if (
        parts.some((part) => part === '') ||
        (options.length !== undefined && parts.length !== options.length)
      ) {
        throw new Error(`must be ${expected}, got ${JSON.stringify(clip(text))}`);
      }
      return parts.map((part) => item.parse(part, origin));
    },
    format: (values) => values.map((value) => item.format(value)).join(','),
  };
}

/**
 * A parameter that is one word of a fixed set.
 *
 * @example
 * ```ts
 * import { wordKind } from '@tokenomics/core';
 *
 * wordKind(['seed', 'tge']).parse('tge'); // 'tge'
 * ```
 */
export function wordKind<const W extends string>(words: readonly W[]): ParameterKind<W> {
  const expected = `one of ${words.map((word) => JSON.stringify(word)).join(', ')}`;
  return {
    type: 'WORD',
    expected,
    parse(text) {
      const word = text.trim() as W;
      if (!words.includes(word)) throw new Error(`must be ${expected}, got ${JSON.stringify(clip(text))}`);
      return word;
    },
    format: (value) => value,
  };
}

/**
 * Declares a parameter schema; an identity function that keeps the value types.
 *
 * @example
 * ```ts
 * import { defineParameters, integerKind } from '@tokenomics/core';
 *
 * const schema = defineParameters({
 *   networkSize: { label: 'Network size', unit: 'nodes', description: 'Active nodes.', kind: integerKind({ min: 1 }) },
 * });
 * ```
 */
export function defineParameters<const S extends ParameterSchema>(schema: S): S {
  return schema;
}

/** The longest reason a parameter's kind gives for refusing a value, as quoted in the error. */
const REASON_LENGTH = 400;

/** Options of {@link resolveParameters}. */
export interface ResolveParametersOptions {
  /**
   * The protocol's token: overrides of amount kinds ({@link ParameterKind.amount})
   * with more decimals than its base unit are refused (BAD_INPUT, BASE_UNIT).
   * Without it, amounts are not checked against a base unit.
   */
  token?: Pick<TokenInfo, 'symbol' | 'decimals'>;
}

/** The source written on a parameter that a query overrode. */
export const OVERRIDE_SOURCE = 'override: set by this query';

/**
 * Parses a schema's values from layers of data (a preset, then live values, …;
 * later layers win) and then the query's overrides.
 *
 * @throws TokenomicsError UNKNOWN_PARAMETER for an override of a key the schema
 *   lacks (details list the valid keys); BAD_INPUT for a value that does not
 *   parse, naming the key and what is valid, or for an amount override finer
 *   than the token's base unit (`options.token`; violation BASE_UNIT);
 *   CONFIGURATION when a layer (a preset, live data) lacks a key or holds a
 *   bad value
 * @example
 * ```ts
 * import { decimalKind, defineParameters, integerKind, type Preset, resolveParameters } from '@tokenomics/core';
 *
 * const schema = defineParameters({
 *   networkSize: { label: 'Nodes', description: 'Active nodes.', kind: integerKind({ min: 1 }) },
 *   stakingRequirement: {
 *     label: 'Stake per node',
 *     unit: 'SESH',
 *     description: 'SESH staked per node.',
 *     kind: decimalKind({ min: '0', amount: true }),
 *   },
 * });
 * declare const preset: Preset<typeof schema>;
 *
 * const { values } = resolveParameters(schema, [preset.values], [{ key: 'networkSize', value: '3000' }]);
 * values.networkSize; // 3000
 * // An amount kind (`amount: true`) finer than the token's base unit: BAD_INPUT, violation BASE_UNIT.
 * resolveParameters(schema, [preset.values], [{ key: 'stakingRequirement', value: '25000.0000000001' }], {
 *   token: { symbol: 'SESH', decimals: 9 },
 * });
 * ```
 */
export function resolveParameters<S extends ParameterSchema>(
  schema: S,
  layers: ReadonlyArray<Partial<ParameterData<S>>>,
  overrides: ReadonlyArray<ParameterOverride> = [],
  options: ResolveParametersOptions = {},
): ResolvedParameters<S> {
  const merged: Partial<Record<keyof S, SourcedValue & { overridden?: boolean }>> = {};
  for (const layer of layers) Object.assign(merged, layer);
  const validKeys = Object.keys(schema);
  const seen = new Set<string>();
  for (const override of overrides) {
    if (!Object.hasOwn(schema, override.key)) {
      const key = clip(override.key);
      throw new TokenomicsError(
        'UNKNOWN_PARAMETER',
        `unknown parameter ${JSON.stringify(key)}; valid keys: ${validKeys.join(', ')}`,
        { details: { key, validKeys } },
      );
    }
    if (seen.has(override.key)) {
      throw new TokenomicsError('BAD_INPUT', `parameter "${override.key}" is overridden twice`, {
        details: { key: override.key },
      });
    }
    seen.add(override.key);
    merged[override.key as keyof S] = { value: override.value, source: OVERRIDE_SOURCE, overridden: true };
  }

  const values: Record<string, unknown> = {};
  const list: Parameter[] = [];
  for (const [key, definition] of Object.entries(schema)) {
    const data = merged[key as keyof S];
    if (data === undefined) {
      throw new TokenomicsError('CONFIGURATION', `parameter "${key}" has no value in the preset`, {
        details: { key },
      });
    }
    let value: unknown;
    try {
      value = definition.kind.parse(data.value, data.overridden ? 'override' : 'data');
    } catch (error) {
      const expected = definition.kind.expected;
      // A kind's message may echo the value: clipped, like the value itself.
      const reason = clip(
        (isTokenomicsError(error) || error instanceof Error ? error.message : String(error)).replace(
          /^value /,
          '',
        ),
        REASON_LENGTH,
      );
      // A broken decimal bound keeps its name and limit.
      const bound =
        isTokenomicsError(error) && error.details.violation !== undefined
          ? { violation: error.details.violation, limit: error.details.limit }
          : {};
      throw new TokenomicsError(
        data.overridden ? 'BAD_INPUT' : 'CONFIGURATION',
        `parameter "${key}" ${reason}${reason.includes(expected) ? '' : ` (expected ${expected})`}`,
        {
          details: {
            ...bound,
            key,
            value: clip(data.value),
            expected,
          },
          cause: error,
        },
      );
    }
    if (data.overridden && definition.kind.amount && options.token) {
      // A client's amount the chain could not hold (MODEL.md: BASE_UNIT); data keeps its digits.
      for (const amount of Array.isArray(value) ? value : [value]) {
        if (Decimal.isDecimal(amount)) {
          checkBaseUnit(amount, options.token, `parameter "${key}"`, { key, value: clip(data.value) });
        }
      }
    }
    values[key] = value;
  }
  // Written once every value is parsed: a kind may write a value that stands for others resolved (see ParameterKind.format).
  for (const [key, definition] of Object.entries(schema)) {
    const data = merged[key as keyof S]!;
    list.push({
      key,
      label: definition.label,
      value: definition.kind.format(values[key], values),
      kind: definition.kind.type,
      unit: definition.unit ?? null,
      description: definition.description,
      source: data.source,
      assumption: data.overridden ? false : (data.assumption ?? false),
      ...(definition.kind.bounds ? { bounds: definition.kind.bounds } : {}),
      ...(definition.kind.amount ? { amount: true as const } : {}),
    });
  }
  return { values: values as ParameterValues<S>, list };
}
