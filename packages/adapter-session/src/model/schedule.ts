import { Decimal, type SchedulePoint } from '@tokenomics/core';
import type { SessionModel } from './common.js';
import { figuresAt } from './state-at.js';

/**
 * The model at each instant: supply and pool as {@link figuresAt} gives them
 * (so each point equals `supply`/`rewards` at the same instant), and the pool's
 * releases since the previous point.
 *
 * @example
 * ```ts
 * sessionSchedule(model, [new Date('2025-05-21Z'), new Date('2025-05-22Z')])[1]?.emitted.toFixed(); // '16547.9452…' (seed)
 * ```
 */
export function sessionSchedule(model: SessionModel, instants: Date[]): SchedulePoint[] {
  let previous: Decimal | null = null;
  return instants.map((at) => {
    const f = figuresAt(model.params, at);
    const emitted: Decimal = previous === null ? new Decimal(0) : f.releasedSinceAnchor.minus(previous);
    previous = f.releasedSinceAnchor;
    return {
      at,
      total: f.total,
      circulating: f.circulating,
      emitted,
      emissionRate: model.params.poolReleaseRate,
      poolBalance: f.pool,
    };
  });
}
