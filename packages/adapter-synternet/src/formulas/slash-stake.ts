import { type Decimal, roundToBaseUnit } from '@tokenomics/core';

/** SYNT's base-unit decimals (usynt). */
export const SYNT_DECIMALS = 6;

/** One stake before and after a slash. */
export interface SlashedStake {
  before: Decimal;
  slashed: Decimal;
  after: Decimal;
}

/**
 * Slashes one stake by `fraction`, truncating the slashed amount to the usynt
 * as the chain's integer arithmetic does.
 *
 * Source: cosmos-sdk x/staking keeper slash.go (truncated slash amount), per
 * synternet-facts.md §4; the specification's worked example.
 *
 * @example
 * ```ts
 * slashStake(new Decimal('250000'), new Decimal('0.0001')).after.toFixed(); // '249975'
 * ```
 */
export function slashStake(stake: Decimal, fraction: Decimal): SlashedStake {
  const slashed = roundToBaseUnit(stake.times(fraction), SYNT_DECIMALS, 'down');
  return { before: stake, slashed, after: stake.minus(slashed) };
}
