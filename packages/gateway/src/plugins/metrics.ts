import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SourceEvent } from '@tokenomics/core';
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
  /** The yoga plugin: request counts and latencies, GraphQL error codes, and `GET /metrics` when served on the gateway's port. */
  plugin: Plugin;
  /**
   * A node:http listener for a port of its own: `GET /metrics` (behind the
   * token when one is set), 405 for other methods, 404 for any other path.
   */
  listener(request: IncomingMessage, response: ServerResponse): void;
  /** Feeds cache and upstream events from the shared reader. */
  onCacheEvent(event: CacheEvent): void;
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

/**
 * Prometheus metrics, on a registry of their own (so several gateways in one
 * process do not collide): `tokenomics_http_requests_total`,
 * `tokenomics_http_request_duration_seconds`, `tokenomics_graphql_errors_total`,
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
 * const metrics = createMetrics({ onGatewayPort: true, token: process.env.METRICS_TOKEN });
 * createCachedReader({ store, onEvent: metrics.onCacheEvent });
 * ```
 */
export function createMetrics(access: MetricsAccess = { onGatewayPort: true }): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tokenomics_' });
  const requests = new Counter({
    name: 'tokenomics_http_requests_total',
    help: 'HTTP requests by path and status.',
    labelNames: ['path', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'tokenomics_http_request_duration_seconds',
    help: 'HTTP request latency by path.',
    labelNames: ['path'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const graphqlErrors = new Counter({
    name: 'tokenomics_graphql_errors_total',
    help: 'GraphQL errors in responses, by extensions.code.',
    labelNames: ['code'] as const,
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

  const plugin: Plugin = {
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
    onExecutionResult({ result }) {
      if (!result || !('errors' in result) || !result.errors) return;
      for (const error of result.errors)
        graphqlErrors.inc({ code: String(error.extensions?.code ?? 'NONE') });
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
