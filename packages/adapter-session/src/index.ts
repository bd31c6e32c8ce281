import { defineAdapter, resolveParameters, type TokenEconomy, TokenomicsError } from '@tokenomics/core';
import { isAddress } from 'viem';
import { quoteSessionFee, sessionFeeSchedules } from './model/fees.js';
import { SESSION_FLOWS } from './model/flows.js';
import { sessionPenaltyRules, simulateSessionPenalty } from './model/penalties.js';
import { sessionRewards } from './model/rewards.js';
import { sessionSchedule } from './model/schedule.js';
import { validateSessionParams } from './model/state-at.js';
import { sessionSupply } from './model/supply.js';
import {
  ARBITRUM_ONE_CHAIN_ID,
  ETHEREUM_CHAIN_ID,
  SESSION_PRESET_NAMES,
  SESSION_PRESETS,
  type SessionPresetName,
  sessionParameters,
} from './parameters.js';
import { SESSION_POOL_FLOOR_FRACTION, type SessionBounds, sessionImplausibility } from './plausibility.js';
import { type SessionLiveOptions, sessionLiveSource } from './sources/live.js';
import { sessionSnapshotSource } from './sources/snapshot.js';
import type { SessionAddresses } from './state.js';

export { SESSION_ENV, sessionOptionsFromEnv } from './env.js';
export { dailyNetworkReward } from './formulas/daily-network-reward.js';
export {
  type LiquidationRatios,
  type LiquidationSplit,
  liquidationSplit,
} from './formulas/liquidation-split.js';
export {
  type LockupUnits,
  lockedAmount,
  lockedAmountIn,
  lockedUnitsAt,
  lockedUnitsIn,
  lockupUnits,
  type UnlockWindow,
  unlockWindow,
} from './formulas/locked-amount.js';
export { type NetworkFeeSplit, networkFeeSplit } from './formulas/network-fee-split.js';
export { perNodeDailyReward } from './formulas/per-node-daily-reward.js';
export { type PoolStepInput, poolBalanceAfterDays } from './formulas/pool-balance.js';
export {
  POWER_DIGITS,
  type PoolBalanceTable,
  poolBalanceFromTable,
  poolBalanceTable,
  poolUnitsFromTable,
} from './formulas/pool-balance-table.js';
export { poolReleasedOverDays } from './formulas/pool-released.js';
export { releasedFraction } from './formulas/released-fraction.js';
export { stakingApr } from './formulas/staking-apr.js';
export { type LockupTerms, lockupKind, poolAnchorKind, remainderKind, type Span } from './kinds.js';
export { SESSION_FLOWS } from './model/flows.js';
export { CIRCULATING_DEFINITION } from './model/supply.js';
export {
  ARBITRUM_ONE_CHAIN_ID,
  ETHEREUM_CHAIN_ID,
  GENESIS_TABLE,
  type GenesisRow,
  LOCKUP_TERMS,
  LOCKUPS,
  type Lockup,
  SEED_PRESET,
  SESH_DECIMALS,
  SESSION_ADDRESSES,
  SESSION_PRESET_NAMES,
  SESSION_PRESETS,
  type SessionParams,
  type SessionPresetName,
  type SessionSchema,
  sessionParameters,
  TGE_PRESET,
} from './parameters.js';
export {
  SESSION_MAX_SUPPLY_DROP,
  SESSION_POOL_FLOOR_FRACTION,
  SESSION_POOL_MIN_FRACTION,
  type SessionBounds,
  sessionImplausibility,
} from './plausibility.js';
export { redactUrl, type SessionLiveOptions, sessionLiveSource } from './sources/live.js';
export { sessionSnapshotSource } from './sources/snapshot.js';
export type { SessionAddresses, SessionLiveState, SessionState } from './state.js';

/** Options of {@link sessionAdapter}. */
export interface SessionAdapterOptions {
  /** The protocol id; default `session`. */
  id?: string;
  /** The preset the model starts from; default `seed`. */
  preset?: SessionPresetName;
  /** Read the chain (Arbitrum One, optionally Ethereum for the total supply) instead of the preset alone. */
  live?: {
    /** An Arbitrum One JSON-RPC endpoint. */
    rpcUrl: string;
    /** An Ethereum JSON-RPC endpoint, for SESH.totalSupply() on L1. */
    l1RpcUrl?: string;
    /** Contract addresses; default to the published Arbitrum deployment. */
    addresses?: Partial<SessionAddresses>;
    /** The chain the RPC must answer for (`eth_chainId`); default 42161, Arbitrum One. */
    chainId?: number;
    /** The chain the L1 RPC must answer for; default 1, Ethereum. */
    l1ChainId?: number;
  } & Pick<SessionLiveOptions, 'httpTimeoutMs'>;
}

function configurationError(message: string, details: Record<string, unknown>): TokenomicsError {
  return new TokenomicsError('CONFIGURATION', `session adapter: ${message}`, { details });
}

