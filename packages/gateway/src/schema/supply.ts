import type { Supply, SupplyBucket, SupplyFigure } from '@tokenomics/core';
import { forProtocol } from '../errors.js';
import { builder } from './builder.js';
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
    amount: t.field({ type: 'Decimal', description: 'In whole tokens.', resolve: (bucket) => bucket.amount }),
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
    at: t.field({ type: 'DateTime', resolve: (supply) => supply.at }),
    max: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Null where supply has no cap.',
      resolve: (s) => s.max,
    }),
    total: t.field({ type: 'Decimal', description: 'Every token in existence.', resolve: (s) => s.total }),
    circulating: t.field({
      type: 'Decimal',
      description:
        "Tokens in holders' hands, staked ones included (the convention of CoinGecko, CoinMarketCap and the protocols' own figures): total minus every non-circulating holding (reward pools, locked allocations, treasuries). See circulatingDefinition.",
      resolve: (s) => s.circulating,
    }),
    staked: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Tokens bonded to nodes or validators, where known. Staked tokens are circulating.',
      resolve: (s) => s.staked,
    }),
    liquid: t.field({
      type: 'Decimal',
      nullable: true,
      description:
        'Circulating tokens that are not staked (circulating − staked, never below 0), where staked is known.',
      resolve: (s) => s.liquid,
    }),
    burned: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Tokens destroyed since genesis, where the protocol burns and the figure is known.',
      resolve: (s) => s.burned,
    }),
    circulatingDefinition: t.exposeString('circulatingDefinition', {
      description: 'How circulating supply is defined for this protocol.',
    }),
    buckets: t.field({
      type: [SupplyBucketRef],
      description: 'Notable holdings: reward pools, treasuries, locked allocations, liquidity.',
      resolve: (s) => s.buckets,
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
    resolve: (economy, { at, overrides }, ctx) => {
      const supply = economy.supply;
      if (!supply) return null;
      return forProtocol(economy.id, () =>
        supply({ at: at ?? undefined, overrides: toOverrides(overrides) }, ctx.economy),
      );
    },
  }),
}));
