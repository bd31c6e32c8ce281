import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';

/** What a `protocolUpdated` event carries (JSON-safe: it crosses Redis). */
export interface ProtocolUpdate {
  protocolId: string;
  /** The height of the observation that changed it (decimal text), or null (a new day of a snapshot's schedule). */
  height: string | null;
  /** Its block time (ISO 8601), or null. */
  at: string | null;
}

/** The bus's topics, for graphql-yoga's typed PubSub: `protocolUpdated:<id>`. */
export type UpdateBusTopics = {
  protocolUpdated: [protocolId: string, update: ProtocolUpdate];
};

/** Options of {@link createUpdateBus}. */
export interface UpdateBusOptions {
  /** A Redis URL (`CACHE_URL`): events fan out to every instance on it. Absent: in this process only. */
  redisUrl?: string | undefined;
  /** Where Redis connection errors go (the URL is never included). */
  onError?(error: Error): void;
}

/** Protocol updates, in this process or across instances through Redis. */
export interface UpdateBus {
  /** The graphql-yoga PubSub underneath (a `Subscription` resolver may use it directly). */
  readonly pubSub: PubSub<UpdateBusTopics>;
  /** Announces that a protocol's observed state changed. */
  publish(protocolId: string, update?: Partial<Omit<ProtocolUpdate, 'protocolId'>>): void;
  /**
   * The protocol's updates, from the iterator's first `next()` on (graphql-yoga's
   * Repeater listens lazily; over Redis, once its SUBSCRIBE is through);
   * `return()` the iterator to unsubscribe.
   */
  subscribe(protocolId: string): AsyncIterableIterator<ProtocolUpdate>;
  /** Ends every subscription and closes the Redis connections. */
  close(): Promise<void>;
}

/**
 * The update bus behind `Subscription.protocolUpdated`: graphql-yoga's
 * `createPubSub` over an in-process event target, or over Redis pub/sub
 * (`@graphql-yoga/redis-event-target`, one publishing and one subscribing
 * connection) when a Redis URL is given, so a client on any instance hears
 * the recorder's instance.
 *
 * @example
 * ```ts
 * import { createUpdateBus } from '@tokenomics/history';
 *
 * const bus = createUpdateBus({ redisUrl: process.env.CACHE_URL });
 * const updates = bus.subscribe('session');
 * bus.publish('session', { height: '1200', at: '2026-01-01T00:00:00.000Z' });
 * const { value } = await updates.next(); // { protocolId: 'session', height: '1200', … }
 * await updates.return?.();
 * await bus.close();
 * ```
 */
export function createUpdateBus({ redisUrl, onError }: UpdateBusOptions = {}): UpdateBus {
  const clients: Redis[] = [];
  let config: Parameters<typeof createPubSub<UpdateBusTopics>>[0] = {};
  if (redisUrl) {
    const connect = () => {
      const client = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
      client.on('error', (error: Error) => onError?.(new Error(`update bus: Redis: ${error.message}`)));
      clients.push(client);
      return client;
    };
    config = {
      eventTarget: createRedisEventTarget({ publishClient: connect(), subscribeClient: connect() }),
    };
  }
  const pubSub = createPubSub<UpdateBusTopics>(config);
  const open = new Set<AsyncIterableIterator<ProtocolUpdate>>();

  return {
    pubSub,
    publish(protocolId, update = {}) {
      pubSub.publish('protocolUpdated', protocolId, {
        protocolId,
        height: update.height ?? null,
        at: update.at ?? null,
      });
    },
    subscribe(protocolId) {
      const repeater = pubSub.subscribe('protocolUpdated', protocolId);
      open.add(repeater);
      const end = repeater.return.bind(repeater);
      repeater.return = (value?: unknown) => {
        open.delete(repeater);
        return end(value as never);
      };
      return repeater;
    },
    async close() {
      await Promise.allSettled([...open].map((iterator) => iterator.return?.()));
      open.clear();
      await Promise.allSettled(clients.map((client) => client.quit()));
    },
  };
}
