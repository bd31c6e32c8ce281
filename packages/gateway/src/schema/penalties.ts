import type { PenaltyOutcome, PenaltyRule, StakeOutcome } from '@tokenomics/core';
import { builder } from './builder.js';
import { whenCapable } from './capability.js';
import { FeeAllocationRef } from './fees.js';
import { DerivationRef, overridesArg, ParameterRef, toOverrides } from './parameters.js';
import { ProtocolRef } from './protocol.js';

const PenaltyRuleRef = builder.objectRef<PenaltyRule>('PenaltyRule');
const PenaltyOutcomeRef = builder.objectRef<PenaltyOutcome>('PenaltyOutcome');
const StakeOutcomeRef = builder.objectRef<StakeOutcome>('StakeOutcome');

PenaltyRuleRef.implement({
  description: 'A penalty the protocol applies to stakes.',
  fields: (t) => ({
    key: t.exposeID('key', { description: 'The key PenaltyInput.rule takes.' }),
    label: t.exposeString('label'),
    trigger: t.exposeString('trigger', { description: 'When the rule applies, in words.' }),
    parameters: t.expose('parameters', { type: [ParameterRef] }),
  }),
});

StakeOutcomeRef.implement({
  description: 'One stake before and after a penalty, in whole tokens.',
  fields: (t) => ({
    before: t.expose('before', { type: 'Decimal' }),
    slashed: t.expose('slashed', { type: 'Decimal' }),
    after: t.expose('after', { type: 'Decimal', description: 'before − slashed.' }),
  }),
});

PenaltyOutcomeRef.implement({
  description: 'What a penalty does to the stakes exposed to it.',
  fields: (t) => ({
    rule: t.exposeID('rule'),
    triggered: t.exposeBoolean('triggered', { description: "Whether the input meets the rule's trigger." }),
    slashedTotal: t.expose('slashedTotal', {
      type: 'Decimal',
      description: "The sum of the stakes' slashed amounts.",
    }),
    stakes: t.expose('stakes', {
      type: [StakeOutcomeRef],
      description: 'One entry per input stake, in input order.',
    }),
    jailedSeconds: t.exposeInt('jailedSeconds', {
      nullable: true,
      description:
        'Seconds before the participant may rejoin. Null where the participant is not jailed for a set time: either the rule does not jail, or (with `tombstoned: true`) it jails for ever.',
    }),
    tombstoned: t.exposeBoolean('tombstoned', {
      description:
        'True where the participant is jailed for ever and can never rejoin (jailedSeconds is then null).',
    }),
    lockedSeconds: t.exposeInt('lockedSeconds', {
      nullable: true,
      description: 'Seconds the stake stays locked after the penalty; null where none.',
    }),
    allocations: t.expose('allocations', {
      type: [FeeAllocationRef],
      description: 'Where the slashed tokens go (burned, a pool, a liquidator).',
    }),
    derivation: t.expose('derivation', {
      type: DerivationRef,
      description: 'How slashedTotal was computed.',
    }),
  }),
});

const PenaltyInput = builder.inputType('PenaltyInput', {
  description: 'Stakes to run through a penalty rule.',
  fields: (t) => ({
    rule: t.id({ required: true, description: 'The PenaltyRule key.' }),
    stakes: t.field({
      type: ['Decimal'],
      required: true,
      description:
        "The stakes exposed, in whole tokens, e.g. a validator's self-stake followed by each delegation.",
    }),
    missedBlocks: t.int({
      required: false,
      description: 'Blocks missed in the signing window, for downtime rules.',
    }),
    overrides: t.field({ ...overridesArg }),
  }),
});

builder.objectFields(ProtocolRef, (t) => ({
  penalties: t.field({
    type: [PenaltyRuleRef],
    description:
      "The penalties the protocol applies; empty when it lacks the PENALTIES capability. When a live source cannot be read and no last good state exists, from the preset's parameters (`source.error` says why).",
    resolve: (economy, _args, ctx) =>
      whenCapable(economy, 'penalties', [], (penalties) => penalties(ctx.economy)),
  }),
  simulatePenalty: t.field({
    type: PenaltyOutcomeRef,
    nullable: true,
    description:
      'Runs stakes through a penalty rule. An unknown rule is NOT_FOUND; negative stakes are BAD_INPUT. Null when the protocol lacks the PENALTIES capability.',
    args: { input: t.arg({ type: PenaltyInput, required: true }) },
    resolve: (economy, { input }, ctx) =>
      whenCapable(economy, 'simulatePenalty', null, (simulatePenalty) =>
        simulatePenalty(
          {
            rule: input.rule,
            stakes: input.stakes,
            missedBlocks: input.missedBlocks ?? null,
            overrides: toOverrides(input.overrides),
          },
          ctx.economy,
        ),
      ),
  }),
}));
