import {
  defineAdapter,
  defineAdapterDescriptor,
  resolveParameters,
  type TokenEconomy,
} from '@tokenomics/core';
import { nextDailyStep } from './formulas/next-daily-step.js';
import { quoteSessionFee, sessionFeeSchedules } from './model/fees.js';
import { validateSessionParams } from './model/figures.js';
import { SESSION_FLOWS } from './model/flows.js';
import { sessionObserved } from './model/observed.js';
import { sessionPenaltyRules, simulateSessionPenalty } from './model/penalties.js';
import {
  SESSION_POOL_FLOOR_FRACTION,
  type SessionBounds,
  sessionImplausibility,
} from './model/plausibility.js';
import { sessionRewards } from './model/rewards.js';
import { sessionSchedule } from './model/schedule.js';
import { sessionSupply } from './model/supply.js';
import { sessionUnlocks } from './model/unlocks.js';
import {
  optionsSchema,
  parseSessionOptions,
  SESSION_ENV_VARS,
  type SessionAdapterOptions,
  type SessionConfig,
  sessionOptionsFromEnv,
} from './options.js';
import {
  ARBITRUM_ONE_CHAIN_ID,
  ETHEREUM_CHAIN_ID,
  SESSION_PRESETS,
  sessionParameters,
} from './parameters.js';
import { sessionLiveSource } from './sources/live.js';
import { sessionSnapshotSource } from './sources/snapshot.js';
import { SESSION_TOKEN } from './token.js';

export { CONTEXT_MEMO_BYTES, POOL_MEMO_BYTES, sessionMemoStats } from './model/figures.js';
export { CIRCULATING_DEFINITION } from './model/supply.js';
export {
  type CheckedHolding,
  type NonCirculatingOption,
  optionsSchema,
  SESSION_ENV,
  SESSION_ENV_VARS,
  type SessionAdapterOptions,
  type SessionConfig,
  type SessionLiveConfig,
  sessionOptionsFromEnv,
} from './options.js';
export {
  GENESIS_TABLE,
  type GenesisRow,
  LOCKUP_SCHEDULES,
  type Lockup,
  SEED_PRESET,
  SESSION_ADDRESSES,
  SESSION_PRESET_NAMES,
  SESSION_PRESETS,
  type SessionParams,
  type SessionPresetName,
  type SessionSchema,
  sessionParameters,
  TGE_PRESET,
} from './parameters.js';
export { type SessionLiveOptions, type SessionLiveSource, sessionLiveSource } from './sources/live.js';
export type {
  NonCirculatingHolding,
  SessionAddresses,
  SessionLiveState,
  SessionSnapshotState,
  SessionState,
} from './state.js';
export { SESSION_TOKEN } from './token.js';

/** An economy from validated options (what the descriptor's `create` does). */
function economyOf(config: SessionConfig): TokenEconomy {
  const preset = SESSION_PRESETS[config.preset];
  const live = config.live;
  const source = live
    ? sessionLiveSource(
        {
          rpcUrl: live.rpcUrl,
          chainId: live.chainId,
          l1ChainId: live.l1ChainId,
          ...(live.l1RpcUrl === undefined ? {} : { l1RpcUrl: live.l1RpcUrl }),
          ...(live.addresses === undefined ? {} : { addresses: live.addresses }),
          ...(live.httpTimeoutMs === undefined ? {} : { httpTimeoutMs: live.httpTimeoutMs }),
          ...(config.holdings.length ? { nonCirculating: config.holdings } : {}),
        },
        preset,
      )
    : sessionSnapshotSource(preset, config.holdings);
  const genesis = resolveParameters(sessionParameters, [preset.values]).values;
  const bounds: SessionBounds = {
    chainId: live?.chainId ?? ARBITRUM_ONE_CHAIN_ID,
    l1ChainId: live?.l1ChainId ?? ETHEREUM_CHAIN_ID,
    maxSupply: genesis.maxSupply,
    poolFloor: genesis.stakingRewardPool.times(SESSION_POOL_FLOOR_FRACTION),
  };
  return defineAdapter({
    id: config.id,
    name: 'Session Network',
    token: SESSION_TOKEN,
    parameters: sessionParameters,
    preset,
    source,
    // Live: the same preset as published (no chain reads, no configured holdings) is what drift compares with.
    ...(live ? { publishedSource: sessionSnapshotSource(preset, []) } : {}),
    genesis: (params) => params.tgeDate,
    genesisParameter: 'tgeDate',
    nextChange: ({ params }, at) => nextDailyStep(params.tgeDate, at),
    validate: validateSessionParams,
    plausible: (input) => sessionImplausibility(input, bounds),
    supply: sessionSupply,
    rewards: sessionRewards,
    fees: { schedules: sessionFeeSchedules, quote: quoteSessionFee },
    penalties: { rules: sessionPenaltyRules, simulate: simulateSessionPenalty },
    schedule: sessionSchedule,
    flows: SESSION_FLOWS,
    unlocks: sessionUnlocks,
    observed: sessionObserved,
  });
}

/**
 * Session Network (SESH) as a {@link TokenEconomy}: supply, rewards, the two
 * Network Fees, liquidation and deregistration, schedules, flows and the
 * genesis lockups' unlocks; from a preset (`seed` by default, or
 * `tge-2025-05-21`), or live from Arbitrum One when `live.rpcUrl` is given
 * (then `tge-2025-05-21` by default). The options are checked by
 * {@link optionsSchema}.
 *
 * @throws TokenomicsError CONFIGURATION for an unknown option or preset (listing the valid ones), a bad URL,
 *   address or chain id, or a bad non-circulating holding
 * @example
 * ```ts
 * import { sessionAdapter } from '@tokenomics/adapter-session';
 *
 * const session = sessionAdapter({ preset: 'tge-2025-05-21' });
 * const supply = await session.supply?.({ at: new Date('2026-05-21T00:00:00Z') });
 * const live = sessionAdapter({ live: { rpcUrl: 'https://arb1.arbitrum.io/rpc' } });
 * ```
 */
export function sessionAdapter(options: SessionAdapterOptions = {}): TokenEconomy {
  return economyOf(parseSessionOptions(options));
}

/**
 * The Session adapter as a gateway loads it (`adapter: "@tokenomics/adapter-session"`):
 * id, name, the strict options schema, the `SESSION_*` environment variables
 * and `create`.
 *
 * @example
 * ```ts
 * import { adapter } from '@tokenomics/adapter-session';
 *
 * const options = adapter.optionsSchema.parse(adapter.fromEnv(process.env, { preset: 'seed' }));
 * const economy = adapter.create(options);
 * ```
 */
export const adapter = defineAdapterDescriptor<SessionConfig>({
  id: 'session',
  name: 'Session',
  optionsSchema,
  env: SESSION_ENV_VARS,
  fromEnv: (env, options) => ({ ...sessionOptionsFromEnv(env, options as SessionAdapterOptions) }),
  create: economyOf,
});

export default adapter;
