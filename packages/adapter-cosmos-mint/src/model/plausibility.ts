import type { Implausibility, PlausibilityInput } from '@tokenomics/core';
import { standardChainImplausibility } from '@tokenomics/cosmos-rest';
import type { CosmosMintParameters } from '../parameters.js';
import type { CosmosMintState } from '../state.js';

/** What a live x/mint chain's reads must match. */
export interface CosmosMintBounds {
  /** The chain id the node must answer for. */
  chainId: string;
  /** The mint denom the supply must be of. */
  denom: string;
  /** The preset's anchor time: the chain already ran then, so no latest block is older. */
  notBefore: Date;
}

/**
 * The x/mint adapter's plausibility rules for a live read: the standard
 * chain's (`standardChainImplausibility` of `@tokenomics/cosmos-rest`: the
 * chain id, the denom, the height never going backwards, the block time
 * neither in the future nor before the preset's anchor, the total supply not
 * falling by more than 1 %). The mint denom, inflation_min ≤ inflation_max,
 * bonded in (0, supply] and the parameters' kinds are checked as the source
 * reads.
 *
 * @example
 * ```ts
 * import { cosmosMintImplausibility } from './plausibility.js';
 *
 * declare const input: Parameters<typeof cosmosMintImplausibility>[0]; // a state read from osmosis-1
 * const { next, previous, now } = input;
 * const notBefore = new Date('2019-03-13T23:00:00Z');
 *
 * cosmosMintImplausibility({ next, previous, now }, { chainId: 'cosmoshub-4', denom: 'uatom', notBefore });
 * // { reason: 'chain-id', message: 'GET /cosmos/base/tendermint/v1beta1/blocks/latest answers chain "osmosis-1", expected cosmoshub-4' }
 * ```
 */
export function cosmosMintImplausibility(
  input: PlausibilityInput<CosmosMintParameters, CosmosMintState>,
  bounds: CosmosMintBounds,
): Implausibility | null {
  const { next, previous, now } = input;
  if (!next.state) return null;
  return standardChainImplausibility(next.state, previous?.state ?? null, { ...bounds, now });
}
