import { INTERVALS, type SchedulePoint, scheduleFigure } from '@tokenomics/core';
import { forProtocol } from '../errors.js';
import { builder } from './builder.js';
import { overridesArg, toOverrides } from './parameters.js';
import { ProtocolRef } from './protocol.js';

const SchedulePointRef = builder.objectRef<SchedulePoint>('SchedulePoint');

const IntervalEnum = builder.enumType('Interval', {
  description:
    'The step between schedule points. MONTH and YEAR step by calendar from `from`, clamping to month ends.',
  values: INTERVALS,
});

SchedulePointRef.implement({
  description: 'The model at one instant of a schedule, in whole tokens.',
  fields: (t) => ({
    at: t.field({ type: 'DateTime', resolve: (p) => p.at }),
    total: t.field({ type: 'Decimal', resolve: (p) => scheduleFigure(p, 'total') }),
    circulating: t.field({ type: 'Decimal', resolve: (p) => scheduleFigure(p, 'circulating') }),
    emitted: t.field({
      type: 'Decimal',
      description: 'Tokens emitted to stakers since the previous point (0 at the first point).',
      resolve: (p) => scheduleFigure(p, 'emitted'),
    }),
    emissionRate: t.field({
      type: 'Decimal',
      description: 'The emission rate in force at this point.',
      resolve: (p) => scheduleFigure(p, 'emissionRate'),
    }),
    poolBalance: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Reward-pool or treasury balance where the protocol has one.',
      resolve: (p) => scheduleFigure(p, 'poolBalance'),
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
    resolve: (economy, { from, to, interval, overrides }, ctx) => {
      const schedule = economy.schedule;
      if (!schedule) return null;
      return forProtocol(economy.id, () =>
        schedule(
          {
            from: from ?? undefined,
            to,
            interval,
            overrides: toOverrides(overrides),
            maxPoints: ctx.limits.maxSchedulePoints,
          },
          ctx.economy,
        ),
      );
    },
  }),
}));
