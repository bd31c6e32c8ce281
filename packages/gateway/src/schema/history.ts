import {
  type Decimal,
  type Interval,
  nextTurn,
  type Observation,
  type Rewards,
  type Supply,
  servedFigure,
  type TokenEconomy,
  TokenomicsError,
} from '@tokenomics/core';
import type { GatewayContext } from '../context.js';
import { forProtocol } from '../errors.js';
import { servedPrecision } from '../served.js';
import { builder } from './builder.js';
import { DataSourceRef, ProtocolRef } from './protocol.js';
import { IntervalEnum } from './schedule.js';

/** An observation as served: its protocol's precision applies to its figures. */
interface ServedObservation {
  observation: Observation;
  economy: TokenEconomy;
}

/** The figures an observation has, and whether each is an amount (base units) or a rate (18 places). */
const OBSERVED_FIGURES = {
  total: 'amount',
  circulating: 'amount',
  liquid: 'amount',
  staked: 'amount',
  bondedRatio: 'rate',
  emissionRate: 'rate',
  stakingApr: 'rate',
  poolBalance: 'amount',
} as const satisfies Partial<Record<keyof Observation, 'amount' | 'rate'>>;

type ObservedFigure = keyof typeof OBSERVED_FIGURES;

function served(economy: TokenEconomy, figure: ObservedFigure, value: Decimal): Decimal {
  const precision = servedPrecision(economy.token);
  const places = OBSERVED_FIGURES[figure] === 'amount' ? precision.amountPlaces : precision.ratePlaces;
  return servedFigure(value, places) as Decimal;
}

const ObservationRef = builder.objectRef<ServedObservation>('Observation');

ObservationRef.implement({
  description:
    "One recorded reading of a protocol's chain state: the block it was read at and the figures the model makes of it, at the served precision (amounts to the token's base unit, rates to 18 decimals). A figure the protocol does not have is null.",
  fields: (t) => {
    const figure = (name: ObservedFigure, description: string) =>
      t.field({
        type: 'Decimal',
        nullable: true,
        description,
        resolve: ({ observation, economy }) => {
          const value = observation[name];
          return value === null ? null : served(economy, name, value);
        },
      });
    return {
      at: t.field({
        type: 'DateTime',
        description: 'The block time of the reading.',
        resolve: ({ observation }) => observation.at,
      }),
      height: t.string({
        description: 'The chain height read (a decimal integer as text).',
        resolve: ({ observation }) => observation.height.toString(),
      }),
      total: figure('total', 'Total supply, in whole tokens.'),
      circulating: figure('circulating', 'Circulating supply, in whole tokens.'),
      liquid: figure('liquid', 'Circulating tokens that are not staked.'),
      staked: figure('staked', 'Staked tokens.'),
      bondedRatio: figure('bondedRatio', 'Staked ÷ total, where the protocol has it.'),
      emissionRate: figure('emissionRate', 'The emission rate at the block (see Rewards.emissionRate).'),
      stakingApr: figure('stakingApr', 'The staking APR at the block (see Rewards.stakingApr).'),
      poolBalance: figure('poolBalance', "The reward pool's balance, where the protocol has one."),
      participants: t.int({
        nullable: true,
        description: 'Nodes or validators at the block.',
        resolve: ({ observation }) => observation.participants,
      }),
    };
  },
});

/** One figure of one observation beside the published model's figure at the same instant. */
interface FigureDriftValue {
  figure: ObservedFigure;
  observed: Decimal;
  modelled: Decimal;
}

const FigureDriftRef = builder.objectRef<FigureDriftValue>('FigureDrift');

FigureDriftRef.implement({
  description:
    "An observed figure beside the published model's figure at the same instant (both at the served precision), and how far apart they are.",
  fields: (t) => ({
    figure: t.string({
      description:
        'The figure: total, circulating, liquid, staked, bondedRatio, emissionRate, stakingApr or poolBalance.',
      resolve: (drift) => drift.figure,
    }),
    observed: t.field({
      type: 'Decimal',
      description: 'What the chain showed.',
      resolve: (drift) => drift.observed,
    }),
    modelled: t.field({
      type: 'Decimal',
      description: 'What the published tokenomics (the preset, no chain reads) give at that instant.',
      resolve: (drift) => drift.modelled,
    }),
    difference: t.field({
      type: 'Decimal',
      description: 'observed − modelled, exactly.',
      resolve: (drift) => drift.observed.minus(drift.modelled),
    }),
    relative: t.field({
      type: 'Decimal',
      nullable: true,
      description: '(observed − modelled) ÷ modelled, to 18 decimals; null where the model gives 0.',
      resolve: (drift) =>
        drift.modelled.isZero()
          ? null
          : (servedFigure(drift.observed.minus(drift.modelled).div(drift.modelled), 18) as Decimal),
    }),
  }),
});

interface DriftPointValue {
  observation: Observation;
  figures: FigureDriftValue[];
}

const DriftPointRef = builder.objectRef<DriftPointValue>('DriftPoint');

