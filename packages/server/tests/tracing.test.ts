import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  context,
  createContextKey,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { SYNTERNET_GENESIS_STATE } from '@tokenomics/adapter-synternet/testing';
import { type FakeLcd, startFakeLcd } from '@tokenomics/cosmos-rest/testing';
import { createGateway, startTracing, type Tracing } from '@tokenomics/gateway';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ServedGateway, serveOnLoopback } from '../../gateway/tests/fixtures.js';
import { createAdapters, loadConfig } from './server-config.js';

/**
 * Tracing on, with an in-memory exporter: a gateway over real HTTP on
 * 127.0.0.1, Synternet live against a loopback fake LCD reached through a
 * URL with credentials and an API key, which no span may carry.
 */
const LEAK = /\bpass\b|SECRET|user:|dXNlcjpwYXNz/;
const QUERY = '{ protocol(id: "synternet") { id supply { total circulating } } }';

let lcd: FakeLcd;
let tracing: Tracing;
const exporter = new InMemorySpanExporter();

beforeAll(async () => {
  lcd = await startFakeLcd({ base: SYNTERNET_GENESIS_STATE });
  const started = await startTracing({ exporter });
  if (!started) throw new Error('tracing with an exporter must start');
  tracing = started;
});
afterAll(async () => {
  await tracing?.shutdown();
  await lcd?.close();
});
beforeEach(() => exporter.reset());

const withSecrets = (url: string) =>
  `${url.replace(/\/$/, '').replace('http://', 'http://user:pass@')}/?apikey=SECRET`;

async function gatewayOverFakeLcd(responseCache = true): Promise<ServedGateway> {
  const config = loadConfig({
    cwd: mkdtempSync(join(tmpdir(), 'tokenomics-tracing-')),
    env: { SYNTERNET_LCD_URL: withSecrets(lcd.url) },
  });
  const adapters = (await createAdapters(config)).filter((adapter) => adapter.id === 'synternet');
  return serveOnLoopback(
    createGateway({
      adapters,
      tracing,
      responseCache,
      drainGraceMs: 0,
      upstreamTimeoutMs: 2_000,
      logger: pino({ level: 'silent' }),
    }),
  );
}

/** The finished spans once `done` holds of them (the request span ends just after its answer is sent). */
async function spansWhen(done: (spans: ReadableSpan[]) => boolean): Promise<ReadableSpan[]> {
  for (let i = 0; i < 250; i++) {
    const spans = exporter.getFinishedSpans();
    if (done(spans)) return spans;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`spans never complete: ${exporter.getFinishedSpans().map((span) => span.name)}`);
}

const isRequest = (span: ReadableSpan) => span.kind === SpanKind.SERVER && span.name === 'POST /graphql';

/** The names of `span`'s ancestors, nearest first, following parent span ids within `spans`. */
function ancestors(span: ReadableSpan, spans: readonly ReadableSpan[]): ReadableSpan[] {
  const byId = new Map(spans.map((each) => [each.spanContext().spanId, each]));
  const found: ReadableSpan[] = [];
  let parentId = span.parentSpanContext?.spanId;
  for (let depth = 0; parentId !== undefined && depth < 50; depth++) {
    const parent = byId.get(parentId);
    if (!parent) break;
    found.push(parent);
    parentId = parent.parentSpanContext?.spanId;
  }
  return found;
}

/** Everything a span exports that could carry text: name, attributes, status, events, links. */
function exportedText(span: ReadableSpan): string {
  return JSON.stringify({
    name: span.name,
    attributes: span.attributes,
    status: span.status,
    events: span.events,
    links: span.links.map((link) => link.attributes ?? {}),
    resource: span.resource.attributes,
  });
}

