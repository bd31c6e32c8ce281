import {
  createDirectReader,
  isTokenomicsError,
  type TokenomicsError,
  type UpstreamReader,
  type UpstreamValue,
} from '@tokenomics/core';

/**
 * The `TokenomicsError` a promise rejects with, for a test to inspect its
 * `code`, `message` and `details`. A rejection that is not a TokenomicsError
 * is rethrown, and a promise that resolves fails the test.
 *
 * @example
 * ```ts
 * import { codedFailure } from '@tokenomics/cosmos-rest/testing';
 * import { stakingPool } from '@tokenomics/cosmos-rest';
 * import { type UpstreamReader } from '@tokenomics/core';
 * import { expect } from 'vitest';
 *
 * declare const reader: UpstreamReader;
 * declare const url: string;
 *
 * const error = await codedFailure(reader.read(stakingPool(url)));
 * expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
 * ```
 */
export async function codedFailure(promise: Promise<unknown>): Promise<TokenomicsError> {
  try {
    await promise;
  } catch (error) {
    if (isTokenomicsError(error)) return error;
    throw error;
  }
  throw new Error('expected a TokenomicsError');
}

/** A reader that remembers what it read: see {@link memoReader}. */
export type MemoReader = UpstreamReader & {
  /** The keys read upstream, in order, each once. */
  keys: string[];
};

/**
 * A reader that reads each key once and serves the same answer after, like
 * the gateway's per-request cache, recording the keys it read, so a test can
 * check that an economy reads each path once with the expected keys.
 *
 * @param inner - the reader behind it; default a direct reader with a 5 s timeout
 * @example
 * ```ts
 * import { memoReader } from '@tokenomics/cosmos-rest/testing';
 * import { type TokenEconomy } from '@tokenomics/core';
 *
 * declare const economy: TokenEconomy;
 * declare const now: Date;
 *
 * const memo = memoReader();
 * await economy.supply!({}, { reader: memo, now });
 * await economy.rewards!({}, { reader: memo, now });
 * memo.keys; // ['GET http://127.0.0.1:…/cosmos/bank/v1beta1/supply/by_denom?denom=usynt', …]
 * ```
 */
export function memoReader(inner: UpstreamReader = createDirectReader({ timeoutMs: 5_000 })): MemoReader {
  const cache = new Map<string, Promise<UpstreamValue<never>>>();
  const keys: string[] = [];
  return {
    keys,
    read(request) {
      let hit = cache.get(request.key);
      if (!hit) {
        keys.push(request.key);
        hit = inner.read(request) as Promise<UpstreamValue<never>>;
        cache.set(request.key, hit);
      }
      return hit;
    },
  };
}
