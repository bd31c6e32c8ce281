import { Decimal } from '@tokenomics/core';

/** Inputs of {@link poolBalanceAfterDays}. */
export interface PoolStepInput {
  /** The pool balance at the start (SESH). */
  pool: Decimal;
  /** The yearly release rate (0.151); each day releases rate/365 of the pool. */
  rate: Decimal;
  /** Whole daily steps; negative steps go back in time by the same law. */
  days: number;
  /** SESH added to the pool at each daily step (the pool's share of fees). Default 0. */
  dailyInflow?: Decimal;
}

/**
 * The Staking Reward Pool after `days` daily steps of
 * `pool ← pool − pool × rate / 365 + inflow`, in closed form (no loop over days):
 * `pool × q^days + inflow × (1 − q^days) / (1 − q)` with `q = 1 − rate / 365`.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { poolBalanceAfterDays } from './pool-balance.js';
 *
 * // one day on 40,000,000: 40,000,000 − 16,547.945205479452… = 39,983,452.054794520547…
 * poolBalanceAfterDays({ pool: new Decimal(40_000_000), rate: new Decimal('0.151'), days: 1 });
 * ```
 */
export function poolBalanceAfterDays({ pool, rate, days, dailyInflow }: PoolStepInput): Decimal {
  const daily = rate.div(365);
  const q = new Decimal(1).minus(daily);
  const qd = q.pow(days);
  const stepped = pool.times(qd);
  if (!dailyInflow || dailyInflow.isZero()) return stepped;
  // The geometric series of inflows: inflow × (1 + q + … + q^(days−1)).
  return stepped.plus(dailyInflow.times(new Decimal(1).minus(qd)).div(daily));
}
