import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCounter, createHistogram, usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { SourceEvent } from '@tokenomics/core';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { bearerMatches } from '../bearer.js';
import type { CacheEvent } from '../cache.js';
import type { PlanOutcome } from './compiled-execution.js';

/** Where `GET /metrics` is served and who may read it. */
export interface MetricsAccess {
  /** Serve `GET /metrics` on the gateway's own port. */
  onGatewayPort: boolean;
  /** When set, `/metrics` answers 401 unless the request carries `Authorization: Bearer <token>`. */
  token?: string;
}

/** The gateway's Prometheus metrics and the hooks that feed them. */
export interface GatewayMetrics {
  registry: Registry;
  /**
   * The yoga plugin: HTTP request counts and latencies, `GET /metrics` when
   * served on the gateway's port, and (through `@graphql-yoga/plugin-prometheus`)
   * GraphQL operations, execution time and error codes.
   */
  plugin: Plugin;
  /**
   * A node:http listener for a port of its own: `GET /metrics` (behind the
   * token when one is set), 405 for other methods, 404 for any other path.
   */
  listener(request: IncomingMessage, response: ServerResponse): void;
  /** Feeds cache and upstream events from the shared reader. */
  onCacheEvent(event: CacheEvent): void;
  /**
   * Counts an answer given outside yoga (the raw hit path, the liveness
   * probe) in `tokenomics_http_requests_total`: a plain integer per path and
   * status here, added to the counter when it is scraped.
   */
  countAnswered(path: string, status: number): void;
  /** Feeds how each query was executed (compiled plan, reused plan, standard executor). */
  onPlan(outcome: PlanOutcome): void;
  /** Feeds what live sources report: each read rejected as implausible. */
  onSourceEvent(event: SourceEvent): void;
}

/** The answer to a `/metrics` request without the token. */
const UNAUTHORIZED = {
  status: 401,
  headers: { 'www-authenticate': 'Bearer', 'content-type': 'text/plain; charset=utf-8' },
  body: 'GET /metrics needs Authorization: Bearer <token>\n',
};

/** A code as a label: the codes the gateway and graphql-js raise; anything else is OTHER (labels stay bounded). */
function codeLabel(code: unknown, fallback: string): string {
  if (code === undefined || code === null) return fallback;
  return typeof code === 'string' && /^[A-Z][A-Z_]{0,39}$/.test(code) ? code : 'OTHER';
}

