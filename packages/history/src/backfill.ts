import {
  type EconomyContext,
  type EconomyHistory,
  type HistoryInterval,
  type HistoryStore,
  TokenomicsError,
} from '@tokenomics/core';
import { findBlockAt, isPrunedError } from './find-block.js';
import { DEFAULT_MAX_HISTORY_STEPS, historyInstants } from './history-instants.js';

/** The default number of instants read at once. */
export const DEFAULT_BACKFILL_CONCURRENCY = 4;
/** The most instants read at once, whatever is asked. */
export const MAX_BACKFILL_CONCURRENCY = 16;

/** Options of {@link backfill}. */
export interface BackfillOptions {
  store: HistoryStore;
  protocolId: string;
  /** The protocol's history; needs `head`, `blockAt` and `observeAt` (an archive node). */
  history: EconomyHistory;
  /** The first instant. */
  from: Date;
  /** The last instant; default now. */
  to?: Date;
  /** The step between instants; default `'DAY'`. */
  interval?: HistoryInterval;
  /** Instants read at once: default {@link DEFAULT_BACKFILL_CONCURRENCY}, at most {@link MAX_BACKFILL_CONCURRENCY}. */
  concurrency?: number;
  /** The chain's first height; default 1. */
  earliest?: bigint;
  /** The most instants in one run; default 10,000 (more is LIMIT_EXCEEDED). */
  maxSteps?: number;
  /** Called after each instant: how many are done, of how many. */
  onProgress?(done: number, total: number): void;
  /** Stops the run: no new instant starts, the ones in flight finish (and are kept), then it rejects with the reason. */
  signal?: AbortSignal;
  /** The context of the upstream reads (the reader, its cache). */
  ctx?: Partial<EconomyContext>;
}

/** An instant whose block or state the node has pruned. */
export interface PrunedInstant {
  /** The instant asked for. */
  at: Date;
  /** The pruned height the node refused (the block at the instant, or the newest pruned block before it). */
  height: bigint | null;
  message: string;
}

/** What {@link backfill} did. */
export interface BackfillResult {
  /** Instants stepped. */
  total: number;
  /** Observations added to the store. */
  added: number;
  /** Instants whose block was already stored (an earlier run, or an earlier instant of this run on the same block). */
  skipped: number;
  /** Instants before the chain's first block. */
  beforeGenesis: number;
  /** Instants the node has pruned; the others were filled. */
  pruned: PrunedInstant[];
}

/**
 * Fills the history from an archive node: for each instant from `from` to
 * `to`, the last block at or before it (a binary search over block-by-height)
 * and the state at that height, appended to the store. Idempotent and
 * resumable: an instant whose block is stored is skipped, so a rerun adds
 * nothing. Pruned heights are collected and do not stop the rest; any other
 * upstream error stops the run (what was filled is kept: rerun to resume).
 *
 * @throws TokenomicsError NOT_SUPPORTED when the history cannot read an archive; BAD_INPUT / LIMIT_EXCEEDED for the range
 * @example
 * ```ts
 * import type { EconomyHistory, HistoryStore } from '@tokenomics/core';
 * import { backfill } from '@tokenomics/history';
 *
 * async function fillJanuary(store: HistoryStore, history: EconomyHistory): Promise<number> {
 *   const result = await backfill({
 *     store,
 *     protocolId: 'session',
 *     history,
 *     from: new Date('2026-01-01T00:00:00Z'),
 *     to: new Date('2026-01-31T00:00:00Z'),
 *     interval: 'DAY',
 *     onProgress: (done, total) => console.log(`${done}/${total}`),
 *   });
 *   return result.added;
 * }
 * ```
 */
export async function backfill(options: BackfillOptions): Promise<BackfillResult> {
  const { store, protocolId, history, from, interval = 'DAY', earliest, onProgress, signal, ctx } = options;
  const { head, blockAt, observeAt } = archiveOf(history, protocolId);
  const instants = historyInstants(
    from,
    options.to ?? new Date(),
    interval,
    options.maxSteps ?? DEFAULT_MAX_HISTORY_STEPS,
  );
  const concurrency = Math.min(
    MAX_BACKFILL_CONCURRENCY,
    Math.max(1, Math.floor(options.concurrency ?? DEFAULT_BACKFILL_CONCURRENCY)),
  );
  const result: BackfillResult = {
    total: instants.length,
    added: 0,
    skipped: 0,
    beforeGenesis: 0,
    pruned: [],
  };
  signal?.throwIfAborted();
  const tip = await head(ctx);
  const claimed = new Set<bigint>();
  let next = 0;
  let done = 0;
  let failure: { error: unknown } | null = null;

  async function fill(instant: Date): Promise<void> {
    try {
      const block = await findBlockAt(instant, {
        head: tip,
        blockAt: (height) => blockAt(ctx, height),
        ...(earliest === undefined ? {} : { earliest }),
      });
      if (block === null) {
        result.beforeGenesis++;
        return;
      }
      if (
        claimed.has(block.height) ||
        (await store.heights(protocolId, block.height, block.height)).length > 0
      ) {
        result.skipped++;
        return;
      }
      claimed.add(block.height);
      const observation = await observeAt(ctx, block.height);
      const added = await store.append(protocolId, [observation]);
      if (added === 0) result.skipped++;
      result.added += added;
    } catch (error) {
      if (!isPrunedError(error)) throw error;
      const height = typeof error.details.height === 'string' ? BigInt(error.details.height) : null;
      result.pruned.push({ at: instant, height, message: error.message });
    }
  }

  async function worker(): Promise<void> {
    while (failure === null && !signal?.aborted && next < instants.length) {
      const instant = instants[next++] as Date;
      try {
        await fill(instant);
      } catch (error) {
        failure ??= { error };
        return;
      }
      done++;
      onProgress?.(done, instants.length);
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, instants.length) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
  signal?.throwIfAborted();
  result.pruned.sort((a, b) => a.at.getTime() - b.at.getTime());
  return result;
}

/** The archive reads of a history, bound to it; NOT_SUPPORTED without them. */
function archiveOf(history: EconomyHistory, protocolId: string) {
  const { head, blockAt, observeAt } = history;
  if (!head || !blockAt || !observeAt) {
    throw new TokenomicsError(
      'NOT_SUPPORTED',
      `protocol "${protocolId}" cannot read past blocks (no archive source)`,
    );
  }
  return { head: head.bind(history), blockAt: blockAt.bind(history), observeAt: observeAt.bind(history) };
}
