import {
  type CAPABILITIES,
  type DataSourceInfo,
  isTokenomicsError,
  type TokenEconomy,
  type TokenInfo,
} from '@tokenomics/core';
import { MASKED_MESSAGE, toGraphQLError } from '../errors.js';
import { builder } from './builder.js';

export const ProtocolRef = builder.objectRef<TokenEconomy>('Protocol');
const TokenRef = builder.objectRef<TokenInfo>('Token');
/** A source, or why it could not be read. */
type SourceStatus = DataSourceInfo & { error: { code: string; message: string } | null };

export const DataSourceRef = builder.objectRef<SourceStatus>('DataSource');
const SourceErrorRef = builder.objectRef<{ code: string; message: string }>('SourceError');

SourceErrorRef.implement({
  description: 'Why a source could not be read.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The error code, e.g. UPSTREAM_UNAVAILABLE.' }),
    message: t.exposeString('message'),
  }),
});

const CapabilityEnum = builder.enumType('Capability', {
  description:
    "What a protocol's model can answer. A field of a capability the protocol lacks is null (or an empty list).",
  values: {
    SUPPLY: { description: 'Protocol.supply' },
    REWARDS: { description: 'Protocol.rewards' },
    FEES: { description: 'Protocol.fees and Protocol.quoteFee' },
    PENALTIES: { description: 'Protocol.penalties and Protocol.simulatePenalty' },
    SCHEDULE: { description: 'Protocol.schedule' },
    FLOWS: { description: 'Protocol.flows' },
  } as const satisfies Record<(typeof CAPABILITIES)[number], unknown>,
});

const SourceKindEnum = builder.enumType('SourceKind', {
  values: {
    SNAPSHOT: { description: 'Parameters and genesis state, stepped forward by the model; no network.' },
    LIVE: { description: 'Read from the chain.' },
  } as const,
});

TokenRef.implement({
  description: "The protocol's token.",
  fields: (t) => ({
    symbol: t.exposeString('symbol', { description: 'Ticker, e.g. "SESH".' }),
    name: t.exposeString('name'),
    decimals: t.exposeInt('decimals', {
      description: 'Decimals of the base unit on chain (SESH 9, SYNT 6).',
    }),
  }),
});

DataSourceRef.implement({
  description: "Where a protocol's state comes from now.",
  fields: (t) => ({
    kind: t.expose('kind', { type: SourceKindEnum }),
    description: t.exposeString('description', { description: 'The preset or endpoint, in words.' }),
    fetchedAt: t.expose('fetchedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the state was read; null for a snapshot.',
    }),
    stale: t.exposeBoolean('stale', {
      description: 'True when the upstream failed and the last good state is served.',
    }),
    error: t.expose('error', {
      type: SourceErrorRef,
      nullable: true,
      description:
        "Why the source could not be read now, when it could not and no last good state exists; the protocol's figures are then null with the same error.",
    }),
  }),
});

/** The source, or (never throwing, since `source` is non-null) why it could not be read. */
async function sourceStatus(
  economy: TokenEconomy,
  ctx: Parameters<TokenEconomy['source']>[0],
): Promise<SourceStatus> {
  try {
    return { ...(await economy.source(ctx)), error: null };
  } catch (error) {
    return {
      // Snapshot sources read nothing and cannot fail: a failing source is a live one.
      kind: 'LIVE',
      description: `${economy.name}'s upstream could not be read and no earlier state is cached.`,
      fetchedAt: null,
      stale: false,
      error: isTokenomicsError(error)
        ? { code: error.code, message: error.message }
        : { code: 'INTERNAL_SERVER_ERROR', message: MASKED_MESSAGE },
    };
  }
}

ProtocolRef.implement({
  description:
    "One protocol's token economy. Amounts are exact decimals in whole tokens; every computed figure can explain itself through a Derivation.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable id, e.g. "example", "my-chain".' }),
    name: t.exposeString('name'),
    token: t.expose('token', { type: TokenRef }),
    source: t.field({
      type: DataSourceRef,
      description:
        "Where this protocol's state comes from now. Never fails: when the upstream cannot be read, `error` says why.",
      resolve: (economy, _args, ctx) => sourceStatus(economy, ctx.economy),
    }),
    capabilities: t.field({
      type: [CapabilityEnum],
      description: 'What the model implements; fields of other capabilities are null or empty.',
      resolve: (economy) => [...economy.capabilities],
    }),
  }),
});

builder.queryType({
  description: 'Token economies of every served protocol.',
  fields: (t) => ({
    protocols: t.field({
      type: [ProtocolRef],
      description: 'Every protocol the gateway serves, in configuration order.',
      resolve: (_root, _args, ctx) => [...ctx.protocols],
    }),
    protocol: t.field({
      type: ProtocolRef,
      nullable: true,
      description:
        'One protocol by id (e.g. "my-chain"), or by its token symbol in any case ("MYC", "myc"). An id wins over a symbol. Null, with an error coded NOT_FOUND, when nothing matches; coded BAD_INPUT when two served protocols share the symbol (ask by id then).',
      args: { id: t.arg.id({ required: true }) },
      resolve: (_root, { id }, ctx) => {
        try {
          return ctx.findProtocol(id);
        } catch (error) {
          throw toGraphQLError(error);
        }
      },
    }),
  }),
});
