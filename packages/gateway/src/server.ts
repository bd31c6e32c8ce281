import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_MAX_SCHEDULE_POINTS,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  type EconomyContext,
  type SourceEvent,
  snapshotWindowFor,
  type TokenEconomy,
  type UpstreamReader,
} from '@tokenomics/core';
import type { GraphQLSchema } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import {
  type CacheEvent,
  type CacheStore,
  type CircuitOptions,
  createCachedReader,
  guardStore,
  keyvStore,
} from './cache.js';
import { cacheEventLogger } from './cache-log.js';
import type { GatewayContext, HistoryReader, UpdateFeed } from './context.js';
import { maskError } from './errors.js';
import { renderGatewayGraphiQL } from './graphiql.js';
import { createRequestReader } from './loaders.js';
import { createLogger, yogaLogger } from './logger.js';
import { checkGatewayOptions, gatewayOptionsSchema } from './options.js';
import { DEFAULT_MAX_PLANS, useCompiledExecution } from './plugins/compiled-execution.js';
import { useCors } from './plugins/cors.js';
import { shapedDocumentCache } from './plugins/document-cache.js';
import { useHealth } from './plugins/health.js';
import { type AnswerFreshness, newFreshness, recordingReader, useHttpCache } from './plugins/http-cache.js';
import { useDisableIntrospection } from './plugins/introspection.js';
import {
  DEFAULT_DOCUMENT_LIMITS,
  type DocumentLimits,
  useDocumentLimits,
  useRequestBudget,
} from './plugins/limits.js';
import { createMetrics, type GatewayMetrics } from './plugins/metrics.js';
import { type PersistedOperationsOptions, usePersistedQueries } from './plugins/persisted-operations.js';
import { type TrustProxy, useRateLimit } from './plugins/rate-limit.js';
import { requestClock } from './plugins/request-clock.js';
import { useRequestTurns } from './plugins/request-turns.js';
import {
  DEFAULT_DOCUMENT_ID_BYTES,
  DEFAULT_RESPONSE_TEXT_BYTES,
  useSecondResponseCache,
} from './plugins/response-cache.js';
import { type StaticSiteOptions, useStaticSite } from './plugins/static-site.js';
import { useStreamedAnswers } from './plugins/streamed-answers.js';
import { useSubscriptionLimits } from './plugins/subscription-limits.js';
import { useSupplyEndpoints } from './plugins/supply-endpoints.js';
import { useValidationCache } from './plugins/validation-cache.js';
import { protocolFinder } from './protocol-lookup.js';
import { RequestEconomy } from './request-economy.js';
import { gatewaySchema } from './schema/index.js';
import { servedEconomy } from './served.js';
import { type Tracing, tracedEconomy, useTracing } from './tracing.js';

/**
 * `history`, its reads noted in `freshness` as live reads made now: the
 * store keeps changing (the recorder, a backfill), so an answer read from it
 * is fresh for the cache TTL, even with an explicit range.
 */
function recordingHistory(history: HistoryReader, freshness: AnswerFreshness | undefined): HistoryReader {
  if (!freshness) return history;
  return {
    async range(protocolId, query) {
      const readAt = Date.now();
      const found = await history.range(protocolId, query);
      if (freshness.oldestRead === null || readAt < freshness.oldestRead) freshness.oldestRead = readAt;
      return found;
    },
  };
}

/** Every limit the gateway enforces. */
export interface GatewayLimits extends DocumentLimits {
  /** The most points one `schedule` field may return. */
  maxSchedulePoints: number;
  /**
   * Bytes (estimated) of response texts kept for the current second, reused
   * by identical requests within it; an answer larger than this is not kept.
   * Default 16,000,000 (`DEFAULT_RESPONSE_TEXT_BYTES`).
   */
  responseCacheBytes: number;
  /** Bytes (estimated) of query documents kept with their short ids for that cache. Default 8 MiB. */
  responseDocumentBytes: number;
  /** Compiled query plans kept, least recently used dropped first. Default 500 (`DEFAULT_MAX_PLANS`). */
  maxPlans: number;
  /** Subscriptions (server-sent event streams) open at once over every client. Default 1,000. */
  maxSubscriptions: number;
  /** Subscriptions one client (as the rate limiter counts it: its IP, or its API key) may hold open. Default 10. */
  maxSubscriptionsPerClient: number;
}