/** The buckets of the GraphQL execution histogram, in seconds. */
const EXECUTE_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The GraphQL metrics of `@graphql-yoga/plugin-prometheus` on `registry`:
 * `tokenomics_graphql_operations_total{operationType}` (operations executed),
 * `tokenomics_graphql_execute_duration_seconds{operationType}` and
 * `tokenomics_graphql_errors_total{code}` (one per error: parse and validation
 * failures once each, execution errors each with its `extensions.code`).
 * Operation names, field paths and URLs are client input: no label carries
 * them. Its own `/metrics` endpoint is off (the gateway's is token-protected).
 */
function graphqlMetrics(registry: Registry): Plugin {
  return usePrometheus({
    registry,
    endpoint: false,
    labels: { operationName: false, path: false, url: false, method: false, statusCode: false },
    metrics: {
      graphql_envelop_request: 'tokenomics_graphql_operations_total',
      graphql_envelop_phase_execute: createHistogram({
        registry,
        histogram: {
          name: 'tokenomics_graphql_execute_duration_seconds',
          help: 'Time spent executing GraphQL operations (not served from the response cache), by operation type.',
          labelNames: ['operationType'] as const,
          buckets: EXECUTE_BUCKETS,
        },
        fillLabelsFn: (params) => ({ operationType: params.operationType ?? 'unknown' }),
      }),
      graphql_envelop_error_result: createCounter({
        registry,
        counter: {
          name: 'tokenomics_graphql_errors_total',
          help: 'GraphQL errors, by extensions.code (GRAPHQL_PARSE_FAILED and GRAPHQL_VALIDATION_FAILED once per failing document).',
          labelNames: ['code'] as const,
        },
        fillLabelsFn: (params) => ({
          code:
            params.errorPhase === 'parse'
              ? codeLabel(
                  (params.error as GraphQLError | undefined)?.extensions?.code,
                  'GRAPHQL_PARSE_FAILED',
                )
              : params.errorPhase === 'validate'
                ? 'GRAPHQL_VALIDATION_FAILED'
                : // Uncoded errors are masked as INTERNAL_SERVER_ERROR on their way out.
                  codeLabel(
                    (params.error as GraphQLError | undefined)?.extensions?.code,
                    'INTERNAL_SERVER_ERROR',
                  ),
        }),
      }),
      graphql_envelop_request_duration: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_schema_change: false,
      graphql_envelop_execute_resolver: false,
      // Ours below covers every path (health, 429s, /metrics) at sub-millisecond resolution.
      graphql_yoga_http_duration: false,
    },
  });
}

/**
 * Prometheus metrics, on a registry of their own (so several gateways in one
 * process do not collide): `tokenomics_http_requests_total{path, status}`,
 * `tokenomics_http_request_duration_seconds{path}` (every HTTP request, GraphQL
 * or not), the GraphQL metrics of `@graphql-yoga/plugin-prometheus`
 * (`tokenomics_graphql_operations_total{operationType}`,
 * `tokenomics_graphql_execute_duration_seconds{operationType}`,
 * `tokenomics_graphql_errors_total{code}`),
 * `tokenomics_upstream_reads_total`, `tokenomics_upstream_read_duration_seconds`,
 * `tokenomics_cache_events_total`, `tokenomics_query_plans_total`,
 * `tokenomics_upstream_invalid_total`, and Node's default process metrics.
 *
 * `access` says where `GET /metrics` is served: by default on the gateway's
 * port to anyone (development); the gateway passes what its configuration
 * says (see `GatewayOptions.metrics`).
 *
 * @example
 * ```ts
 * import { createCachedReader, createMetrics, memoryStore } from '@tokenomics/gateway';
 *
 * const metrics = createMetrics({ onGatewayPort: true, token: process.env.METRICS_TOKEN });
 * const reader = createCachedReader({ store: memoryStore(), onEvent: metrics.onCacheEvent });
 * const text = await metrics.registry.metrics(); // Prometheus text
 * ```
 */
export function createMetrics(access: MetricsAccess = { onGatewayPort: true }): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tokenomics_' });
  // Answers given outside yoga, by path then status: counted as integers, added at each scrape.
  const answered = new Map<string, Map<number, number>>();
  const requests: Counter<'path' | 'status'> = new Counter({
    name: 'tokenomics_http_requests_total',
    help: 'HTTP requests by path and status.',
    labelNames: ['path', 'status'] as const,
    registers: [registry],
    collect() {
      for (const [path, statuses] of answered) {
        for (const [status, count] of statuses)
          if (count > 0) requests.inc({ path, status: String(status) }, count);
        statuses.clear();
      }
    },
  });
  const latency = new Histogram({
    name: 'tokenomics_http_request_duration_seconds',
    help: 'HTTP request latency by path.',
    labelNames: ['path'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const upstreamReads = new Counter({
    name: 'tokenomics_upstream_reads_total',
    help: 'Reads of upstream resources (chains, nodes), by outcome.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const upstreamLatency = new Histogram({
    name: 'tokenomics_upstream_read_duration_seconds',
    help: 'Latency of upstream reads.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const cacheEvents = new Counter({
    name: 'tokenomics_cache_events_total',
    help: 'Upstream cache events: hit, miss, coalesced, stale, store-error.',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const plans = new Counter({
    name: 'tokenomics_query_plans_total',
    help: 'Queries by how they ran: compiled (a new plan), reused (a kept plan), standard (the standard executor).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const invalid = new Counter({
    name: 'tokenomics_upstream_invalid_total',
    help: 'Upstream reads rejected as implausible (another chain, a height going backwards, a supply collapsing…), by protocol and reason.',
    labelNames: ['protocol', 'reason'] as const,
    registers: [registry],
  });
  const started = new WeakMap<Request, { at: number; path: string }>();
  const knownPaths = new Set(['/graphql', '/health', '/health/live', '/metrics']);

  const graphql = graphqlMetrics(registry);
  const plugin: Plugin = {
    onPluginInit({ addPlugin }) {
      addPlugin(graphql);
    },
    async onRequest({ request, url, endResponse }) {
      started.set(request, {
        at: performance.now(),
        path: knownPaths.has(url.pathname) ? url.pathname : 'other',
      });
      if (access.onGatewayPort && url.pathname === '/metrics' && request.method === 'GET') {
        if (
          access.token !== undefined &&
          !bearerMatches(request.headers.get('authorization'), access.token)
        ) {
          endResponse(new Response(UNAUTHORIZED.body, UNAUTHORIZED));
          return;
        }
        endResponse(
          new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } }),
        );
      }
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      const path = start?.path ?? 'other';
      requests.inc({ path, status: String(response.status) });
      if (start) latency.observe({ path }, (performance.now() - start.at) / 1000);
    },
  };

  async function listen(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://metrics').pathname;
    if (path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    } else if (request.method !== 'GET') {
      response.writeHead(405, { allow: 'GET' }).end();
    } else if (access.token !== undefined && !bearerMatches(request.headers.authorization, access.token)) {
      response.writeHead(UNAUTHORIZED.status, UNAUTHORIZED.headers).end(UNAUTHORIZED.body);
    } else {
      const text = await registry.metrics();
      response.writeHead(200, { 'content-type': registry.contentType }).end(text);
    }
  }

  return {
    registry,
    plugin,
    listener(request, response) {
      listen(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(500).end();
        else response.destroy();
      });
    },
    countAnswered(path, status) {
      let statuses = answered.get(path);
      if (statuses === undefined) {
        statuses = new Map();
        answered.set(path, statuses);
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    },
    onCacheEvent(event) {
      if (event.type === 'upstream') {
        upstreamReads.inc({ outcome: event.ok ? 'ok' : 'error' });
        upstreamLatency.observe(event.ms / 1000);
      } else {
        cacheEvents.inc({ type: event.type });
      }
    },
    onPlan(outcome) {
      plans.inc({ outcome });
    },
    onSourceEvent(event) {
      // Both labels are bounded: configured protocol ids and the fixed reasons of IMPLAUSIBILITY_REASONS.
      if (event.type === 'rejected') invalid.inc({ protocol: event.protocol, reason: event.reason });
    },
  };
}
