import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { createClient } from '@redis/client';
import { ConsecutiveBreaker, circuitBreaker, handleWhen, TimeoutStrategy, timeout, wrap } from 'cockatiel';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Which `X-Forwarded-For` entries to believe: `false` (the default) uses the
 * socket's address only; a number `n` trusts `n` proxies in front of the
 * gateway (the client is the `n`-th address from the right of the chain
 * `X-Forwarded-For, socket`); `true` trusts every hop (the leftmost address:
 * any client can forge it, so only behind a proxy that overwrites the header).
 */
export type TrustProxy = boolean | number;

/** Options of {@link useRateLimit}. */
export interface RateLimitOptions {
  /** Requests each client may make per window. */
  points: number;
  /** The window, in seconds. Default 60. */
  windowSeconds?: number;
  /** See {@link TrustProxy}. Default false. */
  trustProxy?: TrustProxy;
  /**
   * A request header carrying an API key (e.g. `x-api-key`): a request with
   * one is counted per key (its SHA-256, never the key itself) instead of per
   * IP. Default: none, every request is counted per IP. Only set it when
   * something in front checks the keys: otherwise a client gets a fresh
   * budget with every new key it makes up.
   */
  apiKeyHeader?: string;
  /**
   * `redis://…`: count across every instance that names it (an in-memory
   * limiter of this instance takes over while Redis fails). Default: this
   * instance's memory.
   */
  redisUrl?: string | null;
  /**
   * The longest one Redis operation may take before the in-memory limiter
   * answers; after 3 such failures in a row Redis is not asked for 2 s. Default 250 ms.
   */
  redisTimeoutMs?: number;
  /** Where the first refusal of a client in a window is logged (warn; never an API key). */
  logger?: Logger;
}

/** The rate limiter as a yoga plugin, with a way to release its Redis connection. */
export interface RateLimitPlugin extends Plugin {
  /** Ends the Redis connection, if any (within half a second). */
  close(): Promise<void>;
}

/** Paths never counted: probes and scrapes must keep answering a client over its limit. */
export const RATE_LIMIT_EXEMPT_PATHS: ReadonlySet<string> = new Set(['/health', '/health/live', '/metrics']);

/** The longest API key header value used as a key; a longer one is ignored (the request counts per IP). */
const MAX_API_KEY_LENGTH = 512;

/** Headers a browser page may read on a cross-origin answer. */
const EXPOSED = 'Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy';

/**
 * An IPv6 address as its /64 network (one host usually owns a whole /64, so
 * counting each address apart would give it 2^64 budgets); an IPv4 address
 * (IPv4-mapped IPv6 included) as itself.
 *
 * @example
 * ```ts
 * import { clientBucketOfIp } from '@tokenomics/gateway';
 *
 * clientBucketOfIp('::ffff:203.0.113.7'); // '203.0.113.7'
 * clientBucketOfIp('2001:db8:1:2:3:4:5:6'); // '2001:db8:1:2::/64'
 * ```
 */
export function clientBucketOfIp(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIP(address) !== 6) return address;
  const withoutZone = address.split('%')[0] ?? address;
  const [head = '', tail = ''] = withoutZone.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = withoutZone.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = withoutZone.includes('::')
    ? [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
    : headGroups;
  const network = groups.slice(0, 4).map((group) => (Number.parseInt(group, 16) || 0).toString(16));
  return `${network.join(':')}::/64`;
}

/**
 * The client's address: the socket's, or with `trustProxy` the one that many
 * proxies report in `X-Forwarded-For` (see {@link TrustProxy}). An entry that
 * is not an IP address ends the walk at the last trusted one.
 *
 * @example
 * ```ts
 * import { clientAddress } from '@tokenomics/gateway';
 *
 * clientAddress('10.0.0.2', '198.51.100.9, 10.0.0.1', 1); // '10.0.0.1' (what the one trusted proxy saw)
 * clientAddress('10.0.0.2', '198.51.100.9, 10.0.0.1', 2); // '198.51.100.9'
 * clientAddress('10.0.0.2', '198.51.100.9', false); // '10.0.0.2'
 * ```
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | null,
  trustProxy: TrustProxy,
): string {
  const socket = socketAddress ?? 'unknown';
  if (trustProxy === false || trustProxy === 0 || !forwardedFor) return socket;
  // Nearest first: the socket, then X-Forwarded-For from its right end.
  const chain = [
    socket,
    ...forwardedFor
      .split(',')
      .map((entry) => entry.trim())
      .reverse(),
  ];
  const hops = trustProxy === true ? chain.length - 1 : Math.min(trustProxy, chain.length - 1);
  let client = socket;
  for (let hop = 1; hop <= hops; hop++) {
    const entry = chain[hop] ?? '';
    if (isIP(entry) === 0) break;
    client = entry;
  }
  return client;
}

/** SHA-256 of an API key, as hex: what a key is counted and logged by. */
function apiKeyId(key: string): string {
  return createHash('sha256').update(`tokenomics-rate-limit:${key}`).digest('hex');
}

