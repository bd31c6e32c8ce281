import type { TokenFlow } from '@tokenomics/core';

/** How SESH moves, per the specification's "Token Flow" and "Session Network Fees". */
export const SESSION_FLOWS: readonly TokenFlow[] = [
  {
    key: 'feature-fees',
    from: 'circulation (Session users)',
    to: 'Network Fees (burnt)',
    kind: 'UTILITY',
    description:
      'Unlocking Session Pro, registering a Session Name or other advanced features: users pay Network Fees in SESH, which flow out of circulation and are burnt.',
  },
  {
    key: 'fees-to-pool',
    from: 'Network Fees (burnt)',
    to: 'Staking Reward Pool',
    kind: 'DEFLATIONARY',
    description:
      '90 % of Network Fees are reminted into the Staking Reward Pool, rewarding Session Nodes (parameter feeToPoolShare).',
  },
  {
    key: 'fees-to-liquidity',
    from: 'Network Fees (burnt)',
    to: 'protocol-owned liquidity (Uniswap)',
    kind: 'INFLATIONARY',
    description:
      'The remaining 10 % is reminted as protocol-owned liquidity, deployed to a Uniswap pool for at least 5 years from TGE; it counts as circulating.',
  },
  {
    key: 'staking',
    from: 'liquid supply',
    to: 'Session Node stakes',
    kind: 'LOCK',
    description:
      'Staking for network security: 25,000 SESH per node (operators at least 1/4) flow out of the liquid supply. The specification calls this "out of circulation"; by the published convention staked tokens stay circulating, so it moves liquid, not circulating.',
  },
  {
    key: 'unstaking',
    from: 'Session Node stakes',
    to: 'liquid supply',
    kind: 'LOCK',
    description:
      "Exits return stakes 15 days after the exit request; a deregistered node's stake stays locked 30 days; a liquidated node loses 0.2 % of its deposit (0.03 % to the liquidator, 0.17 % to the pool).",
  },
  {
    key: 'pool-rewards',
    from: 'Staking Reward Pool',
    to: 'Session Node operators and contributors',
    kind: 'INFLATIONARY',
    description:
      'Network rewards: the pool releases 0.151/365 of its balance a day (≈ 14 % a year), shared equally by active nodes; released tokens flow into circulation.',
  },
  {
    key: 'allocation-unlocks',
    from: 'locked genesis allocations',
    to: 'circulation',
    kind: 'LOCK',
    description:
      'Genesis allocations under lockups A, B, D and F unlock over time: F at day 90, A at month 24, B and D in monthly tranches from month 13 to months 24 and 36.',
  },
  {
    key: 'liquidation-to-pool',
    from: 'Session Node stakes',
    to: 'Staking Reward Pool',
    kind: 'DEFLATIONARY',
    description:
      "A liquidation sends ceil(17/10000) of the node's deposit to the pool, out of the operator's stake.",
  },
];
