import {
  DEFAULT_UPSTREAM_MAX_BODY_BYTES,
  isTokenomicsError,
  type JsonValue,
  prunedHeight,
  readCappedText,
  redactError,
  redactUrl,
  redactUrls,
  TokenomicsError,
  type UpstreamRequest,
} from '@tokenomics/core';
import type { z } from 'zod';

/** Options every endpoint function takes. */
export interface LcdRequestOptions {
  /** The fetch to use; defaults to the global one (tests and proxies may pass their own). */
  fetch?: typeof globalThis.fetch;
  /**
   * Read the state at this block height (the `x-cosmos-block-height` header),
   * not the latest: the key names the height (`… @838`), and a height the
   * node has pruned is refused with core's `prunedHeight`.
   */
  height?: bigint;
  /**
   * The height a by-height path names (`/blocks/{height}`), without the
   * header: a pruned answer is refused with `prunedHeight` for it.
   */
  pathHeight?: bigint;
}

/** The header a Cosmos SDK node reads a query's block height from. */
export const BLOCK_HEIGHT_HEADER = 'x-cosmos-block-height';

/** How a pruned node words a height it no longer keeps (cosmos-sdk and its store). */
const PRUNED_ANSWER = /is not available|lowest height is|version does not exist|pruned|version mismatch/i;

/**
 * Whether an LCD error answer says the height asked for is pruned (e.g.
 * `height 12 is not available, lowest height is 40`, `version does not exist`).
 *
 * @example
 * ```ts
 * import { isPrunedAnswer } from '@tokenomics/cosmos-rest';
 *
 * isPrunedAnswer('failed to load state at height 12; version does not exist (latest height: 900)'); // true
 * ```
 */
export function isPrunedAnswer(message: string): boolean {
  return PRUNED_ANSWER.test(message);
}

/** Why an LCD read failed, in `TokenomicsError.details.reason`. */
export type LcdFailureReason = 'network' | 'http' | 'json' | 'shape' | 'too-large';

/** An {@link UpstreamRequest} for one LCD path, with the path and URL it reads. */
export interface LcdRequest<T extends JsonValue> extends UpstreamRequest<T> {
  /** `GET` and the path with its query, e.g. `GET /cosmos/bank/v1beta1/supply/by_denom?denom=usynt`. */
  resource: string;
  /** The path with its query, as appended to the base URL. */
  path: string;
  /**
   * The URL read, fit to show: the base URL cut after its host (no credentials,
   * and `/…` for a path or query of its own, where providers put API keys),
   * then the standard path, e.g. `https://lcd.example/…/cosmos/staking/v1beta1/pool`.
   */
  url: string;
  /** Validates an answer read before (a cached one) with the same schema as a fresh answer. */
  parse(value: JsonValue): T;
}

/**
 * The base URL without trailing slashes, so `https://lcd/` and `https://lcd`
 * make the same cache key. A path prefix (`https://host/rest`), credentials
 * (`https://user:pass@host`, sent as HTTP Basic authentication) and a query
 * (`?apikey=…`, sent with every path) are kept; errors show none of them
 * (the base URL's own path shows as `/…`: providers put API keys there).
 *
 * @throws TokenomicsError CONFIGURATION when the text is not an http(s) URL or has a fragment
 * @example
 * ```ts
 * import { normalizeBaseUrl } from '@tokenomics/cosmos-rest';
 *
 * normalizeBaseUrl('https://api.synternet.com/'); // 'https://api.synternet.com'
 * ```
 */
export function normalizeBaseUrl(baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch (error) {
    throw new TokenomicsError(
      'CONFIGURATION',
      'the LCD URL must be an http(s) URL; the text given is not a URL',
      {
        cause: redactError(error),
      },
    );
  }
  const shown = redactUrl(baseUrl);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TokenomicsError('CONFIGURATION', `the LCD URL must be an http(s) URL, got ${shown}`, {
      details: { url: shown },
    });
  }
  if (parsed.hash) {
    throw new TokenomicsError('CONFIGURATION', `the LCD URL must not carry a fragment: ${shown}`, {
      details: { url: shown },
    });
  }
  const userinfo = parsed.username
    ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@`
    : '';
  return `${parsed.protocol}//${userinfo}${parsed.host}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
}

