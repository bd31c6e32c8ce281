import type { Decimal, Model } from '@tokenomics/core';
import type { CheckedHolding, HeldAmount } from '@tokenomics/cosmos-rest';
import type { InflationPath } from './formulas/inflation-after-blocks.js';
import type { SupplyAfterBlocks } from './formulas/supply-after-blocks.js';
import type { CosmosMintParameters } from './parameters.js';

/** What a live read knows about the chain at its latest block (amounts in whole tokens). */
export interface CosmosChainState {
  chainId: string;
  /** The denom the bank supply answer is about. */
  denom: string;
  height: string;
  /** The latest block's time: the anchor the model steps from. */
  blockTime: Date;
  total: Decimal;
  bonded: Decimal;
  notBonded: Decimal;
  /** The configured non-circulating holdings, their balances read at the block. */
  nonCirculating: HeldAmount[];
}

/** The state behind the model: null for a snapshot. */
export type CosmosMintState = CosmosChainState | null;

/** The model as core hands it to each capability. */
export type CosmosMintModel = Model<CosmosMintParameters, CosmosMintState>;

/**
 * What the model needs besides parameters: the token's decimals and the
 * chain's name, for wording, and the configured non-circulating holdings.
 */
export interface ModelContext {
  decimals: number;
  symbol: string;
  chainName: string;
  /** Configured non-circulating holdings (a snapshot's amounts; a live source reads them). */
  holdings?: readonly CheckedHolding[];
}

/** The model's state at an instant: blocks since the anchor, the inflation path and the supply. */
export interface MintStateAt {
  blocks: number;
  change: Decimal;
  path: InflationPath;
  supply: SupplyAfterBlocks;
}
