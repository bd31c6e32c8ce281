import { Decimal } from '@tokenomics/core';
import { type PoolStepInput, poolBalanceAfterDays } from './pool-balance.js';

/**
 * The tokens the pool released (to node operators and contributors) over
 * `days` daily steps: what went in minus what is left,
 * `pool + inflow × days − pool_after`.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { poolReleasedOverDays } from './pool-released.js';
 *
 * // a year on 40,000,000: 40,000,000 × 0.140179165025531210554… = 5,607,166.60102124842…
 * poolReleasedOverDays({ pool: new Decimal(40_000_000), rate: new Decimal('0.151'), days: 365 });
 * ```
 */
export function poolReleasedOverDays(input: PoolStepInput): Decimal {
  const inflow = (input.dailyInflow ?? new Decimal(0)).times(input.days);
  return input.pool.plus(inflow).minus(poolBalanceAfterDays(input));
}
