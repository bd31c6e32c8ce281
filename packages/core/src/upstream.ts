import { isTokenomicsError, TokenomicsError } from './errors.js';

/** A JSON value: what upstream reads return, so any cache can store them as text. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One upstream resource to read. */
export interface UpstreamRequest<T extends JsonValue> {
  /** Names the resource uniquely across protocols, e.g. `synternet GET https://lcd/cosmos/staking/v1beta1/pool`. */
  key: string;
  /** What errors name, e.g. `GET /cosmos/staking/v1beta1/pool`. Defaults to the key. */
  resource?: string;
  /**
   * Reads the resource and validates it. Amounts stay as integer strings of
   * base units here, converted to Decimals after the read, so a cache never
   * loses digits.
   */
  load(signal: AbortSignal): Promise<T>;
}

/** A value read upstream, with when it was read. */
export interface UpstreamValue<T> {
  value: T;
  fetchedAt: Date;
  /** True when the read failed and this is the last good value. */
  stale: boolean;
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
 * Runs a request's `load` with a timeout, turning every failure into a coded
 * `UPSTREAM_UNAVAILABLE` error that names the resource.
 *
 * @example
 * ```ts
 * const value = await loadWithTimeout({ key: 'pool', load: (signal) => fetchJson(url, signal) }, 3000);
 * ```
 */
export async function loadWithTimeout<T extends JsonValue>(
  request: UpstreamRequest<T>,
  timeoutMs: number,
): Promise<T> {
  const resource = request.resource ?? request.key;
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
    return await Promise.race([request.load(controller.signal), timeout]);
  } catch (error) {
    if (isTokenomicsError(error)) throw error;
    throw new TokenomicsError(
      'UPSTREAM_UNAVAILABLE',
      `${resource} failed: ${error instanceof Error ? error.message : String(error)}`,
      { details: { resource }, cause: error },
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
}

/**
 * Whether a failed read may succeed if tried again: network failures,
 * timeouts and 5xx answers may; an endpoint the chain lacks (404, 501) or an
 * answer of the wrong shape will not.
 */
export function isRetryable(error: unknown): boolean {
  if (!isTokenomicsError(error) || error.code !== 'UPSTREAM_UNAVAILABLE') return false;
  const { reason, status } = error.details as { reason?: string; status?: number };
  if (reason === 'shape' || reason === 'json') return false;
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
 * const value = await loadWithRetry(request, { timeoutMs: 3000, retries: 2, backoffMs: 50 });
 * ```
 */
export async function loadWithRetry<T extends JsonValue>(
  request: UpstreamRequest<T>,
  options: RetryOptions = {},
): Promise<T> {
  const budget = options.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
  const retries = options.retries ?? 2;
  let pause = options.backoffMs ?? 50;
  const deadline = Date.now() + budget;
  for (let attempt = 0; ; attempt++) {
    try {
      return await loadWithTimeout(request, Math.max(1, deadline - Date.now()));
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
 * const economy = sessionAdapter({ source: { kind: 'live', rpcUrl } });
 * await economy.supply({}, { reader: createDirectReader({ timeoutMs: 2000 }) });
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
