import {
  DEFAULT_MAX_SCHEDULE_POINTS,
  type ExactFigure,
  ExactSchedulePoint,
  INTERVALS,
  itemsInTurns,
  mapInTurns,
  SCHEDULE_SLICE_POINTS,
  type SchedulePoint,
  type ScheduleWriter,
  scheduleFigure,
} from '@tokenomics/core';
import { type ServedPrecision, servedPrecision, servedScheduleFigure } from '../served.js';
import { builder } from './builder.js';
import { whenCapable } from './capability.js';
import { overridesArg, toOverrides } from './parameters.js';
import { ProtocolRef } from './protocol.js';
import { type WrittenFigure, type WrittenInstant, writtenFigure, writtenInstant } from './written-figure.js';

/**
 * A schedule point as the gateway writes it: each figure in its wire text,
 * as a plain property. The fields read those properties with no resolver of their own,
 * which a compiled plan turns into a property read: a 10-year daily schedule
 * is 44,000 of them.
 */
interface SchedulePointRow {
  at: WrittenInstant;
  total: WrittenFigure;
  circulating: WrittenFigure;
  emitted: WrittenFigure;
  emissionRate: WrittenFigure;
  poolBalance: WrittenFigure | null;
  liquid: WrittenFigure | null;
}

/** A point's `liquid`, as computed (a scaled integer stays one); null where the adapter does not know it. */
function liquidOf(point: SchedulePoint): ExactFigure | null {
  if (point instanceof ExactSchedulePoint) {
    return (point.figures as { liquid?: ExactFigure | null }).liquid ?? null;
  }
  return point.liquid ?? null;
}

/**
 * A point as written: every figure at the served precision (amounts at the
 * token's base unit, the rate to 18 places), already in its wire text (made
 * here, a slice of points at a time, rather than all at once as the answer is
 * completed).
 */
function rowOf(point: SchedulePoint, p: ServedPrecision): SchedulePointRow {
  const poolBalance = scheduleFigure(point, 'poolBalance');
  const liquid = liquidOf(point);
  const amount = (figure: ExactFigure) => writtenFigure(servedScheduleFigure(p, figure, 'amount'));
  return {
    at: writtenInstant(point.at),
    total: amount(scheduleFigure(point, 'total')),
    circulating: amount(scheduleFigure(point, 'circulating')),
    emitted: amount(scheduleFigure(point, 'emitted')),
    emissionRate: writtenFigure(servedScheduleFigure(p, scheduleFigure(point, 'emissionRate'), 'rate')),
    poolBalance: poolBalance === null ? null : amount(poolBalance),
    liquid: liquid === null ? null : amount(liquid),
  };
}

/**
 * Estimated bytes of a kept row: the row object and its seven short strings
 * (the heap a kept schedule holds, measured at 375 to 390 bytes a point on
 * the bundled adapters' daily schedules: `packages/server/tests/schedule-memory.test.ts`).
 */
export const SCHEDULE_ROW_BYTES = 512;

/** The writer of rows at each precision, one per precision (its key names the precision). */
const rowWriters = new Map<string, ScheduleWriter<SchedulePointRow>>();

/**
 * How the gateway keeps a schedule at `precision`: each point written into its
 * row as the model computes it (the economy keeps the rows, not the points).
 */
function rowWriterOf(precision: ServedPrecision): ScheduleWriter<SchedulePointRow> {
  const key = `gateway rows ${precision.amountPlaces} ${precision.ratePlaces}`;
  let writer = rowWriters.get(key);
  if (writer === undefined) {
    writer = { key, write: (point) => rowOf(point, precision), rowBytes: SCHEDULE_ROW_BYTES };
    rowWriters.set(key, writer);
  }
  return writer;
}

/**
 * Rows already written, by the points they were written from, for an
 * economy that only has `schedule` (one `defineAdapter` did not make): an adapter
 * memoizes its schedules, so a schedule asked again (the same window, the
 * same model) is answered from the same rows, written once. Without this, a
 * long schedule's hundreds of thousands of strings were made again by every
 * request and lived as long as its answer took to write (seconds, for the
 * heaviest): the young generation's collector copied them, twice each, in
 * pauses that stalled every other request (issue 11). Entries go with their
 * points (a WeakMap).
 */
const rowsByPrecision = new Map<string, WeakMap<readonly SchedulePoint[], Promise<SchedulePointRow[]>>>();

/** The rows of `points` at `precision`, written a slice at a time, once per points array and precision. */
function rowsOf(points: readonly SchedulePoint[], precision: ServedPrecision): Promise<SchedulePointRow[]> {
  const key = `${precision.amountPlaces} ${precision.ratePlaces}`;
  let byPrecision = rowsByPrecision.get(key);
  if (byPrecision === undefined) {
    byPrecision = new WeakMap();
    rowsByPrecision.set(key, byPrecision);
  }
  let rows = byPrecision.get(points);
  if (rows === undefined) {
    // Written a slice at a time, with a turn of the event loop between slices (as the model computed them).
    rows = mapInTurns(points, (point) => rowOf(point, precision), SCHEDULE_SLICE_POINTS);
    byPrecision.set(points, rows);
    // A failed write is not kept: the next request tries again.
    rows.catch(() => byPrecision.delete(points));
  }
  return rows;
}

/**
 * Rows the executor completes in one turn of the event loop: a list up to
 * this long (every schedule under the default `limits.maxSchedulePoints`) is
 * completed in one piece, a longer one this many rows a turn
 * ({@link itemsInTurns}). Completing 10,000 kept rows takes a few
 * milliseconds; a promise for each row past the first 500 (as before) made
 * the request slower and its pauses for collection longer than the
 * completion it spread out (issue 11; bench/README.md, the fifth round).
 */
const ROWS_COMPLETED_PER_TURN = DEFAULT_MAX_SCHEDULE_POINTS;

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
        const query = {
          from: from ?? undefined,
          to,
          interval,
          overrides: toOverrides(overrides),
          maxPoints: ctx.limits.maxSchedulePoints,
        };
        const precision = servedPrecision(economy.token);
        // Written as computed where the economy can (its points then die young: issue 11, the sixth round).
        const rows = economy.writtenSchedule
          ? await economy.writtenSchedule(query, rowWriterOf(precision), ctx.economy)
          : await rowsOf(await schedule(query, ctx.economy), precision);
        // A plan completes a list's ready items in one piece: a list longer than ROWS_COMPLETED_PER_TURN
        // is completed that many rows a turn.
        return itemsInTurns(rows, ROWS_COMPLETED_PER_TURN);
      }),
  }),
}));
