import type { JsonValue, UpstreamReader, UpstreamRequest, UpstreamValue } from '@tokenomics/core';
import DataLoader from 'dataloader';

/**
 * A reader for one request: every upstream resource is read at most once,
 * however many fields of however many protocols ask for it. Reads within one
 * tick are batched and handed to the shared reader (the cache) together.
 *
 * @example
 * ```ts
 * const reader = createRequestReader(sharedReader);
 * await Promise.all([reader.read(pool), reader.read(pool)]); // one shared read
 * ```
 */
export function createRequestReader(shared: UpstreamReader): UpstreamReader {
  const requests = new Map<string, UpstreamRequest<JsonValue>>();
  const loader = new DataLoader<string, UpstreamValue<JsonValue>>(async (keys) =>
    Promise.all(
      keys.map((key) =>
        // One Error per failed key, not one rejection for the batch.
        shared
          .read(requests.get(key)!)
          .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
      ),
    ),
  );
  return {
    read<T extends JsonValue>(request: UpstreamRequest<T>): Promise<UpstreamValue<T>> {
      if (!requests.has(request.key)) requests.set(request.key, request as UpstreamRequest<JsonValue>);
      return loader.load(request.key) as Promise<UpstreamValue<T>>;
    },
  };
}
