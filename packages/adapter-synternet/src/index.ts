import { Decimal, defineAdapter, type TokenEconomy, TokenomicsError } from '@tokenomics/core';
import { checkNonCirculatingHoldings, type NonCirculatingHolding } from '@tokenomics/cosmos-rest';
import {
  feeSchedules,
  penaltyRules,
  quoteFee,
  rewardsFigures,
  schedulePoints,
  simulatePenalty,
  supplyFigures,
  synternetFlows,
} from './model.js';
import { SYNTERNET_PRESETS, type SynternetPresetName, synternetParameters } from './parameters.js';
import { synternetImplausibility } from './plausibility.js';
import {
  SYNT_DECIMALS,
  SYNTERNET_CHAIN_ID,
  SYNTERNET_TREASURY_ADDRESS,
  type SynternetLiveOptions,
  type SynternetState,
  synternetLiveSource,
} from './sources/live.js';
import { synternetSnapshotSource } from './sources/snapshot.js';

// The Cosmos SDK formulas Synternet shares with every Cosmos adapter, re-exported where they used to live.
export {
  type DowntimeThreshold,
  dailyCompoundedApy,
  delegatorApr,
  downtimeTrigger,
  type SlashedStake,
  type SlashedStakes,
  slashStakes,
} from '@tokenomics/cosmos-rest';
export { SYNTERNET_ENV, synternetOptionsFromEnv } from './env.js';
export * from './formulas/fee-split.js';
export * from './formulas/momentary-inflation.js';
export * from './formulas/per-unit-fee.js';
export * from './formulas/percent-with-minimum-fee.js';
export * from './formulas/staking-apr.js';
export * from './formulas/supply-at.js';
export * from './formulas/validator-rate.js';
export * from './formulas/year-rates.js';
export { SCHEDULE_TABLES_BYTES, scheduleTableStats } from './model.js';
export {
  CHAIN_2025_PRESET,
  SEED_PRESET,
  SYNTERNET_METHODOLOGY,
  SYNTERNET_PRESETS,
  SYNTERNET_TOKENOMICS_URL,
  type SynternetParameters,
  type SynternetPresetName,
  synternetParameters,
} from './parameters.js';
export { synternetImplausibility } from './plausibility.js';
export {
  SYNT_DECIMALS,
  SYNT_DENOM,
  SYNTERNET_CHAIN_ID,
  SYNTERNET_GENESIS_TIME,
  SYNTERNET_TREASURY_ADDRESS,
  type SynternetChainState,
  type SynternetLiveOptions,
  type SynternetState,
  synternetLiveSource,
} from './sources/live.js';
export { synternetSnapshotSource } from './sources/snapshot.js';

/** Options of {@link synternetAdapter}. */
export interface SynternetAdapterOptions {
  /** The protocol id; default `synternet`. */
  id?: string;
  /** The parameter preset; default `seed` for a snapshot, `chain-2025` (the published figures) when live. */
  preset?: SynternetPresetName;
  /** Read the chain over Cosmos REST instead of the snapshot. */
  live?: SynternetLiveOptions;
  /**
   * Accounts whose balances are not in holders' hands besides the treasury
   * (a vesting or bridge account): each a `synt1…` address and a label, and
   * for a snapshot the amount in whole SYNT. A live source reads each
   * balance (a configured amount is then unused). Subtracted from
   * circulating and shown as its own supply bucket.
   */
  nonCirculating?: NonCirculatingHolding[];
}

/** The token: SYNT, 6 decimals (usynt). */
export const SYNT_TOKEN = { symbol: 'SYNT', name: 'Synternet', decimals: SYNT_DECIMALS } as const;

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
 * const snapshot = synternetAdapter();
 * (await snapshot.supply!({ at: new Date('2026-08-01T00:00:00Z') })).total.toFixed(); // '1150200000'
 * const live = synternetAdapter({ live: { lcdUrl: process.env.SYNTERNET_LCD_URL! } }); // preset chain-2025
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
    genesis: (params) => params.inflationStart,
    genesisParameter: 'inflationStart',
    plausible: (input) => synternetImplausibility(input, chainId),
    supply: (model, at) => supplyFigures(model, at, holdings),
    rewards: rewardsFigures,
    fees: { schedules: feeSchedules, quote: quoteFee },
    penalties: { rules: penaltyRules, simulate: simulatePenalty },
    schedule: (model, instants) => schedulePoints(model, instants, holdings),
    flows: synternetFlows(withTreasuryInflation),
  });
}

/** The factory the gateway's configuration loads adapters by (`adapter: "@tokenomics/adapter-synternet"`). */
export const createAdapter: (options?: SynternetAdapterOptions) => TokenEconomy = synternetAdapter;

// SHIM(lead-merge): a temporary descriptor so the server loads Synternet by package name; the lead replaces it with the real one.
import { defineAdapterDescriptor as defineSynternetDescriptorShim } from '@tokenomics/core'; // SHIM(lead-merge)
import {
  SYNTERNET_ENV as SYNTERNET_ENV_SHIM,
  synternetOptionsFromEnv as synternetOptionsFromEnvShim,
} from './env.js'; // SHIM(lead-merge)
/** The adapter descriptor (temporary shim). */ // SHIM(lead-merge)
export const adapter = defineSynternetDescriptorShim<SynternetAdapterOptions>({
  // SHIM(lead-merge)
  id: 'synternet', // SHIM(lead-merge)
  name: 'Synternet', // SHIM(lead-merge)
  optionsSchema: { safeParse: (data: unknown) => ({ success: true, data }) } as never, // SHIM(lead-merge)
  env: Object.values(SYNTERNET_ENV_SHIM).map((name) => ({
    name,
    description: 'see the Synternet adapter README',
  })), // SHIM(lead-merge)
  fromEnv: (env, options) => ({ ...synternetOptionsFromEnvShim(env, options as SynternetAdapterOptions) }), // SHIM(lead-merge)
  create: (options) => synternetAdapter(options), // SHIM(lead-merge)
}); // SHIM(lead-merge)
export default adapter; // SHIM(lead-merge)
