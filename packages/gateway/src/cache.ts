import { type Link, type Span, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import {
  DEFAULT_UPSTREAM_MAX_BODY_BYTES,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  isTokenomicsError,
  type JsonValue,
  loadWithRetry,
  redactUrls,
  resourceName,
  type StaleReason,
  sizedCache,
  TokenomicsError,
  type UpstreamReader,
  type UpstreamRequest,
  type UpstreamValue,
} from '@tokenomics/core';
import {
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleAll,
  isBrokenCircuitError,
} from 'cockatiel';
import { cacheKey } from './cache-key.js';
import { type CacheStore, type StoreEvent, storeError } from './cache-store.js';

export {
  type CacheHealth,
  type CacheStore,
  type GuardedStore,
  type GuardStoreOptions,
  guardStore,
  keyvStore,
  type MemoryStoreOptions,
  memoryStore,
  type RedisStoreOptions,
  redisStore,
  type StoreContext,
  type StoreEvent,
} from './cache-store.js';

/**
 * What the cache reports, for metrics and logs. `key` is the hashed store
 * key and `resource` the request's name with URLs redacted: neither carries
 * an endpoint's credentials or query string.
 */
export type CacheEvent =
  | { type: 'hit'; key: string; resource: string }
  | { type: 'miss'; key: string; resource: string }
  | { type: 'coalesced'; key: string; resource: string }
  /** An expired entry (within TTL + budget) served at once while one refresh runs. */
  | { type: 'revalidate'; key: string; resource: string; ageMs: number }
  /**
   * An entry older than TTL + budget with no failure known (an idle spell, a
   * new instance on a shared store): the read waits, within the budget, for
   * its refresh, and serves the entry (stale) only if that fails or is late.
   */
  | { type: 'expired'; key: string; resource: string; ageMs: number }
  | { type: 'upstream'; key: string; resource: string; ok: boolean; ms: number; error?: string }
  /**
   * The last good value served flagged stale: `failed`, its upstream failed
   * (the last read, the awaited refresh, or the circuit is open); `expired`,
   * it is older than TTL + budget and its refresh did not end within the budget
   * (still being read).
   */
  | { type: 'stale'; key: string; resource: string; ageMs: number; reason: StaleReason }
  /** A store entry ignored: not JSON, of the wrong shape, or dated in the future. */
  | { type: 'invalid-entry'; key: string; resource: string; reason: 'json' | 'shape' | 'future' }
  /** An upstream read skipped: its circuit is open. */
  | { type: 'circuit-open'; key: string; resource: string }
  | { type: 'circuit-break'; key: string; resource: string; cooldownMs: number }
  | { type: 'circuit-reset'; key: string; resource: string }
  | StoreEvent;

/** The bytes (estimated) of failing keys remembered: their circuits, and that their last read failed, each. */
const FAILING_KEYS_BYTES = 4 * 1024 * 1024;
/** What a circuit costs besides its key: the policy, its breaker and listeners, its place in the LRU. */
const CIRCUIT_BYTES = 1_024;
/** What a "last read failed" mark costs besides its key. */
const FLAG_BYTES = 64;

/** When the reader stops calling a failing upstream. */
export interface CircuitOptions {
  /** Failed reads in a row (each with its retries) that open the circuit. Default 5. */
  failures?: number;
  /** How long the upstream is not called once open; then one read tries it. Default 10,000 ms. */
  cooldownMs?: number;
}

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
  /** The most bytes of one upstream answer. Default 1 MiB. */
  maxBodyBytes?: number;
  circuit?: CircuitOptions;
  /** How far in the future an entry's read time may be (clocks of instances differ). Default 5 s. */
  clockSkewMs?: number;
  now?: () => number;
  onEvent?: (event: CacheEvent) => void;
  /**
   * Traces each read (`upstream.read`) and each upstream load under it
   * (`upstream.load`); see the README's Tracing section. Absent: no span is
   * made (tracing off costs nothing here).
   */
  tracer?: Tracer;
}

interface Entry {
  /** The value read upstream, as JSON. */
  v: JsonValue;
  /** When it was read, in ms since the epoch. */
  t: number;
}

