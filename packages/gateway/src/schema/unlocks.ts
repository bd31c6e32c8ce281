import type { Unlock, UnlockKind } from '@tokenomics/core';
import { builder } from './builder.js';
import { whenCapable } from './capability.js';
import { ProtocolRef } from './protocol.js';

const UnlockKindEnum = builder.enumType('UnlockKind', {
  values: {
    CLIFF: { description: 'The whole amount unlocks at `start`.' },
    LINEAR: { description: 'The amount unlocks evenly from `start` to `end`.' },
    STEP: { description: 'The amount unlocks in equal tranches from `start` to `end`.' },
  } as const satisfies Record<UnlockKind, unknown>,
});

const UnlockRef = builder.objectRef<Unlock>('Unlock');

UnlockRef.implement({
  description: 'A scheduled release of a non-circulating holding into circulation.',
  fields: (t) => ({
    bucket: t.exposeID('bucket', { description: 'The holding (SupplyBucket key) that unlocks.' }),
    label: t.exposeString('label'),
    kind: t.expose('kind', { type: UnlockKindEnum }),
    start: t.expose('start', { type: 'DateTime' }),
    end: t.expose('end', {
      type: 'DateTime',
      nullable: true,
      description: 'Null for a cliff.',
    }),
    amount: t.expose('amount', { type: 'Decimal', description: 'In whole tokens.' }),
    steps: t.int({
      nullable: true,
      description: 'For a STEP unlock, the number of equal tranches from `start` to `end`, both included.',
      resolve: (unlock) => unlock.steps ?? null,
    }),
    source: t.exposeString('source', {
      description: 'A public URL or a file of this repository that the schedule follows.',
    }),
  }),
});

builder.objectFields(ProtocolRef, (t) => ({
  unlocks: t.field({
    type: [UnlockRef],
    description:
      'Scheduled unlocks of non-circulating holdings between `from` (default: genesis) and `to` (default: none), in order of start. Empty where the protocol schedules none. Lockups are preset data: when a live source cannot be read and no last good state exists, they come from the preset (`source.error` says why).',
    args: {
      from: t.arg({ type: 'DateTime', required: false }),
      to: t.arg({ type: 'DateTime', required: false }),
    },
    resolve: (economy, { from, to }, ctx) =>
      whenCapable(economy, 'unlocks', [], (unlocks) =>
        unlocks({ from: from ?? undefined, to: to ?? undefined }, ctx.economy),
      ),
  }),
}));
