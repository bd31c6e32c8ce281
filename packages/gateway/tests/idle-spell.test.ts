import type { JsonValue, UpstreamRequest } from '@tokenomics/core';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type CacheEvent, type CacheStore, createCachedReader, memoryStore } from '../src/cache.js';
import { createGateway } from '../src/index.js';
import { countingLiveSource, fixedSupplyAdapter, type ServedGateway, serveOnLoopback } from './fixtures.js';

/**
 * After an idle spell the cache's entries are old, but nothing says the
 * upstream fails: a reader then waits (within the upstream budget) for the
 * refresh instead of serving the old value stale, and falls back to it only
 * when that refresh fails. A new instance on a shared store (a new worker, a
 * restart, a scale-out) answers its first request; an instance with a good
 * state answers fresh, and /health stays ok.
 */
const T0 = Date.parse('2026-01-01T00:00:00Z');
const QUERY = '{ protocol(id: "idle") { source { stale description } supply { total circulating } } }';

const servers: ServedGateway[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** The source's request for one key, as its own read makes it (same key, same answer). */
function request(key: 'supply' | 'treasury', amount: string): UpstreamRequest<JsonValue> {
  return { key: `idle:${key}`, resource: `GET /${key}`, load: async () => ({ amount }) };
}

/** One store with the source's two keys cached 10 s apart by an earlier instance, then 120 s of quiet. */
async function idleStore() {
  const clock = { ms: T0 };
  const now = () => clock.ms;
  const store: CacheStore = memoryStore();
  const earlier = createCachedReader({ store, ttlSeconds: 30, now });
  await earlier.read(request('supply', '1000'));
  clock.ms += 10_000;
  await earlier.read(request('treasury', '250'));
  clock.ms += 120_000;
  return { store, clock, now };
}

/** A gateway over real HTTP serving the counting live source through a reader on `store`. */
async function serve(store: CacheStore, now: () => number, fail = false) {
  const { source, counter } = countingLiveSource('idle');
  counter.fail = fail;
  const events: CacheEvent[] = [];
  const gateway = createGateway({
    adapters: [fixedSupplyAdapter('idle', source)],
    reader: createCachedReader({
      store,
      ttlSeconds: 30,
      timeoutMs: 500,
      retries: 0,
      now,
      onEvent: (event) => events.push(event),
    }),
    now: () => new Date(now()),
    responseCache: false,
    drainGraceMs: 0,
    logger: pino({ level: 'silent' }),
  });
  const served = await serveOnLoopback(gateway);
  servers.push(served);
  return { ...served, counter, events };
}

describe('after an idle spell, with the upstream healthy', () => {
  it('a new reader on the shared store: its first read is the refreshed state, not a failure', async () => {
    const { store, now } = await idleStore();
    const { source } = countingLiveSource('idle');
    const economy = fixedSupplyAdapter('idle', source);
    const reader = createCachedReader({ store, ttlSeconds: 30, timeoutMs: 500, now });
    const ctx = { reader, now: new Date(now()) };
    const supply = await economy.supply!({}, ctx);
    expect(supply.total.toFixed()).toBe('1000');
    expect(supply.circulating.toFixed()).toBe('750');
    const info = await economy.source(ctx);
    expect(info.stale).toBe(false);
    expect(info.fetchedAt).toEqual(new Date(now()));
  });

  it('a new instance over HTTP: its first answer is fresh, and /health is ok', async () => {
    const { store, now } = await idleStore();
    const gateway = await serve(store, now);
    const { status, body } = await gateway.post(QUERY);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.protocol).toEqual({
      source: { stale: false, description: 'test chain idle' },
      supply: { total: '1000', circulating: '750' },
    });
    // One read of each key: the refresh the request waited for.
    expect(Object.fromEntries(gateway.counter.loads)).toEqual({ supply: 1, treasury: 1 });
    expect(gateway.events.some((event) => event.type === 'stale')).toBe(false);
    const health = await (await gateway.get('/health')).json();
    expect(health.status).toBe('ok');
  });

  it('an instance with a good state answers fresh after a quiet spell, and /health stays ok', async () => {
    const clock = { ms: T0 };
    const now = () => clock.ms;
    const gateway = await serve(memoryStore(), now);
    expect((await gateway.post(QUERY)).body.data.protocol.source.stale).toBe(false);
    clock.ms += 120_000;
    const { body } = await gateway.post(QUERY);
    expect(body.errors).toBeUndefined();
    expect(body.data.protocol).toEqual({
      source: { stale: false, description: 'test chain idle' },
      supply: { total: '1000', circulating: '750' },
    });
    expect((await (await gateway.get('/health')).json()).status).toBe('ok');
    expect(Object.fromEntries(gateway.counter.loads)).toEqual({ supply: 2, treasury: 2 });
  });

  it('when the awaited refresh fails, the last good state is served, stale, as failed', async () => {
    const clock = { ms: T0 };
    const now = () => clock.ms;
    const gateway = await serve(memoryStore(), now);
    await gateway.post(QUERY);
    clock.ms += 120_000;
    gateway.counter.fail = true;
    const { body } = await gateway.post(QUERY);
    expect(body.errors).toBeUndefined();
    expect(body.data.protocol.supply).toEqual({ total: '1000', circulating: '750' });
    expect(body.data.protocol.source.stale).toBe(true);
    expect(body.data.protocol.source.description).toMatch(/GET \/supply failed .*GET \/treasury failed/);
    expect(body.data.protocol.source.description).not.toMatch(/out of date/);
    expect((await (await gateway.get('/health')).json()).status).toBe('degraded');
  });

  it('within TTL + budget an expired value is still served at once while one refresh runs', async () => {
    const clock = { ms: T0 };
    const now = () => clock.ms;
    const gateway = await serve(memoryStore(), now);
    await gateway.post(QUERY);
    clock.ms += 30_200;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The upstream is slow: an answer served at once does not wait for it.
    gateway.counter.gate = gate;
    const { body } = await gateway.post(QUERY);
    release();
    expect(body.data.protocol.source.stale).toBe(false);
    expect(gateway.events.filter((event) => event.type === 'revalidate')).toHaveLength(2);
  });
});
