import { type JsonValue, TokenomicsError, type UpstreamRequest } from '@tokenomics/core';
import { describe, expect, it, vi } from 'vitest';
import {
  type CacheEvent,
  type CacheStore,
  createCachedReader,
  keyvStore,
  memoryStore,
} from '../src/cache.js';
import { cacheKey } from '../src/cache-key.js';

/** An upstream resource that counts its reads and can be told to fail or wait. */
interface CountingResource {
  reads: number;
  value: JsonValue;
  fail: boolean;
  gate: Promise<void> | undefined;
  request: UpstreamRequest<JsonValue>;
}

function countingResource(key = 'chain:pool'): CountingResource {
  const resource: CountingResource = {
    reads: 0,
    value: { bonded: '504000000000000' },
    fail: false,
    gate: undefined,
    request: {
      key,
      resource: 'GET /pool',
      load: async () => {
        resource.reads++;
        if (resource.gate) await resource.gate;
        if (resource.fail) throw new Error('connection refused');
        return resource.value;
      },
    },
  };
  return resource;
}

function clock(start = Date.parse('2026-01-01T00:00:00Z')) {
  const state = { ms: start };
  return { now: () => state.ms, advance: (seconds: number) => (state.ms += seconds * 1000), state };
}

describe('createCachedReader', () => {
  it('reads once per TTL: a miss, hits while fresh, then the expired value at once while one read replaces it', async () => {
    const time = clock();
    const events: CacheEvent['type'][] = [];
    const reader = createCachedReader({
      store: keyvStore(),
      ttlSeconds: 30,
      now: time.now,
      onEvent: (event) => events.push(event.type),
    });
    const pool = countingResource();
    const first = await reader.read(pool.request);
    expect(first).toEqual({ value: pool.value, fetchedAt: new Date(time.now()), stale: false });
    time.advance(29);
    expect((await reader.read(pool.request)).fetchedAt).toEqual(first.fetchedAt);
    expect(pool.reads).toBe(1);
    time.advance(1);
    pool.value = { bonded: '1' };
    // Expired: the last value at once (being refreshed, so not stale), and one background read.
    expect(await reader.read(pool.request)).toEqual({ ...first, stale: false });
    await vi.waitFor(() => expect(pool.reads).toBe(2));
    await vi.waitFor(async () => expect((await reader.read(pool.request)).value).toEqual({ bonded: '1' }));
    expect(pool.reads).toBe(2);
    expect(events.slice(0, 5)).toEqual(['miss', 'upstream', 'hit', 'revalidate', 'upstream']);
    expect(events.at(-1)).toBe('hit');
  });

  it('coalesces 100 concurrent misses of one key into one upstream read', async () => {
    const reader = createCachedReader({ store: keyvStore(), ttlSeconds: 30 });
    const pool = countingResource();
    let open!: () => void;
    pool.gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const reads = Array.from({ length: 100 }, () => reader.read(pool.request));
    open();
    const values = await Promise.all(reads);
    expect(pool.reads).toBe(1);
    expect(new Set(values.map((value) => JSON.stringify(value.value)))).toEqual(
      new Set([JSON.stringify(pool.value)]),
    );
  });

  it('serves the last good value, flagged stale with its age, when the upstream fails', async () => {
    const time = clock();
    const events: CacheEvent['type'][] = [];
    const reader = createCachedReader({
      store: keyvStore(),
      ttlSeconds: 30,
      now: time.now,
      onEvent: (event) => events.push(event.type),
    });
    const pool = countingResource();
    const good = await reader.read(pool.request);
    time.advance(120);
    pool.fail = true;
    // Older than TTL + budget, no failure known: the read waits for the refresh, which fails.
    const stale = await reader.read(pool.request);
    expect(stale).toEqual({
      value: good.value,
      fetchedAt: good.fetchedAt,
      stale: true,
      staleReason: 'failed',
    });
    // The first read, then the failed one with its two retries.
    expect(pool.reads).toBe(4);
    expect(events.slice(2)).toEqual(['expired', 'upstream', 'stale']);
    // Known to fail now: at once, stale, while one background read tries again.
    expect(await reader.read(pool.request)).toEqual(stale);
    await vi.waitFor(() => expect(pool.reads).toBe(7));
  });

  it('after an idle spell, waits for the refresh of an old value and serves the new one, not the old one stale', async () => {
    const time = clock();
    const reader = createCachedReader({ store: keyvStore(), ttlSeconds: 30, now: time.now });
    const pool = countingResource();
    await reader.read(pool.request);
    time.advance(120);
    pool.value = { bonded: '1' };
    expect(await reader.read(pool.request)).toEqual({
      value: { bonded: '1' },
      fetchedAt: new Date(time.now()),
      stale: false,
    });
    expect(pool.reads).toBe(2);
  });

  it('two readers on one store: keys cached 10 s apart, 120 s idle, the new reader reads both fresh', async () => {
    const time = clock();
    const store = memoryStore();
    const first = createCachedReader({ store, ttlSeconds: 30, now: time.now });
    const supply = countingResource('chain:supply');
    const treasury = countingResource('chain:treasury');
    await first.read(supply.request);
    time.advance(10);
    await first.read(treasury.request);
    time.advance(120);
    // A new worker, a restart, a scale-out: a reader that knows nothing of the upstream's health.
    const second = createCachedReader({ store, ttlSeconds: 30, now: time.now });
    const fetchedAt = new Date(time.now());
    const reads = await Promise.all([second.read(supply.request), second.read(treasury.request)]);
    expect(reads).toEqual([
      { value: supply.value, fetchedAt, stale: false },
      { value: treasury.value, fetchedAt, stale: false },
    ]);
    expect([supply.reads, treasury.reads]).toEqual([2, 2]);
    // And what it stored is fresh for the first reader too.
    expect(await first.read(supply.request)).toEqual({ value: supply.value, fetchedAt, stale: false });
    expect(supply.reads).toBe(2);
  });

  it('an old value whose refresh is still running at the end of the budget: served stale, as out of date', async () => {
    const time = clock();
    const memory = memoryStore();
    let storing: Promise<void> | undefined;
    // A store whose write hangs: the refresh has its value but has not ended when the budget is up.
    const slow: CacheStore = {
      ...memory,
      set: async (...args) => {
        if (storing) await storing;
        return memory.set(...args);
      },
    };
    const reader = createCachedReader({ store: slow, ttlSeconds: 30, timeoutMs: 100, now: time.now });
    const pool = countingResource();
    const good = await reader.read(pool.request);
    time.advance(120);
    let open!: () => void;
    storing = new Promise<void>((resolve) => {
      open = resolve;
    });
    const started = performance.now();
    expect(await reader.read(pool.request)).toEqual({ ...good, stale: true, staleReason: 'expired' });
    expect(performance.now() - started).toBeLessThan(1_000);
    open();
  });

  it('fails with the coded error when the upstream fails and nothing was ever read', async () => {
    const reader = createCachedReader({ store: keyvStore(), ttlSeconds: 30 });
    const pool = countingResource();
    pool.fail = true;
    await expect(reader.read(pool.request)).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: 'GET /pool failed: connection refused',
    });
    await expect(reader.read(pool.request)).rejects.toBeInstanceOf(TokenomicsError);
  });

  it('times out a hanging upstream within the budget', async () => {
    const reader = createCachedReader({ store: keyvStore(), ttlSeconds: 30, timeoutMs: 50 });
    const pool = countingResource();
    pool.gate = new Promise(() => {});
    await expect(reader.read(pool.request)).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: 'GET /pool did not answer within 50 ms',
    });
  });

  it('keeps amounts exact through the store (JSON text, never floats)', async () => {
    const reader = createCachedReader({ store: keyvStore(), ttlSeconds: 30 });
    const pool = countingResource();
    pool.value = { amount: '240000000000000000123456789' };
    await reader.read(pool.request);
    expect((await reader.read(pool.request)).value).toEqual({ amount: '240000000000000000123456789' });
    expect(pool.reads).toBe(1);
  });

  it('reads through when the store itself fails', async () => {
    const broken: CacheStore = {
      get: async () => {
        throw new Error('store down');
      },
      set: async () => {
        throw new Error('store down');
      },
      delete: async () => {},
      close: async () => {},
    };
    const events: string[] = [];
    const reader = createCachedReader({ store: broken, onEvent: (event) => events.push(event.type) });
    const pool = countingResource();
    expect((await reader.read(pool.request)).value).toEqual(pool.value);
    expect(events).toContain('store-error');
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('stale-while-revalidate', () => {
  it('answers at once with the last good value while the upstream hangs, with one refresh', async () => {
    const time = clock();
    // A 10 s budget: a reader that waited for the upstream would take that long.
    const reader = createCachedReader({
      store: memoryStore(),
      ttlSeconds: 30,
      timeoutMs: 10_000,
      now: time.now,
    });
    const pool = countingResource();
    const good = await reader.read(pool.request);
    time.advance(31);
    pool.gate = new Promise(() => {});
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 50 }, () => reader.read(pool.request)));
    for (const answer of answers) expect(answer).toEqual({ ...good, stale: false });
    time.advance(1);
    expect(await reader.read(pool.request)).toEqual({ ...good, stale: false });
    // A safety bound far below the budget, not a speed test.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(pool.reads).toBe(2);
  });

  it('flags the value stale once its refresh has failed', async () => {
    const time = clock();
    const reader = createCachedReader({ store: memoryStore(), ttlSeconds: 30, retries: 0, now: time.now });
    const pool = countingResource();
    const good = await reader.read(pool.request);
    time.advance(31);
    pool.fail = true;
    expect(await reader.read(pool.request)).toEqual({ ...good, stale: false });
    await vi.waitFor(() => expect(pool.reads).toBe(2));
    await vi.waitFor(async () =>
      expect(await reader.read(pool.request)).toEqual({ ...good, stale: true, staleReason: 'failed' }),
    );
  });
});

