import type { Decimal, Model } from '@tokenomics/core';
import type { HeldAmount } from '@tokenomics/cosmos-rest';
import type { SynternetParameters } from './parameters.js';

/** What a live read knows about the chain at its latest block (amounts in SYNT). */
export interface SynternetChainState {
  chainId: string;
  /** The denom the bank supply answer is about (`usynt`). */
  denom: string;
  height: string;
  /** The latest block's time: the instant the read state holds at (the anchor). */
  blockTime: Date;
  total: Decimal;
  treasury: Decimal;
  treasuryAddress: string;
  bonded: Decimal;
  notBonded: Decimal;
  /** x/mint inflation when the chain serves it; null when it answered 501/404. */
  mintInflation: Decimal | null;
  /** The configured non-circulating holdings, their balances read at the block. */
  nonCirculating: HeldAmount[];
}

/** The state behind the model: null for a snapshot. */
export type SynternetState = SynternetChainState | null;

/** The Synternet model as core hands it to each capability. */
export type SynternetModel = Model<SynternetParameters, SynternetState>;
