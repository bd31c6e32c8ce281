import { createHash } from 'node:crypto';

/**
 * The version of the shared cache's entries (`{ v, t }` JSON under hashed
 * keys). Bump it when the entry format or a request's value shape changes:
 * instances of different versions then never read each other's entries.
 */
export const CACHE_KEY_VERSION = 'v2';

/**
 * The store key of an upstream request key: the version, then the SHA-256 of
 * the request key in hex. Request keys name endpoints (credentials and API
 * keys included); the store only ever sees this hash.
 *
 * @example
 * ```ts
 * import { cacheKey } from '@tokenomics/gateway';
 *
 * cacheKey('GET https://user:pass@lcd.example/cosmos/staking/v1beta1/pool'); // 'v2:da9663bcf5ce…' (64 hex digits)
 * ```
 */
export function cacheKey(requestKey: string): string {
  return `${CACHE_KEY_VERSION}:${createHash('sha256').update(requestKey).digest('hex')}`;
}
