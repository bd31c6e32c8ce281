import type { JsonValue, UpstreamReader, UpstreamRequest, UpstreamValue } from '@tokenomics/core';
import DataLoader from 'dataloader';

/**
 * A reader for one request: every upstream resource is read at most once,
 * however many fields of however many protocols ask for it. Reads within one
 * tick are batched and handed to the shared reader (the cache) together.
 *
 * Requests are told apart by their `key` (DataLoader's `cacheKeyFn`): two
 * request objects for the same resource share one read.
 *
 * @example
 * ```ts
 * import type { UpstreamReader, UpstreamRequest } from '@tokenomics/core';
 * import { createRequestReader } from '@tokenomics/gateway';
 *
 * declare const sharedReader: UpstreamReader;
 * declare const pool: UpstreamRequest<{ amount: string }>;
 * const reader = createRequestReader(sharedReader);
 * await Promise.all([reader.read(pool), reader.read(pool)]); // one shared read
 * ```
 */
export function createRequestReader(shared: UpstreamReader): UpstreamReader {
  // Made at the first read: most requests read nothing upstream (snapshots, answers from the memos).
  let loader: DataLoader<UpstreamRequest<JsonValue>, UpstreamValue<JsonValue>, string> | undefined;
  return {
    read<T extends JsonValue>(request: UpstreamRequest<T>): Promise<UpstreamValue<T>> {
      loader ??= new DataLoader<UpstreamRequest<JsonValue>, UpstreamValue<JsonValue>, string>(
        async (requests) =>
          Promise.all(
            requests.map((request) =>
              // One Error per failed key, not one rejection for the batch.
              shared
                .read(request)
                .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
            ),
          ),
        { cacheKeyFn: (request) => request.key },
      );
      return loader.load(request as UpstreamRequest<JsonValue>) as Promise<UpstreamValue<T>>;
    },
  };
}
