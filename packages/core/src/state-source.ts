import type { BlockRef, DataSourceInfo, EconomyContext } from './economy.js';
import type { ParameterData, ParameterSchema } from './parameters.js';

// The source side of an adapter (what defineAdapter reads from), apart from
// define-adapter.ts so guarded-source.ts can use it without an import cycle.

/** What a source read: the state, where it came from, and any parameters it replaces. */
export interface SourcedState<S extends ParameterSchema, State> {
  state: State;
  info: DataSourceInfo;
  /** Values read from the chain (slash fractions, windows…), replacing the preset's; their `source` says so. */
  parameters?: Partial<ParameterData<S>>;
}

/** Where a model's state comes from: the preset alone (snapshot) or the chain (live). */
export interface StateSource<S extends ParameterSchema, State> {
  /** The current state; a live source's `info` carries the `height` and `blockTime` it read at. */
  read(ctx: EconomyContext): Promise<SourcedState<S, State>>;
  /** Block access of a live source that can read an archive node (for history backfill). */
  blocks?: BlockSource<S, State>;
  /**
   * Whether the source reads a chain (its reads carry `info.height` and
   * `info.blockTime`): the economy then has `history`. Implied by `blocks`.
   */
  live?: boolean;
}

/**
 * A live source's access to blocks and to the state at a past height (Cosmos
 * REST with `x-cosmos-block-height`, EVM `eth_call` at a block number). A
 * height the node has pruned is refused with {@link prunedHeight}.
 */
export interface BlockSource<S extends ParameterSchema, State> {
  head(ctx: EconomyContext): Promise<BlockRef>;
  blockAt(ctx: EconomyContext, height: bigint): Promise<BlockRef>;
  readAt(ctx: EconomyContext, height: bigint): Promise<SourcedState<S, State>>;
}
