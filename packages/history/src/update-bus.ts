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
  /**
   * Redis commands (PUBLISH, SUBSCRIBE, UNSUBSCRIBE) that failed, since the
   * bus opened: while Redis is down events are lost, the server keeps serving.
   */
  readonly redisFailures: number;
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
  let failures = 0;
  if (redisUrl) {
    // One report per outage (until a connection is ready again), however many commands fail.
    let reported = false;
    const failed = (command: string) => (error: unknown) => {
      failures++;
      if (reported) return;
      reported = true;
      const message = error instanceof Error ? error.message : String(error);
      onError?.(
        new Error(`update bus: Redis ${command} failed, events are lost until it is back: ${message}`),
      );
    };
    const connect = () => {
      const client = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
      client.on('error', (error: Error) => onError?.(new Error(`update bus: Redis: ${error.message}`)));
      client.on('ready', () => {
        reported = false;
      });
      clients.push(client);
      return client;
    };
    const publisher = connect();
    const subscriber = connect();
    // The channels the event target wants, and those whose SUBSCRIBE or
    // UNSUBSCRIBE failed: ioredis re-subscribes only what Redis confirmed.
    const wanted = new Set<string>();
    const stale = new Set<string>();
    const subscribe = (channel: string) => {
      void subscriber.subscribe(channel).catch(failed('SUBSCRIBE'));
    };
    const unsubscribe = (channel: string) => {
      void subscriber.unsubscribe(channel).catch((error: unknown) => {
        if (!wanted.has(channel)) stale.add(channel);
        failed('UNSUBSCRIBE')(error);
      });
    };
    subscriber.on('ready', () => {
      for (const channel of wanted) subscribe(channel);
      for (const channel of stale) if (!wanted.has(channel)) unsubscribe(channel);
      stale.clear();
    });
    // The event target calls publish, subscribe, unsubscribe and on('message')
    // without catching the promises: these never reject (a rejection would end the process).
    const publishClient = {
      publish(channel: string, message: string) {
        return publisher.publish(channel, message).catch((error: unknown) => {
          failed('PUBLISH')(error);
          return 0;
        });
      },
    };
    const subscribeClient = {
      on(event: 'message', listener: (channel: string, message: string) => void) {
        subscriber.on(event, listener);
        return subscribeClient;
      },
      subscribe(channel: string) {
        wanted.add(channel);
        stale.delete(channel);
        subscribe(channel);
      },
      unsubscribe(channel: string) {
        wanted.delete(channel);
        unsubscribe(channel);
      },
    };
    config = {
      eventTarget: createRedisEventTarget({
        publishClient: publishClient as unknown as Redis,
        subscribeClient: subscribeClient as unknown as Redis,
      }),
    };
  }
  const pubSub = createPubSub<UpdateBusTopics>(config);
  const open = new Set<AsyncIterableIterator<ProtocolUpdate>>();

  return {
    pubSub,
    get redisFailures() {
      return failures;
    },
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
