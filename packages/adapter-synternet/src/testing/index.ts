import type { FakeLcdState } from '@tokenomics/cosmos-rest/testing';
import { SYNTERNET_TREASURY_ADDRESS } from '../token.js';

/** The treasury address the fake chain's genesis funds (the mint module's `treasury_address`). */
export const FAKE_TREASURY_ADDRESS = SYNTERNET_TREASURY_ADDRESS;

/**
 * Synternet at genesis (`synternet-facts.md`), for the fake LCD's `base`:
 * 1,000,000,000 SYNT, the treasury's 899,985,000, the facts file's
 * illustrative staking pool, the slashing parameters of the tokenomics docs
 * (window 16,000), no community tax, and no standard x/mint.
 *
 * @example
 * ```ts
 * import { SYNTERNET_GENESIS_STATE } from '@tokenomics/adapter-synternet/testing';
 * import { startFakeLcd } from '@tokenomics/cosmos-rest/testing';
 *
 * const lcd = await startFakeLcd({ base: SYNTERNET_GENESIS_STATE, state: { pool: { bonded_tokens: '600000000000000' } } });
 * ```
 */
export const SYNTERNET_GENESIS_STATE: FakeLcdState = {
  chainId: 'synternet-1',
  supply: [{ denom: 'usynt', amount: '1000000000000000' }],
  balances: { [FAKE_TREASURY_ADDRESS]: [{ denom: 'usynt', amount: '899985000000000' }] },
  pool: { not_bonded_tokens: '1000000000000', bonded_tokens: '504000000000000' },
  slashingParams: {
    signed_blocks_window: '16000',
    min_signed_per_window: '0.500000000000000000',
    downtime_jail_duration: '600s',
    slash_fraction_double_sign: '0.050000000000000000',
    slash_fraction_downtime: '0.000100000000000000',
  },
  distributionParams: {
    community_tax: '0.000000000000000000',
    base_proposer_reward: '0.000000000000000000',
    bonus_proposer_reward: '0.000000000000000000',
    withdraw_addr_enabled: true,
  },
  latestBlock: { height: '838', time: '2024-08-01T00:00:00.000000000Z' },
  mint: null,
};
