import {
  Decimal,
  defineAdapter,
  defineAdapterDescriptor,
  type TokenEconomy,
  TokenomicsError,
} from '@tokenomics/core';
import { checkNonCirculatingHoldings } from '@tokenomics/cosmos-rest';
import { feeSchedules, quoteFee } from './model/fees.js';
import { synternetFlows } from './model/flows.js';
import { synternetPenalties } from './model/penalties.js';
import { synternetImplausibility } from './model/plausibility.js';
import { rewardsFigures } from './model/rewards.js';
import { schedulePoints } from './model/schedule.js';
import { supplyFigures } from './model/supply.js';
import { env, fromEnv, optionsSchema, type SynternetAdapterOptions } from './options.js';
import { SYNTERNET_PRESETS, synternetParameters } from './parameters.js';
import { synternetLiveSource } from './sources/live.js';
import { synternetSnapshotSource } from './sources/snapshot.js';
import type { SynternetState } from './state.js';
import { SYNT_DECIMALS, SYNT_TOKEN, SYNTERNET_CHAIN_ID, SYNTERNET_TREASURY_ADDRESS } from './token.js';

export { SCHEDULE_TABLES_BYTES, scheduleTableStats } from './model/state-at.js';
export {
  checkLiveOptions,
  env,
  fromEnv,
  optionsSchema,
  type SynternetAdapterOptions,
  type SynternetLiveOptions,
} from './options.js';
export {
  SEED_PRESET,
  SYNTERNET_PRESETS,
  type SynternetParameters,
  type SynternetPresetName,
  synternetParameters,
} from './parameters.js';
export type { SynternetChainState, SynternetModel, SynternetState } from './state.js';
export { SYNT_DECIMALS, SYNT_TOKEN, SYNTERNET_CHAIN_ID, SYNTERNET_TREASURY_ADDRESS } from './token.js';

/**
 * The Synternet token economy: the yearly-allowance inflation schedule,
 * staking APR/APY, x/slashing penalties, protocol fees and burns, and the
 * specification's value flows, from a preset (snapshot) or a Cosmos SDK REST
 * endpoint (live).
 *
 * Circulating = total − treasury − configured holdings; staked tokens count
 * as circulating and `liquid` = circulating − staked (docs/methodology/synternet.md).
 *
 * @throws TokenomicsError CONFIGURATION for an unknown preset (listing the
 *   valid ones), a bad live URL, treasury address or chain id, or a bad non-circulating holding
 * @example
 * ```ts
 * import { synternetAdapter } from '@tokenomics/adapter-synternet';
 *
 * const snapshot = synternetAdapter();
 * (await snapshot.supply!({ at: new Date('2026-08-01T00:00:00Z') })).total.toFixed(); // '1150200000'
 * const live = synternetAdapter({ live: { lcdUrl: 'https://api.synternet.com' } }); // preset chain-2025
 * ```
 */
export function synternetAdapter(options: SynternetAdapterOptions = {}): TokenEconomy {
  // Live defaults to the published figures; a snapshot keeps the specification's.
  const presetName = options.preset ?? (options.live ? 'chain-2025' : 'seed');
  if (!Object.hasOwn(SYNTERNET_PRESETS, presetName)) {
    const valid = Object.keys(SYNTERNET_PRESETS);
    throw new TokenomicsError(
      'CONFIGURATION',
      `unknown Synternet preset ${JSON.stringify(presetName)}; valid presets: ${valid.join(', ')}`,
      { details: { preset: presetName, validPresets: valid } },
    );
  }
  const preset = SYNTERNET_PRESETS[presetName];
  const holdings = checkNonCirculatingHoldings(options.nonCirculating, {
    prefix: 'synt',
    decimals: SYNT_DECIMALS,
    requireAmount: !options.live,
    reserved: [options.live?.treasuryAddress ?? SYNTERNET_TREASURY_ADDRESS],
  });
  const source = options.live
    ? synternetLiveSource(options.live, holdings)
    : synternetSnapshotSource(presetName);
  const chainId = options.live?.chainId ?? SYNTERNET_CHAIN_ID;
  const withTreasuryInflation = [
    ...preset.values.treasuryInflationSchedule.value.split(','),
    preset.values.longTermTreasuryInflation.value,
  ].some((rate) => !new Decimal(rate).isZero());
  return defineAdapter<typeof synternetParameters, SynternetState>({
    id: options.id ?? 'synternet',
    name: 'Synternet',
    token: SYNT_TOKEN,
    parameters: synternetParameters,
    preset,
    source,
    // Live: the published preset's snapshot (no chain reads) is what drift compares with.
    ...(options.live ? { publishedSource: synternetSnapshotSource(presetName) } : {}),
    genesis: (params) => params.inflationStart,
    genesisParameter: 'inflationStart',
    plausible: (input) => synternetImplausibility(input, chainId),
    supply: (model, at) => supplyFigures(model, at, holdings),
    rewards: rewardsFigures,
    fees: { schedules: feeSchedules, quote: quoteFee },
    penalties: synternetPenalties,
    schedule: (model, instants) => schedulePoints(model, instants, holdings),
    flows: synternetFlows(withTreasuryInflation),
  });
}

/**
 * The Synternet adapter as a gateway loads it (by package name or path):
 * id `synternet`, its strict options schema, its environment variables and
 * its factory.
 *
 * @example
 * ```ts
 * import { adapter } from '@tokenomics/adapter-synternet';
 *
 * const options = adapter.optionsSchema.parse(adapter.fromEnv(process.env, {}));
 * const economy = adapter.create(options);
 * ```
 */
export const adapter = defineAdapterDescriptor<SynternetAdapterOptions>({
  id: 'synternet',
  name: 'Synternet',
  optionsSchema,
  env,
  fromEnv,
  create: synternetAdapter,
});

export default adapter;
