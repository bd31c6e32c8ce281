import type { Decimal } from './decimal.js';
import type { BlockRef, Observation, Rewards, Supply } from './economy.js';

/**
 * The observation a history records of one read: the block it was read at,
 * supply's and rewards' figures at that block's time, and the figures only
 * the adapter knows (a reward pool's balance). Figures a protocol does not
 * have are null.
 *
 * @example
 * ```ts
 * import { Decimal, observationOf } from '@tokenomics/core';
 *
 * const supply = {
 *   at: new Date('2026-01-01T00:00:00Z'), max: null, total: new Decimal(1000), circulating: new Decimal(900),
 *   staked: new Decimal(400), liquid: new Decimal(500), burned: null, circulatingDefinition: 'total − treasury',
 *   buckets: [], derivations: {},
 * };
 * const observation = observationOf({ height: 42n, time: supply.at }, supply, null, {});
 * observation.liquid?.toString(); // '500'
 * observation.stakingApr; // null: no rewards
 * ```
 */
export function observationOf(
  block: BlockRef,
  supply: Supply | null,
  rewards: Rewards | null,
  extra: { poolBalance?: Decimal | null },
): Observation {
  return {
    at: block.time,
    height: block.height,
    total: supply?.total ?? null,
    circulating: supply?.circulating ?? null,
    liquid: supply?.liquid ?? null,
    staked: supply?.staked ?? null,
    bondedRatio: rewards?.bondedRatio ?? null,
    emissionRate: rewards?.emissionRate ?? null,
    stakingApr: rewards?.stakingApr ?? null,
    poolBalance: extra.poolBalance ?? null,
    participants: rewards?.participants ?? null,
  };
}
