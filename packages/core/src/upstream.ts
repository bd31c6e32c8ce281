import { isTokenomicsError, TokenomicsError } from './errors.js';
import { DEFAULT_UPSTREAM_MAX_BODY_BYTES } from './read-capped-text.js';
import { redactError } from './redact-error.js';
import { redactUrls } from './redact-urls.js';

/** A JSON value: what upstream reads return, so any cache can store them as text. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What a reader tells a request's `load`, besides when to give up. */
export interface UpstreamLoadOptions {
  /** The most bytes of an answer's body to read; a larger answer fails. */
  maxBodyBytes: number;
}

/** One upstream resource to read. */
export interface UpstreamRequest<T extends JsonValue> {
  /**
   * Names the resource uniquely across protocols, e.g. `GET https://lcd/cosmos/staking/v1beta1/pool`.
   * It may hold the endpoint's credentials: readers never show it, and a
   * shared cache stores it only hashed.
   */
  key: string;
  /**
   * What errors name, e.g. `GET /cosmos/staking/v1beta1/pool`: no credentials,
   * no query string of an endpoint URL. Defaults to the key, with its URLs redacted.
   */
  resource?: string;
  /**
   * Reads the resource and validates it. Amounts stay as integer strings of
   * base units here, converted to Decimals after the read, so a cache never
   * loses digits. Readers pass `options` (the body cap); a load that reads
   * HTTP honours it.
   */
  load(signal: AbortSignal, options?: UpstreamLoadOptions): Promise<T>;
  /**
   * Validates a value read before (a shared cache's entry) with the checks
   * `load` applies to an answer, returning it typed; throws when it does not
   * fit. A cache without it can only trust its entries.
   */
  parse?(value: JsonValue): T;
}

/**
 * Why a value is served stale: `failed`, its last read failed (or its
 * upstream is not called for now after failing repeatedly); `expired`, it is
 * older than a cache's TTL and the time a refresh takes, and its refresh
 * (nothing known to fail) did not end within the upstream budget: it is still
 * being read. (The gateway's cache waits for that refresh first, so an old
 * value of a healthy upstream is never served stale.)
 */
export type StaleReason = 'failed' | 'expired';

/** A value read upstream, with when it was read. */
export interface UpstreamValue<T> {
  value: T;
  fetchedAt: Date;
  /** True when this is the last good value, not a current read: the read failed, or the value is out of date. */
  stale: boolean;
  /** Why it is stale, when the reader says; a stale value without it is a failed read's. */
  staleReason?: StaleReason;
}

/**
 * Reads upstream resources. The gateway supplies one that deduplicates per
 * request, caches across requests and serves the last good value when the
 * upstream fails; {@link createDirectReader} reads straight through.
 */
export interface UpstreamReader {
  read<T extends JsonValue>(request: UpstreamRequest<T>): Promise<UpstreamValue<T>>;
}

/** The default upstream timeout, in milliseconds. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 3_000;

/**
 * What a request's errors call it: its `resource`, or its key, with any URL
 * in either redacted.
 *
 * @example
 * ```ts
 * import { resourceName } from '@tokenomics/core';
 *
 * resourceName({ key: 'GET http://u:p@lcd/v2/KEY/pool?apikey=S' }); // 'GET http://lcd/…'
 * ```
 */
export function resourceName(request: Pick<UpstreamRequest<JsonValue>, 'key' | 'resource'>): string {
  return redactUrls(request.resource ?? request.key);
}

/**
 * Runs a request's `load` with a timeout, turning every failure into a coded
 * `UPSTREAM_UNAVAILABLE` error that names the resource (URLs redacted, in
 * the name and in the quoted cause).
 *
 * @example
 * ```ts
 * import { type JsonValue, loadWithTimeout } from '@tokenomics/core';
 *
 * const url = 'https://lcd.example.org/cosmos/staking/v1beta1/pool';
 * const fetchJson = async (href: string, signal: AbortSignal) =>
 *   (await (await fetch(href, { signal })).json()) as JsonValue;
 * const value = await loadWithTimeout({ key: 'pool', load: (signal) => fetchJson(url, signal) }, 3000);
 * ```
 */