describe('the circuit of a failing upstream', () => {
  it('after N failed reads in a row, skips the upstream for the cool-down, then tries it once', async () => {
    const events: CacheEvent['type'][] = [];
    const reader = createCachedReader({
      store: memoryStore(),
      retries: 0,
      circuit: { failures: 3, cooldownMs: 300 },
      onEvent: (event) => events.push(event.type),
    });
    const pool = countingResource();
    pool.fail = true;
    for (let i = 0; i < 3; i++)
      await expect(reader.read(pool.request)).rejects.toMatchObject({
        message: 'GET /pool failed: connection refused',
      });
    expect(pool.reads).toBe(3);
    for (let i = 0; i < 5; i++)
      await expect(reader.read(pool.request)).rejects.toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
        details: { resource: 'GET /pool', reason: 'circuit-open' },
      });
    expect(pool.reads).toBe(3);
    await sleep(350);
    pool.fail = false;
    expect((await reader.read(pool.request)).value).toEqual(pool.value);
    expect(pool.reads).toBe(4);
    expect(events.filter((type) => type.startsWith('circuit'))).toEqual([
      'circuit-break',
      ...Array(5).fill('circuit-open'),
      'circuit-reset',
    ]);
  });

  it('serves the last good value at once, stale, while the circuit is open', async () => {
    const time = clock();
    const reader = createCachedReader({
      store: memoryStore(),
      retries: 0,
      now: time.now,
      circuit: { failures: 2, cooldownMs: 60_000 },
    });
    const pool = countingResource();
    const good = await reader.read(pool.request);
    time.advance(31);
    pool.fail = true;
    // Two failed background refreshes open the circuit.
    await reader.read(pool.request);
    await vi.waitFor(() => expect(pool.reads).toBe(2));
    await vi.waitFor(async () => {
      await reader.read(pool.request);
      expect(pool.reads).toBe(3);
    });
    await sleep(20);
    for (let i = 0; i < 10; i++)
      expect(await reader.read(pool.request)).toEqual({ ...good, stale: true, staleReason: 'failed' });
    await sleep(20);
    expect(pool.reads).toBe(3);
  });
});

