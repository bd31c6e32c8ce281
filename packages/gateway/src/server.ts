import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import {
  DEFAULT_MAX_SCHEDULE_POINTS,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  type TokenEconomy,
  TokenomicsError,
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
import type { GatewayContext } from './context.js';
import { maskError } from './errors.js';
import { EXAMPLE_TABS } from './examples.js';
import { createRequestReader } from './loaders.js';
import { createLogger, yogaLogger } from './logger.js';
import { useCompiledExecution } from './plugins/compiled-execution.js';
import { useHealth } from './plugins/health.js';
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits, useDocumentLimits } from './plugins/limits.js';
import { createMetrics, type GatewayMetrics } from './plugins/metrics.js';
import { requestSeconds, useSecondResponseCache } from './plugins/response-cache.js';
import { gatewaySchema } from './schema/index.js';

/** Every limit the gateway enforces. */
export interface GatewayLimits extends DocumentLimits {
  /** The most points one `schedule` field may return. */
  maxSchedulePoints: number;
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
  /** How long upstream reads stay fresh. Default 30 s. */
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
  limits?: Partial<GatewayLimits>;
  /** Mask unexpected errors (no messages, no stacks). Default: NODE_ENV === 'production'. */
  production?: boolean;
  /** Serve GraphiQL at the endpoint for browsers. Default true. */
  graphiql?: boolean;
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
  /** The clock; tests pin it. */
  now?: () => Date;
}

/** A gateway: a fetch-style handler, its metrics, and a way to listen on a port. */
export interface Gateway {
  yoga: YogaServerInstance<Record<string, never>, GatewayContext>;
  schema: GraphQLSchema;
  /** The served protocols, in configuration order. */
  protocols: readonly TokenEconomy[];
  metrics: GatewayMetrics;
  limits: GatewayLimits;
  /** Starts an HTTP server on `port` (0 for any free port) and host. */
  listen(port: number, host?: string): Promise<RunningGateway>;
  /** Releases the cache store's connections. */
  close(): Promise<void>;
}

/** A gateway listening on a port. */
export interface RunningGateway {
  server: Server;
  url: string;
  /** Stops accepting connections, lets requests in flight finish, then closes. */
  close(): Promise<void>;
}

function indexProtocols(adapters: readonly TokenEconomy[]): Map<string, TokenEconomy> {
  const protocolById = new Map<string, TokenEconomy>();
  for (const economy of adapters) {
    if (protocolById.has(economy.id)) {
      throw new TokenomicsError(
        'CONFIGURATION',
        `two adapters have the id "${economy.id}"; ids must be unique`,
        {
          details: { id: economy.id },
        },
      );
    }
    protocolById.set(economy.id, economy);
  }
  return protocolById;
}

/**
 * Builds the gateway from a list of adapters.
 *
 * @throws TokenomicsError CONFIGURATION when two adapters share an id
 * @example
 * ```ts
 * const gateway = createGateway({ adapters: [sessionAdapter(), synternetAdapter()] });
 * const running = await gateway.listen(4000);
 * console.log(`GraphiQL at ${running.url}`);
 * ```
 */
export function createGateway(options: GatewayOptions): Gateway {
  const protocols = [...options.adapters];
  const protocolById = indexProtocols(protocols);
  const limits: GatewayLimits = {
    ...DEFAULT_DOCUMENT_LIMITS,
    maxSchedulePoints: DEFAULT_MAX_SCHEDULE_POINTS,
    ...options.limits,
  };
  const logger = options.logger ?? createLogger();
  const metrics = createMetrics();
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
  const shared =
    options.reader ??
    createCachedReader({
      store,
      ttlSeconds: options.cacheTtlSeconds ?? 30,
      timeoutMs: options.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
      maxBodyBytes: options.upstreamMaxBodyBytes,
      circuit: options.upstreamCircuit,
      onEvent: onCacheEvent,
    });
  const secondOf = requestSeconds(options.now ?? (() => new Date()));
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const schema = gatewaySchema();

  const yoga = createYoga<Record<string, never>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health/live',
    landingPage: false,
    // GraphiQL's scripts and styles served from this package, not a CDN: it works offline too.
    renderGraphiQL,
    logging: yogaLogger(logger),
    graphiql:
      options.graphiql === false
        ? false
        : {
            title: 'Tokenomics gateway',
            defaultTabs: [...EXAMPLE_TABS],
            defaultQuery: EXAMPLE_TABS[0]?.query,
          },
    maskedErrors: { maskError, isDev: !production },
    plugins: [
      metrics.plugin,
      useHealth(protocols, shared, store),
      ...useDocumentLimits(limits),
      ...(options.responseCache === false ? [] : [useSecondResponseCache(secondOf)]),
      ...(options.compiledExecution === false ? [] : [useCompiledExecution({ onPlan: metrics.onPlan })]),
    ],
    context: ({ request }): GatewayContext => ({
      protocols,
      protocolById,
      // "Now" to the whole second: figures at an instant are computed once and reused by every request in it.
      economy: { reader: createRequestReader(shared), now: secondOf(request) },
      limits,
    }),
  });

  return {
    yoga,
    schema,
    protocols,
    metrics,
    limits,
    close: () => store.close(),
    listen(port, host = '0.0.0.0') {
      const server = createServer(yoga);
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          resolve({
            server,
            url: `http://${shownHost}:${address.port}/graphql`,
            close: () =>
              new Promise<void>((done, fail) => {
                // Keep-alive connections go idle once their response is sent: sweep them
                // so the close completes as soon as the last request in flight has finished.
                const sweep = setInterval(() => server.closeIdleConnections(), 25);
                server.close((error) => {
                  clearInterval(sweep);
                  if (error) fail(error);
                  else done();
                });
                server.closeIdleConnections();
              }),
          });
        });
      });
    },
  };
}
