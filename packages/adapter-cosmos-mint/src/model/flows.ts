import type { TokenFlow } from '@tokenomics/core';

/**
 * The value flows of a standard x/mint chain.
 *
 * @example
 * ```ts
 * import { mintFlows } from './flows.js';
 *
 * mintFlows('ATOM').map((flow) => flow.key); // ['block-provisions', 'community-tax', 'staking', 'fees', 'slashing-burn']
 * ```
 */
export function mintFlows(symbol: string): TokenFlow[] {
  return [
    {
      key: 'block-provisions',
      from: 'x/mint (new tokens)',
      to: 'validators and delegators',
      kind: 'INFLATIONARY',
      description: `Every block mints annual provisions ÷ blocks_per_year new ${symbol} (inflation × total supply per year) to the fee collector; x/distribution pays them, less the community tax, to validators and their delegators by stake.`,
    },
    {
      key: 'community-tax',
      from: 'x/mint (new tokens) and fees',
      to: 'community pool',
      kind: 'INFLATIONARY',
      description:
        'x/distribution sends community_tax of every block’s provisions and fees to the community pool, spent by governance.',
    },
    {
      key: 'staking',
      from: 'token holders',
      to: 'validators (bonded)',
      kind: 'LOCK',
      description:
        'Holders bond tokens to validators to earn rewards; the bonded ratio steers inflation toward goal_bonded. Unbonding takes the chain’s unbonding time.',
    },
    {
      key: 'fees',
      from: 'users',
      to: 'validators and delegators',
      kind: 'UTILITY',
      description: 'Transaction fees go to the fee collector and are distributed with the block provisions.',
    },
    {
      key: 'slashing-burn',
      from: 'slashed stakes',
      to: 'burn',
      kind: 'DEFLATIONARY',
      description: 'Stakes slashed for downtime or double signing are burned, lowering total supply.',
    },
  ];
}
