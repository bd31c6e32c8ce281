import type { FakeLcdState } from '../src/testing/index.js';

/** The treasury account the example chain funds. */
export const FAKE_TREASURY_ADDRESS = 'synt1nwhx5p30n9xw88czjq4j45tuz53qw50yllrg5d';

/**
 * The example chain these tests read (a usynt chain at genesis, with a
 * treasury account): the fake LCD's `base` here, since the fake itself
 * defaults to a neutral chain.
 */
export const EXAMPLE_CHAIN_STATE: FakeLcdState = {
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
