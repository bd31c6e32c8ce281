import type { Decimal } from '@tokenomics/core';

/**
 * The network's reward for one day: the pool's daily release, `rate × pool / 365`.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { dailyNetworkReward } from './daily-network-reward.js';
 *
 * dailyNetworkReward(new Decimal(40_000_000), new Decimal('0.151')).toFixed(); // '16547.9452054794520547945205479452054794520547945205479452055' (60 significant digits)
 * ```
 */
export function dailyNetworkReward(pool: Decimal, rate: Decimal): Decimal {
  return rate.times(pool).div(365);
}