describe('tracing on (in-memory exporter)', () => {
  it('registers a provider, an AsyncLocalStorage context manager and the W3C propagator', async () => {
    expect(trace.getTracerProvider().getTracer('probe').startSpan('probe').isRecording()).toBe(true);
    const key = createContextKey('probe');
    const seen = await context.with(ROOT_CONTEXT.setValue(key, 1), async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return context.active().getValue(key);
    });
    expect(seen).toBe(1);
    expect(propagation.fields()).toContain('traceparent');
  });

  it('puts the upstream reads under the request span, with parse, validate, execute and adapter spans', async () => {
    const served = await gatewayOverFakeLcd();
    try {
      const { status, body } = await served.post(QUERY);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data.protocol.id).toBe('synternet');
      expect(body.data.protocol.supply.total).toMatch(/^\d+(\.\d+)?$/);

      const spans = await spansWhen((all) => all.some(isRequest));
      const request = spans.filter(isRequest);
      expect(request).toHaveLength(1);
      const root = request[0] as ReadableSpan;
      expect(root.parentSpanContext).toBeUndefined();
      expect(root.attributes['http.request.method']).toBe('POST');
      expect(root.attributes['url.path']).toBe('/graphql');
      expect(root.attributes['http.response.status_code']).toBe(200);
      expect(root.resource.attributes['service.name']).toBe('tokenomics-gateway');
      const traceId = root.spanContext().traceId;
      // One trace: every span of the request carries its trace id.
      expect(spans.every((span) => span.spanContext().traceId === traceId)).toBe(true);

      const named = (name: string) => spans.filter((span) => span.name === name);
      for (const phase of ['graphql.parse', 'graphql.validate']) {
        expect(named(phase)).toHaveLength(1);
        expect(ancestors(named(phase)[0] as ReadableSpan, spans)[0]).toBe(root);
      }
      const execute = spans.filter((span) => span.name.startsWith('graphql.execute '));
      expect(execute.map((span) => span.name)).toEqual(['graphql.execute query.anonymous']);
      expect(execute[0]?.attributes['graphql.execute.operationType']).toBe('query');
      expect(ancestors(execute[0] as ReadableSpan, spans)).toContain(root);

      const adapterSupply = named('adapter.supply');
      expect(adapterSupply.length).toBeGreaterThanOrEqual(1);
      expect(adapterSupply[0]?.attributes['tokenomics.protocol']).toBe('synternet');
      expect(ancestors(adapterSupply[0] as ReadableSpan, spans)).toContain(execute[0]);

      // The upstream reads: each under the request span (through execute and the adapter call).
      const reads = named('upstream.read');
      expect(reads.length).toBeGreaterThanOrEqual(2);
      for (const read of reads) {
        const chain = ancestors(read, spans);
        expect(chain).toContain(root);
        expect(chain.some((span) => span.name.startsWith('adapter.'))).toBe(true);
        expect(read.attributes['tokenomics.upstream.resource']).toMatch(/^[A-Z]+ /);
        expect(read.attributes['tokenomics.upstream.outcome']).toBe('ok');
        // A first request: nothing cached yet; concurrent reads of one resource join the first.
        expect(['miss', 'coalesced']).toContain(read.attributes['tokenomics.cache']);
      }
      // Each miss loaded its resource upstream once, in an upstream.load span right under it.
      const misses = reads.filter((read) => read.attributes['tokenomics.cache'] === 'miss');
      expect(misses.length).toBeGreaterThanOrEqual(2);
      const loads = named('upstream.load');
      expect(loads).toHaveLength(misses.length);
      for (const load of loads) {
        expect(load.kind).toBe(SpanKind.CLIENT);
        expect(load.attributes['tokenomics.upstream.outcome']).toBe('ok');
        const parent = ancestors(load, spans)[0];
        expect(parent?.name).toBe('upstream.read');
        expect(parent?.attributes['tokenomics.upstream.resource']).toBe(
          load.attributes['tokenomics.upstream.resource'],
        );
      }
      // The fake LCD was really asked, once per missed resource path at most.
      expect(Object.values(lcd.requestCounts()).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);

      // No span carries the upstream URL's credentials or API key (nor the URL at all).
      for (const span of spans) {
        expect(exportedText(span)).not.toMatch(LEAK);
        expect(exportedText(span)).not.toContain(lcd.url.replace('http://', ''));
      }
    } finally {
      await served.close();
    }
  });

  it('marks a second read as a cache hit, still under its own request span', async () => {
    const served = await gatewayOverFakeLcd(false);
    try {
      expect((await served.post(QUERY)).status).toBe(200);
      await spansWhen((all) => all.some(isRequest));
      exporter.reset();
      lcd.resetCounts();
      expect((await served.post(QUERY)).status).toBe(200);
      const spans = await spansWhen((all) => all.some(isRequest));
      const root = spans.find(isRequest) as ReadableSpan;
      // The second run of a query shape is a compiled plan: it runs inside the execution span too.
      const execute = spans.filter((span) => span.name === 'graphql.execute query.anonymous');
      expect(execute).toHaveLength(1);
      const reads = spans.filter((span) => span.name === 'upstream.read');
      expect(reads.length).toBeGreaterThanOrEqual(2);
      for (const read of reads) {
        expect(ancestors(read, spans)).toContain(execute[0]);
        expect(read.attributes['tokenomics.cache']).toBe('hit');
        expect(ancestors(read, spans)).toContain(root);
      }
      expect(spans.filter((span) => span.name === 'upstream.load')).toHaveLength(0);
      expect(Object.values(lcd.requestCounts()).reduce((sum, count) => sum + count, 0)).toBe(0);
    } finally {
      await served.close();
    }
  });

  it('gives a read that joins another its own span under its request, linked to the read it shares', async () => {
    const served = await gatewayOverFakeLcd(false);
    // Every LCD answer takes 300 ms, so the second request's reads find the first one's in flight.
    lcd.setFault('*', { kind: 'slow', delayMs: 300 });
    try {
      const first = served.post(QUERY);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = served.post(QUERY);
      expect((await first).status).toBe(200);
      expect((await second).status).toBe(200);
      const spans = await spansWhen((all) => all.filter(isRequest).length === 2);
      const roots = spans.filter(isRequest);
      const rootOf = (span: ReadableSpan) => ancestors(span, spans).find(isRequest);
      const reads = spans.filter((span) => span.name === 'upstream.read');
      const coalesced = reads.filter((read) => read.attributes['tokenomics.cache'] === 'coalesced');
      expect(coalesced.length).toBeGreaterThanOrEqual(1);
      for (const read of coalesced) {
        // Under its own request's span…
        expect(roots).toContain(rootOf(read));
        expect(read.links).toHaveLength(1);
        const linked = spans.find(
          (span) => span.spanContext().spanId === read.links[0]?.context.spanId,
        ) as ReadableSpan;
        // …linked to the read that did the work: a miss of the same resource, under the other request.
        expect(linked.name).toBe('upstream.read');
        expect(linked.attributes['tokenomics.cache']).toBe('miss');
        expect(linked.attributes['tokenomics.upstream.resource']).toBe(
          read.attributes['tokenomics.upstream.resource'],
        );
        expect(roots).toContain(rootOf(linked));
        expect(rootOf(linked)).not.toBe(rootOf(read));
        expect(read.attributes['tokenomics.upstream.outcome']).toBe('ok');
      }
    } finally {
      lcd.setFault('*', null);
      await served.close();
    }
  });

  it('marks a failed upstream read as an error without its URL', async () => {
    lcd.setFault('*', { kind: 'status', status: 500 });
    const served = await gatewayOverFakeLcd(false);
    try {
      const { body } = await served.post(QUERY);
      expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      const spans = await spansWhen((all) => all.some(isRequest));
      const failed = spans.filter(
        (span) => span.name === 'upstream.load' && span.attributes['tokenomics.upstream.outcome'] === 'error',
      );
      expect(failed.length).toBeGreaterThanOrEqual(1);
      for (const span of failed) expect(span.status.code).toBe(SpanStatusCode.ERROR);
      const adapter = spans.filter((span) => span.name === 'adapter.supply');
      expect(adapter[0]?.status.code).toBe(SpanStatusCode.ERROR);
      expect(adapter[0]?.attributes['tokenomics.error.code']).toBe('UPSTREAM_UNAVAILABLE');
      for (const span of spans) expect(exportedText(span)).not.toMatch(LEAK);
    } finally {
      lcd.setFault('*', null);
      await served.close();
    }
  });

  it('continues the caller’s trace from a traceparent header', async () => {
    const served = await gatewayOverFakeLcd();
    try {
      const response = await fetch(served.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        },
        body: JSON.stringify({ query: '{ protocols { id } }' }),
      });
      expect(response.status).toBe(200);
      const spans = await spansWhen((all) => all.some(isRequest));
      const root = spans.find(isRequest) as ReadableSpan;
      expect(root.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
      expect(root.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    } finally {
      await served.close();
    }
  });
});
