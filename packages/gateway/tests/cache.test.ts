import { type JsonValue, TokenomicsError, type UpstreamRequest } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { type CacheEvent, type CacheStore, createCachedReader, keyvStore } from '../src/cache.js';

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
  it('reads once per TTL: a miss, hits while fresh, a new read after the TTL', async () => {
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
    expect((await reader.read(pool.request)).value).toEqual({ bonded: '1' });
    expect(pool.reads).toBe(2);
    expect(events).toEqual(['miss', 'upstream', 'hit', 'miss', 'upstream']);
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
    const reader = createCachedReader({ store: keyvStore(), ttlSeconds: 30, now: time.now });
    const pool = countingResource();
    const good = await reader.read(pool.request);
    time.advance(120);
    pool.fail = true;
    const stale = await reader.read(pool.request);
    expect(stale).toEqual({ value: good.value, fetchedAt: good.fetchedAt, stale: true });
    // The first read, then the failed one with its two retries.
    expect(pool.reads).toBe(4);
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
