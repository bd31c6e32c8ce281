import { Decimal, type SchedulePoint } from '@tokenomics/core';
import { splitStaked, stakedAmount } from '@tokenomics/cosmos-rest';
import type { CosmosMintModel, ModelContext } from '../state.js';
import { mintStateAt } from './mint-state.js';
import { circulatingOf, heldOf } from './supply.js';

/**
 * Schedule points: supply and inflation at each instant as `supplyFigures`
 * and `rewardsFigures` give them (circulating less configured holdings,
 * liquid = max(circulating − staked, 0)); `emitted` = tokens minted to stakers
 * since the previous point (minted × (1 − communityTax)); no pool balance.
 *
 * @example
 * ```ts
 * import type { CosmosMintModel, ModelContext } from '../state.js';
 * import { schedulePoints } from './schedule.js';
 *
 * declare const model: CosmosMintModel; // the cosmoshub preset
 * declare const context: ModelContext;
 *
 * schedulePoints(model, [new Date('2019-03-13T23:00:00Z'), new Date('2020-03-13T05:00:00Z')], context)[1]?.emissionRate.toFixed(); // '0.07'
 * ```
 */
export function schedulePoints(
  model: CosmosMintModel,
  instants: Date[],
  context: ModelContext,
): SchedulePoint[] {
  const share = new Decimal(1).minus(model.params.communityTax);
  const held = heldOf(model, context);
  const heldAmounts = held.map((holding) => holding.amount);
  let previous: Decimal | null = null;
  return instants.map((at) => {
    const s = mintStateAt(model, at);
    const emitted = previous === null ? new Decimal(0) : s.supply.minted.minus(previous).times(share);
    previous = s.supply.minted;
    const circulating = circulatingOf(s.supply.total, held, at, context);
    const staked = stakedAmount(model.params.bondedRatio, s.supply.total, context.decimals);
    return {
      at,
      total: s.supply.total,
      circulating,
      emitted: Decimal.max(0, emitted),
      emissionRate: s.path.inflation,
      poolBalance: null,
      liquid: splitStaked(staked, circulating, heldAmounts).liquid.toDecimal(),
    };
  });
}
