import type { Plugin } from 'graphql-yoga';

/** Turns of the event loop handed out one at a time, in order of asking. */
export interface LoopTurns {
  /** Resolves in a turn of the event loop of its own, after every earlier caller's turn. */
  take(): Promise<void>;
  /** Callers waiting for their turn now. */
  waiting(): number;
}

/**
 * One caller per turn of the event loop: each `take()` resolves from a
 * `setImmediate` of its own, in order of asking, so between two callers'
 * work the loop polls for I/O (a new connection, a liveness probe, a socket
 * ready for the next piece of an answer) instead of running every ready
 * caller back to back.
 *
 * @example
 * ```ts
 * import { loopTurns } from './request-turns.js';
 *
 * const turns = loopTurns();
 * await turns.take(); // the work after this runs in a turn of its own
 * turns.waiting(); // 0
 * ```
 */
export function loopTurns(): LoopTurns {
  const queue: Array<() => void> = [];
  let scheduled = false;
  const next = () => {
    queue.shift()?.();
    // An immediate set while immediates run waits for the loop's next turn (after its poll for I/O).
    if (queue.length > 0) setImmediate(next);
    else scheduled = false;
  };
  return {
    take() {
      return new Promise((resolve) => {
        queue.push(resolve);
        if (!scheduled) {
          scheduled = true;
          setImmediate(next);
        }
      });
    },
    waiting: () => queue.length,
  };
}

/**
 * Each GraphQL request's work (parse, validation, execution, its answer)
 * starts in a turn of the event loop of its own, in order of arrival
 * ({@link loopTurns}). Without it, requests whose bodies arrive together
 * are worked one after another in the same turn, and whatever arrives next,
 * `/health/live` included, waits for all of them: under 16 concurrent
 * clients that wait was most of a probe's 100–250 ms. With it, a request
 * waits for at most the work of one request (and of those already in
 * line, which it was waiting for anyway). An answer from the response
 * cache takes its turn too: when the first of several identical requests
 * settles, each of the others writes its copy (up to 8 MB) in a turn of its
 * own, not all of them in the turn the answer was made.
 *
 * Install it last among the plugins with an `onParams` hook: what follows
 * its turn is the rest of the request.
 *
 * @example
 * ```ts
 * import { createSchema, createYoga } from 'graphql-yoga';
 * import { useRequestTurns } from './request-turns.js';
 *
 * const schema = createSchema({ typeDefs: 'type Query { hello: String }' });
 * createYoga({ schema, plugins: [useRequestTurns()] });
 * ```
 */
export function useRequestTurns(turns: LoopTurns = loopTurns()): Plugin {
  return {
    onParams() {
      return turns.take();
    },
  };
}
