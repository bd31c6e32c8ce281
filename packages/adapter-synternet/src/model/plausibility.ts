import type { Implausibility, PlausibilityInput } from '@tokenomics/core';
import { standardChainImplausibility } from '@tokenomics/cosmos-rest';
import type { SynternetParameters } from '../parameters.js';
import type { SynternetState } from '../state.js';
import { SYNT_DENOM, SYNTERNET_CHAIN_ID, SYNTERNET_GENESIS_TIME } from '../token.js';

/**
 * Synternet's plausibility rules for a live read (see the README's table):
 * the standard chain's (`standardChainImplausibility` of
 * `@tokenomics/cosmos-rest`: the chain id, the `usynt` denom, the height
 * never going backwards, the block time neither in the future nor before
 * Synternet's genesis, the total supply not falling by more than 1 %).
 * Treasury ≤ supply, bonded in (0, supply], an x/mint inflation in [0, 1)
 * and the parameters' kinds are checked as the source reads.
 *
 * @example
 * ```ts
 * import { synternetImplausibility } from './plausibility.js';
 *
 * declare const input: Parameters<typeof synternetImplausibility>[0]; // block 837 after 838
 * const { next, previous, now } = input;
 *
 * synternetImplausibility({ next, previous, now }, 'synternet-1');
 * // { reason: 'height', message: 'GET /cosmos/base/tendermint/v1beta1/blocks/latest answers block 837, …' }
 * ```
 */
export function synternetImplausibility(
  input: PlausibilityInput<SynternetParameters, SynternetState>,
  chainId: string = SYNTERNET_CHAIN_ID,
): Implausibility | null {
  const { next, previous, now } = input;
  if (!next.state) return null;
  return standardChainImplausibility(next.state, previous?.state ?? null, {
    chainId,
    denom: SYNT_DENOM,
    notBefore: SYNTERNET_GENESIS_TIME,
    now,
  });
}
