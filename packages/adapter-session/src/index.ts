import {
  type Decimal,
  defineAdapter,
  parseDecimal,
  resolveParameters,
  type TokenEconomy,
  TokenomicsError,
} from '@tokenomics/core';
import { getAddress, isAddress } from 'viem';
import { nextDailyStep } from './formulas/next-daily-step.js';
import { quoteSessionFee, sessionFeeSchedules } from './model/fees.js';
import { SESSION_FLOWS } from './model/flows.js';
import { sessionPenaltyRules, simulateSessionPenalty } from './model/penalties.js';
import { sessionRewards } from './model/rewards.js';
import { sessionSchedule } from './model/schedule.js';
import { validateSessionParams } from './model/state-at.js';
import { sessionSupply } from './model/supply.js';
import { sessionUnlocks } from './model/unlocks.js';
import {
  ARBITRUM_ONE_CHAIN_ID,
  ETHEREUM_CHAIN_ID,
  SESH_DECIMALS,
  SESSION_ADDRESSES,
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
export { poolAnchorKind, remainderKind } from './kinds.js';
export { SESSION_FLOWS } from './model/flows.js';
export { CONTEXT_MEMO_BYTES, POOL_MEMO_BYTES, sessionMemoStats } from './model/state-at.js';
export { CIRCULATING_DEFINITION } from './model/supply.js';
export { LOCKUP_LABELS, lockupBucket, lockupUnlocks, sessionUnlocks } from './model/unlocks.js';
export {
  ARBITRUM_ONE_CHAIN_ID,
  ETHEREUM_CHAIN_ID,
  GENESIS_TABLE,
  type GenesisRow,
  LOCKUP_SCHEDULES,
  LOCKUP_TERMS,
  LOCKUPS,
  type Lockup,
  METHODOLOGY,
  methodology,
  SEED_PRESET,
  SESH_DECIMALS,
  SESSION_ADDRESSES,
  SESSION_PRESET_NAMES,
  SESSION_PRESETS,
  type SessionParams,
  type SessionPresetName,
  type SessionSchema,
  SOURCES,
  STAKEABLE_LOCKUPS,
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
export { type SessionLiveOptions, sessionLiveSource } from './sources/live.js';
export { sessionSnapshotSource } from './sources/snapshot.js';
export type {
  NonCirculatingHolding,
  SessionAddresses,
  SessionLiveState,
  SessionSnapshotState,
  SessionState,
} from './state.js';

/** A non-circulating holding named in the configuration: an address and a label, and for a snapshot its amount. */
export interface NonCirculatingOption {
  /** An Ethereum address (any case) holding SESH on Arbitrum One: a treasury, a vesting contract. */
  address: string;
  /** What the bucket is called, e.g. "Foundation treasury". */
  label: string;
  /** Whole SESH as decimal text; required for a snapshot source, refused for a live one (it reads the balance). */
  amount?: string;
}

/** The most holdings one configuration may name. */
export const MAX_NON_CIRCULATING = 100;

/** Options of {@link sessionAdapter}. */
export interface SessionAdapterOptions {
  /** The protocol id; default `session`. */
  id?: string;
  /** The preset the model starts from; default `seed` for a snapshot, `tge-2025-05-21` when `live` is set. */
  preset?: SessionPresetName;
  /**
   * Holdings to leave out of circulation, each its own bucket: live, the SESH
   * balance of each address is read on Arbitrum One; for a snapshot, give
   * each an `amount`.
   */
  nonCirculating?: NonCirculatingOption[];
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

/** A configured holding, checked: a checksummed address, a trimmed label, the amount for a snapshot. */
export interface CheckedHolding {
  address: `0x${string}`;
  label: string;
  amount: Decimal | null;
}

function checkHoldings(options: SessionAdapterOptions): CheckedHolding[] {
  const list = options.nonCirculating;
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    throw configurationError('nonCirculating must be a list of { address, label, amount? }', {
      option: 'nonCirculating',
    });
  }
  if (list.length > MAX_NON_CIRCULATING) {
    throw configurationError(`nonCirculating names more than ${MAX_NON_CIRCULATING} holdings`, {
      option: 'nonCirculating',
    });
  }
  const counted = new Map(
    Object.entries({ ...SESSION_ADDRESSES, ...options.live?.addresses }).map(([name, address]) => [
      String(address).toLowerCase(),
      name,
    ]),
  );
  const seen = new Set<string>();
  return list.map((entry: unknown, index) => {
    const name = `nonCirculating[${index}]`;
    const item = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const { address, label, amount } = item;
    if (typeof address !== 'string' || !isAddress(address, { strict: false })) {
      throw configurationError(`${name}.address is not an address: ${String(address)}`, {
        option: `${name}.address`,
      });
    }
    const lower = address.toLowerCase();
    if (seen.has(lower)) {
      throw configurationError(`${name}.address ${address} is named twice`, { option: `${name}.address` });
    }
    seen.add(lower);
    const contract = counted.get(lower);
    if (contract) {
      throw configurationError(
        `${name}.address is the ${contract} contract, already counted by the model; name treasuries and vesting contracts only`,
        { option: `${name}.address` },
      );
    }
    if (typeof label !== 'string' || !label.trim() || label.length > 100 || /\p{Cc}/u.test(label)) {
      throw configurationError(`${name}.label must be 1 to 100 printable characters`, {
        option: `${name}.label`,
      });
    }
    let parsed: Decimal | null = null;
    if (options.live) {
      if (amount !== undefined) {
        throw configurationError(
          `${name}.amount is for a snapshot source; live, the balance is read on chain`,
          {
            option: `${name}.amount`,
          },
        );
      }
    } else {
      if (typeof amount !== 'string') {
        throw configurationError(
          `${name}.amount is required for a snapshot source (whole SESH as decimal text)`,
          {
            option: `${name}.amount`,
          },
        );
      }
      try {
        parsed = parseDecimal(amount, `${name}.amount`);
      } catch {
        parsed = null;
      }
      if (parsed === null || parsed.isNegative() || parsed.decimalPlaces() > SESH_DECIMALS) {
        throw configurationError(
          `${name}.amount must be a decimal ≥ 0 with at most ${SESH_DECIMALS} decimals, got ${JSON.stringify(amount)}`,
          { option: `${name}.amount` },
        );
      }
    }
    return { address: getAddress(address), label: label.trim(), amount: parsed };
  });
}

function checkOptions(options: SessionAdapterOptions): SessionPresetName {
  const preset = options.preset ?? (options.live ? 'tge-2025-05-21' : 'seed');
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
 * Network Fees, liquidation and deregistration, schedules, flows and the
 * genesis lockups' unlocks; from a preset (`seed` by default, or
 * `tge-2025-05-21`), or live from Arbitrum One when `live.rpcUrl` is given
 * (then `tge-2025-05-21` by default).
 *
 * @throws TokenomicsError CONFIGURATION for an unknown preset (listing the valid ones), a bad URL,
 *   address or chain id, or a bad non-circulating holding
 * @example
 * ```ts
 * const session = sessionAdapter({ preset: 'tge-2025-05-21' });
 * const supply = await session.supply!({ at: new Date('2026-05-21T00:00:00Z') });
 * const live = sessionAdapter({ live: { rpcUrl: process.env.SESSION_RPC_URL! } });
 * ```
 */
export function sessionAdapter(options: SessionAdapterOptions = {}): TokenEconomy {
  const presetName = checkOptions(options);
  const holdings = checkHoldings(options);
  const preset = SESSION_PRESETS[presetName];
  const source = options.live
    ? sessionLiveSource(
        {
          rpcUrl: options.live.rpcUrl,
          ...(options.live.l1RpcUrl === undefined ? {} : { l1RpcUrl: options.live.l1RpcUrl }),
          ...(options.live.addresses === undefined ? {} : { addresses: options.live.addresses }),
          ...(options.live.httpTimeoutMs === undefined ? {} : { httpTimeoutMs: options.live.httpTimeoutMs }),
          ...(holdings.length ? { nonCirculating: holdings } : {}),
        },
        preset,
      )
    : sessionSnapshotSource(preset, holdings);
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
  });
}