/**
 * The client a request counts against: its API key's hash when `apiKeyHeader`
 * names a header the request carries, otherwise its address's bucket
 * ({@link clientAddress}, {@link clientBucketOfIp}). `key` is what limits
 * count by; `logged` is safe to log (a prefix of the key's hash, never the key).
 *
 * @example
 * ```ts
 * import { clientBucket } from './rate-limit.js';
 *
 * const request = new Request('http://gateway.test/graphql', { headers: { 'x-forwarded-for': '198.51.100.9' } });
 * clientBucket(request, { req: { socket: { remoteAddress: '10.0.0.2' } } }, { trustProxy: 1 }).key; // 'ip:198.51.100.9'
 * ```
 */
export function clientBucket(
  request: Request,
  serverContext: unknown,
  options: { trustProxy?: TrustProxy; apiKeyHeader?: string },
): { key: string; logged: string } {
  const apiKeyHeader = options.apiKeyHeader?.toLowerCase();
  if (apiKeyHeader) {
    const apiKey = request.headers.get(apiKeyHeader)?.trim();
    if (apiKey && apiKey.length <= MAX_API_KEY_LENGTH) {
      const id = apiKeyId(apiKey);
      // Logged by a prefix of the hash: enough to tell clients apart, useless to replay.
      return { key: `key:${id}`, logged: `key:${id.slice(0, 12)}` };
    }
  }
  const socket = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req?.socket
    ?.remoteAddress;
  const ip = clientBucketOfIp(
    clientAddress(socket, request.headers.get('x-forwarded-for'), options.trustProxy ?? false),
  );
  return { key: `ip:${ip}`, logged: `ip:${ip}` };
}

/** The RateLimit headers (IETF draft 6 style) of a limiter answer; `Retry-After` on a refusal. */
function limitHeaders(points: number, windowSeconds: number, res: RateLimiterRes, refused: boolean) {
  const reset = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return {
    'ratelimit-limit': String(points),
    'ratelimit-remaining': String(Math.max(0, res.remainingPoints)),
    'ratelimit-reset': String(reset),
    'ratelimit-policy': `${points};w=${windowSeconds}`,
    ...(refused ? { 'retry-after': String(reset) } : {}),
  };
}

/**
 * Per-client rate limits (rate-limiter-flexible): each client (its IP, or its
 * API key when `apiKeyHeader` is set and the request carries one) may make
 * `points` requests per window; the next one is answered `429` with
 * `Retry-After` and the `RateLimit-*` headers, which every counted answer
 * carries too. `/health`, `/health/live`, `/metrics` and CORS preflights are
 * never counted. With `redisUrl` the count is shared by every instance on that
 * Redis; while Redis fails or hangs (past `redisTimeoutMs`; after 3 such
 * operations in a row it is left alone for 2 s) this instance's memory counts
 * instead, so requests are neither refused nor held up. Requests without a
 * socket (in-process `yoga.fetch`) share one client, `ip:unknown`.
 *
 * @example
 * ```ts
 * import { useRateLimit } from '@tokenomics/gateway';
 * import { type GraphQLSchema } from 'graphql';
 * import { createYoga } from 'graphql-yoga';
 *
 * declare const schema: GraphQLSchema;
 *
 * const rateLimit = useRateLimit({ points: 100, redisUrl: process.env.CACHE_URL, trustProxy: 1 });
 * createYoga({ schema, plugins: [rateLimit] });
 * // on shutdown: await rateLimit.close();
 * ```
 */
