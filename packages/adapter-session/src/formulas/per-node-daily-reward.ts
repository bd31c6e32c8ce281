import type { Decimal } from '@tokenomics/core';

/**
 * One node's reward for a day, the seed's formula: the daily release shared
 * equally by all nodes, `rate × pool / (365 × nodes)`.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { perNodeDailyReward } from './per-node-daily-reward.js';
 *
 * perNodeDailyReward(new Decimal(40_000_000), new Decimal('0.151'), 2000).toSignificantDigits(30).toFixed(); // '8.27397260273972602739726027397'
 * ```
 */
export function perNodeDailyReward(pool: Decimal, rate: Decimal, nodes: number): Decimal {
  return rate.times(pool).div(365 * nodes);
}
