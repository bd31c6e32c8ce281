import { once } from 'node:events';
import { createClient } from '@redis/client';
import { redactUrls, sizedCache } from '@tokenomics/core';
import {
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleAll,
  isBrokenCircuitError,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';

/**
 * What an operation is about, for reports only (never stored): the cached
 * reader passes it so a failed operation names the resource, not just the
 * hashed key. Stores that do not report may ignore it.
 */
export interface StoreContext {
  /** The resource the entry holds, URLs redacted (no credentials, no query string). */
  resource?: string;
}

/**
 * The store behind the upstream cache: get, set and delete of text by key.
 * {@link memoryStore} and {@link redisStore} ship; any other store fits.
 */
export interface CacheStore {
  get(key: string, context?: StoreContext): Promise<string | undefined>;
  /** Keeps `value` for `ttlMs` at least (the store may drop it after). */
  set(key: string, value: string, ttlMs: number, context?: StoreContext): Promise<void>;
  delete(key: string, context?: StoreContext): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
  /** What it is, for `/health`: `memory` (this process only) or `redis` (shared). Default `custom`. */
  readonly kind?: string;
  /** One round trip to the store; throws when it does not answer. `/health` uses it. */
  ping?(): Promise<void>;
}

/**
 * What the guarded store reports (besides the reader's events): a failed
 * operation, and the shared store going down or up. A failed operation names
 * its hashed `key` and, when the caller said (the cached reader does), the
 * `resource` (URLs redacted); `error` is the message with URLs redacted and
 * `code` the error's code (`ECONNRESET`…) when it has one.
 */
export type StoreEvent =
  | { type: 'store-error'; key?: string; resource?: string; error: string; code?: string }
  | { type: 'store-down' }
  | { type: 'store-up' };

/** An error code fit for a log line and a metric: a short word (`ECONNRESET`, `ERR_SOCKET_CLOSED`), never free text. */
const ERROR_CODE = /^[A-Za-z][\w.-]{0,63}$/;

/**
 * The `store-error` event of a failed store operation: the message with URLs
 * redacted, the code when the error has one, the key and resource when known.
 *
 * @example
 * ```ts
 * import { storeError } from './cache-store.js';
 *
 * storeError(new Error('connection lost to redis://:pw@h:6379'), 'v2:…', { resource: 'GET /pool' });
 * // { type: 'store-error', key: 'v2:…', resource: 'GET /pool', error: 'connection lost to redis://h:6379' }
 * ```
 */
export function storeError(
  error: unknown,
  key?: string,
  context?: StoreContext,
): Extract<StoreEvent, { type: 'store-error' }> {
  const code = (error as { code?: unknown } | null)?.code;
  const resource = context?.resource;
  return {
    type: 'store-error',
    ...(key === undefined ? {} : { key }),
    ...(resource === undefined ? {} : { resource: redactUrls(resource) }),
    error: redactUrls(error instanceof Error ? error.message : String(error)),
    ...(typeof code === 'string' && ERROR_CODE.test(code) ? { code } : {}),
  };
}

/** The most bytes (estimated) a memory store keeps by default: 64 MiB, 64 of the largest upstream answers. */
export const DEFAULT_MEMORY_STORE_BYTES = 64 * 1024 * 1024;
/** What an entry costs besides its strings: its place in the LRU, its expiry. */
const MEMORY_ENTRY_BYTES = 128;

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /** The most bytes (estimated, 2 per UTF-16 code unit of keys and values) kept; least recently used go first. Default {@link DEFAULT_MEMORY_STORE_BYTES}. */
  maxBytes?: number;
}

/**
 * A {@link CacheStore} in this process's memory, for one instance: core's
 * `sizedCache` (lru-cache), each entry expiring after its TTL, the whole
 * bounded by estimated bytes (a node read at many heights cannot grow it
 * without end). `namespace` is kept for the signature shared with
 * {@link keyvStore}: one memory store is one process's own.
 *
 * @example
 * ```ts
 * import { memoryStore } from '@tokenomics/gateway';
 *
 * const store = memoryStore('tokenomics', { maxBytes: 8 * 1024 * 1024 });
 * await store.set('k', 'v', 30_000);
 * await store.get('k'); // 'v'
 * ```
 */