/**
 * The reader shared by every request.
 *
 * - Fresh values (younger than the TTL) come from the store.
 * - An expired value younger than TTL + budget is served at once while one
 *   background refresh per key runs (stale-while-revalidate): the value being
 *   refreshed, `stale: false`, with its `fetchedAt`.
 * - When the upstream is known to fail (the last read of the key failed, or
 *   its circuit is open), the last good value within the stale window is
 *   served at once, `stale: true` with `staleReason: 'failed'`, while one
 *   background read tries again.
 * - A value only old (older than TTL + budget, nothing known to fail: after an
 *   idle spell, or read by a new instance from a shared store) is not served
 *   as it is: the read waits for its refresh, within the budget, and serves
 *   the new value; the old one (stale) only when the refresh fails
 *   (`'failed'`) or is still running at the end of the budget (`'expired'`).
 *   So a healthy upstream is never reported stale after a quiet spell, and
 *   keys cached at different times come back as one fresh read.
 * - With no usable value, concurrent reads of one key make one upstream read
 *   (single flight), and an upstream failure is the coded error.
 * - After `circuit.failures` failed reads in a row the upstream of that key is
 *   not called for `circuit.cooldownMs`: the last good value is served at
 *   once (stale), or the coded error given at once; then one read tries again.
 * - Every entry read from the store is checked: JSON of `{ v, t }`, `t` not
 *   in the future beyond the clock skew, `v` passing the request's `parse`.
 *   An entry that fails is ignored (a miss) and reported.
 *
 * Values are stored as JSON text under a versioned hash of the request key
 * ({@link cacheKey}), so amounts (integer strings) lose nothing and no
 * endpoint URL reaches the store.
 *
 * @example
 * ```ts
 * import type { TokenEconomy } from '@tokenomics/core';
 * import { createCachedReader, createGateway, guardStore, keyvStore } from '@tokenomics/gateway';
 *
 * declare const adapters: TokenEconomy[];
 *
 * const reader = createCachedReader({ store: guardStore(keyvStore(process.env.CACHE_URL)), ttlSeconds: 30 });
 * createGateway({ adapters, reader });
 * ```
 */
