import type { Derivation, NamedValue, Parameter, ParameterOverride, ParameterType } from '@tokenomics/core';
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

const ParameterKindEnum = builder.enumType('ParameterKind', {
  description: "What kind of value a parameter holds; Parameter.value is in the kind's canonical form.",
  values: {
    DECIMAL: { description: 'A decimal number, e.g. an amount in whole tokens: "40000000".' },
    INTEGER: { description: 'A whole number, e.g. a count of nodes or blocks: "2000".' },
    RATE: { description: 'A fraction or ratio: "0.151" is 15.1 %.' },
    DURATION: { description: 'Whole seconds, written "600s".' },
    INSTANT: { description: 'An ISO-8601 instant in UTC: "2025-05-21T00:00:00.000Z".' },
    ADDRESS: { description: "An account or contract address, in the chain's own form." },
    LIST: { description: 'A comma-separated list of decimals: "0.08,0.065,0.055".' },
    WORD: { description: 'One word of a fixed set, or terms written in words (see the description).' },
  } as const satisfies Record<ParameterType, unknown>,
});

ParameterRef.implement({
  description: "A parameter of a protocol's model, with its value and where the value comes from.",
  fields: (t) => ({
    key: t.exposeID('key', { description: 'The key an override uses.' }),
    label: t.exposeString('label'),
    kind: t.expose('kind', { type: ParameterKindEnum }),
    value: t.exposeString('value', {
      description: 'The value as text, in the canonical form of its kind.',
    }),
    unit: t.exposeString('unit', {
      nullable: true,
      description: 'e.g. "SESH", "nodes", "seconds"; null for a pure ratio.',
    }),
    assumption: t.exposeBoolean('assumption', {
      description:
        'True where the value is an assumption of this project (labelled in the description and the methodology page), not a published or read figure.',
    }),
    description: t.exposeString('description'),
    source: t.exposeString('source', {
      description:
        "Where the value comes from: a public URL (documentation, a contract or genesis file at a commit, a governance proposal), a file of this repository (a methodology page), a chain read (`chain: …`), configuration, or this query's override.",
    }),
  }),
});

NamedValueRef.implement({
  description: 'One named input of a derivation.',
  fields: (t) => ({
    name: t.exposeString('name'),
    value: t.exposeString('value', {
      description:
        "The input as text; a decimal at the served precision (an amount at its token's base unit, a rate or ratio to 18 places).",
    }),
  }),
});

DerivationRef.implement({
  description: 'How a figure was computed.',
  fields: (t) => ({
    formula: t.exposeString('formula', {
      description: 'The formula in words and symbols, e.g. "0.151 × pool / (365 × nodes)".',
    }),
    inputs: t.expose('inputs', { type: [NamedValueRef] }),
    result: t.expose('result', {
      type: 'Decimal',
      description: 'The figure it explains, at the served precision: equal to that figure as served.',
    }),
    source: t.exposeString('source', {
      description:
        'What it follows: a public URL or a file of this repository (a methodology page), or the chain read.',
    }),
  }),
});

builder.objectFields(ProtocolRef, (t) => ({
  parameters: t.field({
    type: [ParameterRef],
    description:
      "Every parameter the protocol's model uses, with its value and source (after any overrides given here). When a live source cannot be read and no last good state exists, the preset's values with their sources (`source.error` says why).",
    args: { overrides: t.arg(overridesArg) },
    resolve: (economy, { overrides }, ctx) =>
      forProtocol(economy.id, () => economy.parameters({ overrides: toOverrides(overrides) }, ctx.economy)),
  }),
}));