/** Where a path of an LCD is fetched: the URL (credentials taken out of it) and the Basic authorization they make. */
interface LcdTarget {
  href: string;
  authorization: string | null;
  shown: string;
}

function lcdTarget(base: string, path: string): LcdTarget {
  const parsed = new URL(base);
  const prefix = parsed.pathname.replace(/\/+$/, '');
  const at = path.indexOf('?');
  const pathOnly = at < 0 ? path : path.slice(0, at);
  const query = [parsed.search.slice(1), at < 0 ? '' : path.slice(at + 1)].filter(Boolean).join('&');
  // fetch refuses URLs with credentials (and would quote them in its error): send them as a header.
  const authorization = parsed.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64')}`
    : null;
  return {
    href: `${parsed.protocol}//${parsed.host}${prefix}${pathOnly}${query ? `?${query}` : ''}`,
    authorization,
    shown: `${redactUrl(base).replace(/\/+$/, '')}${path}`,
  };
}

function upstreamError(
  resource: string,
  message: string,
  details: Record<string, unknown> & { reason: LcdFailureReason },
  cause?: unknown,
): TokenomicsError {
  return new TokenomicsError('UPSTREAM_UNAVAILABLE', `${resource} ${message}`, {
    details: { resource, ...details },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** The gRPC status message of an error body such as `{"code":12,"message":"Not Implemented"}`, if any. */
function grpcMessage(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (
      parsed &&
      typeof parsed === 'object' &&
      typeof (parsed as { message?: unknown }).message === 'string'
    ) {
      return (parsed as { message: string }).message;
    }
  } catch {
    // not JSON: no message to quote
  }
  return null;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Builds the {@link UpstreamRequest} for one LCD path: `load` fetches it with
 * the caller's AbortSignal, reads at most the reader's body cap, parses JSON
 * and validates it with `schema` (`parse` applies the same schema to a cached
 * answer). Every failure is a `TokenomicsError('UPSTREAM_UNAVAILABLE')` naming
 * the path, with `details.reason` (`network`, `http`, `json`, `shape`,
 * `too-large`) and, for HTTP errors, `details.status`. The base URL's
 * credentials go in an `Authorization: Basic` header; neither they nor its
 * query appear in a message.
 *
 * @param baseUrl - the LCD's base URL, e.g. `https://api.synternet.com`
 * @param path - the path and query, e.g. `/cosmos/staking/v1beta1/pool`
 * @param schema - the zod schema of the answer; its output must be JSON
 * @example
 * ```ts
 * import { lcdRequest, stakingPoolSchema } from '@tokenomics/cosmos-rest';
 * import { createDirectReader } from '@tokenomics/core';
 *
 * const pool = lcdRequest('https://lcd.example', '/cosmos/staking/v1beta1/pool', stakingPoolSchema);
 * const { value } = await createDirectReader().read(pool);
 * value.pool.bonded_tokens; // '504000000000000'
 * ```
 */
export function lcdRequest<Schema extends z.ZodType<JsonValue>>(
  baseUrl: string,
  path: string,
  schema: Schema,
  options: LcdRequestOptions = {},
): LcdRequest<z.output<Schema>> {
  const target = lcdTarget(normalizeBaseUrl(baseUrl), path);
  const { height } = options;
  const resource = `GET ${path}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (target.authorization) headers.authorization = target.authorization;
  if (height !== undefined) headers[BLOCK_HEIGHT_HEADER] = height.toString();

  function validate(json: unknown, status?: number): z.output<Schema> {
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    throw upstreamError(
      resource,
      `answered an unexpected shape: ${describeIssues(parsed.error)}`,
      {
        reason: 'shape',
        ...(status === undefined ? {} : { status }),
        issues: parsed.error.issues.map((issue) => ({
          path: issue.path.map(String),
          message: issue.message,
        })),
      },
      parsed.error,
    );
  }

  return {
    key: height === undefined ? `GET ${target.href}` : `GET ${target.href} @${height}`,
    resource,
    path,
    url: target.shown,
    parse: (value) => validate(value),
    async load(signal, loadOptions) {
      const fetchImpl = options.fetch ?? globalThis.fetch;
      const maxBodyBytes = loadOptions?.maxBodyBytes ?? DEFAULT_UPSTREAM_MAX_BODY_BYTES;
      let response: Response;
      let body: string;
      try {
        response = await fetchImpl(target.href, { signal, headers });
        body = await readCappedText(response, maxBodyBytes, resource);
      } catch (error) {
        if (isTokenomicsError(error)) throw error;
        const reason = signal.aborted ? 'was aborted' : 'could not be read';
        const message =
          error instanceof Error
            ? error.cause instanceof Error
              ? error.cause.message
              : error.message
            : String(error);
        throw upstreamError(
          resource,
          `${reason}: ${redactUrls(message)}`,
          { reason: 'network' },
          redactError(error),
        );
      }
      if (!response.ok) {
        const quoted = grpcMessage(body);
        const asked = height ?? options.pathHeight;
        if (
          asked !== undefined &&
          response.status !== 404 &&
          response.status !== 501 &&
          isPrunedAnswer(quoted ?? body)
        ) {
          throw prunedHeight(
            asked,
            `${resource} answered HTTP ${response.status} (${redactUrls(quoted ?? body)})`,
          );
        }
        throw upstreamError(
          resource,
          `answered HTTP ${response.status}${quoted ? ` (${redactUrls(quoted)})` : ''}`,
          { reason: 'http', status: response.status },
        );
      }
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch (error) {
        throw upstreamError(
          resource,
          'answered a body that is not JSON',
          { reason: 'json', status: response.status },
          error,
        );
      }
      return validate(json, response.status);
    },
  };
}

/**
 * Whether an error says the endpoint does not exist on this chain (HTTP 404 or
 * 501, as the gRPC gateway answers for a module the app does not register):
 * the caller may fall back, e.g. from `x/mint` queries to a schedule.
 *
 * @example
 * ```ts
 * import { isEndpointMissing, mintInflation } from '@tokenomics/cosmos-rest';
 * import { type UpstreamReader } from '@tokenomics/core';
 *
 * declare const reader: UpstreamReader;
 * declare const url: string;
 *
 * try { await reader.read(mintInflation(url)); } catch (error) { if (!isEndpointMissing(error)) throw error; }
 * ```
 */
export function isEndpointMissing(error: unknown): boolean {
  if (!isTokenomicsError(error) || error.code !== 'UPSTREAM_UNAVAILABLE') return false;
  const status = error.details.status;
  return error.details.reason === 'http' && (status === 404 || status === 501);
}

/** What an {@link optionalEndpoint} read gives: the answer, or the status that says the chain lacks the endpoint. */
export type OptionalAnswer<T extends JsonValue> =
  | { served: true; value: T }
  | { served: false; status: number };

/**
 * Reads an endpoint a chain may not register (x/mint on a chain with its own
 * mint module): a 404 or 501 becomes the answer `{ served: false, status }`
 * rather than an error, so the reader caches it like any answer and the
 * node is not asked again within the TTL. Other failures stay errors.
 *
 * @example
 * ```ts
 * import { mintInflation, optionalEndpoint } from '@tokenomics/cosmos-rest';
 * import { type UpstreamReader } from '@tokenomics/core';
 *
 * declare const reader: UpstreamReader;
 * declare const url: string;
 *
 * const { value } = await reader.read(optionalEndpoint(mintInflation(url)));
 * const inflation = value.served ? value.value.inflation : null;
 * ```
 */
export function optionalEndpoint<T extends JsonValue>(request: LcdRequest<T>): LcdRequest<OptionalAnswer<T>> {
  return {
    ...request,
    key: `${request.key} (optional)`,
    parse(value) {
      const answer = value as { served?: unknown; value?: JsonValue; status?: unknown };
      if (answer && typeof answer === 'object' && answer.served === true && answer.value !== undefined)
        return { served: true, value: request.parse(answer.value) };
      if (answer && typeof answer === 'object' && answer.served === false) {
        const { status } = answer;
        if (status === 404 || status === 501) return { served: false, status };
      }
      throw upstreamError(request.resource, 'has a kept answer of an unexpected shape', { reason: 'shape' });
    },
    async load(signal, options) {
      try {
        return { served: true, value: await request.load(signal, options) };
      } catch (error) {
        if (isEndpointMissing(error))
          return { served: false, status: Number((error as TokenomicsError).details.status) };
        throw error;
      }
    },
  };
}
