import {
  defineAdapter,
  isTokenomicsError,
  type PlausibilityInput,
  resolveParameters,
  type TokenEconomy,
  TokenomicsError,
} from '@tokenomics/core';
import {
  type ModelContext,
  mintFlows,
  penaltyRules,
  rewardsFigures,
  schedulePoints,
  simulatePenalty,
  supplyFigures,
  validateParameters,
} from './model.js';
import { type CosmosMintAdapterOptions, resolveOptions } from './options.js';
import { type CosmosMintParameters, cosmosMintParameters } from './parameters.js';
import { cosmosMintImplausibility } from './plausibility.js';
import { type CosmosMintState, cosmosMintLiveSource } from './sources/live.js';
import { cosmosMintSnapshotSource } from './sources/snapshot.js';

// The Cosmos SDK formulas this adapter shares with every Cosmos adapter, re-exported where they used to live.
export {
  type DowntimeThreshold,
  dailyCompoundedApy,
  delegatorApr,
  downtimeTrigger,
  type SlashedStake,
  type SlashedStakes,
  slashStakes,
} from '@tokenomics/cosmos-rest';
export * from './formulas/annual-provisions.js';
export * from './formulas/blocks-elapsed.js';
export * from './formulas/inflation-after-blocks.js';
export * from './formulas/inflation-change-per-block.js';
export * from './formulas/legacy-dec.js';
export * from './formulas/next-inflation-rate.js';
export * from './formulas/staking-apr.js';
export * from './formulas/supply-after-blocks.js';
export { type CosmosMintModel, type MintStateAt, mintFlows, mintStateAt } from './model.js';
export {
  type CosmosMintAdapterOptions,
  type CosmosMintLiveOptions,
  type ResolvedCosmosMintLiveOptions,
  type ResolvedCosmosMintOptions,
  resolveOptions,
} from './options.js';
export {
  type ChainInfo,
  COSMOS_MINT_METHODOLOGY,
  COSMOS_MINT_PRESETS,
  COSMOSHUB_PRESET,
  type CosmosChainPreset,
  type CosmosMintParameters,
  type CosmosMintPresetName,
  cosmosMintParameters,
} from './parameters.js';
export { type CosmosMintBounds, cosmosMintImplausibility } from './plausibility.js';
export {
  type CosmosChainState,
  type CosmosMintLiveSourceOptions,
  type CosmosMintState,
  cosmosMintLiveSource,
} from './sources/live.js';
export { cosmosMintSnapshotSource } from './sources/snapshot.js';

/**
 * A chain with the standard Cosmos SDK x/mint, x/slashing and x/distribution
 * modules as a TokenEconomy: supply stepped block by block by x/mint's
 * inflation (moving toward `goal_bonded` between `inflation_min` and
 * `inflation_max`), staking APR/APY after the community tax, the two
 * x/slashing penalties, a schedule and the value flows. One adapter serves
 * many chains: each instance has its own `id`, preset, denom and decimals,
 * and reads its chain live when given an LCD URL.
 *
 * Circulating = total − configured non-circulating holdings (x/mint has no
 * treasury); staked tokens count as circulating and `liquid` = circulating −
 * staked (docs/methodology/cosmos-mint.md).
 *
 * @throws TokenomicsError CONFIGURATION for a missing id, an unknown preset,
 *   a bad denom, decimals, URL, chain id, preset value or non-circulating holding (naming the option and what is valid)
 * @example
 * ```ts
 * const hub = cosmosMintAdapter({ id: 'cosmoshub' }); // snapshot: the Cosmos Hub preset
 * (await hub.rewards!({ at: new Date('2019-03-13T23:00:00Z') })).stakingApr.toFixed(20); // '0.10238805970149253731'
 * const live = cosmosMintAdapter({ id: 'osmosis-like', denom: 'utest', decimals: 6, symbol: 'TEST', live: { lcdUrl, chainId: 'testchain-1' } });
 * ```
 */
export function cosmosMintAdapter(options: CosmosMintAdapterOptions): TokenEconomy {
  const resolved = resolveOptions(options);
  const { preset, token, denom, live, holdings } = resolved;
  // resolveOptions has parsed the preset already: this cannot throw.
  const presetValues = resolveParameters(cosmosMintParameters, [preset.values]).values;
  const presetAnchor = presetValues.anchorTime;
  try {
    validateParameters(presetValues);
  } catch (error) {
    if (!isTokenomicsError(error)) throw error;
    throw new TokenomicsError('CONFIGURATION', `preset "${preset.name}": ${error.message}`, { cause: error });
  }
  const context: ModelContext = {
    decimals: token.decimals,
    symbol: token.symbol,
    chainName: resolved.name,
    holdings,
  };
  const source = live
    ? cosmosMintLiveSource({
        lcdUrl: live.lcdUrl,
        denom,
        decimals: token.decimals,
        symbol: token.symbol,
        nonCirculating: holdings,
      })
    : cosmosMintSnapshotSource(preset);
  return defineAdapter<typeof cosmosMintParameters, CosmosMintState>({
    id: resolved.id,
    name: resolved.name,
    token,
    parameters: cosmosMintParameters,
    preset,
    source,
    genesis: (params) => params.anchorTime,
    genesisParameter: 'anchorTime',
    ...(live
      ? {
          plausible: (input: PlausibilityInput<CosmosMintParameters, CosmosMintState>) =>
            cosmosMintImplausibility(input, { chainId: live.chainId, denom, notBefore: presetAnchor }),
        }
      : {}),
    validate: validateParameters,
    supply: (model, at) => supplyFigures(model, at, context),
    rewards: rewardsFigures,
    penalties: {
      rules: (model) => penaltyRules(model, context),
      simulate: (model, input) => simulatePenalty(model, input, context),
    },
    schedule: (model, instants) => schedulePoints(model, instants, context),
    flows: mintFlows(token.symbol),
  });
}

/** The factory the gateway's configuration loads adapters by (`"adapter": "./packages/adapter-cosmos-mint"`). */
export const createAdapter: (options: CosmosMintAdapterOptions) => TokenEconomy = cosmosMintAdapter;
