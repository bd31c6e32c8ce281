import { type Parameter, type SizedCacheStats, sizedCache, sizedCacheStats } from '@tokenomics/core';
import { COSMOS_SDK_SLASHING_SOURCES } from '@tokenomics/cosmos-rest';
import { blocksElapsed } from '../formulas/blocks-elapsed.js';
import { inflationAfterBlocks } from '../formulas/inflation-after-blocks.js';
import { inflationChangePerBlock } from '../formulas/inflation-change-per-block.js';
import { supplyAfterBlocks } from '../formulas/supply-after-blocks.js';
import { COSMOS_MINT_METHODOLOGY, type CosmosMintParameters } from '../parameters.js';
import type { CosmosMintModel, MintStateAt } from '../state.js';

export const METHOD = COSMOS_MINT_METHODOLOGY;
export const MINT = `cosmos-sdk x/mint (minter.go NextInflationRate, NextAnnualProvisions, BlockProvision), https://github.com/cosmos/cosmos-sdk/blob/5f9c3fdf88952ea43316f1a18de572e7ae3c13f6/x/mint/types/minter.go; ${METHOD}#supply`;
export const DISTRIBUTION = `cosmos-sdk x/distribution (community_tax), https://github.com/cosmos/cosmos-sdk/blob/a26a2e17a16cc7ebf9afb9d898b8996b0049b855/x/distribution/keeper/allocation.go; ${METHOD}#rewards`;
export const SLASHING = {
  downtime: `${METHOD}#slashing; ${COSMOS_SDK_SLASHING_SOURCES.downtime}`,
  doubleSign: `${METHOD}#slashing; ${COSMOS_SDK_SLASHING_SOURCES.doubleSign}`,
};
export const STAKED_FROM_HOLDINGS = `${METHOD}#circulating-staked-and-liquid`;
export const HELD = 'the bonded ratio is held constant from the anchor on';

/** Estimated bytes of one kept state: a handful of 60-digit Decimals and the path. */
const MINT_STATE_BYTES = 2_048;
/** States kept, for all models: 4 MiB, about 2,000 (model, block count) pairs. */
export const MINT_STATES_BYTES = 4 * 1024 * 1024;

/** A number per model (models are immutable objects), so a (model, blocks) pair is one string key. */
const modelIds = new WeakMap<CosmosMintModel, number>();
let nextModelId = 0;
const states = sizedCache<string, MintStateAt>({
  maxBytes: MINT_STATES_BYTES,
  sizeOf: () => MINT_STATE_BYTES,
});

/** What the memo of {@link mintStateAt} holds now, against its bound. */
export type MintStatsAt = SizedCacheStats;

/**
 * What the memo of {@link mintStateAt} holds now, against its bound.
 *
 * @example
 * ```ts
 * import { mintStateStats } from '@tokenomics/adapter-cosmos-mint';
 *
 * mintStateStats().maxBytes; // 4194304
 * ```
 */
export function mintStateStats(): MintStatsAt {
  return sizedCacheStats(states);
}

/**
 * Blocks since the anchor, the inflation path and the supply at `at`, the
 * one computation every capability (and the schedule) reads: memoized per
 * model and block count (bounded, {@link MINT_STATES_BYTES}), so supply,
 * rewards and the schedule at one instant compute it once.
 *
 * @example
 * ```ts
 * import { type CosmosMintModel, mintStateAt } from '@tokenomics/adapter-cosmos-mint';
 *
 * declare const model: CosmosMintModel; // the cosmoshub preset
 *
 * mintStateAt(model, new Date('2020-03-13T05:00:00Z')).blocks; // 4360000 with the cosmoshub preset
 * ```
 */
export function mintStateAt(model: CosmosMintModel, at: Date): MintStateAt {
  const blocks = blocksElapsed(model.params.anchorTime, at, model.params.blocksPerYear);
  let id = modelIds.get(model);
  if (id === undefined) {
    id = nextModelId++;
    modelIds.set(model, id);
  }
  const key = `${id}:${blocks}`;
  let state = states.get(key);
  if (state === undefined) {
    state = mintStateAfter(model, blocks);
    states.set(key, state);
  }
  return state;
}

/** The state after `blocks` blocks from the anchor, computed (the memo's miss path). */
function mintStateAfter(model: CosmosMintModel, blocks: number): MintStateAt {
  const { params } = model;
  const change = inflationChangePerBlock(
    params.bondedRatio,
    params.goalBonded,
    params.inflationRateChange,
    params.blocksPerYear,
  );
  const bounds = { min: params.inflationMin, max: params.inflationMax };
  const path = inflationAfterBlocks(params.anchorInflation, change, bounds, blocks);
  const supply = supplyAfterBlocks(params.anchorSupply, path, change, params.blocksPerYear, blocks);
  return { blocks, change, path, supply };
}

/** The source of a parameter's value in this model. */
export function sourceOf(model: CosmosMintModel, key: keyof CosmosMintParameters): string {
  return model.parameters.find((parameter: Parameter) => parameter.key === key)!.source;
}

/** Where the model steps from: the chain's block (live) or the preset's anchor. */
export function anchorNote(model: CosmosMintModel): string {
  const { state, params } = model;
  return state
    ? `anchored at the chain's total at block ${state.height} (${state.blockTime.toISOString()})`
    : `anchored at anchorSupply on ${params.anchorTime.toISOString()} (${sourceOf(model, 'anchorSupply')})`;
}