export function memoryStore(_namespace = 'tokenomics', options: MemoryStoreOptions = {}): CacheStore {
  const entries = sizedCache<string, string>({
    maxBytes: options.maxBytes ?? DEFAULT_MEMORY_STORE_BYTES,
    sizeOf: (value, key) => MEMORY_ENTRY_BYTES + 2 * (value.length + key.length),
  });
  return {
    kind: 'memory',
    get: async (key) => entries.get(key),
    set: async (key, value, ttlMs) => {
      entries.set(key, value, ttlMs > 0 ? { ttl: ttlMs } : {});
    },
    delete: async (key) => {
      entries.delete(key);
    },
    ping: async () => {},
    close: async () => {
      entries.clear();
    },
  };
}

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /** Prefix of every key, before `:`. Default `tokenomics`. */
  namespace?: string;
  /** How long an operation waits for a connection being made. Default 250 ms. */
  connectWaitMs?: number;
}

/**
 * A {@link CacheStore} on Redis (`redis://` or `rediss://`), shared by every
 * gateway instance that names it. It never waits for Redis longer than it
 * must: the connection is made in the background (an unreachable Redis at
 * start-up does not hold anything up), an operation while it is down fails
 * at once (no offline queue) or after `connectWaitMs` while a connection is
 * being made, the client reconnects with a capped backoff, and `close` ends
 * the connection within half a second whatever state it is in. Put it behind
 * {@link guardStore} for timeouts of operations on a Redis that hangs.
 *
 * @example
 * ```ts
 * import { guardStore, redisStore } from '@tokenomics/gateway';
 *
 * const store = guardStore(redisStore(process.env.CACHE_URL!));
 * ```
 */
export function redisStore(url: string, options: RedisStoreOptions = {}): CacheStore {
  const namespace = options.namespace ?? 'tokenomics';
  const connectWaitMs = options.connectWaitMs ?? 250;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000) },
  });
  // Each failed command rejects on its own (and is reported there); without a listener an error would crash the process.
  client.on('error', () => {});
  client.connect().catch(() => {});
  let closed = false;
  const prefixed = (key: string) => `${namespace}:${key}`;

  async function connected() {
    if (closed) throw new Error('the Redis store is closed');
    if (!client.isReady) await once(client, 'ready', { signal: AbortSignal.timeout(connectWaitMs) });
    return client;
  }

  return {
    kind: 'redis',
    get: async (key) => (await (await connected()).get(prefixed(key))) ?? undefined,
    set: async (key, value, ttlMs) => {
      await (await connected()).set(prefixed(key), value, { PX: Math.max(1, Math.round(ttlMs)) });
    },
    delete: async (key) => {
      await (await connected()).del(prefixed(key));
    },
    ping: async () => {
      await (await connected()).ping();
    },
    async close() {
      closed = true;
      if (client.isReady) {
        let timer: NodeJS.Timeout | undefined;
        const bound = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, 500);
        });
        await Promise.race([client.close().catch(() => {}), bound]);
        clearTimeout(timer);
      }
      if (client.isOpen) client.destroy();
    },
  };
}

/**
 * The upstream cache's store for a URL: Redis for `redis://…`, else memory.
 * (The name stays from when both were Keyv stores.)
 *
 * @example
 * ```ts
 * import { keyvStore } from '@tokenomics/gateway';
 *
 * const store = keyvStore(process.env.CACHE_URL); // memory when undefined
 * ```
 */
export function keyvStore(url?: string | null, namespace = 'tokenomics'): CacheStore {
  return url ? redisStore(url, { namespace }) : memoryStore(namespace);
}

