import { Decimal } from '@tokenomics/core';

/** The x/mint parameters that bound the inflation rate. */
export interface InflationBounds {
  /** x/mint `inflation_min`. */
  min: Decimal;
  /** x/mint `inflation_max`. */
  max: Decimal;
}

/**
 * One block of x/mint: the next annual inflation rate is the current one plus
 * the per-block change (see `inflationChangePerBlock`), clamped to
 * `[inflation_min, inflation_max]`.
 *
 * Source: cosmos-sdk `x/mint/types/minter.go`, `Minter.NextInflationRate`.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { nextInflationRate } from './next-inflation-rate.js';
 *
 * const bounds = { min: new Decimal('0.07'), max: new Decimal('0.2') };
 * nextInflationRate(new Decimal('0.13'), new Decimal('0.000000005226169707'), bounds).toFixed(); // '0.130000005226169707'
 * nextInflationRate(new Decimal('0.2'), new Decimal('0.000000005226169707'), bounds).toFixed(); // '0.2'
 * ```
 */
export function nextInflationRate(
  inflation: Decimal,
  changePerBlock: Decimal,
  bounds: InflationBounds,
): Decimal {
  return Decimal.min(bounds.max, Decimal.max(bounds.min, inflation.plus(changePerBlock)));
}
