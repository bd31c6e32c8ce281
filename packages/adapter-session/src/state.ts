import {
  type Decimal,
  type Model,
  type Parameter,
  type ParameterModel,
  TokenomicsError,
} from '@tokenomics/core';
import type { SessionSchema } from './parameters.js';

/** Contract addresses the live source reads. */
export interface SessionAddresses {
  /** SESH on Arbitrum One. */
  token: `0x${string}`;
  serviceNodeRewards: `0x${string}`;
  rewardRatePool: `0x${string}`;
  /** SESH on Ethereum (for the L1 total supply); the same address as on Arbitrum by default. */
  l1Token: `0x${string}`;
}

/**
 * A non-circulating holding a deployment names in its configuration (a
 * treasury, a vesting contract): a labelled SESH balance, read live or given
 * for a snapshot, shown as its own bucket and left out of circulation.
 */
export interface NonCirculatingHolding {
  /** The address holding the tokens (checksummed). */
  address: `0x${string}`;
  label: string;
  /** Whole SESH. */
  amount: Decimal;
  /** `chain: SESH.balanceOf(…) …` live, `configuration: …` for a snapshot. */
  source: string;
}

/** What the live source read, beyond the parameters it replaces. */
export interface SessionLiveState {
  kind: 'live';
  /** The chain id the RPC answered (`eth_chainId`): 42161 for Arbitrum One. */
  chainId: number;
  /** The chain id the L1 RPC answered (1 for Ethereum), when an L1 RPC is configured. */
  l1ChainId: number | null;
  /** The Arbitrum One block every read was made at (the latest when read, or a past height). */
  blockNumber: string;
  /** That block's time. */
  blockTime: Date;
  addresses: SessionAddresses;
  /** `RewardRatePool.rewardRate()`: the contract's reward for one 2-minute (Oxen) block, SESH. */
  rewardRatePerBlock: Decimal;
  /** `SESH.balanceOf(RewardRatePool)`, SESH: the unreleased pool plus released-but-unpaid tokens. */
  poolTokenBalance: Decimal;
  /** `calculateReleasedAmount() − totalPaidOut()`: accrued in the contract, not yet paid out. */
  accruedUnpaid: Decimal;
  /** `SESH.totalSupply()` on Arbitrum: only the SESH bridged to Arbitrum. */
  l2TotalSupply: Decimal;
  /** `SESH.totalSupply()` on Ethereum, when an L1 RPC is configured. */
  l1TotalSupply: Decimal | null;
  /** The configured non-circulating holdings, with the balances read. */
  holdings: NonCirculatingHolding[];
}

/** A snapshot's state: the configured non-circulating holdings with the amounts given. */
export interface SessionSnapshotState {
  kind: 'snapshot';
  holdings: NonCirculatingHolding[];
}

/** The model's state: the configured holdings, and the chain's readings when live. */
export type SessionState = SessionLiveState | SessionSnapshotState;

/** The resolved Session model. */
export type SessionModel = Model<SessionSchema, SessionState>;

/** The Session parameters alone (what fee schedules, penalty rules and unlocks read; core's `ParameterModel`). */
export type SessionParameterModel = ParameterModel<SessionSchema>;

/**
 * The parameter record of a key (with its value as text and its source).
 *
 * @example
 * ```ts
 * import type { ParameterModel } from '@tokenomics/core';
 * import type { SessionSchema } from '@tokenomics/adapter-session';
 * import { parameter } from './state.js';
 *
 * declare const model: ParameterModel<SessionSchema>;
 * parameter(model, 'networkSize').value; // e.g. '2000'
 * ```
 */
export function parameter(model: SessionParameterModel, key: keyof SessionSchema & string): Parameter {
  const found = model.parameters.find((record) => record.key === key);
  if (!found) throw new TokenomicsError('INTERNAL', `parameter "${key}" is missing from the resolved model`);
  return found;
}

/**
 * Parameter records of several keys, in the given order.
 *
 * @example
 * ```ts
 * import type { ParameterModel } from '@tokenomics/core';
 * import type { SessionSchema } from '@tokenomics/adapter-session';
 * import { parameters } from './state.js';
 *
 * declare const model: ParameterModel<SessionSchema>;
 * parameters(model, ['networkSize', 'stakingRequirement']).map((p) => p.key);
 * ```
 */
export function parameters(
  model: SessionParameterModel,
  keys: ReadonlyArray<keyof SessionSchema & string>,
): Parameter[] {
  return keys.map((key) => parameter(model, key));
}
