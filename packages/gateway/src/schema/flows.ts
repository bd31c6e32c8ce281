import type { TokenFlow } from '@tokenomics/core';
import { builder } from './builder.js';
import { whenCapable } from './capability.js';
import { ProtocolRef } from './protocol.js';

const TokenFlowRef = builder.objectRef<TokenFlow>('TokenFlow');

const FlowKindEnum = builder.enumType('FlowKind', {
  values: {
    INFLATIONARY: { description: 'New tokens enter circulation (minting, pool releases).' },
    DEFLATIONARY: { description: 'Tokens leave circulation for good or for a pool (fees burned, buybacks).' },
    UTILITY: { description: 'Tokens change hands for a service.' },
    LOCK: { description: 'Tokens are locked (staking) or unlocked.' },
  } as const,
});

TokenFlowRef.implement({
  description: "One movement of tokens in the protocol's economy.",
  fields: (t) => ({
    key: t.exposeID('key'),
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    kind: t.expose('kind', { type: FlowKindEnum }),
    description: t.exposeString('description'),
  }),
});

builder.objectFields(ProtocolRef, (t) => ({
  flows: t.field({
    type: [TokenFlowRef],
    description:
      'How tokens move into and out of circulation; empty when the protocol lacks the FLOWS capability.',
    resolve: (economy) => whenCapable(economy, 'flows', [], (flows) => [...flows()]),
  }),
}));