export async function loadWithTimeout<T extends JsonValue>(
  request: UpstreamRequest<T>,
  timeoutMs: number,
  options: UpstreamLoadOptions = { maxBodyBytes: DEFAULT_UPSTREAM_MAX_BODY_BYTES },
): Promise<T> {
  const resource = resourceName(request);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new TokenomicsError('UPSTREAM_UNAVAILABLE', `${resource} did not answer within ${timeoutMs} ms`, {
          details: { resource, timeoutMs },
        }),
      );
    }, timeoutMs);
  });
  try {
    return await Promise.race([request.load(controller.signal, options), timeout]);
  } catch (error) {
    if (isTokenomicsError(error)) throw error;
    throw new TokenomicsError(
      'UPSTREAM_UNAVAILABLE',
      `${resource} failed: ${redactUrls(error instanceof Error ? error.message : String(error))}`,
      { details: { resource }, cause: redactError(error) },
    );
  } finally {
    clearTimeout(timer);
  }
}

/** How {@link loadWithRetry} retries. */
export interface RetryOptions {
  /** The whole budget, every attempt and pause included. Default 3,000 ms. */
  timeoutMs?: number;
  /** Attempts after the first. Default 2. */
  retries?: number;
  /** The first pause; each next one doubles. Default 50 ms. */
  backoffMs?: number;
  /** The most bytes of an answer's body to read. Default 1 MiB. */
  maxBodyBytes?: number;
}

/**
 * Whether a failed read may succeed if tried again: network failures,
 * timeouts and 5xx answers may; an endpoint the chain lacks (404, 501), an
 * answer of the wrong shape or one over the body cap will not.
 */
function isRetryable(error: unknown): boolean {
  if (!isTokenomicsError(error) || error.code !== 'UPSTREAM_UNAVAILABLE') return false;
  const { reason, status } = error.details as { reason?: string; status?: number };
  if (reason === 'shape' || reason === 'json' || reason === 'too-large') return false;
  if (typeof status === 'number') return status >= 500 && status !== 501;
  return true;
}

/**
 * Reads with bounded retries and exponential backoff, all within one time
 * budget: a retry starts only if the budget leaves room for it, so a read
 * never takes longer than `timeoutMs`.
 *
 * @example
 * ```ts
 * import { type JsonValue, loadWithRetry, type UpstreamRequest } from '@tokenomics/core';
 *
 * declare const request: UpstreamRequest<JsonValue>;
 * const value = await loadWithRetry(request, { timeoutMs: 3000, retries: 2, backoffMs: 50 });
 * ```
 */
export async function loadWithRetry<T extends JsonValue>(
  request: UpstreamRequest<T>,
  options: RetryOptions = {},
): Promise<T> {
  const budget = options.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
  const retries = options.retries ?? 2;
  const loadOptions = { maxBodyBytes: options.maxBodyBytes ?? DEFAULT_UPSTREAM_MAX_BODY_BYTES };
  let pause = options.backoffMs ?? 50;
  const deadline = Date.now() + budget;
  for (let attempt = 0; ; attempt++) {
    try {
      return await loadWithTimeout(request, Math.max(1, deadline - Date.now()), loadOptions);
    } catch (error) {
      const left = deadline - Date.now();
      // A retry needs the pause and a fair share of time to answer in.
      if (attempt >= retries || !isRetryable(error) || left < pause + budget / 4) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause *= 2;
    }
  }
}

/**
 * A reader with no cache: each read goes upstream, within a time budget,
 * with bounded retries ({@link loadWithRetry}).
 *
 * @example
 * ```ts
 * import { createDirectReader, type TokenEconomy } from '@tokenomics/core';
 *
 * declare const economy: TokenEconomy; // a live adapter
 * await economy.supply!({}, { reader: createDirectReader({ timeoutMs: 2000 }), now: new Date() });
 * ```
 */
export function createDirectReader(options: RetryOptions = {}): UpstreamReader {
  return {
    async read(request) {
      const value = await loadWithRetry(request, options);
      return { value, fetchedAt: new Date(), stale: false };
    },
  };
}
