import {
  defineAdapter,
  defineAdapterDescriptor,
  isTokenomicsError,
  type PlausibilityInput,
  resolveParameters,
  type TokenEconomy,
  TokenomicsError,
} from '@tokenomics/core';
import { mintFlows } from './model/flows.js';
import { mintPenalties } from './model/penalties.js';
import { cosmosMintImplausibility } from './model/plausibility.js';
import { rewardsFigures } from './model/rewards.js';
import { schedulePoints } from './model/schedule.js';
import { supplyFigures } from './model/supply.js';
import { validateParameters } from './model/validation.js';
import { type CosmosMintAdapterOptions, env, fromEnv, optionsSchema, resolveOptions } from './options.js';
import { type CosmosMintParameters, cosmosMintParameters } from './parameters.js';
import { cosmosMintLiveSource } from './sources/live.js';
import { cosmosMintSnapshotSource } from './sources/snapshot.js';
import type { CosmosMintState, ModelContext } from './state.js';

export { type MintStatsAt, mintStateAt, mintStateStats } from './model/mint-state.js';
export {
  type CosmosMintAdapterOptions,
  type CosmosMintLiveOptions,
  env,
  fromEnv,
  optionsSchema,
  resolveOptions,
} from './options.js';
export {
  COSMOS_MINT_PRESETS,
  COSMOSHUB_PRESET,
  type CosmosChainPreset,
  type CosmosMintParameters,
  type CosmosMintPresetName,
  cosmosMintParameters,
} from './parameters.js';
export type { CosmosChainState, CosmosMintModel, CosmosMintState, MintStateAt } from './state.js';
export { type ChainInfo, COSMOSHUB_CHAIN } from './token.js';

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
 * import { cosmosMintAdapter } from '@tokenomics/adapter-cosmos-mint';
 *
 * const hub = cosmosMintAdapter({ id: 'cosmoshub' }); // snapshot: the Cosmos Hub preset
 * (await hub.rewards!({ at: new Date('2019-03-13T23:00:00Z') })).stakingApr.toFixed(20); // '0.10238805970149253731'
 * const live = cosmosMintAdapter({
 *   id: 'testchain',
 *   denom: 'utest',
 *   decimals: 6,
 *   symbol: 'TEST',
 *   live: { lcdUrl: 'https://lcd.example', chainId: 'testchain-1' },
 * });
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
    // Live: the preset's snapshot (no chain reads) is what drift compares with.
    ...(live ? { publishedSource: cosmosMintSnapshotSource(preset) } : {}),
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
    penalties: mintPenalties(context),
    schedule: (model, instants) => schedulePoints(model, instants, context),
    flows: mintFlows(token.symbol),
  });
}

/**
 * The x/mint adapter as a gateway loads it (by package name or path): id
 * `cosmos-mint` (each instance sets its own `id` in its options), its strict
 * options schema, its per-instance environment variables and its factory.
 *
 * @example
 * ```ts
 * import { adapter } from '@tokenomics/adapter-cosmos-mint';
 *
 * const hub = adapter.create(adapter.optionsSchema.parse(adapter.fromEnv(process.env, { id: 'cosmoshub' })));
 * ```
 */
export const adapter = defineAdapterDescriptor<CosmosMintAdapterOptions>({
  id: 'cosmos-mint',
  name: 'Cosmos SDK x/mint chain',
  optionsSchema,
  env,
  fromEnv,
  create: cosmosMintAdapter,
});

export default adapter;
