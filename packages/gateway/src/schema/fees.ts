import type { Allocation, FeeDestination, FeeQuote, FeeSchedule } from '@tokenomics/core';
import { builder } from './builder.js';
import { whenCapable } from './capability.js';
import { DerivationRef, overridesArg, ParameterRef, toOverrides } from './parameters.js';
import { ProtocolRef } from './protocol.js';

const FeeScheduleRef = builder.objectRef<FeeSchedule>('FeeSchedule');
const FeeDestinationRef = builder.objectRef<FeeDestination>('FeeDestination');
const FeeQuoteRef = builder.objectRef<FeeQuote>('FeeQuote');
export const FeeAllocationRef = builder.objectRef<Allocation>('FeeAllocation');

const FeeModelEnum = builder.enumType('FeeModel', {
  description: 'How a protocol fee is charged.',
  values: {
    PER_UNIT: {
      description: "A fixed protocol fee per unit (e.g. per gigabyte) on top of the seller's price.",
    },
    PERCENT_WITH_MINIMUM: {
      description: "A percentage of the seller's price per unit with a minimum per unit.",
    },
    NETWORK_FEE: { description: "A fee paid for a network feature, routed to the protocol's destinations." },
  } as const,
});

FeeDestinationRef.implement({
  description: 'Where a share of collected fees goes.',
  fields: (t) => ({
    target: t.exposeString('target', { description: 'e.g. "staking-reward-pool", "treasury", "burn".' }),
    share: t.expose('share', {
      type: 'Decimal',
      description: 'A fraction; the shares of a schedule sum to 1.',
    }),
  }),
});

FeeAllocationRef.implement({
  description: 'An amount, in whole tokens, sent to a target.',
  fields: (t) => ({
    target: t.exposeString('target'),
    amount: t.expose('amount', { type: 'Decimal' }),
  }),
});

FeeScheduleRef.implement({
  description: 'A fee the protocol charges, and where it goes.',
  fields: (t) => ({
    key: t.exposeID('key', { description: 'The key FeeQuoteInput.fee takes.' }),
    label: t.exposeString('label'),
    model: t.expose('model', { type: FeeModelEnum }),
    description: t.exposeString('description', {
      description: 'How the fee is computed, including our reading of the specification.',
    }),
    parameters: t.expose('parameters', { type: [ParameterRef] }),
    destinations: t.expose('destinations', {
      type: [FeeDestinationRef],
      description: 'Where collected fees go, as shares that sum to 1.',
    }),
  }),
});

FeeQuoteRef.implement({
  description: 'What a purchase costs under a fee schedule, in whole tokens.',
  fields: (t) => ({
    fee: t.exposeID('fee'),
    quantity: t.expose('quantity', { type: 'Decimal' }),
    base: t.expose('base', {
      type: 'Decimal',
      description: 'What the seller receives: unitPrice × quantity (0 for a network fee).',
    }),
    protocolFee: t.expose('protocolFee', {
      type: 'Decimal',
      description: 'What the protocol takes.',
    }),
    total: t.expose('total', {
      type: 'Decimal',
      description: 'What the buyer pays: base + protocolFee.',
    }),
    allocations: t.expose('allocations', {
      type: [FeeAllocationRef],
      description: 'How the protocol fee is split among the destinations.',
    }),
    derivation: t.expose('derivation', {
      type: DerivationRef,
      description: 'How protocolFee was computed.',
    }),
  }),
});

const FeeQuoteInput = builder.inputType('FeeQuoteInput', {
  description: 'A purchase to price under a fee schedule.',
  fields: (t) => ({
    fee: t.id({ required: true, description: 'The FeeSchedule key.' }),
    quantity: t.field({
      type: 'Decimal',
      required: true,
      description: 'Units bought: gigabytes, messages, or 1 for a network fee.',
    }),
    unitPrice: t.field({
      type: 'Decimal',
      required: true,
      description: "The seller's price per unit (agent price); for a network fee, the fee itself.",
    }),
    overrides: t.field({ ...overridesArg }),
  }),
});

builder.objectFields(ProtocolRef, (t) => ({
  fees: t.field({
    type: [FeeScheduleRef],
    description:
      "The fees the protocol charges; empty when it lacks the FEES capability. When a live source cannot be read and no last good state exists, from the preset's parameters (`source.error` says why).",
    resolve: (economy, _args, ctx) => whenCapable(economy, 'fees', [], (fees) => fees(ctx.economy)),
  }),
  quoteFee: t.field({
    type: FeeQuoteRef,
    nullable: true,
    description:
      'Prices a purchase. An unknown fee key is NOT_FOUND; negative amounts are BAD_INPUT. Null when the protocol lacks the FEES capability.',
    args: { input: t.arg({ type: FeeQuoteInput, required: true }) },
    resolve: (economy, { input }, ctx) =>
      whenCapable(economy, 'quoteFee', null, (quoteFee) =>
        quoteFee(
          {
            fee: input.fee,
            quantity: input.quantity,
            unitPrice: input.unitPrice,
            overrides: toOverrides(input.overrides),
          },
          ctx.economy,
        ),
      ),
  }),
}));