/** The defaults of {@link GatewayLimits}: the document limits and the bounds of the gateway's own caches. */
export const DEFAULT_GATEWAY_LIMITS: GatewayLimits = {
  ...DEFAULT_DOCUMENT_LIMITS,
  maxSchedulePoints: DEFAULT_MAX_SCHEDULE_POINTS,
  responseCacheBytes: DEFAULT_RESPONSE_TEXT_BYTES,
  responseDocumentBytes: DEFAULT_DOCUMENT_ID_BYTES,
  maxPlans: DEFAULT_MAX_PLANS,
  maxSubscriptions: 1_000,
  maxSubscriptionsPerClient: 10,
};

/**
 * Where `GET /metrics` is served and who may read it. With neither `token`
 * nor `port`, it is open on the gateway's port outside production, and not
 * served at all in production.
 */
export interface MetricsOptions {
  /** false: `/metrics` is served nowhere (metrics are still counted). Default true. */
  enabled?: boolean;
  /** `/metrics` answers 401 unless the request carries `Authorization: Bearer <token>`. */
  token?: string;
  /** Serve `/metrics` on this port (0: any free one) instead of the gateway's. */
  port?: number;
  /** The host the metrics port binds. Default 127.0.0.1 (this machine only). */
  host?: string;
}

/** Where a gateway serves `GET /metrics`, as its options resolved. */
export interface MetricsEndpoint {
  where: 'gateway-port' | 'own-port' | 'nowhere';
  /** Whether reading it needs the bearer token. */
  token: boolean;
}

/** The liveness probe's answer: 200, no body, never cached. */
const LIVE_HEADERS = { 'content-length': '0', 'cache-control': 'no-store' } as const;

/** How long idle keep-alive connections stay open when a drain starts. */
export const DEFAULT_DRAIN_GRACE_MS = 500;

/** One GraphiQL tab: a query, and its variables as JSON text. */
export interface GraphiQLTab {
  query: string;
  variables?: string;
}

