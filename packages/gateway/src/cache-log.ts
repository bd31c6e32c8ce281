import { isTokenomicsError, sizedCache } from '@tokenomics/core';
import type { Logger } from 'pino';
import type { CacheEvent } from './cache.js';
import { redactLogText } from './logger.js';

/** Options of {@link cacheEventLogger}. */
export interface CacheEventLoggerOptions {
  /** One line per kind of failure and resource in this window; the next says how many were left out. Default 10 s. */
  windowMs?: number;
  now?: () => number;
}

/** Bytes (estimated) of (kind, resource) windows remembered, about 2,000 of them; the least recently logged go first. */
const WINDOW_BYTES = 256 * 1024;
/** What a window costs besides its key. */
const WINDOW_ENTRY_BYTES = 96;

/** The resource an event names, fit for a log line: its `resource` (or `host`) when it has one, else its key; URLs cut to their host. */
function resourceOf(event: CacheEvent): { resource: string; host?: string } {
  const { resource, host } = event as { resource?: unknown; host?: unknown };
  return {
    resource: redactLogText(
      typeof resource === 'string' ? resource : ('key' in event && event.key) || 'cache store',
    ),
    ...(typeof host === 'string' ? { host: redactLogText(host) } : {}),
  };
}

/** An error's code and message only (never its stack or own properties), URLs cut to their host. */
function errorOf(error: unknown): { code?: string; message: string } {
  const code = isTokenomicsError(error) ? error.code : (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return { ...(typeof code === 'string' ? { code } : {}), message: redactLogText(message) };
}

/**
 * Logs what the shared reader reports that an operator must know, at warn:
 * a failed upstream read (`upstream read failed`), a last good value served
 * in its place (`serving the last good value (stale)`), a cache store that
 * failed (`cache store failed`), an ignored store entry, an upstream whose
 * circuit opens, the shared store going down; at info, the circuit closing
 * and the store answering again. Hits, misses and the like go to metrics only. Each line names the resource and, for a
 * failure, the error's code and message; never a raw key or URL credentials.
 * A failure that repeats (an upstream or Redis down under load) is logged
 * once per resource and window, with the count of lines left out.
 *
 * @example
 * ```ts
 * import { type CacheStore, cacheEventLogger, createCachedReader, createMetrics } from '@tokenomics/gateway';
 * import pino from 'pino';
 *
 * declare const store: CacheStore;
 * const logger = pino();
 * const metrics = createMetrics();
 *
 * const log = cacheEventLogger(logger);
 * createCachedReader({ store, onEvent: (event) => { metrics.onCacheEvent(event); log(event); } });
 * ```
 */
export function cacheEventLogger(
  logger: Logger,
  { windowMs = 10_000, now = Date.now }: CacheEventLoggerOptions = {},
): (event: CacheEvent) => void {
  const windows = sizedCache<string, { until: number; suppressed: number }>({
    maxBytes: WINDOW_BYTES,
    sizeOf: (_window, key) => WINDOW_ENTRY_BYTES + 2 * key.length,
  });

  /** Whether to log now, and how many lines of this kind were left out since the last one. */
  function admit(kind: string, resource: string): { log: boolean; suppressed: number } {
    const key = `${kind} ${resource}`;
    const at = now();
    const open = windows.get(key);
    if (open && at < open.until) {
      open.suppressed++;
      return { log: false, suppressed: 0 };
    }
    windows.set(key, { until: at + windowMs, suppressed: 0 });
    return { log: true, suppressed: open?.suppressed ?? 0 };
  }

  function warn(kind: string, fields: Record<string, unknown> & { resource: string }, message: string) {
    const { log, suppressed } = admit(kind, fields.resource);
    if (log) logger.warn({ ...fields, ...(suppressed > 0 ? { suppressed } : {}) }, message);
  }

  return (event) => {
    if (event.type === 'upstream' && !event.ok) {
      const { error } = event as { error?: unknown };
      warn(
        'upstream',
        { ...resourceOf(event), ms: event.ms, ...(error === undefined ? {} : { error: errorOf(error) }) },
        'upstream read failed',
      );
    } else if (event.type === 'stale') {
      const { reason } = event as { reason?: unknown };
      // A value only out of date (no read failed; an idle spell) is news, not a failure: info.
      if (reason === 'expired') {
        logger.info(
          { ...resourceOf(event), ageMs: event.ageMs, reason },
          'serving the last good value (out of date)',
        );
        return;
      }
      warn(
        'stale',
        { ...resourceOf(event), ageMs: event.ageMs, ...(typeof reason === 'string' ? { reason } : {}) },
        'serving the last good value (stale)',
      );
    } else if (event.type === 'store-error') {
      const { code } = event as { code?: unknown };
      warn(
        'store-error',
        {
          ...resourceOf(event),
          error: {
            ...(typeof code === 'string' ? { code } : {}),
            message: redactLogText(String(event.error)),
          },
        },
        'cache store failed',
      );
    } else if (event.type === 'invalid-entry') {
      warn(
        'invalid-entry',
        { ...resourceOf(event), reason: event.reason },
        'ignored a cache entry that does not check out',
      );
    } else if (event.type === 'circuit-break') {
      logger.warn(
        { ...resourceOf(event), cooldownMs: event.cooldownMs },
        'an upstream keeps failing: not called during the cool-down',
      );
    } else if (event.type === 'circuit-reset') {
      logger.info(resourceOf(event), 'an upstream answers again');
    } else if (event.type === 'store-down') {
      logger.warn({ cache: event.type }, 'the cache store does not answer: serving from memory and upstream');
    } else if (event.type === 'store-up') {
      logger.info({ cache: event.type }, 'the cache store answers again');
    }
  };
}
