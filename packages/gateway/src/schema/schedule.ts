import {
  type ExactFigure,
  ExactSchedulePoint,
  INTERVALS,
  type SchedulePoint,
  scheduleFigure,
} from '@tokenomics/core';
import { type ServedPrecision, servedPrecision, servedScheduleFigure } from '../served.js';
import { builder } from './builder.js';
import { whenCapable } from './capability.js';
import { overridesArg, toOverrides } from './parameters.js';
import { ProtocolRef } from './protocol.js';

/**
 * A schedule point as the gateway writes it: each figure as the adapter
 * computed it (a ScaledDecimal stays an integer until written), as a plain
 * property. The fields read those properties with no resolver of their own,
 * which a compiled plan turns into a property read: a 10-year daily schedule
 * is 44,000 of them.
 */
interface SchedulePointRow {
  at: Date;
  total: ExactFigure;
  circulating: ExactFigure;
  emitted: ExactFigure;
  emissionRate: ExactFigure;
  poolBalance: ExactFigure | null;
  liquid: ExactFigure | null;
}

/** A point's `liquid`, as computed (a scaled integer stays one); null where the adapter does not know it. */
function liquidOf(point: SchedulePoint): ExactFigure | null {
  if (point instanceof ExactSchedulePoint) {
    return (point.figures as { liquid?: ExactFigure | null }).liquid ?? null;
  }
  return point.liquid ?? null;
}

/** A point as written: every figure at the served precision (amounts at the token's base unit, the rate to 18 places). */
function rowOf(point: SchedulePoint, p: ServedPrecision): SchedulePointRow {
  const poolBalance = scheduleFigure(point, 'poolBalance');
  const liquid = liquidOf(point);
  return {
    at: point.at,
    total: servedScheduleFigure(p, scheduleFigure(point, 'total'), 'amount'),
    circulating: servedScheduleFigure(p, scheduleFigure(point, 'circulating'), 'amount'),
    emitted: servedScheduleFigure(p, scheduleFigure(point, 'emitted'), 'amount'),
    emissionRate: servedScheduleFigure(p, scheduleFigure(point, 'emissionRate'), 'rate'),
    poolBalance: poolBalance === null ? null : servedScheduleFigure(p, poolBalance, 'amount'),
    liquid: liquid === null ? null : servedScheduleFigure(p, liquid, 'amount'),
  };
}

const SchedulePointRef = builder.objectRef<SchedulePointRow>('SchedulePoint');

export const IntervalEnum = builder.enumType('Interval', {
  description:
    'The step between schedule points. MONTH and YEAR step by calendar from `from`, clamping to month ends.',
  values: INTERVALS,
});

SchedulePointRef.implement({
  description: 'The model at one instant of a schedule, in whole tokens.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    total: t.expose('total', { type: 'Decimal' }),
    circulating: t.expose('circulating', { type: 'Decimal' }),
    emitted: t.expose('emitted', {
      type: 'Decimal',
      description: 'Tokens emitted to stakers since the previous point (0 at the first point).',
    }),
    emissionRate: t.expose('emissionRate', {
      type: 'Decimal',
      description: 'The emission rate in force at this point.',
    }),
    poolBalance: t.expose('poolBalance', {
      type: 'Decimal',
      nullable: true,
      description: 'Reward-pool or treasury balance where the protocol has one.',
    }),
    liquid: t.expose('liquid', {
      type: 'Decimal',
      nullable: true,
      description: 'Circulating tokens that are not staked, where staked is known.',
    }),
  }),
});

builder.objectFields(ProtocolRef, (t) => ({
  schedule: t.field({
    type: [SchedulePointRef],
    nullable: true,
    description:
      'The model stepped forward (or back) in time: one point per interval from `from` (default: now, to the whole second) to `to`, both included. Too many points is LIMIT_EXCEEDED; `to` before `from` or before genesis is BAD_INPUT. Null when the protocol lacks the SCHEDULE capability.',
    args: {
      from: t.arg({ type: 'DateTime', required: false }),
      to: t.arg({ type: 'DateTime', required: true }),
      interval: t.arg({ type: IntervalEnum, required: true, defaultValue: 'MONTH' }),
      overrides: t.arg(overridesArg),
    },
    resolve: (economy, { from, to, interval, overrides }, ctx) =>
      whenCapable(economy, 'schedule', null, async (schedule) => {
        const points = await schedule(
          {
            from: from ?? undefined,
            to,
            interval,
            overrides: toOverrides(overrides),
            maxPoints: ctx.limits.maxSchedulePoints,
          },
          ctx.economy,
        );
        const precision = servedPrecision(economy.token);
        return points.map((point) => rowOf(point, precision));
      }),
  }),
}));
