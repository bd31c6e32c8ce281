import type { Supply, SupplyBucket, SupplyFigure } from '@tokenomics/core';
import { builder } from './builder.js';
import { whenCapable } from './capability.js';
import { DerivationRef, overridesArg, toOverrides } from './parameters.js';
import { ProtocolRef } from './protocol.js';

const SupplyRef = builder.objectRef<Supply>('Supply');
const SupplyBucketRef = builder.objectRef<SupplyBucket>('SupplyBucket');

const SupplyFigureEnum = builder.enumType('SupplyFigure', {
  description: 'A figure of Supply that can explain itself.',
  values: {
    MAX: { value: 'max' },
    TOTAL: { value: 'total' },
    CIRCULATING: { value: 'circulating' },
    STAKED: { value: 'staked' },
    LIQUID: { value: 'liquid' },
    BURNED: { value: 'burned' },
  } as const satisfies Record<string, { value: SupplyFigure }>,
});

SupplyBucketRef.implement({
  description: 'A notable holding: a reward pool, a treasury, locked allocations, staked tokens, liquidity.',
  fields: (t) => ({
    key: t.exposeID('key'),
    label: t.exposeString('label'),
    amount: t.expose('amount', { type: 'Decimal', description: 'In whole tokens.' }),
    circulating: t.exposeBoolean('circulating', {
      description: 'Whether these tokens count as circulating.',
    }),
    staked: t.boolean({
      description:
        'Whether these tokens are staked while not circulating (e.g. "staked from the treasury"): staked ≤ circulating + the staked non-circulating buckets.',
      resolve: (bucket) => bucket.staked ?? false,
    }),
    source: t.string({
      nullable: true,
      description: 'Where the amount comes from: a public URL, a file of this repository, or the chain read.',
      resolve: (bucket) => bucket.source ?? null,
    }),
  }),
});

SupplyRef.implement({
  description: 'Token supply at an instant, in whole tokens.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    max: t.expose('max', {
      type: 'Decimal',
      nullable: true,
      description: 'Null where supply has no cap.',
    }),
    total: t.expose('total', { type: 'Decimal', description: 'Every token in existence.' }),
    circulating: t.expose('circulating', {
      type: 'Decimal',
      description:
        "Tokens in holders' hands, staked ones included (the convention of CoinGecko, CoinMarketCap and the protocols' own figures): total minus every non-circulating holding (reward pools, locked allocations, treasuries). See circulatingDefinition.",
    }),
    staked: t.expose('staked', {
      type: 'Decimal',
      nullable: true,
      description: 'Tokens bonded to nodes or validators, where known. Staked tokens are circulating.',
    }),
    liquid: t.expose('liquid', {
      type: 'Decimal',
      nullable: true,
      description:
        'Circulating tokens that are not staked (circulating − staked, never below 0), where staked is known.',
    }),
    burned: t.expose('burned', {
      type: 'Decimal',
      nullable: true,
      description: 'Tokens destroyed since genesis, where the protocol burns and the figure is known.',
    }),
    circulatingDefinition: t.exposeString('circulatingDefinition', {
      description: 'How circulating supply is defined for this protocol.',
    }),
    buckets: t.expose('buckets', {
      type: [SupplyBucketRef],
      description: 'Notable holdings: reward pools, treasuries, locked allocations, liquidity.',
    }),
    derivation: t.field({
      type: DerivationRef,
      nullable: true,
      description: 'How one figure of this supply was computed; null where the figure is read, not computed.',
      args: { figure: t.arg({ type: SupplyFigureEnum, required: true }) },
      resolve: (s, { figure }) => s.derivations[figure] ?? null,
    }),
  }),
});

builder.objectFields(ProtocolRef, (t) => ({
  supply: t.field({
    type: SupplyRef,
    nullable: true,
    description:
      'Supply at `at` (default: now, to the whole second). Null when the protocol lacks the SUPPLY capability, or with a coded error when its source fails.',
    args: { at: t.arg({ type: 'DateTime', required: false }), overrides: t.arg(overridesArg) },
    resolve: (economy, { at, overrides }, ctx) =>
      whenCapable(economy, 'supply', null, (supply) =>
        supply({ at: at ?? undefined, overrides: toOverrides(overrides) }, ctx.economy),
      ),
  }),
}));