/** Options of {@link createGateway}. */
export interface GatewayOptions {
  /** The protocols to serve, in the order `protocols` lists them. Ids must be unique. */
  adapters: readonly TokenEconomy[];
  /**
   * The upstream cache's store. Default: memory (pass `keyvStore(redisUrl)` to share it). The
   * gateway guards it ({@link guardStore}): timeouts, and memory while it does not answer.
   */
  cacheStore?: CacheStore;
  /**
   * How long upstream reads stay fresh. Default 30 s. Live sources take reads
   * served stale as one earlier snapshot only when they lie within half of
   * it (at most 5 s; see `snapshotWindowFor`).
   */
  cacheTtlSeconds?: number;
  /** The most one cache store operation may take; past it the store counts as failing. Default 250 ms. */
  cacheOpTimeoutMs?: number;
  /** The upstream timeout budget. Default 3 s. */
  upstreamTimeoutMs?: number;
  /** The most bytes of one upstream answer. Default 1 MiB. */
  upstreamMaxBodyBytes?: number;
  /** When to stop calling a failing upstream for a while. Default: 5 failed reads in a row, 10 s. */
  upstreamCircuit?: CircuitOptions;
  /** Replaces the whole shared reader (cache included); tests use it to count reads. */
  reader?: UpstreamReader;
  /** Every limit, each defaulting to {@link DEFAULT_GATEWAY_LIMITS} (the README's "Security and limits" table). */
  limits?: Partial<GatewayLimits>;
  /** Mask unexpected errors (no messages, no stacks). Default: NODE_ENV === 'production'. */
  production?: boolean;
  /** Serve GraphiQL at the endpoint for browsers. Default true. */
  graphiql?: boolean;
  /**
   * GraphiQL's example tabs (an app's own queries); the first is the default
   * query. Default: none.
   */
  exampleTabs?: readonly GraphiQLTab[];
  /**
   * Browser origins allowed to read answers (CORS): `'*'` for any (the
   * default; answered `Access-Control-Allow-Origin: *`, never with
   * credentials), or the exact origins, e.g. `['https://app.example']`.
   */
  corsOrigins?: '*' | readonly string[];
  /**
   * Answer introspection (`__schema`, `__type`). Default true: GraphiQL's
   * documentation and autocompletion need it. When false such queries fail
   * validation (GRAPHQL_VALIDATION_FAILED); GraphiQL is still served.
   */
  introspection?: boolean;
  /** Where `GET /metrics` is served and who may read it (see {@link MetricsOptions}). */
  metrics?: MetricsOptions;
  /**
   * When closing (SIGTERM), how long connections that are idle between
   * keep-alive requests stay open, so a request already on its way on one is
   * answered (with `Connection: close`) rather than reset. Default 500 ms.
   */
  drainGraceMs?: number;
  /** Structured logs. Default: pino at "info" on standard output. */
  logger?: Logger;
  /**
   * Reuse whole responses within the second they were computed in (the
   * request's "now" is to the second, so a repeat is the same answer). Default true.
   */
  responseCache?: boolean;
  /**
   * Run queries as compiled plans (graphql-jit), one per query shape with
   * argument literals as variables. Default true; false runs every query on
   * the standard executor.
   */
  compiledExecution?: boolean;
  /**
   * Stream large answers (a list of 2,000 items or more: long schedules) a
   * chunk at a time, with turns of the event loop between chunks, instead of
   * writing one string in one go ({@link useStreamedAnswers}). Default true.
   */
  streamLargeAnswers?: boolean;
  /**
   * Start each GraphQL request's work in a turn of the event loop of its own,
   * in order of arrival ({@link useRequestTurns}), so a request arriving while
   * others are worked (a `/health/live` probe, the next chunk's socket) waits
   * for one request's work rather than all of theirs. Default true.
   */
  requestTurns?: boolean;
  /**
   * Persisted operations: trusted documents by id (the committed manifest by
   * default) and automatic persisted queries. Arbitrary documents stay allowed
   * unless `allowArbitrary: false` (see {@link PersistedOperationsOptions}).
   */
  persistedOperations?: PersistedOperationsOptions;
  /**
   * HTTP caching of GET answers (GraphQL over GET and `/supply/…`): `ETag`,
   * `Cache-Control` from the answer's freshness, `304` for `If-None-Match`,
   * and the current second's answers replayed before yoga's pipeline. Default true.
   */
  httpCache?: boolean;
  /** The clock; tests pin it. */
  now?: () => Date;
  /**
   * The recorded history `Protocol.history` and `Protocol.drift` read (a
   * history store). Absent: they answer empty lists.
   */
  history?: HistoryReader;
  /**
   * Where `Subscription.protocolUpdated` hears of changes: each event of
   * `subscribe(id)` sends the protocol anew (over server-sent events).
   * Absent: subscribing fails with NOT_SUPPORTED.
   */
  updates?: UpdateFeed;
  /**
   * Per-client rate limits: requests per minute for each client IP (or API
   * key, with `apiKeyHeader`), answered 429 beyond. Default: none. Counted in
   * memory, or across instances on Redis with `redisUrl`.
   */
  rateLimit?: GatewayRateLimit;
  /**
   * OpenTelemetry spans for requests, parse/validate/execute, adapter calls
   * and upstream reads ({@link startTracing}'s result). Absent or null: no spans.
   */
  tracing?: Tracing | null;
  /**
   * A static site served at `/` (`index.html`) and `/assets/*`, e.g. the
   * explorer's `dist` (see `useStaticSite`). Default: none (`/` is 404).
   */
  site?: StaticSiteOptions;
}