export function createCachedReader(options: CachedReaderOptions): UpstreamReader {
  const { store } = options;
  const ttlMs = (options.ttlSeconds ?? 30) * 1000;
  const staleMs = Math.max((options.staleSeconds ?? 86_400) * 1000, ttlMs);
  const timeoutMs = options.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
  const clockSkewMs = options.clockSkewMs ?? 5_000;
  const circuitFailures = options.circuit?.failures ?? 5;
  const cooldownMs = options.circuit?.cooldownMs ?? 10_000;
  const loadOptions = {
    timeoutMs,
    retries: options.retries ?? 2,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_UPSTREAM_MAX_BODY_BYTES,
  };
  const now = options.now ?? Date.now;
  const { tracer } = options;
  /** The span of each traced read in progress, by hashed key: events mark it (hit, miss, stale…). */
  const readSpans = new Map<string, Span>();
  const report = options.onEvent ?? (() => {});
  const emit = tracer
    ? (event: CacheEvent) => {
        report(event);
        if ('key' in event && event.key !== undefined) {
          const span = readSpans.get(event.key);
          if (span) markReadSpan(span, event);
        }
      }
    : report;
  /** Reads in progress, by request key: concurrent reads of a key share one. */
  const reads = new Map<string, Promise<UpstreamValue<JsonValue>>>();
  /** Upstream reads in progress, by request key: at most one per key. */
  const refreshes = new Map<string, Promise<UpstreamValue<JsonValue>>>();
  /**
   * Circuits of keys that failed lately (a key is dropped on success, so this
   * holds failing keys only), and the keys whose last upstream read failed.
   * Bounded (LRU): with many distinct failing keys (reads at many heights of a
   * node that is down), the least recently failing are forgotten, and their
   * next read goes upstream once more.
   */
  const circuits = sizedCache<string, CircuitBreakerPolicy>({
    maxBytes: FAILING_KEYS_BYTES,
    sizeOf: (_circuit, key) => CIRCUIT_BYTES + 2 * key.length,
  });
  const failing = sizedCache<string, true>({
    maxBytes: FAILING_KEYS_BYTES,
    sizeOf: (_flag, key) => FLAG_BYTES + 2 * key.length,
  });

  interface Named {
    request: UpstreamRequest<JsonValue>;
    key: string;
    resource: string;
  }

  function circuitOf({ request, key, resource }: Named): CircuitBreakerPolicy {
    let circuit = circuits.get(request.key);
    if (!circuit) {
      circuit = circuitBreaker(handleAll, {
        halfOpenAfter: cooldownMs,
        breaker: new ConsecutiveBreaker(circuitFailures),
      });
      circuit.onBreak(() => emit({ type: 'circuit-break', key, resource, cooldownMs }));
      circuit.onReset(() => emit({ type: 'circuit-reset', key, resource }));
      circuits.set(request.key, circuit);
    }
    return circuit;
  }

  async function cached({ request, key, resource }: Named): Promise<Entry | undefined> {
    const text = await store.get(key, { resource }).catch((error: unknown) => {
      // A store that is down must not take the gateway with it: read through.
      emit(storeError(error, key, { resource }));
      return undefined;
    });
    if (text === undefined) return undefined;
    let entry: Entry;
    try {
      entry = JSON.parse(text) as Entry;
    } catch {
      emit({ type: 'invalid-entry', key, resource, reason: 'json' });
      return undefined;
    }
    if (
      entry === null ||
      typeof entry !== 'object' ||
      typeof entry.t !== 'number' ||
      !Number.isFinite(entry.t) ||
      entry.v === undefined
    ) {
      emit({ type: 'invalid-entry', key, resource, reason: 'shape' });
      return undefined;
    }
    if (entry.t > now() + clockSkewMs) {
      emit({ type: 'invalid-entry', key, resource, reason: 'future' });
      return undefined;
    }
    if (now() - entry.t >= staleMs) return undefined;
    if (!request.parse) return { v: entry.v, t: entry.t };
    try {
      return { v: request.parse(entry.v), t: entry.t };
    } catch {
      emit({ type: 'invalid-entry', key, resource, reason: 'shape' });
      return undefined;
    }
  }

  /** One upstream read per key at a time, through the key's circuit; a good value is stored. */
  function refresh(named: Named): Promise<UpstreamValue<JsonValue>> {
    const { request, key, resource } = named;
    const running = refreshes.get(request.key);
    if (running) return running;
    const started = now();
    const read = (async () => {
      const circuit = circuitOf(named);
      try {
        const load = () => circuit.execute(() => loadWithRetry(request, loadOptions));
        const value = tracer ? await tracedLoad(tracer, resource, load) : await load();
        const fetchedAt = now();
        emit({ type: 'upstream', key, resource, ok: true, ms: fetchedAt - started });
        failing.delete(request.key);
        if (circuit.state === CircuitState.Closed) circuits.delete(request.key);
        await store
          .set(key, JSON.stringify({ v: value, t: fetchedAt } satisfies Entry), staleMs, { resource })
          .catch((error: unknown) => emit(storeError(error, key, { resource })));
        return { value, fetchedAt: new Date(fetchedAt), stale: false };
      } catch (error) {
        if (isBrokenCircuitError(error)) {
          emit({ type: 'circuit-open', key, resource });
          throw new TokenomicsError(
            'UPSTREAM_UNAVAILABLE',
            `${resource} is not called for now: it failed ${circuitFailures} times in a row (circuit open; tried again after ${cooldownMs} ms)`,
            { details: { resource, reason: 'circuit-open' } },
          );
        }
        failing.set(request.key, true);
        const message = isTokenomicsError(error) ? error.message : String(error);
        emit({ type: 'upstream', key, resource, ok: false, ms: now() - started, error: redactUrls(message) });
        throw error;
      }
    })().finally(() => refreshes.delete(request.key));
    refreshes.set(request.key, read);
    return read;
  }

  async function readThrough(named: Named): Promise<UpstreamValue<JsonValue>> {
    const { request, key, resource } = named;
    const entry = await cached(named);
    if (!entry) {
      emit({ type: 'miss', key, resource });
      return refresh(named);
    }
    const ageMs = now() - entry.t;
    if (ageMs < ttlMs) {
      emit({ type: 'hit', key, resource });
      return { value: entry.v, fetchedAt: new Date(entry.t), stale: false };
    }
    const fetchedAt = new Date(entry.t);
    if (failing.has(request.key) || circuits.get(request.key)?.state === CircuitState.Open) {
      // Known to fail: the last good value at once, stale; one background read tries again.
      refresh(named).catch(() => {});
      emit({ type: 'stale', key, resource, ageMs, reason: 'failed' });
      return { value: entry.v, fetchedAt, stale: true, staleReason: 'failed' };
    }
    if (ageMs < ttlMs + timeoutMs) {
      // Just expired: serve it now, and let one background read replace it (stale-while-revalidate).
      refresh(named).catch(() => {});
      emit({ type: 'revalidate', key, resource, ageMs });
      return { value: entry.v, fetchedAt, stale: false };
    }
    // Only old (an idle spell, or a new instance on a shared store), nothing known to fail: a
    // refresh was simply not due. Serving it stale would flag a healthy upstream and, across
    // keys cached at different times, look like a mix. Wait for the refresh, within the budget.
    emit({ type: 'expired', key, resource, ageMs });
    const outcome = await withinBudget(refresh(named));
    if (outcome.ok) return outcome.value;
    const reason: StaleReason = outcome.late ? 'expired' : 'failed';
    emit({ type: 'stale', key, resource, ageMs: now() - entry.t, reason });
    return { value: entry.v, fetchedAt, stale: true, staleReason: reason };
  }

  /** The refresh's value, or why there is none: it failed, or it is late (still running past the budget). */
  async function withinBudget(
    read: Promise<UpstreamValue<JsonValue>>,
  ): Promise<{ ok: true; value: UpstreamValue<JsonValue> } | { ok: false; late: boolean }> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<{ ok: false; late: true }>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, late: true }), timeoutMs);
    });
    try {
      return await Promise.race([
        read.then(
          (value) => ({ ok: true as const, value }),
          () => ({ ok: false as const, late: false }),
        ),
        late,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** {@link readThrough} in an `upstream.read` span (under the caller's span), marked by the read's events. */
  function tracedRead(tracer: Tracer, named: Named): Promise<UpstreamValue<JsonValue>> {
    return tracer.startActiveSpan(
      'upstream.read',
      { kind: SpanKind.INTERNAL, attributes: { 'tokenomics.upstream.resource': named.resource } },
      async (span) => {
        readSpans.set(named.key, span);
        try {
          const value = await readThrough(named);
          span.setAttribute('tokenomics.upstream.outcome', value.stale ? 'stale' : 'ok');
          return value;
        } catch (error) {
          span.setAttribute('tokenomics.upstream.outcome', 'error');
          failTraced(span, error);
          throw error;
        } finally {
          readSpans.delete(named.key);
          span.end();
        }
      },
    );
  }

  return {
    read<T extends JsonValue>(request: UpstreamRequest<T>): Promise<UpstreamValue<T>> {
      const named: Named = {
        request: request as UpstreamRequest<JsonValue>,
        key: cacheKey(request.key),
        resource: resourceName(request),
      };
      let pending = reads.get(request.key);
      if (pending) {
        emit({ type: 'coalesced', key: named.key, resource: named.resource });
        if (tracer) traceCoalesced(tracer, named.resource, pending, readSpans.get(named.key));
      } else {
        pending = (tracer ? tracedRead(tracer, named) : readThrough(named)).finally(() =>
          reads.delete(request.key),
        );
        reads.set(request.key, pending);
      }
      return pending as Promise<UpstreamValue<T>>;
    },
  };
}

/** The error status of a traced read or load: its code and URL-redacted message. */
function failTraced(span: Span, error: unknown): void {
  if (isTokenomicsError(error)) span.setAttribute('tokenomics.error.code', error.code);
  const message = isTokenomicsError(error) ? `${error.code}: ${error.message}` : String(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: redactUrls(message) });
}

/** Notes what the cache did for a traced read: `tokenomics.cache` (hit, miss, revalidate, expired), stale and why. */
function markReadSpan(span: Span, event: CacheEvent): void {
  switch (event.type) {
    case 'hit':
    case 'miss':
    case 'revalidate':
    case 'expired':
      span.setAttribute('tokenomics.cache', event.type);
      break;
    case 'stale':
      span.setAttribute('tokenomics.upstream.stale_reason', event.reason);
      break;
    case 'circuit-open':
      span.setAttribute('tokenomics.upstream.circuit', 'open');
      break;
    case 'invalid-entry':
      span.setAttribute('tokenomics.cache.invalid_entry', event.reason);
      break;
    default:
  }
}

/** One upstream load (retries included, through its circuit) in an `upstream.load` span. */
function tracedLoad<T>(tracer: Tracer, resource: string, load: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(
    'upstream.load',
    { kind: SpanKind.CLIENT, attributes: { 'tokenomics.upstream.resource': resource } },
    async (span) => {
      try {
        const value = await load();
        span.setAttribute('tokenomics.upstream.outcome', 'ok');
        return value;
      } catch (error) {
        span.setAttribute(
          'tokenomics.upstream.outcome',
          isBrokenCircuitError(error) ? 'circuit-open' : 'error',
        );
        failTraced(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/**
 * A read that joined one already in progress: an `upstream.read` span of its
 * own (under its caller's span, `tokenomics.cache: coalesced`), linked to the
 * span of the read it shares, and ended when that read settles.
 */
function traceCoalesced(
  tracer: Tracer,
  resource: string,
  pending: Promise<UpstreamValue<JsonValue>>,
  first: Span | undefined,
): void {
  const links: Link[] = first ? [{ context: first.spanContext() }] : [];
  const span = tracer.startSpan('upstream.read', {
    kind: SpanKind.INTERNAL,
    links,
    attributes: { 'tokenomics.upstream.resource': resource, 'tokenomics.cache': 'coalesced' },
  });
  pending.then(
    (value) => {
      span.setAttribute('tokenomics.upstream.outcome', value.stale ? 'stale' : 'ok');
      span.end();
    },
    (error: unknown) => {
      span.setAttribute('tokenomics.upstream.outcome', 'error');
      failTraced(span, error);
      span.end();
    },
  );
}
