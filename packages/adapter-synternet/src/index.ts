import { Decimal, defineAdapter, type TokenEconomy, TokenomicsError } from '@tokenomics/core';
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
  slashStake,
} from '@tokenomics/cosmos-rest';
export { SYNTERNET_ENV, synternetOptionsFromEnv } from './env.js';
export * from './formulas/fee-split.js';
export * from './formulas/momentary-inflation.js';
export * from './formulas/per-unit-fee.js';
export * from './formulas/percent-with-minimum-fee.js';
export * from './formulas/staking-apr.js';
export * from './formulas/supply-at.js';
export * from './formulas/year-rates.js';
export {
  CHAIN_2025_PRESET,
  SEED_PRESET,
  SYNTERNET_PRESETS,
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
  /** The parameter preset; default `seed`. */
  preset?: SynternetPresetName;
  /** Read the chain over Cosmos REST instead of the snapshot. */
  live?: SynternetLiveOptions;
}

/** The token: SYNT, 6 decimals (usynt). */
export const SYNT_TOKEN = { symbol: 'SYNT', name: 'Synternet', decimals: SYNT_DECIMALS } as const;

/**
 * The Synternet token economy: the yearly-allowance inflation schedule,
 * staking APR/APY, x/slashing penalties, protocol fees and burns, and the
 * specification's value flows, from a preset (snapshot) or a Cosmos SDK REST
 * endpoint (live).
 *
 * @throws TokenomicsError CONFIGURATION for an unknown preset (listing the
 *   valid ones) or a bad live URL, treasury address or chain id
 * @example
 * ```ts
 * const snapshot = synternetAdapter();
 * (await snapshot.supply!({ at: new Date('2026-08-01T00:00:00Z') })).total.toFixed(); // '1150200000'
 * const live = synternetAdapter({ preset: 'chain-2025', live: { lcdUrl: process.env.SYNTERNET_LCD_URL! } });
 * ```
 */
export function synternetAdapter(options: SynternetAdapterOptions = {}): TokenEconomy {
  const presetName = options.preset ?? 'seed';
  if (!Object.hasOwn(SYNTERNET_PRESETS, presetName)) {
    const valid = Object.keys(SYNTERNET_PRESETS);
    throw new TokenomicsError(
      'CONFIGURATION',
      `unknown Synternet preset ${JSON.stringify(presetName)}; valid presets: ${valid.join(', ')}`,
      { details: { preset: presetName, validPresets: valid } },
    );
  }
  const preset = SYNTERNET_PRESETS[presetName];
  const source = options.live ? synternetLiveSource(options.live) : synternetSnapshotSource(presetName);
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
    supply: supplyFigures,
    rewards: rewardsFigures,
    fees: { schedules: feeSchedules, quote: quoteFee },
    penalties: { rules: penaltyRules, simulate: simulatePenalty },
    schedule: schedulePoints,
    flows: synternetFlows(withTreasuryInflation),
  });
}

/** The factory the gateway's configuration loads adapters by (`adapter: "@tokenomics/adapter-synternet"`). */
export const createAdapter: (options?: SynternetAdapterOptions) => TokenEconomy = synternetAdapter;
