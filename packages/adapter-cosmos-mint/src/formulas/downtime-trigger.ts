import { Decimal } from '@tokenomics/core';

/** The x/slashing downtime threshold of a window. */
export interface DowntimeThreshold {
  /** `round(minSignedPerWindow × window)`, half to even as `LegacyDec.RoundInt64`. */
  minSignedBlocks: number;
  /** `window − minSignedBlocks`: missing more than this triggers downtime. */
  maxMissedBlocks: number;
  triggered: boolean;
}

/**
 * Whether `missedBlocks` in the signing window trigger the downtime penalty:
 * x/slashing jails and slashes when `missed > window − round(minSigned × window)`.
 *
 * Source: cosmos-sdk `x/slashing/keeper/infractions.go` (`HandleValidatorSignature`) and `params.go` (`MinSignedPerWindow`).
 *
 * @example
 * ```ts
 * downtimeTrigger(9501, 10000, new Decimal('0.05')).triggered; // true
 * downtimeTrigger(9500, 10000, new Decimal('0.05')).triggered; // false
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
