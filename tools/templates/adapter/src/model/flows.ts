import type { TokenFlow } from '@tokenomics/core';

/** How tokens move: TODO — describe this protocol's real flows. */
export const FLOWS: readonly TokenFlow[] = [
  {
    key: 'transfers',
    from: 'holders',
    to: 'holders',
    kind: 'UTILITY',
    description: 'Tokens change hands; the supply is fixed, so nothing is minted or burned.',
  },
  {
    key: 'treasury-spend',
    from: 'treasury',
    to: 'holders',
    kind: 'INFLATIONARY',
    description: 'The treasury spends tokens into circulation (circulating supply grows; total does not).',
  },
];
