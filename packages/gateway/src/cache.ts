import KeyvRedis from '@keyv/redis';
import {
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  type JsonValue,
  loadWithRetry,
  type UpstreamReader,
  type UpstreamRequest,
  type UpstreamValue,
} from '@tokenomics/core';
import Keyv from 'keyv';

/**
 * The store behind the upstream cache: get, set and delete of text by key.
 * Keyv (memory or Redis) is the one we ship; any other store fits.
 */
export interface CacheStore {
  get(key: string): Promise<string | undefined>;
  /** Keeps `value` for `ttlMs` at least (the store may drop it after). */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
}

/**
 * A {@link CacheStore} over Keyv: in memory by default; `redis://…` shares it
 * between gateway instances through `@keyv/redis`.
 *
 * @example
 * ```ts
 * const store = keyvStore(process.env.CACHE_URL); // memory when undefined
 * ```
 */
export function keyvStore(url?: string | null, namespace = 'tokenomics'): CacheStore {
  const keyv = url ? new Keyv({ store: new KeyvRedis(url), namespace }) : new Keyv({ namespace });
  return {
    get: async (key) => (await keyv.get<string>(key)) ?? undefined,
    set: async (key, value, ttlMs) => {
      await keyv.set(key, value, ttlMs);
    },
    delete: async (key) => {
      await keyv.delete(key);
    },
    close: () => keyv.disconnect(),
  };
}

/** What the cache reports, for metrics and logs. */
export type CacheEvent =
  | { type: 'hit'; key: string }
  | { type: 'miss'; key: string }
  | { type: 'coalesced'; key: string }
  | { type: 'upstream'; key: string; ok: boolean; ms: number }
  | { type: 'stale'; key: string; ageMs: number }
  | { type: 'store-error'; key: string; error: unknown };

/** Options of {@link createCachedReader}. */
export interface CachedReaderOptions {
  store: CacheStore;
  /** How long a read stays fresh. Default 30 s. */
  ttlSeconds?: number;
  /** How long the last good value is kept to serve when the upstream fails. Default 24 h. */
  staleSeconds?: number;
  /** The budget of one upstream read, retries included. Default 3 s. */
  timeoutMs?: number;
  /** Retries of a failed read within the budget (network errors, 5xx). Default 2. */
  retries?: number;
  now?: () => number;
  onEvent?: (event: CacheEvent) => void;
}

interface Entry {
  /** The value read upstream, as JSON. */
  v: JsonValue;
  /** When it was read, in ms since the epoch. */
  t: number;
}

/**
 * The reader shared by every request: fresh values come from the store;
 * concurrent misses of one key make one upstream read (single flight); when
 * the upstream fails, the last good value is served with `stale: true` and
 * its `fetchedAt`. Values are stored as JSON text, so amounts (integer
 * strings) lose nothing.
 *
 * @example
 * ```ts
 * const reader = createCachedReader({ store: keyvStore(process.env.CACHE_URL), ttlSeconds: 30 });
 * createGateway({ adapters, reader });
 * ```
 */
export function createCachedReader(options: CachedReaderOptions): UpstreamReader {
  const { store } = options;
  const ttlMs = (options.ttlSeconds ?? 30) * 1000;
  const staleMs = Math.max((options.staleSeconds ?? 86_400) * 1000, ttlMs);
  const timeoutMs = options.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const emit = options.onEvent ?? (() => {});
  const inFlight = new Map<string, Promise<UpstreamValue<JsonValue>>>();

  async function cached(key: string): Promise<Entry | undefined> {
    try {
      const text = await store.get(key);
      return text === undefined ? undefined : (JSON.parse(text) as Entry);
    } catch (error) {
      // A store that is down must not take the gateway with it: read through.
      emit({ type: 'store-error', key, error });
      return undefined;
    }
  }

  async function readThrough(request: UpstreamRequest<JsonValue>): Promise<UpstreamValue<JsonValue>> {
    const entry = await cached(request.key);
    if (entry && now() - entry.t < ttlMs) {
      emit({ type: 'hit', key: request.key });
      return { value: entry.v, fetchedAt: new Date(entry.t), stale: false };
    }
    emit({ type: 'miss', key: request.key });
    const started = now();
    try {
      const value = await loadWithRetry(request, { timeoutMs, retries: options.retries ?? 2 });
      const fetchedAt = now();
      emit({ type: 'upstream', key: request.key, ok: true, ms: fetchedAt - started });
      await store
        .set(request.key, JSON.stringify({ v: value, t: fetchedAt } satisfies Entry), staleMs)
        .catch((error: unknown) => emit({ type: 'store-error', key: request.key, error }));
      return { value, fetchedAt: new Date(fetchedAt), stale: false };
    } catch (error) {
      emit({ type: 'upstream', key: request.key, ok: false, ms: now() - started });
      if (entry) {
        emit({ type: 'stale', key: request.key, ageMs: now() - entry.t });
        return { value: entry.v, fetchedAt: new Date(entry.t), stale: true };
      }
      throw error;
    }
  }

  return {
    read<T extends JsonValue>(request: UpstreamRequest<T>): Promise<UpstreamValue<T>> {
      let pending = inFlight.get(request.key);
      if (pending) {
        emit({ type: 'coalesced', key: request.key });
      } else {
        pending = readThrough(request as UpstreamRequest<JsonValue>).finally(() =>
          inFlight.delete(request.key),
        );
        inFlight.set(request.key, pending);
      }
      return pending as Promise<UpstreamValue<T>>;
    },
  };
}
