import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_MAX_SCHEDULE_POINTS,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  type TokenEconomy,
  TokenomicsError,
  type UpstreamReader,
} from '@tokenomics/core';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { type CacheStore, createCachedReader, keyvStore } from './cache.js';
import type { GatewayContext } from './context.js';
import { maskError } from './errors.js';
import { EXAMPLE_TABS } from './examples.js';
import { createRequestReader } from './loaders.js';
import { createLogger, yogaLogger } from './logger.js';
import { useHealth } from './plugins/health.js';
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits, useDocumentLimits } from './plugins/limits.js';
import { createMetrics, type GatewayMetrics } from './plugins/metrics.js';
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
  /** The upstream cache's store. Default: Keyv in memory (pass `keyvStore(redisUrl)` to share it). */
  cacheStore?: CacheStore;
  /** How long upstream reads stay fresh. Default 30 s. */
  cacheTtlSeconds?: number;
  /** The upstream timeout budget. Default 3 s. */
  upstreamTimeoutMs?: number;
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

/** The most responses one second keeps. */
const RESPONSES_PER_SECOND = 1_000;

/**
 * Whole responses reused within one second: the key is the request's "now"
 * (already to the second), the document, the operation and the variables, so
 * a hit is exactly what executing again would give. Only results without
 * errors are kept, and only for the current second. (envelop's response
 * cache does much more, entity tracking and document rewriting, that this
 * read-only API does not need and that costs a third of a large query.)
 */
function useSecondResponseCache(secondOf: (request: Request) => Date): Plugin {
  const documentIds = new BoundedIds();
  const keys = new WeakMap<Request, { second: number; key: string }>();
  let second = 0;
  let responses = new Map<string, ExecutionResult>();
  return {
    onParams({ params, request, setResult }) {
      const at = secondOf(request).getTime();
      if (at > second) {
        second = at;
        responses = new Map();
      }
      const query = typeof params.query === 'string' ? params.query : JSON.stringify(params.query ?? null);
      const variables =
        params.variables && Object.keys(params.variables).length > 0 ? JSON.stringify(params.variables) : '';
      const key = `${documentIds.idOf(query)}\u0000${params.operationName ?? ''}\u0000${variables}`;
      keys.set(request, { second: at, key });
      const hit = at === second ? responses.get(key) : undefined;
      if (hit) setResult(hit);
    },
    onExecutionResult({ request, result }) {
      const entry = keys.get(request);
      if (
        !entry ||
        entry.second !== second ||
        !result ||
        Symbol.asyncIterator in result ||
        result.errors?.length
      )
        return;
      if (responses.size < RESPONSES_PER_SECOND) responses.set(entry.key, result);
    },
  };
}

/**
 * Serializes each result once: a response-cache hit hands back the same
 * `data` object, so its JSON is reused instead of rebuilt on every request.
 * Only plain results (data, no errors, no extensions) are kept; the texts
 * live as long as their results do.
 */
function useSerializeOnce(): Plugin {
  const texts = new WeakMap<object, string>();
  const stringifyOnce = (result: ExecutionResult): string => {
    const { data } = result;
    if (result.errors?.length || result.extensions || !data || typeof data !== 'object')
      return JSON.stringify(result);
    let text = texts.get(data);
    if (text === undefined) {
      text = JSON.stringify(result);
      texts.set(data, text);
    }
    return text;
  };
  return {
    onResultProcess({ result, setResult }) {
      if (!Array.isArray(result) && !(Symbol.asyncIterator in result))
        setResult({ ...result, stringify: stringifyOnce });
    },
  };
}

/**
 * Short ids for long strings (documents), so a cache key needs no hash of
 * the whole document on every request. Bounded: past the limit it starts
 * over, and ids are never reused, so an old key can only miss.
 */
class BoundedIds {
  private readonly ids = new Map<string, string>();
  private next = 0;
  constructor(private readonly limit = 1_000) {}

  idOf(text: string): string {
    let id = this.ids.get(text);
    if (id === undefined) {
      if (this.ids.size >= this.limit) this.ids.clear();
      id = (this.next++).toString(36);
      this.ids.set(text, id);
    }
    return id;
  }
}

/**
 * Each request's "now", to the whole second, fixed on first use: the response
 * cache's key and the resolvers' context see the same instant.
 */
function requestSeconds(now: () => Date): (request: Request) => Date {
  const seconds = new WeakMap<Request, Date>();
  return (request) => {
    let second = seconds.get(request);
    if (!second) {
      second = new Date(Math.floor(now().getTime() / 1000) * 1000);
      seconds.set(request, second);
    }
    return second;
  };
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
  const store = options.cacheStore ?? keyvStore();
  const shared =
    options.reader ??
    createCachedReader({
      store,
      ttlSeconds: options.cacheTtlSeconds ?? 30,
      timeoutMs: options.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
      onEvent: metrics.onCacheEvent,
    });
  const secondOf = requestSeconds(options.now ?? (() => new Date()));
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const schema = gatewaySchema();

  const yoga = createYoga<Record<string, never>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health/live',
    landingPage: false,
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
      useHealth(protocols, shared),
      ...useDocumentLimits(limits),
      ...(options.responseCache === false ? [] : [useSecondResponseCache(secondOf), useSerializeOnce()]),
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
