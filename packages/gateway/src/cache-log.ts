import type { Logger } from 'pino';
import type { CacheEvent } from './cache.js';

/**
 * The log lines of cache events: the shared store going down (warn) and up
 * (info), an entry ignored (warn), an upstream failing (warn) and its circuit
 * opening (warn) or closing (info); a store operation failing at debug.
 * Hits, misses and the like go to metrics only. Events carry hashed keys and
 * redacted resource names, so no line holds an endpoint's secrets.
 *
 * @example
 * ```ts
 * const log = cacheEventLogger(logger);
 * createCachedReader({ store, onEvent: log });
 * ```
 */
export function cacheEventLogger(logger: Logger): (event: CacheEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'store-down':
        logger.warn(
          { cache: event.type },
          'the cache store does not answer: serving from memory and upstream',
        );
        return;
      case 'store-up':
        logger.info({ cache: event.type }, 'the cache store answers again');
        return;
      case 'store-error':
        logger.debug(
          { cache: event.type, key: event.key, error: event.error },
          'a cache store operation failed',
        );
        return;
      case 'invalid-entry':
        logger.warn(
          { cache: event.type, key: event.key, resource: event.resource, reason: event.reason },
          'ignored a cache entry that does not check out',
        );
        return;
      case 'upstream':
        if (!event.ok)
          logger.warn(
            { cache: event.type, resource: event.resource, ms: event.ms, error: event.error },
            'an upstream read failed',
          );
        return;
      case 'circuit-break':
        logger.warn(
          { cache: event.type, resource: event.resource, cooldownMs: event.cooldownMs },
          'an upstream keeps failing: not called during the cool-down',
        );
        return;
      case 'circuit-reset':
        logger.info({ cache: event.type, resource: event.resource }, 'an upstream answers again');
        return;
      default:
        return;
    }
  };
}
