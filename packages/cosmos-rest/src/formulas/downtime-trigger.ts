import { Decimal } from '@tokenomics/core';

/** The x/slashing downtime threshold of a window. */
export interface DowntimeThreshold {
  /** `round(minSignedPerWindow × window)`, half to even as `LegacyDec.RoundInt64` (banker's rounding). */
  minSignedBlocks: number;
  /** `window − minSignedBlocks`: missing more than this triggers downtime. */
  maxMissedBlocks: number;
  triggered: boolean;
}

/**
 * Whether `missedBlocks` in the signing window trigger the downtime penalty:
 * x/slashing jails and slashes when `missed > window − round(minSigned × window)`,
 * the rounding half to even.
 *
 * Source: cosmos-sdk `x/slashing/keeper/infractions.go` (`HandleValidatorSignature`)
 * and `params.go` (`MinSignedPerWindow`); the worked example of the Synternet
 * tokenomics specification, Slashing (8,001 of 16,000 missed jails), per
 * synternet-facts.md §4.
 *
 * @param missedBlocks - blocks missed in the current window
 * @param window - x/slashing `signed_blocks_window`
 * @param minSignedPerWindow - x/slashing `min_signed_per_window`
 * @example
 * ```ts
 * import { downtimeTrigger } from '@tokenomics/cosmos-rest';
 * import { Decimal } from '@tokenomics/core';
 *
 * downtimeTrigger(8001, 16000, new Decimal('0.5')).triggered; // true
 * downtimeTrigger(8000, 16000, new Decimal('0.5')).triggered; // false
 * downtimeTrigger(9501, 10000, new Decimal('0.05')).triggered; // true
 * ```
 */
export function downtimeTrigger(
  missedBlocks: number,
  window: number,
  minSignedPerWindow: Decimal,
): DowntimeThreshold {
  const minSignedBlocks = new Decimal(window)
    .times(minSignedPerWindow)
    .toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN)
    .toNumber();
  const maxMissedBlocks = window - minSignedBlocks;
  return { minSignedBlocks, maxMissedBlocks, triggered: missedBlocks > maxMissedBlocks };
}