export function useRateLimit(options: RateLimitOptions): RateLimitPlugin {
  const points = options.points;
  const windowSeconds = options.windowSeconds ?? 60;
  const trustProxy = options.trustProxy ?? false;
  const apiKeyHeader = options.apiKeyHeader?.toLowerCase();
  const keyPrefix = 'tokenomics:ratelimit:v1';
  const memory = new RateLimiterMemory({ points, duration: windowSeconds, keyPrefix });
  let consume = (key: string): Promise<RateLimiterRes> => memory.consume(key);
  let closeRedis = async () => {};
  if (options.redisUrl) {
    const client = createClient({
      url: options.redisUrl,
      // The same guards as the cache store: fail at once while disconnected, reconnect with a capped backoff.
      disableOfflineQueue: true,
      socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000) },
    });
    // Each failed command rejects on its own (the in-memory limiter answers); without a listener an error would crash.
    client.on('error', () => {});
    client.connect().catch(() => {});
    const redis = new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      // While disconnected: the in-memory limiter answers at once.
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
      points,
      duration: windowSeconds,
      keyPrefix,
      // Over the limit: refused from memory until the window ends, without asking Redis again.
      inMemoryBlockOnConsumed: points + 1,
    });
    // A Redis that hangs: each operation is cut at the timeout, and after 3 in a row Redis is left alone
    // for 2 s (the in-memory limiter answers meanwhile), as the cache store does.
    const policy = wrap(
      circuitBreaker(
        handleWhen((error) => !(error instanceof RateLimiterRes)),
        { halfOpenAfter: 2_000, breaker: new ConsecutiveBreaker(3) },
      ),
      timeout(options.redisTimeoutMs ?? 250, TimeoutStrategy.Aggressive),
    );
    consume = async (key) => {
      try {
        return await policy.execute(() => redis.consume(key));
      } catch (error) {
        if (error instanceof RateLimiterRes) throw error;
        return memory.consume(key);
      }
    };
    closeRedis = async () => {
      if (client.isReady) {
        let timer: NodeJS.Timeout | undefined;
        const bound = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, 500);
        });
        await Promise.race([client.close().catch(() => {}), bound]);
        clearTimeout(timer);
      }
      if (client.isOpen) client.destroy();
    };
  }

  const counted = new WeakMap<Request, Record<string, string>>();

  const bucketOf = (request: Request, serverContext: unknown) =>
    clientBucket(request, serverContext, { trustProxy, ...(apiKeyHeader ? { apiKeyHeader } : {}) });

  return {
    async onRequest({ request, url, serverContext, endResponse }) {
      if (request.method === 'OPTIONS' || RATE_LIMIT_EXEMPT_PATHS.has(url.pathname)) return;
      const { key, logged } = bucketOf(request, serverContext);
      try {
        const res = await consume(key);
        counted.set(request, limitHeaders(points, windowSeconds, res, false));
      } catch (rejection) {
        // Not a refusal (the in-memory limiter failing: not expected): serve rather than fail the request.
        if (!(rejection instanceof RateLimiterRes)) return;
        if (rejection.consumedPoints === points + 1) {
          options.logger?.warn(
            { client: logged, limit: points, windowSeconds },
            `rate limit reached: ${logged} made ${points} requests within ${windowSeconds} s; refused (429) until the window ends`,
          );
        }
        endResponse(
          new Response(
            JSON.stringify({
              errors: [
                {
                  message: `Too many requests: at most ${points} every ${windowSeconds} s; retry in ${Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))} s.`,
                  extensions: { code: 'RATE_LIMITED' },
                },
              ],
            }),
            {
              status: 429,
              headers: {
                'content-type': 'application/json; charset=utf-8',
                ...limitHeaders(points, windowSeconds, rejection, true),
              },
            },
          ),
        );
      }
    },
    onResponse({ request, response }) {
      const headers = counted.get(request);
      if (headers) for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
      if (headers || response.status === 429) {
        const exposed = response.headers.get('access-control-expose-headers');
        response.headers.set('access-control-expose-headers', exposed ? `${exposed}, ${EXPOSED}` : EXPOSED);
      }
    },
    close: () => closeRedis(),
  };
}
