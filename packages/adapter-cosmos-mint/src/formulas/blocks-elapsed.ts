import { Decimal } from '@tokenomics/core';

/** The year x/mint's default `blocks_per_year` assumes: 8,766 hours (365.25 days), in milliseconds. */
export const MINT_YEAR_MS = 8_766 * 3_600_000;

/**
 * Whole blocks from `from` to `to` when the chain makes `blocks_per_year`
 * blocks in a year of 365.25 days (the SDK default's own convention:
 * 6,311,520 = 8,766 h × 3,600 s ÷ 5 s): `floor(elapsed × B / year)`. The
 * chain counts blocks, not seconds; where its real block time differs, real
 * yearly inflation differs from the nominal rate by the same ratio.
 *
 * Source: cosmos-sdk `x/mint/types/params.go` (DefaultParams: `blocks_per_year` = 60·60·8766/5).
 *
 * @example
 * ```ts
 * import { blocksElapsed } from './blocks-elapsed.js';
 *
 * blocksElapsed(new Date('2025-01-01T00:00:00Z'), new Date('2025-01-01T06:00:00Z'), 4360000); // 2984
 * ```
 */
export function blocksElapsed(from: Date, to: Date, blocksPerYear: number): number {
  const elapsed = to.getTime() - from.getTime();
  if (elapsed <= 0) return 0;
  return new Decimal(elapsed).times(blocksPerYear).div(MINT_YEAR_MS).floor().toNumber();
}