/** What `/health` says of the cache store. */
export interface CacheHealth {
  /** `memory`, `redis` or a custom store's kind. */
  store: string;
  /** `degraded` while the store does not answer (the gateway then serves from memory and upstream). */
  status: 'ok' | 'degraded';
}

/** A store behind {@link guardStore}: never throws, never hangs, and says how it is. */
export interface GuardedStore extends CacheStore {
  health(): Promise<CacheHealth>;
}

/** Options of {@link guardStore}. */
export interface GuardStoreOptions {
  /** The most one store operation may take. Default 250 ms. */
  opTimeoutMs?: number;
  /** Failed operations in a row after which the store is bypassed. Default 3. */
  failures?: number;
  /** How long it is bypassed before one operation tries it again. Default 2,000 ms. */
  retryAfterMs?: number;
  /** Where values go while the store is bypassed. Default: memory, unless the store is memory itself. */
  fallback?: CacheStore | null;
  onEvent?: (event: StoreEvent) => void;
}

const FAILED = Symbol('failed');

/**
 * Wraps a (shared) store so that its failures cost nothing: every operation
 * has a timeout; after `failures` failed operations in a row the store is
 * bypassed (a cockatiel circuit breaker) and values live in the fallback
 * memory store, until an operation tried after `retryAfterMs` succeeds.
 * Writes go to both, so an outage starts warm; a read the store misses is
 * looked up in memory. `health()` pings the store (through the same breaker).
 *
 * @example
 * ```ts
 * import { guardStore, redisStore } from '@tokenomics/gateway';
 *
 * declare const url: string;
 *
 * const store = guardStore(redisStore(url), { opTimeoutMs: 250, onEvent: console.log });
 * (await store.health()).status; // 'ok' or 'degraded'
 * ```
 */
export function guardStore(store: CacheStore, options: GuardStoreOptions = {}): GuardedStore {
  const kind = store.kind ?? 'custom';
  const emit = options.onEvent ?? (() => {});
  const fallback =
    options.fallback === undefined ? (kind === 'memory' ? null : memoryStore()) : options.fallback;
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: options.retryAfterMs ?? 2_000,
    breaker: new ConsecutiveBreaker(options.failures ?? 3),
  });
  breaker.onBreak(() => emit({ type: 'store-down' }));
  breaker.onReset(() => emit({ type: 'store-up' }));
  // Aggressive: the operation's promise is abandoned at the deadline even if the store never settles it.
  const policy = wrap(breaker, timeout(options.opTimeoutMs ?? 250, TimeoutStrategy.Aggressive));

  async function guarded<T>(
    run: () => Promise<T>,
    key?: string,
    context?: StoreContext,
  ): Promise<T | typeof FAILED> {
    try {
      return await policy.execute(run);
    } catch (error) {
      // A bypassed store was not tried: nothing to report per operation.
      if (!isBrokenCircuitError(error)) emit(storeError(error, key, context));
      return FAILED;
    }
  }

  return {
    kind,
    async get(key, context) {
      const shared = await guarded(() => store.get(key, context), key, context);
      if (shared !== FAILED && shared !== undefined) return shared;
      return fallback ? fallback.get(key, context) : undefined;
    },
    async set(key, value, ttlMs, context) {
      await Promise.all([
        fallback?.set(key, value, ttlMs, context),
        guarded(() => store.set(key, value, ttlMs, context), key, context),
      ]);
    },
    async delete(key, context) {
      await Promise.all([
        fallback?.delete(key, context),
        guarded(() => store.delete(key, context), key, context),
      ]);
    },
    async ping() {
      if ((await guarded(() => store.ping?.() ?? Promise.resolve())) === FAILED)
        throw new Error(`the ${kind} cache store does not answer`);
    },
    async health() {
      const answered = (await guarded(() => store.ping?.() ?? Promise.resolve())) !== FAILED;
      return { store: kind, status: answered && breaker.state === CircuitState.Closed ? 'ok' : 'degraded' };
    },
    async close() {
      await Promise.all([store.close().catch(() => {}), fallback?.close().catch(() => {})]);
    },
  };
}
