import type { EconomyContext, SourceEvent, UpstreamReader } from '@tokenomics/core';
import { type AnswerFreshness, noteNextChange } from './plugins/http-cache.js';

/** What every request's economy context shares: the source events' listener and the snapshot window. */
export interface SharedEconomyContext {
  onSourceEvent?: (event: SourceEvent) => void;
  snapshotWindowMs?: number;
}

/**
 * One request's economy context: its reader, and its "now" (the request's
 * second), each read of which is noted in `record` (an answer that never
 * reads it is cacheable long), as are the next changes models note.
 *
 * A class, made once per request: an object literal with a getter and a
 * spread cost more than the rest of a memoized figure's path, and a context
 * of one shape keeps the adapters' property reads monomorphic.
 *
 * @example
 * ```ts
 * import type { UpstreamReader } from '@tokenomics/core';
 * import { newFreshness } from './plugins/http-cache.js';
 * import { RequestEconomy } from './request-economy.js';
 *
 * declare const reader: UpstreamReader;
 * const record = newFreshness();
 * const economy = new RequestEconomy({ snapshotWindowMs: 5_000 }, reader, record, new Date(0));
 * economy.now; // new Date(0), and record.usedNow is now true
 * ```
 */
export class RequestEconomy implements EconomyContext {
  readonly reader: UpstreamReader;
  readonly onSourceEvent?: (event: SourceEvent) => void;
  readonly snapshotWindowMs?: number;
  readonly #record: AnswerFreshness;
  readonly #now: Date;

  constructor(shared: SharedEconomyContext, reader: UpstreamReader, record: AnswerFreshness, now: Date) {
    this.reader = reader;
    this.onSourceEvent = shared.onSourceEvent;
    this.snapshotWindowMs = shared.snapshotWindowMs;
    this.#record = record;
    this.#now = now;
  }

  /** The request's second: read only by what is computed at the current instant. */
  get now(): Date {
    this.#record.usedNow = true;
    this.#record.nowReads = (this.#record.nowReads ?? 0) + 1;
    return this.#now;
  }

  /** Notes when a figure at "now" next changes (null: continuously). Bound: callers copy it. */
  readonly noteNow = (next: Date | null): void => noteNextChange(this.#record, next);
}
