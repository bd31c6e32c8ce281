import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { isTokenomicsError, redactUrls, type TokenEconomy } from '@tokenomics/core';
import type { Plugin } from 'graphql-yoga';

/** The tracer's name and the default `service.name` of every span. */
export const TRACING_SERVICE_NAME = 'tokenomics-gateway';

/** Options of {@link startTracing}. */
export interface TracingOptions {
  /**
   * The OTLP/HTTP base endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`, e.g.
   * `http://collector:4318`); spans are posted to `<endpoint>/v1/traces`.
   * Null or absent, and no `exporter`: tracing is off.
   */
  endpoint?: string | null;
  /** `service.name` of the spans (`OTEL_SERVICE_NAME`). Default `tokenomics-gateway`. */
  serviceName?: string;
  /** Export to this exporter instead (tests: `InMemorySpanExporter`), each span as it ends. */
  exporter?: SpanExporter;
}

/** Tracing set up: the tracer the gateway's spans come from, and the way to flush and stop it. */
export interface Tracing {
  readonly tracer: Tracer;
  readonly provider: TracerProvider;
  /** `@envelop/opentelemetry`'s plugin: the execution span. */
  readonly executePlugin: Plugin;
  /** Exports the spans not yet sent. */
  forceFlush(): Promise<void>;
  /** Exports the spans not yet sent, then unregisters the global provider and context manager. */
  shutdown(): Promise<void>;
}

/**
 * Sets up OpenTelemetry tracing when an OTLP endpoint (or an exporter) is
 * given, and does nothing otherwise: with neither it returns null and
 * registers nothing globally, so the gateway creates no span at all.
 *
 * When on, it registers (globally) a Node tracer provider with an
 * AsyncLocalStorage context manager (so spans started in resolvers, adapters
 * and the upstream cache find their request's span) and the W3C
 * `traceparent` propagator (an incoming `traceparent` becomes the request
 * span's parent). Spans go over OTLP/HTTP in batches; `shutdown()` sends the
 * rest (the CLI calls it on SIGTERM).
 *
 * @example
 * ```ts
 * import type { TokenEconomy } from '@tokenomics/core';
 * import { createGateway, startTracing } from '@tokenomics/gateway';
 *
 * declare const adapters: TokenEconomy[];
 *
 * const tracing = await startTracing({ endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT });
 * const gateway = createGateway({ adapters, tracing });
 * process.once('SIGTERM', () => void tracing?.shutdown());
 * ```
 */
export async function startTracing(options: TracingOptions = {}): Promise<Tracing | null> {
  if (!options.exporter && !options.endpoint) return null;
  // Loaded only when tracing is on: a gateway without it does not load the SDK at all.
  const [
    { useOpenTelemetry },
    { resourceFromAttributes },
    { BatchSpanProcessor, SimpleSpanProcessor },
    { NodeTracerProvider },
  ] = await Promise.all([
    import('@envelop/opentelemetry'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/sdk-trace-node'),
  ]);
  let processor: SpanProcessor;
  if (options.exporter) processor = new SimpleSpanProcessor(options.exporter);
  else {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    processor = new BatchSpanProcessor(
      new OTLPTraceExporter({ url: `${String(options.endpoint).replace(/\/+$/, '')}/v1/traces` }),
    );
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? TRACING_SERVICE_NAME }),
    spanProcessors: [processor],
  });
  provider.register();
  let stopped: Promise<void> | undefined;
  return {
    tracer: provider.getTracer(TRACING_SERVICE_NAME),
    provider,
    executePlugin: useOpenTelemetry(
      // No resolver spans (adapter calls get their own), no variables, no results.
      { resolvers: false, variables: false, result: false },
      provider,
      SpanKind.INTERNAL,
      {},
      TRACING_SERVICE_NAME,
      'graphql.execute ',
    ) as Plugin,
    forceFlush: () => provider.forceFlush(),
    shutdown() {
      stopped ??= provider.shutdown().finally(() => {
        trace.disable();
        context.disable();
        propagation.disable();
      });
      return stopped;
    },
  };
}

/** A short, credential-free description of an error for a span's status. */
function errorStatus(error: unknown): string {
  if (isTokenomicsError(error)) return `${error.code}: ${redactUrls(error.message)}`;
  return redactUrls(error instanceof Error ? error.message : String(error));
}

/**
 * Marks `span` failed with `error`: `tokenomics.error.code` for a coded error,
 * and the status ERROR with a URL-redacted message (no stack, no credentials).
 *
 * @example
 * ```ts
 * import { trace } from '@opentelemetry/api';
 * import { failSpan } from '@tokenomics/gateway';
 *
 * declare function work(): Promise<void>;
 * const tracer = trace.getTracer('example');
 *
 * tracer.startActiveSpan('work', async (span) => {
 *   try { await work(); } catch (error) { failSpan(span, error); throw error; } finally { span.end(); }
 * });
 * ```
 */