/** Options of {@link GatewayOptions.rateLimit} (see `useRateLimit`). */
export interface GatewayRateLimit {
  /** Requests each client may make per minute. */
  perMinute: number;
  /** Which X-Forwarded-For entries to believe: false (the socket's address), a proxy count, or true (all). Default false. */
  trustProxy?: TrustProxy;
  /** A header whose value (hashed) is counted instead of the IP, e.g. `x-api-key`. Default none. */
  apiKeyHeader?: string | null;
  /** `redis://…` to count across instances (the in-memory count takes over while it fails). Default: memory. */
  redisUrl?: string | null;
}

/** A gateway: a fetch-style handler, its metrics, and a way to listen on a port. */
export interface Gateway {
  yoga: YogaServerInstance<Record<string, never>, GatewayContext>;
  schema: GraphQLSchema;
  /** The served protocols, in configuration order. */
  protocols: readonly TokenEconomy[];
  metrics: GatewayMetrics;
  /** Where `GET /metrics` is served. */
  metricsEndpoint: MetricsEndpoint;
  limits: GatewayLimits;
  /**
   * A context for adapter calls outside any request (the history recorder):
   * "now" to the second, and the gateway's shared cached reads, so that
   * sampling the chain costs no upstream read a request would not make.
   */
  economyContext(): EconomyContext;
  /**
   * How many GETs were answered on Node's response before yoga (repeats of
   * the current second, and requests that waited for the same GET's first
   * answer: 200s and 304s; see `useHttpCache`'s `answerRaw`). They are also
   * in `tokenomics_http_requests_total`, as are `/health/live` probes.
   */
  rawAnswers(): { ok: number; notModified: number };
  /** Starts an HTTP server on `port` (0 for any free port) and host. */
  listen(port: number, host?: string): Promise<RunningGateway>;
  /** Releases the cache store's connections. */
  close(): Promise<void>;
}

/** A gateway listening on a port. */
export interface RunningGateway {
  server: Server;
  url: string;
  /** `http://host:port/metrics` when metrics have a port of their own, else null. */
  metricsUrl: string | null;
  /**
   * Drains, then closes: stops accepting connections; every answer from now
   * on carries `Connection: close` (requests in flight, and requests arriving
   * on kept-alive connections during the drain grace); connections left idle
   * are closed after the grace. Resolves once the last request has finished.
   * Calling it again returns the same promise.
   */
  close(): Promise<void>;
}

function indexProtocols(adapters: readonly TokenEconomy[]): Map<string, TokenEconomy> {
  // Ids are unique: checkGatewayOptions refused a duplicate.
  const protocolById = new Map<string, TokenEconomy>();
  for (const economy of adapters) protocolById.set(economy.id, economy);
  return protocolById;
}

/**
 * Builds the gateway from a list of adapters.
 *
 * @throws TokenomicsError CONFIGURATION when two adapters share an id, or an option is unknown or out of range ({@link gatewayOptionsSchema})
 * @example
 * ```ts
 * import { createGateway } from '@tokenomics/gateway';
 * import { exampleEconomy } from '@tokenomics/core/testing';
 *
 * const gateway = createGateway({ adapters: [exampleEconomy({ id: 'example' })] });
 * const running = await gateway.listen(4000);
 * console.log(`GraphiQL at ${running.url}`);
 * ```
 */
