import type { Decimal } from '@tokenomics/core';

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
  /** Arbitrum One block the reads answered at. */
  blockNumber: string;
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
