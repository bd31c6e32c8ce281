import {
  type EconomyContext,
  formatFigure,
  isTokenomicsError,
  type Supply,
  type TokenEconomy,
} from '@tokenomics/core';
import type { Plugin } from 'graphql-yoga';

/** The figures `GET /supply/{protocol}/{figure}` answers. */
export const PLAIN_SUPPLY_FIGURES = ['total', 'circulating', 'max', 'liquid'] as const;
type PlainFigure = (typeof PLAIN_SUPPLY_FIGURES)[number];

/** Options of {@link useSupplyEndpoints}. */
export interface SupplyEndpointsOptions {
  /** A protocol by id or token symbol (ids win); throws NOT_FOUND or BAD_INPUT. */
  findProtocol(key: string): TokenEconomy;
  /** What an adapter call runs with for this request: its reader and its "now" (the same as GraphQL's). */
  economyContext(request: Request): EconomyContext;
}

const TEXT = 'text/plain; charset=utf-8';

type ResponseClass = typeof globalThis.Response;

function plain(
  Response: ResponseClass,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(`${message}\n`, { status, headers: { 'content-type': TEXT, ...headers } });
}

/** One non-circulating holding, as CoinGecko's `non_circulating_wallets` lists them (amounts as strings). */
export interface NonCirculatingHolding {
  key: string;
  label: string;
  balance: string;
  /** The share of the total supply, in percent, to 4 decimal places (a string). */
  percentage_of_total_supply: string;
  staked: boolean;
  source: string | null;
}

/** `GET /supply/{protocol}`: CoinGecko's `supply_breakdown` shape, every amount a decimal string in whole tokens. */
export interface SupplyBreakdown {
  id: string;
  symbol: string;
  name: string;
  supply_data: {
    max_supply: string | null;
    total_supply: string;
    circulating_supply: string;
    non_circulating_supply: string;
    liquid_supply: string | null;
    staked_supply: string | null;
    burned_supply: string | null;
    last_updated: string;
  };
  non_circulating_wallets: NonCirculatingHolding[];
}

const text = (figure: Supply['total'] | null) => (figure === null ? null : formatFigure(figure));

/**
 * The supply breakdown of one protocol at the served precision (CoinGecko's `supply_breakdown` shape).
 *
 * @example
 * ```ts
 * import { type EconomyContext, type TokenEconomy } from '@tokenomics/core';
 * import { supplyBreakdown } from './supply-endpoints.js';
 *
 * declare const economy: TokenEconomy;
 * declare const ctx: EconomyContext;
 *
 * const breakdown = supplyBreakdown(economy, await economy.supply!({}, ctx));
 * breakdown.supply_data.circulating_supply; // '750'
 * ```
 */
export function supplyBreakdown(economy: TokenEconomy, supply: Supply): SupplyBreakdown {
  const nonCirculating = supply.total.minus(supply.circulating);
  return {
    id: economy.id,
    symbol: economy.token.symbol,
    name: economy.token.name,
    supply_data: {
      max_supply: text(supply.max),
      total_supply: formatFigure(supply.total),
      circulating_supply: formatFigure(supply.circulating),
      non_circulating_supply: formatFigure(nonCirculating),
      liquid_supply: text(supply.liquid),
      staked_supply: text(supply.staked),
      burned_supply: text(supply.burned),
      last_updated: supply.at.toISOString(),
    },
    non_circulating_wallets: supply.buckets
      .filter((bucket) => !bucket.circulating)
      .map((bucket) => ({
        key: bucket.key,
        label: bucket.label,
        balance: formatFigure(bucket.amount),
        percentage_of_total_supply: supply.total.isZero()
          ? '0'
          : bucket.amount.times(100).dividedBy(supply.total).toDecimalPlaces(4).toFixed(),
        staked: bucket.staked ?? false,
        source: bucket.source ?? null,
      })),
  };
}

