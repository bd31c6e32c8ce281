import { type TokenEconomy, TokenomicsError } from '@tokenomics/core';
import type { GatewayContext } from '../context.js';
import { toGraphQLError } from '../errors.js';
import { builder } from './builder.js';
import { ProtocolRef } from './protocol.js';

/**
 * The protocol each time the feed tells of a change. Before each event the
 * subscription's context moves to the event's "now" with reads of its own,
 * so every event answers as a new query would. `return()` goes straight to
 * the feed's iterator: a client that leaves frees its subscription at once,
 * even while it waits for an event that may never come.
 */
function protocolUpdates(economy: TokenEconomy, ctx: GatewayContext): AsyncIterableIterator<TokenEconomy> {
  const updates = ctx.updates;
  if (!updates) {
    throw toGraphQLError(
      new TokenomicsError('NOT_SUPPORTED', 'this gateway streams no updates (it records no history)'),
    );
  }
  const events = updates.subscribe(economy.id)[Symbol.asyncIterator]();
  const done = (): IteratorResult<TokenEconomy> => ({ done: true, value: undefined });
  const iterator: AsyncIterableIterator<TokenEconomy> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      const event = await events.next();
      if (event.done) return done();
      ctx.economy = ctx.freshEconomy();
      return { done: false, value: economy };
    },
    async return() {
      await events.return?.();
      return done();
    },
    async throw(error: unknown) {
      await events.return?.();
      throw error;
    },
  };
  return iterator;
}

builder.subscriptionType({
  description: 'Changes as they happen, over server-sent events (`Accept: text/event-stream`).',
  fields: (t) => ({
    protocolUpdated: t.field({
      type: ProtocolRef,
      description:
        "The protocol, each time its observed state changes (a new block read with different figures, a new day of a pool's schedule). Served over server-sent events.",
      args: { id: t.arg.id({ required: true }) },
      subscribe: (_root, { id }, ctx) => {
        let economy: TokenEconomy;
        try {
          economy = ctx.findProtocol(String(id));
        } catch (error) {
          throw toGraphQLError(error);
        }
        return protocolUpdates(economy, ctx);
      },
      resolve: (economy) => economy,
    }),
  }),
});
