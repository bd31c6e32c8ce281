import { Decimal, formatDecimal, type Implausibility, type PlausibilityInput } from '@tokenomics/core';
import type { SessionSchema } from '../parameters.js';
import type { SessionState } from '../state.js';

/** What a live Session read must match (see the README's plausibility table). */
export interface SessionBounds {
  /** The chain the RPC must answer for: 42161 (Arbitrum One) by default. */
  chainId: number;
  /** The chain the L1 RPC must answer for: 1 (Ethereum) by default. */
  l1ChainId: number;
  /** The preset's maximum supply: SESH has no mint path, so no total supply read can exceed it. */
  maxSupply: Decimal;
  /** The Staking Reward Pool is never below this ({@link SESSION_POOL_FLOOR_FRACTION} of the preset's genesis pool). */
  poolFloor: Decimal;
}

/**
 * The pool's floor as a fraction of the preset's genesis pool: 1 %. The pool
 * only shrinks by its release (15.1 % a year, simple, on the current
 * balance): from its genesis size it takes about 30 years to reach 1 %.
 */
export const SESSION_POOL_FLOOR_FRACTION = new Decimal('0.01');

/**
 * The least the pool may hold, as a fraction of the last good state's: 90 %.
 * Releases take about 8 months to lower it by 10 %; payouts do not lower it
 * (they move accrued tokens the pool no longer counts).
 */
export const SESSION_POOL_MIN_FRACTION = new Decimal('0.9');

/** The largest fall of SESH's total supply on Ethereum between two reads: 1 % (only burns lower it). */
export const SESSION_MAX_SUPPLY_DROP = new Decimal('0.01');

const sesh = (value: Decimal) => `${formatDecimal(value)} SESH`;

/**
 * Session's plausibility rules for a live read: the chain ids (Arbitrum One,
 * and Ethereum for the L1 read), the block number never going backwards, the
 * staking requirement within [1, maxSupply], the staked total (networkSize ×
 * stakingRequirement) within the supply, SESH on Arbitrum within the maximum
 * supply and holding the pool, the pool above its floor and not below 90 % of
 * the last good pool, and the L1 total supply within the minted maximum and
 * not falling by more than 1 %. Returns the first rule broken, or null.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { sessionImplausibility } from './plausibility.js';
 *
 * declare const input: Parameters<typeof sessionImplausibility>[0]; // the pool read at 1 SESH
 * const { next, previous, now } = input;
 * const maxSupply = new Decimal('240000000');
 * const poolFloor = new Decimal('631775.5');
 *
 * sessionImplausibility({ next, previous, now }, { chainId: 42161, l1ChainId: 1, maxSupply, poolFloor });
 * // { reason: 'pool-collapse', message: 'the Staking Reward Pool reads 1 SESH, below its floor of 631775.5 SESH …' }
 * ```
 */
export function sessionImplausibility(
  input: PlausibilityInput<SessionSchema, SessionState>,
  bounds: SessionBounds,
): Implausibility | null {
  const { next, previous } = input;
  const state = next.state;
  if (state.kind !== 'live') return null;
  const last = previous?.state.kind === 'live' ? previous.state : null;
  const { params } = next;

  if (state.chainId !== bounds.chainId) {
    return {
      reason: 'chain-id',
      message: `eth_chainId of the Arbitrum RPC answers chain ${state.chainId}, expected ${bounds.chainId}`,
    };
  }
  if (state.l1ChainId !== null && state.l1ChainId !== bounds.l1ChainId) {
    return {
      reason: 'chain-id',
      message: `eth_chainId of the L1 RPC answers chain ${state.l1ChainId}, expected ${bounds.l1ChainId}`,
    };
  }
  if (last && BigInt(state.blockNumber) < BigInt(last.blockNumber)) {
    return {
      reason: 'height',
      message: `the latest block on Arbitrum One is ${state.blockNumber}, below the last good state's block ${last.blockNumber}`,
    };
  }
  const requirement = params.stakingRequirement;
  if (requirement.lt(1) || requirement.gt(params.maxSupply)) {
    return {
      reason: 'bounds',
      message: `ServiceNodeRewards.stakingRequirement() answers ${sesh(requirement)}, outside [1, maxSupply ${sesh(params.maxSupply)}]`,
    };
  }
  const staked = requirement.times(params.networkSize);
  if (staked.gt(params.maxSupply)) {
    return {
      reason: 'bounds',
      message: `ServiceNodeRewards.totalNodes() × stakingRequirement() = ${params.networkSize} × ${sesh(requirement)} staked, above the supply of ${sesh(params.maxSupply)}`,
    };
  }
  if (state.l2TotalSupply.gt(bounds.maxSupply)) {
    return {
      reason: 'bounds',
      message: `SESH.totalSupply() on Arbitrum answers ${sesh(state.l2TotalSupply)}, above the ${sesh(bounds.maxSupply)} ever minted`,
    };
  }
  if (state.poolTokenBalance.gt(state.l2TotalSupply)) {
    return {
      reason: 'inconsistent',
      message: `SESH.balanceOf(RewardRatePool) answers ${sesh(state.poolTokenBalance)}, above SESH.totalSupply() on Arbitrum (${sesh(state.l2TotalSupply)})`,
    };
  }
  const pool = params.stakingRewardPool;
  if (pool.lt(bounds.poolFloor)) {
    return {
      reason: 'pool-collapse',
      message: `the Staking Reward Pool reads ${sesh(pool)}, below its floor of ${sesh(bounds.poolFloor)} (1 % of the genesis pool, decades of releases away)`,
    };
  }
  if (previous && pool.lt(previous.params.stakingRewardPool.times(SESSION_POOL_MIN_FRACTION))) {
    return {
      reason: 'pool-collapse',
      message: `the Staking Reward Pool reads ${sesh(pool)}, below 90 % of the last good state's ${sesh(previous.params.stakingRewardPool)}`,
    };
  }
  if (state.l1TotalSupply !== null) {
    if (state.l1TotalSupply.gt(bounds.maxSupply)) {
      return {
        reason: 'bounds',
        message: `SESH.totalSupply() on Ethereum answers ${sesh(state.l1TotalSupply)}, above the ${sesh(bounds.maxSupply)} minted (SESH has no mint path)`,
      };
    }
    const lastL1 = last?.l1TotalSupply ?? null;
    if (lastL1 && state.l1TotalSupply.lt(lastL1.times(Decimal.sub(1, SESSION_MAX_SUPPLY_DROP)))) {
      return {
        reason: 'supply-drop',
        message: `SESH.totalSupply() on Ethereum answers ${sesh(state.l1TotalSupply)}, more than 1 % below the last good state's ${sesh(lastL1)}`,
      };
    }
  }
  return null;
}
