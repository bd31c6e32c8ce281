import type { Observation } from './economy.js';
import type { Interval } from './schedule.js';

/** The step of a history range or a backfill: an hour, or one of the schedule {@link Interval}s. */
export type HistoryInterval = Interval | 'HOUR';

/** What {@link HistoryStore.range} reads. */
export interface HistoryRangeQuery {
  /** The first instant (included). */
  from: Date;
  /** The last instant (included). */
  to: Date;
  /**
   * With an interval: one observation per step from `from` to `to`, the last
   * one at or before each step instant (an observation never appears twice:
   * steps with no newer observation are left out). Without: every
   * observation in the range.
   */
  interval?: HistoryInterval;
  /**
   * Without an interval, the most observations answered (the newest beyond it
   * are left out); with one, the most steps (more is LIMIT_EXCEEDED). Default
   * 10,000; the GraphQL field passes its per-request budget.
   */
  limit?: number;
}

/**
 * Leadership of one named role (the recorder) among the instances sharing a
 * store: a PostgreSQL session advisory lock, held until released or until its
 * connection is lost.
 */
export interface HistoryLease {
  /** The role's name. */
  readonly name: string;
  /** True once the lease is gone (released, or its database connection was lost): acquire again. */
  readonly lost: boolean;
  /**
   * Confirms the lease is still held with a cheap round trip on its own
   * connection (marking it {@link HistoryLease.lost} when that fails);
   * absent where a lease cannot silently go (an embedded store).
   */
  check?(): Promise<boolean>;
  /** Gives the role up (idempotent). */
  release(): Promise<void>;
}

/**
 * Where observed chain history is kept: observations per protocol, unique per
 * (protocol, height), amounts exact.
 *
 * @example
 * ```ts
 * import type { HistoryStore, Observation } from '@tokenomics/core';
 *
 * async function record(store: HistoryStore, observation: Observation): Promise<boolean> {
 *   return (await store.append('session', [observation])) === 1;
 * }
 * ```
 */
export interface HistoryStore {
  /**
   * Adds observations; one already stored at the same (protocol, height) is
   * left as it is (appending twice adds nothing). Resolves to how many were new.
   */
  append(protocolId: string, observations: readonly Observation[]): Promise<number>;
  /** Observations from `from` to `to`, oldest first (see {@link HistoryRangeQuery.interval}). */
  range(protocolId: string, query: HistoryRangeQuery): Promise<Observation[]>;
  /** The newest observation (by height), or null when none is stored. */
  latest(protocolId: string): Promise<Observation | null>;
  /** The heights stored from `fromHeight` to `toHeight` (both included), ascending: what a resumed backfill skips. */
  heights(protocolId: string, fromHeight: bigint, toHeight: bigint): Promise<bigint[]>;
  /** Deletes the observations whose block time is before `before` (retention); resolves to how many were deleted. */
  prune(protocolId: string, before: Date): Promise<number>;
  /**
   * Tries to take the named role among every instance sharing the store:
   * the lease when taken, null while another instance holds it. An embedded
   * store (one process) always leads.
   */
  tryLeadership(name: string): Promise<HistoryLease | null>;
  /** Releases held leases and closes the database. */
  close(): Promise<void>;
}