export function failSpan(span: Span, error: unknown): void {
  if (isTokenomicsError(error)) span.setAttribute('tokenomics.error.code', error.code);
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorStatus(error) });
}

const headerGetter = {
  keys: (headers: Headers) => [...headers.keys()],
  get: (headers: Headers, key: string) => headers.get(key) ?? undefined,
};

/**
 * The gateway's tracing plugins: a span for each HTTP request (`GET /graphql`,
 * `POST /graphql`, …: method, path without the query string, status code),
 * `graphql.parse` and `graphql.validate` spans under it, and
 * `@envelop/opentelemetry`'s execution span (`graphql.execute query.<name>`).
 * Put them last in the plugin list, so the execution span wraps whichever
 * executor runs (compiled plans included).
 *
 * @example
 * ```ts
 * import { startTracing, useTracing } from '@tokenomics/gateway';
 * import { type GraphQLSchema } from 'graphql';
 * import { createYoga } from 'graphql-yoga';
 *
 * declare const schema: GraphQLSchema;
 *
 * const tracing = await startTracing({ endpoint: 'http://127.0.0.1:4318' });
 * createYoga({ schema, plugins: tracing ? useTracing(tracing) : [] });
 * ```
 */
export function useTracing(tracing: Tracing): Plugin[] {
  const { tracer } = tracing;
  const requestSpans = new WeakMap<Request, Span>();
  const phase = (name: string) => (_payload: unknown, wrapped: () => void) => {
    const span = tracer.startSpan(name, { kind: SpanKind.INTERNAL });
    try {
      context.with(trace.setSpan(context.active(), span), wrapped);
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  };
  const requestPlugin: Plugin = {
    instrumentation: {
      request({ request }, wrapped) {
        const url = new URL(request.url);
        const parent: Context = propagation.extract(ROOT_CONTEXT, request.headers, headerGetter);
        const span = tracer.startSpan(
          `${request.method} ${url.pathname}`,
          {
            kind: SpanKind.SERVER,
            attributes: {
              'http.request.method': request.method,
              'url.path': url.pathname,
              'url.scheme': url.protocol.replace(':', ''),
            },
          },
          parent,
        );
        requestSpans.set(request, span);
        return context.with(trace.setSpan(parent, span), async () => {
          try {
            await wrapped();
          } catch (error) {
            failSpan(span, error);
            throw error;
          } finally {
            span.end();
          }
        });
      },
      parse: phase('graphql.parse'),
      validate: phase('graphql.validate'),
    },
    onResponse({ request, response }) {
      const span = requestSpans.get(request);
      if (!span) return;
      span.setAttribute('http.response.status_code', response.status);
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    },
  };
  return [requestPlugin, tracing.executePlugin];
}

/** The adapter methods given a span each (the asynchronous ones of `TokenEconomy`). */
const TRACED_METHODS = new Set([
  'source',
  'parameters',
  'supply',
  'rewards',
  'fees',
  'quoteFee',
  'penalties',
  'simulatePenalty',
  'schedule',
  'writtenSchedule',
  'unlocks',
]);

/**
 * `economy` with a span around each of its asynchronous methods
 * (`adapter.<method>`, attributes `tokenomics.protocol` and
 * `tokenomics.adapter.method`; a failure sets the span's status to its code
 * and a URL-redacted message). A method the adapter lacks stays absent.
 *
 * @example
 * ```ts
 * import { exampleEconomy } from '@tokenomics/core/testing';
 * import { type Tracing, tracedEconomy } from '@tokenomics/gateway';
 *
 * declare const tracing: Tracing; // startTracing(…), when it is on
 *
 * const traced = tracedEconomy(exampleEconomy({ id: 'example' }), tracing.tracer);
 * await traced.supply!(); // one span "adapter.supply", with the upstream reads under it
 * ```
 */
export function tracedEconomy(economy: TokenEconomy, tracer: Tracer): TokenEconomy {
  const wrappers = new Map<PropertyKey, unknown>();
  return new Proxy(economy, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !TRACED_METHODS.has(property) || typeof value !== 'function') {
        return value;
      }
      let wrapper = wrappers.get(property);
      if (!wrapper) {
        const method = value as (...args: unknown[]) => Promise<unknown>;
        wrapper = (...args: unknown[]) =>
          tracer.startActiveSpan(
            `adapter.${property}`,
            {
              kind: SpanKind.INTERNAL,
              attributes: { 'tokenomics.protocol': target.id, 'tokenomics.adapter.method': property },
            },
            async (span) => {
              try {
                return await method.apply(target, args);
              } catch (error) {
                failSpan(span, error);
                throw error;
              } finally {
                span.end();
              }
            },
          );
        wrappers.set(property, wrapper);
      }
      return wrapper;
    },
  });
}
