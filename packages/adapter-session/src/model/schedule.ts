import { Decimal, ExactSchedulePoint, ScaledDecimal, type SchedulePoint } from '@tokenomics/core';
import type { SessionModel } from '../state.js';
import { AMOUNT_PLACES, unitsAt } from './figures.js';

const ZERO = new Decimal(0);

/**
 * The model at each instant: supply, liquid and pool as {@link unitsAt} gives
 * them (so each point equals `supply`/`rewards` at the same instant), and the
 * pool's releases since the previous point. The figures stay exact integers
 * ({@link ScaledDecimal}) until something reads them.
 *
 * @example
 * ```ts
 * import type { SessionModel } from '../state.js';
 * import { sessionSchedule } from './schedule.js';
 *
 * declare const model: SessionModel; // the seed preset
 *
 * sessionSchedule(model, [new Date('2025-05-21Z'), new Date('2025-05-22Z')])[1]?.emitted.toFixed(); // '16547.9452…' (seed)
 * ```
 */
export function sessionSchedule(model: SessionModel, instants: Date[]): SchedulePoint[] {
  const { maxSupply, poolReleaseRate } = model.params;
  let previous: bigint | null = null;
  return instants.map((at) => {
    const units = unitsAt(model, at);
    const emitted =
      previous === null ? ZERO : new ScaledDecimal(units.released - previous, units.releasedPlaces);
    previous = units.released;
    return new ExactSchedulePoint(at, {
      total: maxSupply,
      circulating: new ScaledDecimal(units.circulating, units.bucketPlaces),
      emitted,
      emissionRate: poolReleaseRate,
      poolBalance: new ScaledDecimal(units.pool, AMOUNT_PLACES),
      liquid: new ScaledDecimal(units.liquid, units.bucketPlaces),
    });
  });
}
