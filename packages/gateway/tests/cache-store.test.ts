import type { JsonValue, UpstreamRequest } from '@tokenomics/core';
import { describe, expect, it, vi } from 'vitest';
import {
  type CacheEvent,
  type CacheStore,
  createCachedReader,
  guardStore,
  memoryStore,
  redisStore,
  type StoreEvent,
} from '../src/cache.js';
import { closedRedisUrl } from './redis-server.js';

/** A store that answers from memory, or hangs (never settles) when told to; counts the calls it gets. */
function switchableStore() {
  const inner = memoryStore();
  const state = { hanging: false, calls: 0 };
  const hang = <T>(run: () => Promise<T>) => {
    state.calls++;
    return state.hanging ? new Promise<T>(() => {}) : run();
  };
  const store: CacheStore = {
    kind: 'redis',
    get: (key) => hang(() => inner.get(key)),
    set: (key, value, ttl) => hang(() => inner.set(key, value, ttl)),
    delete: (key) => hang(() => inner.delete(key)),
    ping: () => hang(async () => {}),
    close: () => inner.close(),
  };
  return { store, state };
}

function countingRequest(key = 'chain:pool'): UpstreamRequest<JsonValue> & { reads: number } {
  const request = {
    key,
    resource: 'GET /pool',
    reads: 0,
    load: async () => {
      request.reads++;
      return { bonded: '504000000000000' };
    },
  };
  return request;
}

describe('guardStore', () => {
  it('bounds every operation of a store that hangs, then bypasses it for memory until it answers', async () => {
    const { store, state } = switchableStore();
    const events: StoreEvent['type'][] = [];
    const guarded = guardStore(store, {
      opTimeoutMs: 50,
      failures: 2,
      retryAfterMs: 300,
      onEvent: (event) => events.push(event.type),
    });
    const reader = createCachedReader({ store: guarded, ttlSeconds: 30 });
    const request = countingRequest();
    expect(await guarded.health()).toEqual({ store: 'redis', status: 'ok' });

    state.hanging = true;
    const started = performance.now();
    // The first read: a get and a set that time out (the breaker opens), then the upstream.
    expect((await reader.read(request)).value).toEqual({ bonded: '504000000000000' });
    expect([...events].sort()).toEqual(['store-down', 'store-error', 'store-error']);
    const callsWhenDown = state.calls;
    // Bypassed: later reads come from memory, without calling the store or the upstream.
    for (let i = 0; i < 20; i++)
      expect((await reader.read(request)).value).toEqual({ bonded: '504000000000000' });
    expect(state.calls).toBe(callsWhenDown);
    expect(request.reads).toBe(1);
    expect(await guarded.health()).toEqual({ store: 'redis', status: 'degraded' });
    // A safety bound: far below what a hanging store would cost (forever).
    expect(performance.now() - started).toBeLessThan(2_000);

    state.hanging = false;
    await vi.waitFor(async () => expect(await guarded.health()).toEqual({ store: 'redis', status: 'ok' }), {
      timeout: 3_000,
      interval: 50,
    });
    expect(events.at(-1)).toBe('store-up');
    await guarded.close();
  });

  it('reports a memory store as it is, with no fallback of its own', async () => {
    const guarded = guardStore(memoryStore());
    expect(await guarded.health()).toEqual({ store: 'memory', status: 'ok' });
    await guarded.set('k', 'v', 1_000);
    expect(await guarded.get('k')).toBe('v');
  });

  it("names a failed operation's resource (URLs redacted) and the error's code, never the request key", async () => {
    const inner = memoryStore();
    const failing: CacheStore = {
      ...inner,
      kind: 'redis',
      get: async () => {
        throw Object.assign(new Error('READONLY at redis://:pw@10.0.0.5:6379'), { code: 'ECONNRESET' });
      },
      set: async () => {
        throw Object.assign(new Error('write failed'), { code: 'a code\nwith https://u:pw@h/ in it' });
      },
    };
    const events: CacheEvent[] = [];
    const reader = createCachedReader({
      store: guardStore(failing, { onEvent: (event) => events.push(event) }),
      onEvent: (event) => events.push(event),
    });
    const request = countingRequest('GET https://user:SECRET@lcd.example/pool?apikey=KEY');
    request.resource = 'GET https://user:SECRET@lcd.example/pool?apikey=KEY';
    expect((await reader.read(request)).value).toEqual({ bonded: '504000000000000' });
    const errors = events.filter((event) => event.type === 'store-error');
    expect(errors).toEqual([
      {
        type: 'store-error',
        key: expect.stringMatching(/^v2:[0-9a-f]{64}$/),
        resource: 'GET https://lcd.example/…',
        error: 'READONLY at redis://10.0.0.5:6379',
        code: 'ECONNRESET',
      },
      // A code that is not a short word is left out.
      {
        type: 'store-error',
        key: expect.stringMatching(/^v2:[0-9a-f]{64}$/),
        resource: 'GET https://lcd.example/…',
        error: 'write failed',
      },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/SECRET|KEY|pw/);
  });
});

describe('redisStore on a Redis that is not there', () => {
  it('fails operations quickly, and closes at once', async () => {
    const store = redisStore(await closedRedisUrl(), { connectWaitMs: 100 });
    const started = performance.now();
    await expect(store.get('k')).rejects.toThrow();
    await expect(store.ping?.()).rejects.toThrow();
    await store.close();
    // Safety bound: nothing waits for a connection that never comes.
    expect(performance.now() - started).toBeLessThan(2_000);
    await expect(store.get('k')).rejects.toThrow(/closed/);
  });
});