function checkUrl(name: string, url: unknown): void {
  let ok = false;
  if (typeof url === 'string') {
    try {
      const protocol = new URL(url).protocol;
      ok = protocol === 'http:' || protocol === 'https:';
    } catch {
      ok = false;
    }
  }
  if (!ok) throw configurationError(`${name} must be an http(s) URL`, { option: name });
}

function checkOptions(options: SessionAdapterOptions): SessionPresetName {
  const preset = options.preset ?? 'seed';
  if (!Object.hasOwn(SESSION_PRESETS, preset)) {
    throw configurationError(
      `unknown preset "${String(preset)}"; presets: ${SESSION_PRESET_NAMES.join(', ')}`,
      {
        option: 'preset',
        value: preset,
        validValues: SESSION_PRESET_NAMES,
      },
    );
  }
  if (
    options.id !== undefined &&
    (typeof options.id !== 'string' || !/^[a-z0-9][a-z0-9_-]*$/i.test(options.id))
  ) {
    throw configurationError('id must be a word of letters, digits, "-" or "_"', {
      option: 'id',
      value: options.id,
    });
  }
  if (options.live) {
    checkUrl('live.rpcUrl', options.live.rpcUrl);
    if (options.live.l1RpcUrl !== undefined) checkUrl('live.l1RpcUrl', options.live.l1RpcUrl);
    for (const name of ['chainId', 'l1ChainId'] as const) {
      const value = options.live[name];
      if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
        throw configurationError(`live.${name} must be a positive integer chain id, got ${String(value)}`, {
          option: `live.${name}`,
          value,
        });
      }
    }
    for (const [name, address] of Object.entries(options.live.addresses ?? {})) {
      if (address !== undefined && !isAddress(address, { strict: false })) {
        throw configurationError(`live.addresses.${name} is not an address: ${String(address)}`, {
          option: `live.addresses.${name}`,
          value: address,
        });
      }
    }
  }
  return preset;
}

/**
 * Session Network (SESH) as a {@link TokenEconomy}: supply, rewards, the two
 * Network Fees, liquidation and deregistration, schedules and flows; from a
 * preset (`seed` by default, or `tge-2025-05-21`), or live from Arbitrum One
 * when `live.rpcUrl` is given.
 *
 * @throws TokenomicsError CONFIGURATION for an unknown preset (listing the valid ones), a bad URL, address or chain id
 * @example
 * ```ts
 * const session = sessionAdapter({ preset: 'tge-2025-05-21' });
 * const supply = await session.supply!({ at: new Date('2026-05-21T00:00:00Z') });
 * const live = sessionAdapter({ live: { rpcUrl: process.env.SESSION_RPC_URL! } });
 * ```
 */
export function sessionAdapter(options: SessionAdapterOptions = {}): TokenEconomy {
  const presetName = checkOptions(options);
  const preset = SESSION_PRESETS[presetName];
  const source = options.live
    ? sessionLiveSource(
        {
          rpcUrl: options.live.rpcUrl,
          ...(options.live.l1RpcUrl === undefined ? {} : { l1RpcUrl: options.live.l1RpcUrl }),
          ...(options.live.addresses === undefined ? {} : { addresses: options.live.addresses }),
          ...(options.live.httpTimeoutMs === undefined ? {} : { httpTimeoutMs: options.live.httpTimeoutMs }),
        },
        preset,
      )
    : sessionSnapshotSource(preset);
  const genesis = resolveParameters(sessionParameters, [preset.values]).values;
  const bounds: SessionBounds = {
    chainId: options.live?.chainId ?? ARBITRUM_ONE_CHAIN_ID,
    l1ChainId: options.live?.l1ChainId ?? ETHEREUM_CHAIN_ID,
    maxSupply: genesis.maxSupply,
    poolFloor: genesis.stakingRewardPool.times(SESSION_POOL_FLOOR_FRACTION),
  };
  return defineAdapter({
    id: options.id ?? 'session',
    name: 'Session Network',
    token: { symbol: 'SESH', name: 'Session Token', decimals: 9 },
    parameters: sessionParameters,
    preset,
    source,
    genesis: (params) => params.tgeDate,
    genesisParameter: 'tgeDate',
    validate: validateSessionParams,
    plausible: (input) => sessionImplausibility(input, bounds),
    supply: sessionSupply,
    rewards: sessionRewards,
    fees: { schedules: sessionFeeSchedules, quote: quoteSessionFee },
    penalties: { rules: sessionPenaltyRules, simulate: simulateSessionPenalty },
    schedule: sessionSchedule,
    flows: SESSION_FLOWS,
  });
}

/** The factory the gateway's configuration loads adapters by (`adapter: "@tokenomics/adapter-session"`). */
export const createAdapter: (options?: SessionAdapterOptions) => TokenEconomy = sessionAdapter;
