import type { Derivation, NamedValue, Parameter, ParameterOverride } from '@tokenomics/core';
import { forProtocol } from '../errors.js';
import { builder } from './builder.js';
import { ProtocolRef } from './protocol.js';

export const ParameterRef = builder.objectRef<Parameter>('Parameter');
export const DerivationRef = builder.objectRef<Derivation>('Derivation');
const NamedValueRef = builder.objectRef<NamedValue>('NamedValue');

export const ParameterOverrideInput = builder.inputType('ParameterOverride', {
  description:
    'A what-if: replace one model parameter for this field only, by key (see Protocol.parameters for the keys). An unknown key is an error coded UNKNOWN_PARAMETER listing the valid keys; a bad value is BAD_INPUT.',
  fields: (t) => ({
    key: t.id({ required: true, description: 'The Parameter key, e.g. "networkSize".' }),
    value: t.string({ required: true, description: 'The value as text, in the form Parameter.value shows.' }),
  }),
});

/** The `overrides` argument that what-if fields share. */
export const overridesArg = {
  type: [ParameterOverrideInput] as [typeof ParameterOverrideInput],
  required: false as const,
  description: 'What-if parameter values by key; they apply to this field only.',
};

/** Overrides as the core wants them (GraphQL gives null for an absent list). */
export function toOverrides(
  overrides: ReadonlyArray<{ key: string; value: string }> | null | undefined,
): ParameterOverride[] | undefined {
  return overrides ? overrides.map(({ key, value }) => ({ key, value })) : undefined;
}

ParameterRef.implement({
  description: "A parameter of a protocol's model, with its value and where the value comes from.",
  fields: (t) => ({
    key: t.exposeID('key', { description: 'The key an override uses.' }),
    label: t.exposeString('label'),
    value: t.exposeString('value', {
      description: 'The value as text: a decimal, an integer, an instant, a duration or a word.',
    }),
    unit: t.exposeString('unit', {
      nullable: true,
      description: 'e.g. "SESH", "nodes", "seconds"; null for a pure ratio.',
    }),
    description: t.exposeString('description'),
    source: t.exposeString('source', {
      description:
        "Where the value comes from: a document section, a contract, a chain parameter, configuration, or this query's override.",
    }),
  }),
});

NamedValueRef.implement({
  description: 'One named input of a derivation.',
  fields: (t) => ({
    name: t.exposeString('name'),
    value: t.exposeString('value'),
  }),
});

DerivationRef.implement({
  description: 'How a figure was computed.',
  fields: (t) => ({
    formula: t.exposeString('formula', {
      description: 'The formula in words and symbols, e.g. "0.151 × pool / (365 × nodes)".',
    }),
    inputs: t.field({ type: [NamedValueRef], resolve: (derivation) => derivation.inputs }),
    result: t.field({ type: 'Decimal', resolve: (derivation) => derivation.result }),
    source: t.exposeString('source', {
      description: 'The document section, contract or chain parameter it follows.',
    }),
  }),
});

builder.objectFields(ProtocolRef, (t) => ({
  parameters: t.field({
    type: [ParameterRef],
    description:
      "Every parameter the protocol's model uses, with its value and source (after any overrides given here).",
    args: { overrides: t.arg(overridesArg) },
    resolve: (economy, { overrides }, ctx) =>
      forProtocol(economy.id, () => economy.parameters({ overrides: toOverrides(overrides) }, ctx.economy)),
  }),
}));
