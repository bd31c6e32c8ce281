import type { TokenFlow } from '@tokenomics/core';

/** The specification's three value flows, and the movements inside them. */
export function synternetFlows(withTreasuryInflation: boolean): TokenFlow[] {
  const flows: TokenFlow[] = [
    {
      key: 'network-inflation',
      from: 'mint (new tokens)',
      to: 'validators and delegators',
      kind: 'INFLATIONARY',
      description:
        'Network / inflationary flow: each block mints an equal share of the year’s allowance and, with the gas fees collected, pays it to stakers.',
    },
    {
      key: 'staking',
      from: 'token holders',
      to: 'validators (bonded)',
      kind: 'LOCK',
      description:
        'Network flow: tokens bought or earned are staked on validators to earn rewards; unbonding takes 14 days.',
    },
    {
      key: 'utility',
      from: 'users',
      to: 'agents',
      kind: 'UTILITY',
      description:
        'Utility flow: tokens are paid to agents for their data (pay-per-data) or messages (pay-per-message).',
    },
    {
      key: 'protocol-fee',
      from: 'users',
      to: 'treasury',
      kind: 'DEFLATIONARY',
      description:
        'Protocol / deflationary flow: a protocol fee on every agent interaction is kept in the treasury for future use, out of circulation.',
    },
    {
      key: 'protocol-fee-burn',
      from: 'treasury',
      to: 'burn',
      kind: 'DEFLATIONARY',
      description:
        'Protocol / deflationary flow: part of protocol revenue (burnShare) is burned; revenue in other denominations buys SYNT back to burn. Burns are manual today.',
    },
    {
      key: 'slashing-burn',
      from: 'slashed stakes',
      to: 'burn',
      kind: 'DEFLATIONARY',
      description: 'Slashed tokens (downtime, double signing) are burned, lowering total supply.',
    },
  ];
  if (withTreasuryInflation) {
    flows.splice(1, 0, {
      key: 'treasury-inflation',
      from: 'mint (new tokens)',
      to: 'treasury',
      kind: 'INFLATIONARY',
      description:
        'Treasury inflation of governance proposal 0008: minted to the treasury, not circulating until spent.',
    });
  }
  return flows;
}
