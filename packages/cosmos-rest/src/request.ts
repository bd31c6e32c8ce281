import { isTokenomicsError, type JsonValue, TokenomicsError, type UpstreamRequest } from '@tokenomics/core';
import type { z } from 'zod';

/** Options every endpoint function takes. */
export interface LcdRequestOptions {
  /** The fetch to use; defaults to the global one (tests and proxies may pass their own). */
  fetch?: typeof globalThis.fetch;
}

/** Why an LCD read failed, in `TokenomicsError.details.reason`. */
export type LcdFailureReason = 'network' | 'http' | 'json' | 'shape';

/** An {@link UpstreamRequest} for one LCD path, with the path and URL it reads. */
export interface LcdRequest<T extends JsonValue> extends UpstreamRequest<T> {
  /** `GET` and the path with its query, e.g. `GET /cosmos/bank/v1beta1/supply/by_denom?denom=usynt`. */
  resource: string;
  /** The path with its query, as appended to the base URL. */
  path: string;
  /** The full URL read. */
  url: string;
}

/**
 * The base URL without trailing slashes, so `https://lcd/` and `https://lcd`
 * make the same cache key. A path prefix (`https://host/rest`) is kept.
 *
 * @throws TokenomicsError CONFIGURATION when the text is not an http(s) URL
 * @example
 * ```ts
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
      `the LCD URL must be an http(s) URL, got ${JSON.stringify(baseUrl)}`,
      {
        details: { url: baseUrl },
        cause: error,
      },
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TokenomicsError(
      'CONFIGURATION',
      `the LCD URL must be an http(s) URL, got ${JSON.stringify(baseUrl)}`,
      {
        details: { url: baseUrl },
      },
    );
  }
  if (parsed.search || parsed.hash) {
    throw new TokenomicsError('CONFIGURATION', `the LCD URL must not carry a query or fragment: ${baseUrl}`, {
      details: { url: baseUrl },
    });
  }
  return parsed.toString().replace(/\/+$/, '');
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
 * the caller's AbortSignal, parses JSON and validates it with `schema`. Every
 * failure is a `TokenomicsError('UPSTREAM_UNAVAILABLE')` naming the path, with
 * `details.reason` (`network`, `http`, `json`, `shape`) and, for HTTP errors,
 * `details.status`.
 *
 * @param baseUrl - the LCD's base URL, e.g. `https://api.synternet.com`
 * @param path - the path and query, e.g. `/cosmos/staking/v1beta1/pool`
 * @param schema - the zod schema of the answer; its output must be JSON
 * @example
 * ```ts
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
  const base = normalizeBaseUrl(baseUrl);
  const url = `${base}${path}`;
  const resource = `GET ${path}`;
  return {
    key: `GET ${url}`,
    resource,
    path,
    url,
    async load(signal) {
      const fetchImpl = options.fetch ?? globalThis.fetch;
      let response: Response;
      let body: string;
      try {
        response = await fetchImpl(url, { signal, headers: { accept: 'application/json' } });
        body = await response.text();
      } catch (error) {
        if (isTokenomicsError(error)) throw error;
        const reason = signal.aborted ? 'was aborted' : 'could not be read';
        const message =
          error instanceof Error
            ? error.cause instanceof Error
              ? error.cause.message
              : error.message
            : String(error);
        throw upstreamError(resource, `${reason}: ${message}`, { reason: 'network' }, error);
      }
      if (!response.ok) {
        const quoted = grpcMessage(body);
        throw upstreamError(resource, `answered HTTP ${response.status}${quoted ? ` (${quoted})` : ''}`, {
          reason: 'http',
          status: response.status,
        });
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
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        throw upstreamError(
          resource,
          `answered an unexpected shape: ${describeIssues(parsed.error)}`,
          {
            reason: 'shape',
            status: response.status,
            issues: parsed.error.issues.map((issue) => ({
              path: issue.path.map(String),
              message: issue.message,
            })),
          },
          parsed.error,
        );
      }
      return parsed.data;
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
 * const { value } = await reader.read(optionalEndpoint(mintInflation(url)));
 * const inflation = value.served ? value.value.inflation : null;
 * ```
 */
export function optionalEndpoint<T extends JsonValue>(request: LcdRequest<T>): LcdRequest<OptionalAnswer<T>> {
  return {
    ...request,
    key: `${request.key} (optional)`,
    async load(signal) {
      try {
        return { served: true, value: await request.load(signal) };
      } catch (error) {
        if (isEndpointMissing(error))
          return { served: false, status: Number((error as TokenomicsError).details.status) };
        throw error;
      }
    },
  };
}
