import {
  type EconomyContext,
  isTokenomicsError,
  type JsonValue,
  loadWithTimeout,
  type UpstreamReader,
  type UpstreamRequest,
  type UpstreamValue,
} from '@tokenomics/core';
import { expect } from 'vitest';

/** TGE of both presets. */
export const TGE = new Date('2025-05-21T00:00:00Z');
export const DAY_MS = 86_400_000;

/** The instant `days` whole days after TGE. */
export function day(days: number): Date {
  return new Date(TGE.getTime() + days * DAY_MS);
}

/** Asserts that a promise rejects with a TokenomicsError of `code`, returning it. */
export async function rejectsWithCode(promise: Promise<unknown>, code: string) {
  try {
    await promise;
  } catch (error) {
    if (!isTokenomicsError(error)) throw error;
    expect(error.code).toBe(code);
    return error;
  }
  throw new Error(`expected a ${code} error`);
}

/**
 * A reader that caches by key (as the gateway's does) and records the requests it saw,
 * so tests get a stable `fetchedAt` and can check keys.
 */
export function recordingReader(timeoutMs = 5_000): UpstreamReader & { keys: string[]; loads: number } {
  const cache = new Map<string, Promise<UpstreamValue<JsonValue>>>();
  const reader = {
    keys: [] as string[],
    loads: 0,
    read<T extends JsonValue>(request: UpstreamRequest<T>): Promise<UpstreamValue<T>> {
      reader.keys.push(request.key);
      let hit = cache.get(request.key);
      if (!hit) {
        reader.loads++;
        hit = loadWithTimeout(request, timeoutMs).then((value) => ({
          value,
          fetchedAt: new Date(),
          stale: false,
        }));
        hit.catch(() => cache.delete(request.key));
        cache.set(request.key, hit);
      }
      return hit as Promise<UpstreamValue<T>>;
    },
  };
  return reader;
}

/** A context with a reader and a fixed now. */
export function context(reader: UpstreamReader, now = new Date()): EconomyContext {
  return { reader, now };
}