/**
 * The supply endpoints for listings (CoinGecko, CoinMarketCap):
 * - `GET /supply/{protocol}/{total|circulating|max|liquid}`: the number alone, `text/plain`, in whole
 *   tokens at the served precision, no exponent; 404 with a plain message for an unknown protocol or
 *   figure, and for `max` or `liquid` where the protocol has none (an uncapped supply);
 * - `GET /supply/{protocol}`: JSON, every figure and the non-circulating holdings ({@link SupplyBreakdown}).
 *
 * `{protocol}` is an id or a token symbol in any case. The figures are those GraphQL serves at the
 * same second (the same served economy, reader and "now"); an upstream failure is 503 with its
 * coded message. Caching headers are added by `useHttpCache`.
 *
 * @example
 * ```ts
 * import type { EconomyContext, TokenEconomy } from '@tokenomics/core';
 * import type { GraphQLSchema } from 'graphql';
 * import { createYoga } from 'graphql-yoga';
 * import { useSupplyEndpoints } from './supply-endpoints.js';
 *
 * declare const schema: GraphQLSchema;
 * declare const ctx: EconomyContext;
 * declare const findProtocol: (key: string) => TokenEconomy;
 *
 * createYoga({ schema, plugins: [useSupplyEndpoints({ findProtocol, economyContext: () => ctx })] });
 * // curl http://localhost:4000/supply/sesh/circulating → 73260000
 * ```
 */
export function useSupplyEndpoints(options: SupplyEndpointsOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/supply' && !url.pathname.startsWith('/supply/')) return;
      if (request.method !== 'GET') {
        endResponse(plain(fetchAPI.Response, 405, 'the supply endpoints answer GET only', { allow: 'GET' }));
        return;
      }
      // whatwg-node's Response (yoga's own): cheaper to build and write than Node's.
      endResponse(await answer(options, request, url.pathname, fetchAPI.Response));
    },
  };
}

async function answer(
  options: SupplyEndpointsOptions,
  request: Request,
  pathname: string,
  Response: ResponseClass,
): Promise<Response> {
  const parts = pathname.split('/').slice(2);
  if (parts.length < 1 || parts.length > 2 || parts.some((part) => part === ''))
    return plain(
      Response,
      404,
      'not found: ask /supply/{protocol} or /supply/{protocol}/{total|circulating|max|liquid}',
    );
  let key: string;
  try {
    key = decodeURIComponent(parts[0]!);
  } catch {
    return plain(Response, 404, 'not found: the protocol is not a valid URL segment');
  }
  const figure = parts[1];
  if (figure !== undefined && !(PLAIN_SUPPLY_FIGURES as readonly string[]).includes(figure))
    return plain(
      Response,
      404,
      `no figure ${JSON.stringify(figure.slice(0, 40))}; ask ${PLAIN_SUPPLY_FIGURES.join(', ')}`,
    );
  let economy: TokenEconomy;
  try {
    economy = options.findProtocol(key);
  } catch (error) {
    if (isTokenomicsError(error))
      return plain(Response, error.code === 'NOT_FOUND' ? 404 : 400, error.message);
    throw error;
  }
  if (!economy.supply) return plain(Response, 404, `${economy.id} has no supply model`);
  let supply: Supply;
  try {
    supply = await economy.supply({}, options.economyContext(request));
  } catch (error) {
    if (isTokenomicsError(error))
      return plain(
        Response,
        error.code.startsWith('UPSTREAM') ? 503 : 500,
        `${error.code}: ${error.message}`,
      );
    return plain(Response, 500, 'Unexpected error.');
  }
  if (figure === undefined)
    return new Response(JSON.stringify(supplyBreakdown(economy, supply)), {
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  const value = supply[figure as PlainFigure];
  if (value === null)
    return plain(Response, 404, `${economy.id} has no ${figure === 'max' ? 'maximum' : figure} supply`);
  return new Response(formatFigure(value), { headers: { 'content-type': TEXT } });
}
