import type { Rewards } from '@tokenomics/core';
import { forProtocol } from '../errors.js';
import { builder } from './builder.js';
import { DerivationRef, overridesArg, toOverrides } from './parameters.js';
import { ProtocolRef } from './protocol.js';

const RewardsRef = builder.objectRef<Rewards>('Rewards');

RewardsRef.implement({
  description: 'Staking rewards at an instant. Rates are fractions per year ("0.12" is 12 %).',
  fields: (t) => ({
    at: t.field({ type: 'DateTime', resolve: (r) => r.at }),
    annualEmission: t.field({
      type: 'Decimal',
      description:
        'Tokens per year paid to stakers: the annualised run-rate at the instant, today’s release × 365 (the convention of Cosmos `annual_provisions`), not what the coming year will release. ' +
        'For a pool-funded protocol it is rate × pool (e.g. 0.151 × a staking reward pool); for an inflationary one it is what stakers receive, the allowance × (1 − community tax). ' +
        'As the pool shrinks or the inflation schedule steps, a year releases a different amount: the derivation shows what the next twelve months actually release among its inputs.',
      resolve: (r) => r.annualEmission,
    }),
    emissionRate: t.field({
      type: 'Decimal',
      description:
        'The emission rate as a fraction per year: the annualised run-rate at the instant, today’s release × 365 as a share of what it is drawn on (the convention of Cosmos `annual_provisions`). ' +
        'For a pool-funded protocol, today’s release × 365 / pool (e.g. a payout rate of 0.151 released in daily steps of 0.151/365: a year of those steps releases about 14.018 % of the pool, not 15.1 %); ' +
        'for an inflationary one, the inflation rate at the instant (this year’s allowance / total supply now). ' +
        'Not what a year releases: the derivation shows what the next twelve months actually release among its inputs.',
      resolve: (r) => r.emissionRate,
    }),
    stakingApr: t.field({
      type: 'Decimal',
      description: 'Yearly reward per staked token, not compounded.',
      resolve: (r) => r.stakingApr,
    }),
    stakingApy: t.field({
      type: 'Decimal',
      nullable: true,
      description: "The same, compounded at the protocol's payout frequency; null where not meaningful.",
      resolve: (r) => r.stakingApy,
    }),
    bondedRatio: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Staked supply / total supply, where known.',
      resolve: (r) => r.bondedRatio,
    }),
    participants: t.int({
      nullable: true,
      description: 'Nodes or validators sharing the rewards, where known.',
      resolve: (r) => r.participants,
    }),
    perParticipantDaily: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Reward per node or validator per day, where rewards are shared equally.',
      resolve: (r) => r.perParticipantDaily,
    }),
    delegatorApr: t.field({
      type: 'Decimal',
      nullable: true,
      description:
        "A delegator's APR net of the validator's commission: stakingApr × (1 − commission). Null unless `commission` was given.",
      resolve: (r) => r.delegatorApr,
    }),
    derivation: t.field({
      type: DerivationRef,
      description: 'How stakingApr was computed.',
      resolve: (r) => r.derivation,
    }),
  }),
});

builder.objectFields(ProtocolRef, (t) => ({
  rewards: t.field({
    type: RewardsRef,
    nullable: true,
    description:
      'Staking rewards at `at` (default: now, to the whole second). Null when the protocol lacks the REWARDS capability.',
    args: {
      at: t.arg({ type: 'DateTime', required: false }),
      overrides: t.arg(overridesArg),
      commission: t.arg({
        type: 'Decimal',
        required: false,
        description: "A validator's commission, a fraction in [0, 1], for Rewards.delegatorApr.",
      }),
    },
    resolve: (economy, { at, overrides, commission }, ctx) => {
      const rewards = economy.rewards;
      if (!rewards) return null;
      return forProtocol(economy.id, () =>
        rewards(
          { at: at ?? undefined, overrides: toOverrides(overrides), commission: commission ?? undefined },
          ctx.economy,
        ),
      );
    },
  }),
}));
