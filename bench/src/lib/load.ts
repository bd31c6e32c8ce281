import autocannon from 'autocannon';
import { isGoodBody } from './queries.js';

export interface LoadOptions {
  url: string;
  /** The POST body (JSON); ignored for a GET. */
  body: string;
  /** A new POST body for every request (a new literal or variable each time); `body` is the first. */
  bodyOf?: () => string;
  /** Default POST. A GET sends `headers` and no body (GraphQL over GET, `If-None-Match`). */
  method?: 'POST' | 'GET';
  /** Request headers of a GET. */
  headers?: Record<string, string>;
  /** The status every answer must have. Default: any 2xx (a 304 run says 304). */
  expectStatus?: number;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Check every response body for `data` and no `errors` (counted as `mismatches`). Default true. */
  verify?: boolean;
}

/** One autocannon run's figures. */
export interface LoadResult {
  /** Mean of autocannon's per-second request counts. */
  rps: number;
  /** Latency percentiles in ms (autocannon's HDR histogram: 1 ms resolution). */
  p50: number;
  p99: number;
  mean: number;
  requests: number;
  /** Socket errors (connection refused, resets, …), timeouts excluded. */
  errors: number;
  timeouts: number;
  /** Responses with a status outside 2xx (or other than `expectStatus`). */
  non2xx: number;
  /** 2xx responses whose body had GraphQL errors or no data. */
  graphqlErrors: number;
  /** Mean response bytes per second. */
  bytesPerSec: number;
}

/** Drives `url` with autocannon: `connections` keep-alive connections, one request in flight on each. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const get = options.method === 'GET';
  const result = await autocannon({
    url: options.url,
    ...(get
      ? { method: 'GET' as const, headers: options.headers ?? {} }
      : { method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: options.body }),
    ...(options.bodyOf && !get
      ? {
          requests: [
            {
              method: 'POST' as const,
              headers: { 'content-type': 'application/json' },
              setupRequest: (request: autocannon.Request) => ({ ...request, body: options.bodyOf!() }),
            },
          ],
        }
      : {}),
    connections: options.connections,
    pipelining: 1,
    duration: options.duration,
    timeout: 30,
    ...(options.verify === false || options.expectStatus === 304
      ? {}
      : { verifyBody: (body: string | Buffer | undefined) => isGoodBody(String(body ?? '')) }),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    requests: result.requests.total,
    errors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    non2xx:
      options.expectStatus === undefined
        ? result.non2xx
        : result.requests.total -
          ((result.statusCodeStats as Record<string, { count: number }> | undefined)?.[
            String(options.expectStatus)
          ]?.count ?? 0),
    graphqlErrors: result.mismatches,
    bytesPerSec: result.throughput.average,
  };
}

/** All the ways a run can fail, added up. */
export function failures(result: LoadResult): number {
  return result.errors + result.timeouts + result.non2xx + result.graphqlErrors;
}