DriftPointRef.implement({
  description: 'One observation beside the published model: every figure both have.',
  fields: (t) => ({
    at: t.field({
      type: 'DateTime',
      description: 'The block time.',
      resolve: (point) => point.observation.at,
    }),
    height: t.string({
      description: 'The chain height.',
      resolve: (point) => point.observation.height.toString(),
    }),
    figures: t.field({ type: [FigureDriftRef], resolve: (point) => point.figures }),
  }),
});

builder.objectFields(DataSourceRef, (t) => ({
  height: t.string({
    nullable: true,
    description: 'Chain height the state was read at (a decimal integer as text); null for a snapshot.',
    resolve: (source) => (source.height == null ? null : source.height.toString()),
  }),
  blockTime: t.field({
    type: 'DateTime',
    nullable: true,
    description: 'Time of the block the state was read at; null for a snapshot.',
    resolve: (source) => source.blockTime ?? null,
  }),
}));

/** The observations of `economy` in the range, checked against the request's limits. */
async function observations(
  economy: TokenEconomy,
  args: { from: Date; to?: Date | null; interval?: Interval | null },
  ctx: GatewayContext,
): Promise<Observation[]> {
  const to = args.to ?? ctx.economy.now;
  if (to.getTime() < args.from.getTime()) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `"to" (${to.toISOString()}) is before "from" (${args.from.toISOString()})`,
      {
        details: { from: args.from.toISOString(), to: to.toISOString() },
      },
    );
  }
  if (!ctx.history || !economy.history) return [];
  const limit = ctx.limits.maxSchedulePoints;
  const found = await ctx.history.range(economy.id, {
    from: args.from,
    to,
    ...(args.interval ? { interval: args.interval } : {}),
    limit: limit + 1,
  });
  if (found.length > limit) {
    throw new TokenomicsError(
      'LIMIT_EXCEEDED',
      `the range holds more than ${limit} observations; ask for a shorter range or an interval`,
      { details: { limit } },
    );
  }
  return found;
}

builder.objectFields(ProtocolRef, (t) => ({
  history: t.field({
    type: [ObservationRef],
    description:
      "State observed on the chain and recorded by the gateway (or read from an archive node), oldest first, from `from` to `to` (default: now). With an interval, one observation per step: the last one at or before it. Empty where nothing was observed (a snapshot source). At most the request's schedule-point limit of observations.",
    args: {
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: false }),
      interval: t.arg({ type: IntervalEnum, required: false }),
    },
    resolve: (economy, args, ctx) =>
      forProtocol(economy.id, async () =>
        (await observations(economy, args, ctx)).map((observation) => ({ observation, economy })),
      ),
  }),
  drift: t.field({
    type: [DriftPointRef],
    description:
      "The model against the chain: each observation of `history(from, to, interval)` beside the figures the protocol's published tokenomics (its preset, no chain reads) give at the same instant, with the difference. Empty where nothing was observed; NOT_SUPPORTED where the adapter has no published model.",
    args: {
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: false }),
      interval: t.arg({ type: IntervalEnum, required: false }),
    },
    resolve: (economy, args, ctx) =>
      forProtocol(economy.id, async () => {
        const found = await observations(economy, args, ctx);
        if (found.length === 0) return [];
        const published = economy.history?.published;
        if (!published) {
          throw new TokenomicsError(
            'NOT_SUPPORTED',
            `${economy.name} has no published model to compare with`,
          );
        }
        // The model at each observation, a slice at a time with a turn of the event loop between
        // slices: ten thousand observations never hold the process in one piece.
        const points: DriftPointValue[] = [];
        for (let start = 0; start < found.length; start += DRIFT_SLICE) {
          if (start > 0) await nextTurn();
          const slice = found.slice(start, start + DRIFT_SLICE);
          points.push(...(await Promise.all(slice.map((o) => driftPoint(economy, published, o)))));
        }
        return points;
      }),
  }),
}));

/** Observations compared with the model between turns of the event loop (each a supply and a rewards). */
const DRIFT_SLICE = 25;

async function driftPoint(
  economy: TokenEconomy,
  published: TokenEconomy,
  observation: Observation,
): Promise<DriftPointValue> {
  const at = observation.at;
  const [supply, rewards] = await Promise.all([
    published.supply ? published.supply({ at }) : null,
    published.rewards ? published.rewards({ at }) : null,
  ]);
  const modelled: Partial<Record<ObservedFigure, Decimal | null>> = {
    ...supplyFigures(supply),
    ...rewardsFigures(rewards),
  };
  const figures: FigureDriftValue[] = [];
  for (const name of Object.keys(OBSERVED_FIGURES) as ObservedFigure[]) {
    const seen = observation[name];
    const model = modelled[name];
    if (seen == null || model == null) continue;
    figures.push({
      figure: name,
      observed: served(economy, name, seen),
      modelled: served(economy, name, model),
    });
  }
  return { observation, figures };
}

const supplyFigures = (supply: Supply | null) =>
  supply
    ? { total: supply.total, circulating: supply.circulating, liquid: supply.liquid, staked: supply.staked }
    : {};

const rewardsFigures = (rewards: Rewards | null) =>
  rewards
    ? { bondedRatio: rewards.bondedRatio, emissionRate: rewards.emissionRate, stakingApr: rewards.stakingApr }
    : {};
