import type { BlockSource, SourcedState, StateSource } from '../define-adapter.js';
import { prunedHeight } from '../define-adapter.js';
import type { BlockRef } from '../economy.js';
import { TokenomicsError } from '../errors.js';
import type { exampleParameters } from './example-economy.js';

/** Options of {@link exampleChain}. */
export interface ExampleChainOptions {
  /** The first block's time; default 2025-06-01T00:00:00Z. */
  genesis?: Date;
  /** Seconds between blocks; default 60. */
  blockSeconds?: number;
  /** The height of the chain's head at the start; default 100. */
  height?: bigint;
  /** Heights below this one are pruned: reading them fails as a pruned node does. Default 1 (none). */
  lowestKept?: bigint;
}

/** The state the example chain has at a height: supply and treasury as whole EX, text. */
export interface ExampleChainState {
  supply: string;
  treasury: string;
}

/**
 * An in-memory chain for history tests: one block every `blockSeconds`, a
 * supply that grows by one EX a block (1,000 EX at height 1) and a treasury
 * of 250 EX, a head that tests advance, and a pruned range. Its `source` is a
 * live {@link StateSource} with {@link BlockSource} access for
 * `exampleEconomy({ source })`; every read is counted.
 *
 * @example
 * ```ts
 * import { exampleChain, exampleEconomy } from '@tokenomics/core/testing';
 *
 * const chain = exampleChain({ height: 10n });
 * const economy = exampleEconomy({ source: chain.source });
 * (await economy.history!.observe()).total?.toFixed(); // '1009'
 * chain.advance(5);
 * ```
 */
export function exampleChain(options: ExampleChainOptions = {}) {
  const genesis = options.genesis ?? new Date('2025-06-01T00:00:00Z');
  const blockSeconds = options.blockSeconds ?? 60;
  const lowestKept = options.lowestKept ?? 1n;
  let head = options.height ?? 100n;
  let reads = 0;

  const blockAt = (height: bigint): BlockRef => {
    if (height < 1n || height > head) {
      throw new TokenomicsError('UPSTREAM_UNAVAILABLE', `no block at height ${height} (head ${head})`);
    }
    return { height, time: new Date(genesis.getTime() + Number(height - 1n) * blockSeconds * 1000) };
  };
  const stateAt = (height: bigint): ExampleChainState => ({
    supply: (999n + height).toString(),
    treasury: '250',
  });
  const sourced = (height: bigint): SourcedState<typeof exampleParameters, unknown> => {
    reads += 1;
    const block = blockAt(height);
    const state = stateAt(height);
    return {
      state: null,
      info: {
        kind: 'LIVE',
        description: 'the example chain',
        fetchedAt: new Date(),
        stale: false,
        height: block.height,
        blockTime: block.time,
      },
      parameters: {
        supply: { value: state.supply, source: `chain: supply at height ${height}` },
        treasury: { value: state.treasury, source: `chain: treasury at height ${height}` },
        genesis: { value: genesis.toISOString(), source: 'chain: the first block' },
      },
    };
  };
  const blocks: BlockSource<typeof exampleParameters, unknown> = {
    head: async () => blockAt(head),
    blockAt: async (_ctx, height) => {
      if (height < lowestKept) throw prunedHeight(height, `the node keeps heights from ${lowestKept}`);
      return blockAt(height);
    },
    readAt: async (_ctx, height) => {
      if (height < lowestKept) throw prunedHeight(height, `the node keeps heights from ${lowestKept}`);
      return sourced(height);
    },
  };
  const source: StateSource<typeof exampleParameters, unknown> = {
    live: true,
    read: async () => sourced(head),
    blocks,
  };
  return {
    source,
    /** The head's height now. */
    get height(): bigint {
      return head;
    },
    /** Reads made so far (current and archive). */
    get reads(): number {
      return reads;
    },
    /** Adds blocks to the head. */
    advance(blocksToAdd = 1): void {
      head += BigInt(blocksToAdd);
    },
    /** The block at a height, as the chain has it. */
    blockAt,
    /** The state at a height, as the chain has it. */
    stateAt,
  };
}
