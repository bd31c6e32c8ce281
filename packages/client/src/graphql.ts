import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.js';

/**
 * An exact decimal number as the gateway serves it: a string such as `"16547.945205479452054794"`,
 * branded so that it is never mixed up with an arbitrary string (or turned into a float by accident).
 * Make one from a string with {@link decimal}; display one with `formatAmount` / `formatPercent`.
 */
export type Decimal = string & { readonly __brand: 'Decimal' };

/** An ISO-8601 instant as the gateway serves it (`"2026-01-01T00:00:00.000Z"`), branded. Make one with {@link dateTime}. */
export type DateTime = string & { readonly __brand: 'DateTime' };

/** The gql.tada set-up of the gateway's schema: its introspection and the branded custom scalars. */
export type GatewaySchema = {
  introspection: typeof introspection;
  scalars: { Decimal: Decimal; DateTime: DateTime };
};

/**
 * Writes a typed document for the gateway's schema: the result and variable types are inferred from
 * the committed schema (packages/gateway/schema.graphql); `Decimal` and `DateTime` come out as
 * branded strings. tsc does not validate the document itself (gql.tada leaves that to its editor
 * plugin): validate documents against the schema with graphql.config.yml in an editor, or in a test
 * (this package's tests/documents.test.ts does so for its own).
 *
 * @example
 * ```ts
 * import { graphql, type ResultOf } from '@tokenomics/client';
 *
 * const SupplyQuery = graphql(`
 *   query Supply($at: DateTime) { protocols { id supply(at: $at) { circulating liquid } } }
 * `);
 * type Supply = ResultOf<typeof SupplyQuery>; // { protocols: { id: string; supply: { circulating: Decimal; … } | null }[] }
 * ```
 */
export const graphql = initGraphQLTada<GatewaySchema>();

const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * Brands a decimal string as a {@link Decimal} (e.g. to pass as a variable), after checking its form:
 * an optional `-`, digits without leading zeros, an optional fraction. No exponent, no float.
 *
 * @throws TypeError when `value` is not a plain decimal string.
 * @example
 * ```ts
 * import { decimal } from '@tokenomics/client';
 *
 * const quantity = decimal('12.5'); // Decimal
 * decimal('1e3'); // throws TypeError
 * ```
 */
export function decimal(value: string): Decimal {
  if (!DECIMAL.test(value)) throw new TypeError(`not a decimal string: ${JSON.stringify(value)}`);
  return value as Decimal;
}

/**
 * Brands an instant as a {@link DateTime}: a `Date` is written in ISO-8601 UTC form; a string must parse
 * as a date and carry a zone (`Z` or `±hh:mm`) or be a bare `YYYY-MM-DD` date, as the gateway requires.
 *
 * @throws TypeError when the instant is invalid.
 * @example
 * ```ts
 * import { dateTime } from '@tokenomics/client';
 *
 * dateTime(new Date(Date.UTC(2026, 0, 1))); // '2026-01-01T00:00:00.000Z'
 * dateTime('2026-01-01'); // '2026-01-01'
 * ```
 */
export function dateTime(value: Date | string): DateTime {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('invalid Date');
    return value.toISOString() as DateTime;
  }
  const zoned = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))?$/.test(value);
  if (!zoned || Number.isNaN(Date.parse(value)))
    throw new TypeError(`not an ISO-8601 instant with a zone: ${JSON.stringify(value)}`);
  return value as DateTime;
}
