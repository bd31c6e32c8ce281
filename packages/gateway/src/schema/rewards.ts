import type { Rewards } from '@tokenomics/core';
import { builder } from './builder.js';
import { whenCapable } from './capability.js';
import { DerivationRef, overridesArg, toOverrides } from './parameters.js';
import { ProtocolRef } from './protocol.js';

const RewardsRef = builder.objectRef<Rewards>('Rewards');

RewardsRef.implement({
  description: 'Staking rewards at an instant. Rates are fractions per year ("0.12" is 12 %).',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    annualEmission: t.expose('annualEmission', {
      type: 'Decimal',
      description:
        'Tokens per year paid to stakers: the annualised run-rate at the instant, today’s release × 365 (the convention of Cosmos `annual_provisions`), not what the coming year will release. ' +
        'For a pool-funded protocol it is rate × pool (e.g. 0.151 × a staking reward pool); for an inflationary one it is what stakers receive, the allowance × (1 − community tax). ' +
        'As the pool shrinks or the inflation schedule steps, a year releases a different amount: the derivation shows what the next twelve months actually release among its inputs.',
    }),
    emissionRate: t.expose('emissionRate', {
      type: 'Decimal',
      description:
        'The emission rate as a fraction per year: the annualised run-rate at the instant, today’s release × 365 as a share of what it is drawn on (the convention of Cosmos `annual_provisions`). ' +
        'For a pool-funded protocol, today’s release × 365 / pool (e.g. a payout rate of 0.151 released in daily steps of 0.151/365: a year of those steps releases about 14.018 % of the pool, not 15.1 %); ' +
        'for an inflationary one, the inflation rate at the instant (this year’s allowance / total supply now). ' +
        'Not what a year releases: the derivation shows what the next twelve months actually release among its inputs.',
    }),
    stakingApr: t.expose('stakingApr', {
      type: 'Decimal',
      description: 'Yearly reward per staked token, not compounded.',
    }),
    stakingApy: t.expose('stakingApy', {
      type: 'Decimal',
      nullable: true,
      description: "The same, compounded at the protocol's payout frequency; null where not meaningful.",
    }),
    bondedRatio: t.expose('bondedRatio', {
      type: 'Decimal',
      nullable: true,
      description: 'Staked supply / total supply, where known.',
    }),
    participants: t.exposeInt('participants', {
      nullable: true,
      description: 'Nodes or validators sharing the rewards, where known.',
    }),
    perParticipantDaily: t.expose('perParticipantDaily', {
      type: 'Decimal',
      nullable: true,
      description: 'Reward per node or validator per day, where rewards are shared equally.',
    }),
    delegatorApr: t.expose('delegatorApr', {
      type: 'Decimal',
      nullable: true,
      description:
        "A delegator's APR net of the validator's commission: stakingApr × (1 − commission). Null unless `commission` was given.",
    }),
    derivation: t.expose('derivation', {
      type: DerivationRef,
      description: 'How stakingApr was computed.',
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
    resolve: (economy, { at, overrides, commission }, ctx) =>
      whenCapable(economy, 'rewards', null, (rewards) =>
        rewards(
          { at: at ?? undefined, overrides: toOverrides(overrides), commission: commission ?? undefined },
          ctx.economy,
        ),
      ),
  }),
}));
