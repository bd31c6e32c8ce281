import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { clientBucket, type TrustProxy } from './rate-limit.js';

/** Options of {@link useSubscriptionLimits}. */
export interface SubscriptionLimitsOptions {
  /** Subscriptions open at once, over every client. */
  maxSubscriptions: number;
  /** Subscriptions one client (its IP, or its API key with `apiKeyHeader`) may hold open at once. */
  maxSubscriptionsPerClient: number;
  /** Which `X-Forwarded-For` entries name the client (as the rate limiter reads them). Default false. */
  trustProxy?: TrustProxy;
  /** A header whose API key names the client instead of its IP (as the rate limiter reads it). */
  apiKeyHeader?: string;
}

function refused(message: string, details: Record<string, unknown>): { errors: GraphQLError[] } {
  return { errors: [new GraphQLError(message, { extensions: { code: 'LIMIT_EXCEEDED', ...details } })] };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** `source`, calling `release` once when it ends, is returned or throws. */
function releasing<T>(source: AsyncIterable<T>, release: () => void): AsyncIterableIterator<T> {
  const inner = source[Symbol.asyncIterator]();
  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      try {
        const step = await inner.next();
        if (step.done) release();
        return step;
      } catch (error) {
        release();
        throw error;
      }
    },
    async return(value?: unknown) {
      release();
      return (await inner.return?.(value)) ?? { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      release();
      if (inner.throw) return inner.throw(error);
      throw error;
    },
  };
  return iterator;
}

/** The subscription limiter as a yoga plugin, with its count of open subscriptions. */
export interface SubscriptionLimitsPlugin extends Plugin {
  /** Subscriptions open now: over all clients, and of the busiest client. */
  open(): { total: number; clients: number };
}

/**
 * Caps the subscriptions (server-sent event streams) open at once: at most
 * `maxSubscriptions` over every client and `maxSubscriptionsPerClient` per
 * client. One more is answered at once with a GraphQL error coded
 * LIMIT_EXCEEDED (the stream's only event), never held open. A subscription
 * counts from the moment it is accepted until its stream ends: the client
 * leaving (the stream's `return()`), the feed ending, or an error.
 *
 * @example
 * ```ts
 * import { useSubscriptionLimits } from '@tokenomics/gateway';
 * import { type GraphQLSchema } from 'graphql';
 * import { createYoga } from 'graphql-yoga';
 *
 * declare const schema: GraphQLSchema;
 *
 * createYoga({ schema, plugins: [useSubscriptionLimits({ maxSubscriptions: 1_000, maxSubscriptionsPerClient: 10 })] });
 * ```
 */
export function useSubscriptionLimits(options: SubscriptionLimitsOptions): SubscriptionLimitsPlugin {
  let total = 0;
  const perClient = new Map<string, number>();
  const bucketOptions = {
    trustProxy: options.trustProxy ?? false,
    ...(options.apiKeyHeader ? { apiKeyHeader: options.apiKeyHeader } : {}),
  };
  return {
    open: () => ({ total, clients: perClient.size }),
    onSubscribe({ args, setResultAndStopExecution }) {
      const context = (args.contextValue ?? {}) as { request?: Request };
      const key = context.request ? clientBucket(context.request, context, bucketOptions).key : 'ip:unknown';
      const held = perClient.get(key) ?? 0;
      if (total >= options.maxSubscriptions) {
        setResultAndStopExecution(
          refused(`the gateway holds ${options.maxSubscriptions} subscriptions open, its most; retry later`, {
            limit: options.maxSubscriptions,
          }),
        );
        return;
      }
      if (held >= options.maxSubscriptionsPerClient) {
        setResultAndStopExecution(
          refused(`this client holds ${held} subscriptions open, the most one client may; close one first`, {
            limit: options.maxSubscriptionsPerClient,
          }),
        );
        return;
      }
      total += 1;
      perClient.set(key, held + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        total -= 1;
        const left = (perClient.get(key) ?? 1) - 1;
        if (left > 0) perClient.set(key, left);
        else perClient.delete(key);
      };
      return {
        onSubscribeResult({ result, setResult }) {
          // An error answered instead of a stream (unknown protocol, no feed): nothing stays open.
          if (isAsyncIterable(result)) setResult(releasing(result, release));
          else release();
        },
        onSubscribeError() {
          release();
        },
      };
    },
  };
}
