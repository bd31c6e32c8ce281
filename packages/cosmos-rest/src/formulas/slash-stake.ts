import { type Decimal, roundToBaseUnit } from '@tokenomics/core';

/** One stake before and after a slash. */
export interface SlashedStake {
  before: Decimal;
  slashed: Decimal;
  after: Decimal;
}

/**
 * Slashes one stake by `fraction`, truncating the slashed amount to the
 * token's base unit as the chain's integer arithmetic does.
 *
 * Source: cosmos-sdk `x/staking/keeper/slash.go` (`Slash`: `slashAmountDec.TruncateInt()`),
 * per synternet-facts.md §4; the Synternet specification's worked example
 * (250,000 → 249,975 at 0.01 %).
 *
 * @param stake - the stake in whole tokens
 * @param fraction - the slash fraction, e.g. x/slashing `slash_fraction_downtime`
 * @param decimals - the token's base-unit decimals (6 for usynt and uatom)
 * @example
 * ```ts
 * slashStake(new Decimal('250000'), new Decimal('0.0001'), 6).after.toFixed(); // '249975'
 * slashStake(new Decimal('0.000015'), new Decimal('0.05'), 6).slashed.toFixed(); // '0'
 * ```
 */
export function slashStake(stake: Decimal, fraction: Decimal, decimals: number): SlashedStake {
  const slashed = roundToBaseUnit(stake.times(fraction), decimals, 'down');
  return { before: stake, slashed, after: stake.minus(slashed) };
}