export function createGateway(options: GatewayOptions): Gateway {
  checkGatewayOptions(options);
  // Every figure leaves at the served precision (served.ts): the one place the gateway rounds.
  const { tracing } = options;
  const protocols = options.adapters
    .map(servedEconomy)
    .map((economy) => (tracing ? tracedEconomy(economy, tracing.tracer) : economy));
  const protocolById = indexProtocols(protocols);
  const limits: GatewayLimits = { ...DEFAULT_GATEWAY_LIMITS, ...options.limits };
  const logger = options.logger ?? createLogger();
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const metricsEndpoint = resolveMetricsEndpoint(options.metrics ?? {}, production);
  const metrics = createMetrics({
    onGatewayPort: metricsEndpoint.where === 'gateway-port',
    ...(options.metrics?.token === undefined ? {} : { token: options.metrics.token }),
  });
  const logCacheEvent = cacheEventLogger(logger);
  const onCacheEvent = (event: CacheEvent) => {
    metrics.onCacheEvent(event);
    logCacheEvent(event);
  };
  // Guarded: a store that fails or hangs is bypassed (memory and upstream) until it answers again.
  const store = guardStore(options.cacheStore ?? keyvStore(), {
    opTimeoutMs: options.cacheOpTimeoutMs,
    onEvent: onCacheEvent,
  });
  const cacheTtlSeconds = options.cacheTtlSeconds ?? 30;
  const shared =
    options.reader ??
    createCachedReader({
      store,
      ttlSeconds: cacheTtlSeconds,
      timeoutMs: options.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
      maxBodyBytes: options.upstreamMaxBodyBytes,
      circuit: options.upstreamCircuit,
      onEvent: onCacheEvent,
      ...(tracing ? { tracer: tracing.tracer } : {}),
    });
  // A live read rejected as implausible: counted, and logged once per rejected read (never the upstream URL).
  const onSourceEvent = (event: SourceEvent) => {
    metrics.onSourceEvent(event);
    logger.warn(
      { protocol: event.protocol, reason: event.reason, stale: event.stale },
      `${event.protocol}: upstream answer rejected (${event.reason}): ${event.message}${event.stale ? '; serving the last good state, stale' : ''}`,
    );
  };
  // What every adapter call runs with besides its reader and "now": the snapshot window follows the TTL.
  const economyContext = { onSourceEvent, snapshotWindowMs: snapshotWindowFor(cacheTtlSeconds) };
  // The request clock: one "now" per request, to the second, shared by the caches, the budget and the resolvers.
  const clock = requestClock(options.now ?? (() => new Date()));
  const secondOf = clock.secondOf;
  const schema = gatewaySchema();
  const rateLimit = options.rateLimit
    ? useRateLimit({
        points: options.rateLimit.perMinute,
        trustProxy: options.rateLimit.trustProxy ?? false,
        ...(options.rateLimit.apiKeyHeader ? { apiKeyHeader: options.rateLimit.apiKeyHeader } : {}),
        redisUrl: options.rateLimit.redisUrl ?? null,
        redisTimeoutMs: options.cacheOpTimeoutMs ?? 250,
        logger,
      })
    : null;
  const findProtocol = protocolFinder(protocolById);
  // What each request's answer depended on ("now", live reads): its Cache-Control follows.
  const freshness = new WeakMap<Request, AnswerFreshness>();
  const requestEconomy = (request: Request) => {
    const record = newFreshness();
    freshness.set(request, record);
    return new RequestEconomy(
      economyContext,
      recordingReader(createRequestReader(shared), record),
      record,
      secondOf(request),
    );
  };

  /** A context outside any request (a subscription's event, the history recorder): its own second, the shared cached reads. */
  const freshEconomy = (): EconomyContext => ({
    ...economyContext,
    reader: createRequestReader(shared),
    now: new Date(clock.currentSecondMs()),
  });
  const httpCache =
    options.httpCache === false
      ? null
      : useHttpCache({
          secondOf,
          currentSecondMs: clock.currentSecondMs,
          freshnessOf: (request) => freshness.get(request),
          ttlSeconds: cacheTtlSeconds,
          onRawAnswer: metrics.countAnswered,
        });
  // A repeat GET of this second answered on Node's response before yoga builds anything: only where no
  // other plugin would add to a hit (no rate limit to count it, CORS open to any origin).
  const rawHits =
    httpCache && !rateLimit && (options.corsOrigins ?? '*') === '*'
      ? (
          request: IncomingMessage,
          response: ServerResponse,
          fallback: (request: IncomingMessage, response: ServerResponse) => void,
        ) => httpCache.answerRaw(request, response, fallback)
      : null;

  const yoga = createYoga<Record<string, never>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health/live',
    landingPage: false,
    // GraphiQL's scripts and styles served from this package, not a CDN: it works offline too.
    // Its example tabs answer mouse clicks from the first load (graphiql.ts says why they did not).
    renderGraphiQL: renderGatewayGraphiQL,
    logging: yogaLogger(logger),
    graphiql:
      // Locked down, GraphiQL could run nothing (it sends whole documents): not served.
      options.graphiql === false || options.persistedOperations?.allowArbitrary === false
        ? false
        : {
            title: 'Tokenomics gateway',
            ...(options.exampleTabs && options.exampleTabs.length > 0
              ? { defaultTabs: [...options.exampleTabs], defaultQuery: options.exampleTabs[0]?.query }
              : {}),
          },
    maskedErrors: { maskError, isDev: !production },
    // yoga's parsed documents, bounded by bytes; a new text of a known shape (a new literal) is not parsed again.
    parserAndValidationCache: { documentCache: shapedDocumentCache() },
    // useDocumentLimits bounds every body (by its Content-Length, or counted when it has none).
    maxRequestBodySize: false,
    // yoga's own CORS names any caller's origin back with credentials allowed: useCors instead.
    cors: false,
    plugins: [
      metrics.plugin,
      ...(rateLimit ? [rateLimit] : []),
      useCors({ origins: options.corsOrigins ?? '*' }),
      ...(options.introspection === false ? [useDisableIntrospection()] : []),
      useHealth(protocols, shared, store, economyContext),
      ...(options.site ? [useStaticSite(options.site)] : []),
      // Before every onParams that reads the query (response cache): a hash becomes its document here.
      usePersistedQueries(options.persistedOperations),
      ...(httpCache ? [httpCache] : []),
      useSupplyEndpoints({ findProtocol, economyContext: requestEconomy }),
      ...useDocumentLimits(limits),
      // A document shaped like one already valid, with literals its scalars accept, skips validation.
      useValidationCache(),
      useRequestBudget({ ...limits, protocols: protocols.length, now: secondOf }),
      // After the budget: a subscription it refuses is never counted.
      useSubscriptionLimits({
        maxSubscriptions: limits.maxSubscriptions,
        maxSubscriptionsPerClient: limits.maxSubscriptionsPerClient,
        trustProxy: options.rateLimit?.trustProxy ?? false,
        ...(options.rateLimit?.apiKeyHeader ? { apiKeyHeader: options.rateLimit.apiKeyHeader } : {}),
      }),
      ...(options.responseCache === false
        ? []
        : [
            useSecondResponseCache(secondOf, {
              maxTextBytes: limits.responseCacheBytes,
              maxDocumentBytes: limits.responseDocumentBytes,
            }),
          ]),
      ...(options.compiledExecution === false
        ? []
        : [useCompiledExecution({ maxPlans: limits.maxPlans, onPlan: metrics.onPlan })]),
      ...(options.streamLargeAnswers === false ? [] : [useStreamedAnswers()]),
      // Last of the onParams hooks: what follows its turn is the rest of the request.
      ...(options.requestTurns === false ? [] : [useRequestTurns()]),
      // Last: the execution span wraps whichever executor runs.
      ...(tracing ? useTracing(tracing) : []),
    ],
    context: ({ request }): GatewayContext => {
      // "Now" to the whole second: figures at an instant are computed once and reused by every request in it.
      const economy = requestEconomy(request);
      const record = freshness.get(request);
      return {
        protocols,
        protocolById,
        findProtocol,
        economy,
        limits,
        history: options.history ? recordingHistory(options.history, record) : null,
        updates: options.updates ?? null,
        // A subscription's events each compute at their own "now", with reads of their own.
        freshEconomy,
      };
    },
  });

  return {
    yoga,
    schema,
    protocols,
    metrics,
    metricsEndpoint,
    limits,
    economyContext: freshEconomy,
    rawAnswers: () => (rawHits && httpCache ? httpCache.rawAnswers() : { ok: 0, notModified: 0 }),
    close: async () => {
      await Promise.all([store.close(), rateLimit?.close()]);
    },
    listen: (port, host = '0.0.0.0') =>
      listenGateway(yoga, metrics, metricsEndpoint, options.metrics ?? {}, {
        port,
        host,
        drainGraceMs: options.drainGraceMs ?? DEFAULT_DRAIN_GRACE_MS,
        rawHits,
      }),
  };
}