/** The factory the gateway's configuration loads adapters by (`adapter: "@tokenomics/adapter-session"`). */
export const createAdapter: (options?: SessionAdapterOptions) => TokenEconomy = sessionAdapter;

// SHIM(lead-merge): a temporary descriptor so the server loads Session by package name; the lead replaces it with the real one.
import { defineAdapterDescriptor as defineSessionDescriptorShim } from '@tokenomics/core'; // SHIM(lead-merge)
import { z as zodShim } from 'zod'; // SHIM(lead-merge)
import {
  SESSION_ENV as SESSION_ENV_SHIM,
  sessionOptionsFromEnv as sessionOptionsFromEnvShim,
} from './env.js'; // SHIM(lead-merge)
/** The adapter descriptor (temporary shim). */ // SHIM(lead-merge)
export const adapter = defineSessionDescriptorShim<SessionAdapterOptions>({
  // SHIM(lead-merge)
  id: 'session', // SHIM(lead-merge)
  name: 'Session', // SHIM(lead-merge)
  optionsSchema: zodShim.record(zodShim.string(), zodShim.unknown()) as never, // SHIM(lead-merge)
  env: Object.values(SESSION_ENV_SHIM).map((name) => ({
    name,
    description: 'see the Session adapter README',
  })), // SHIM(lead-merge)
  fromEnv: (env, options) => ({ ...sessionOptionsFromEnvShim(env, options as SessionAdapterOptions) }), // SHIM(lead-merge)
  create: (options) => sessionAdapter(options), // SHIM(lead-merge)
}); // SHIM(lead-merge)
export default adapter; // SHIM(lead-merge)
