import { type BlockRef, isTokenomicsError, type TokenomicsError } from '@tokenomics/core';

/** What {@link findBlockAt} searches. */
export interface BlockSearch {
  /** The chain's latest block (read once by the caller). */
  head: BlockRef;
  /** The block at a height; a pruned height throws `UPSTREAM_UNAVAILABLE` with `details.reason: 'PRUNED'`. */
  blockAt(height: bigint): Promise<BlockRef>;
  /** The chain's first height; default 1. */
  earliest?: bigint;
}

/**
 * True for the error a node gives for a height it has pruned
 * (`UPSTREAM_UNAVAILABLE` with `details.reason: 'PRUNED'`).
 *
 * @example
 * ```ts
 * import { prunedHeight } from '@tokenomics/core';
 * import { isPrunedError } from '@tokenomics/history';
 *
 * isPrunedError(prunedHeight(1200n, 'the node keeps heights from 5000')); // true
 * isPrunedError(new Error('timeout')); // false
 * ```
 */
export function isPrunedError(error: unknown): error is TokenomicsError {
  return (
    isTokenomicsError(error) && error.code === 'UPSTREAM_UNAVAILABLE' && error.details.reason === 'PRUNED'
  );
}

/**
 * The last block at or before `instant`, by binary search over block-by-height
 * (block times never decrease): at most ⌈log2(head − earliest + 2)⌉ calls of
 * `blockAt`, none when the head is already at or before the instant. Null
 * when the instant is before the chain's first block. A node prunes a prefix
 * of its heights: a pruned height counts as before the instant, and when the
 * answer lies in the pruned prefix, the pruned error of the newest pruned
 * height is thrown (the node keeps the heights after it).
 *
 * @throws TokenomicsError UPSTREAM_UNAVAILABLE (`details.reason: 'PRUNED'`) when the block at the instant is pruned
 * @example
 * ```ts
 * import { findBlockAt } from '@tokenomics/history';
 *
 * // A chain with a block every 6 s from 2026-01-01T00:00:00Z, at height 1.
 * const genesis = Date.parse('2026-01-01T00:00:00Z');
 * const block = (height: bigint) => ({ height, time: new Date(genesis + Number(height - 1n) * 6_000) });
 * const found = await findBlockAt(new Date('2026-01-01T00:01:00Z'), {
 *   head: block(1_000n),
 *   blockAt: async (height) => block(height),
 * });
 * found?.height; // 11n
 * ```
 */
export async function findBlockAt(
  instant: Date,
  { head, blockAt, earliest = 1n }: BlockSearch,
): Promise<BlockRef | null> {
  const t = instant.getTime();
  if (head.time.getTime() <= t) return head;
  // Invariant: `low` is at or before the instant (or a virtual height before
  // the chain), `high` is after it.
  let low = earliest - 1n;
  let lowBlock: BlockRef | null = null;
  let lowPruned: TokenomicsError | null = null;
  let high = head.height;
  while (high - low > 1n) {
    const mid = low + (high - low) / 2n;
    let block: BlockRef;
    try {
      block = await blockAt(mid);
    } catch (error) {
      if (!isPrunedError(error)) throw error;
      low = mid;
      lowBlock = null;
      lowPruned = error;
      continue;
    }
    if (block.time.getTime() <= t) {
      low = mid;
      lowBlock = block;
      lowPruned = null;
    } else {
      high = mid;
    }
  }
  if (lowPruned !== null) throw lowPruned;
  return lowBlock;
}
