import type { Decimal } from '@tokenomics/core';
import { type InflationBounds, nextInflationRate } from './next-inflation-rate.js';

/** The inflation path over `n` blocks, in closed form. */
export interface InflationPath {
  /** The rate after `n` blocks. */
  inflation: Decimal;
  /** The rate after the first block (the start, clamped once): the linear phase starts here. */
  first: Decimal;
  /** Blocks 1..`linearBlocks` follow `first + (k − 1) × change` without touching a bound. */
  linearBlocks: number;
  /** The bound the path sits on after the linear phase, or null when it does not reach one within `n` blocks. */
  bound: Decimal | null;
}

/**
 * The annual inflation rate after `n` blocks of x/mint with the bonded ratio
 * held constant, without a loop: the per-block change is then a constant `Δ`,
 * so after the first block (`i₁ = clamp(i₀ + Δ)`, which brings a start outside
 * the bounds inside them) the rate is linear in blocks,
 * `i_k = i₁ + (k − 1) × Δ`, until it reaches `inflation_max` (Δ > 0) or
 * `inflation_min` (Δ < 0), where it stays: `i_k = clamp(i₁ + (k − 1) × Δ)`.
 * It equals `n` applications of `nextInflationRate` exactly (additions of
 * 18-decimal values are exact).
 *
 * Source: cosmos-sdk `x/mint/types/minter.go`, `Minter.NextInflationRate`, iterated.
 *
 * @param n - whole blocks, ≥ 0
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { inflationAfterBlocks } from './inflation-after-blocks.js';
 *
 * const bounds = { min: new Decimal('0.07'), max: new Decimal('0.2') };
 * // 6,311,520 blocks (a year) at Δ = 0.000000005226169707 from 0.13: 0.13 + 6,311,520 × Δ
 * inflationAfterBlocks(new Decimal('0.13'), new Decimal('0.000000005226169707'), bounds, 6311520).inflation.toFixed(); // '0.16298507462912464'
 * ```
 */
export function inflationAfterBlocks(
  start: Decimal,
  change: Decimal,
  bounds: InflationBounds,
  n: number,
): InflationPath {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`blocks must be a whole number ≥ 0, got ${n}`);
  const first = nextInflationRate(start, change, bounds);
  if (n === 0) return { inflation: start, first, linearBlocks: 0, bound: null };
  if (change.isZero()) return { inflation: first, first, linearBlocks: n, bound: null };
  const target = change.isPositive() ? bounds.max : bounds.min;
  // Block k (≥ 1) is first + (k − 1) × Δ while k − 1 < (target − first) / Δ; after that, the bound.
  const untilBound = target.minus(first).div(change);
  if (untilBound.gt(n - 1)) {
    return { inflation: first.plus(change.times(n - 1)), first, linearBlocks: n, bound: null };
  }
  return { inflation: target, first, linearBlocks: untilBound.ceil().toNumber(), bound: target };
}