describe('entries read from the store', () => {
  const digits = (value: JsonValue) => {
    const bonded = (value as { bonded?: unknown }).bonded;
    if (typeof bonded !== 'string' || !/^[0-9]+$/.test(bonded)) throw new Error('bonded: expected digits');
    return value;
  };

  async function tampered(entry: unknown) {
    const time = clock();
    const store = memoryStore();
    const events: CacheEvent[] = [];
    const reader = createCachedReader({
      store,
      ttlSeconds: 30,
      now: time.now,
      onEvent: (e) => events.push(e),
    });
    const pool = countingResource();
    pool.request.parse = digits;
    await reader.read(pool.request);
    const text = typeof entry === 'function' ? entry(time.now()) : entry;
    await store.set(
      cacheKey(pool.request.key),
      typeof text === 'string' ? text : JSON.stringify(text),
      60_000,
    );
    const read = await reader.read(pool.request);
    return { read, pool, events, time };
  }

  it('ignores an entry that fails the request’s own validation, and reads upstream', async () => {
    const { read, pool, events } = await tampered((now: number) => ({ v: { bonded: 7 }, t: now }));
    expect(read.value).toEqual({ bonded: '504000000000000' });
    expect(pool.reads).toBe(2);
    expect(events).toContainEqual(expect.objectContaining({ type: 'invalid-entry', reason: 'shape' }));
  });

  it('ignores an entry dated in the future beyond the clock skew', async () => {
    const { read, pool, events } = await tampered((now: number) => ({
      v: { bonded: '7' },
      t: now + 3_600_000,
    }));
    expect(read).toMatchObject({ value: { bonded: '504000000000000' }, stale: false });
    expect(pool.reads).toBe(2);
    expect(events).toContainEqual(expect.objectContaining({ type: 'invalid-entry', reason: 'future' }));
  });

  it('accepts an entry a little ahead (another instance’s clock), within the skew', async () => {
    const { read, pool } = await tampered((now: number) => ({ v: { bonded: '7' }, t: now + 2_000 }));
    expect(read.value).toEqual({ bonded: '7' });
    expect(pool.reads).toBe(1);
  });

  it.each([
    ['not JSON', '{"v":', 'json'],
    ['JSON of another shape', { value: { bonded: '7' } }, 'shape'],
    ['a read time that is not a number', { v: { bonded: '7' }, t: '2026-01-01' }, 'shape'],
  ])('ignores an entry that is %s', async (_name, entry, reason) => {
    const { read, pool, events } = await tampered(entry);
    expect(read.value).toEqual({ bonded: '504000000000000' });
    expect(pool.reads).toBe(2);
    expect(events).toContainEqual(expect.objectContaining({ type: 'invalid-entry', reason }));
  });

  it('are stored under a versioned hash of the request key, never the key itself', async () => {
    const keys: string[] = [];
    const inner = memoryStore();
    const recording: CacheStore = {
      ...inner,
      get: (key) => {
        keys.push(key);
        return inner.get(key);
      },
      set: (key, value, ttl) => {
        keys.push(key);
        return inner.set(key, value, ttl);
      },
    };
    const events: CacheEvent[] = [];
    const reader = createCachedReader({ store: recording, onEvent: (event) => events.push(event) });
    const pool = countingResource('GET http://user:pass@127.0.0.1:9/pool?apikey=SECRET');
    pool.request.resource = undefined;
    await reader.read(pool.request);
    expect(new Set(keys)).toEqual(new Set([cacheKey(pool.request.key)]));
    expect(cacheKey(pool.request.key)).toMatch(/^v2:[0-9a-f]{64}$/);
    expect(JSON.stringify(events)).not.toMatch(/pass|SECRET/);
    expect(events[0]).toMatchObject({ resource: 'GET http://127.0.0.1:9/…' });
  });
});