/** Where `/metrics` goes: its own port when one is set; else the gateway's, except in production without a token. */
function resolveMetricsEndpoint(options: MetricsOptions, production: boolean): MetricsEndpoint {
  const token = options.token !== undefined;
  if (options.enabled === false) return { where: 'nowhere', token };
  if (options.port !== undefined) return { where: 'own-port', token };
  return { where: !production || token ? 'gateway-port' : 'nowhere', token };
}

function shownUrl(host: string, port: number, path: string): string {
  const shownHost =
    host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shownHost}:${port}${path}`;
}

function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}

/**
 * Starts the gateway's HTTP server (and the metrics port, when set), with a
 * drain on close: see {@link RunningGateway.close}.
 */
async function listenGateway(
  handler: (request: IncomingMessage, response: ServerResponse) => unknown,
  metrics: GatewayMetrics,
  endpoint: MetricsEndpoint,
  metricsOptions: MetricsOptions,
  {
    port,
    host,
    drainGraceMs,
    rawHits,
  }: {
    port: number;
    host: string;
    drainGraceMs: number;
    rawHits:
      | ((
          request: IncomingMessage,
          response: ServerResponse,
          fallback: (request: IncomingMessage, response: ServerResponse) => void,
        ) => boolean)
      | null;
  },
): Promise<RunningGateway> {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  const server = createServer((request, response) => {
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
    // During a drain every answer closes its connection: the client sends its next request elsewhere.
    if (draining) response.setHeader('connection', 'close');
    // The liveness probe first, before any other work: it only says the process answers.
    if (request.url === '/health/live' && (request.method === 'GET' || request.method === 'HEAD')) {
      response.writeHead(200, LIVE_HEADERS);
      response.end();
      metrics.countAnswered('/health/live', 200);
      return;
    }
    // A repeat GET of this second, or one waiting for the same GET being answered (else yoga).
    if (rawHits?.(request, response, handler)) return;
    handler(request, response);
  });
  const boundPort = await listenOn(server, port, host);
  let metricsServer: Server | null = null;
  let metricsUrl: string | null = null;
  if (endpoint.where === 'own-port') {
    const metricsHost = metricsOptions.host ?? '127.0.0.1';
    metricsServer = createServer(metrics.listener);
    try {
      metricsUrl = shownUrl(
        metricsHost,
        await listenOn(metricsServer, metricsOptions.port ?? 0, metricsHost),
        '/metrics',
      );
    } catch (error) {
      await closeServer(server);
      throw error;
    }
  }

  let closing: Promise<void> | undefined;
  const drain = () =>
    new Promise<void>((done, fail) => {
      draining = true;
      for (const response of inFlight) if (!response.headersSent) response.setHeader('connection', 'close');
      // http.Server#close also ends the connections idle between keep-alive requests at once, racing a
      // client that has just sent its next request on one (it gets ECONNRESET). Keep them for the grace:
      // a request arriving on one is answered with Connection: close; then the idle ones are swept.
      server.closeIdleConnections = () => {};
      let sweep: NodeJS.Timeout | undefined;
      const grace = setTimeout(() => {
        server.closeIdleConnections();
        sweep = setInterval(() => server.closeIdleConnections(), 25);
      }, drainGraceMs);
      server.close((error) => {
        clearTimeout(grace);
        clearInterval(sweep);
        if (error) fail(error);
        else done();
      });
      Reflect.deleteProperty(server, 'closeIdleConnections');
    });

  return {
    server,
    url: shownUrl(host, boundPort, '/graphql'),
    metricsUrl,
    close() {
      closing ??= Promise.all([drain(), metricsServer ? closeServer(metricsServer) : undefined]).then(
        () => {},
      );
      return closing;
    },
  };
}
