import { type Decimal, fromScaledInteger, toScaledInteger } from '@tokenomics/core';

/** One stake before and after a slash. */
export interface SlashedStake {
  before: Decimal;
  /** `before − after`: the stake's loss, its share of the burn plus its own truncation. */
  slashed: Decimal;
  after: Decimal;
}

/** A validator's slash: what is burned, and what each stake on it keeps. */
export interface SlashedStakes {
  /** The validator's tokens: the sum of the stakes. */
  validatorTokens: Decimal;
  /** `truncate(validatorTokens × fraction)` to the base unit: the tokens burned. */
  burned: Decimal;
  /** One per stake, in order; `after` truncated to the base unit. */
  stakes: SlashedStake[];
  /**
   * `validatorTokens − burned − Σ after`: what the truncation of each stake's
   * `after` leaves in the validator's tokens, owned by no whole base unit of
   * any stake (never burned). Σ slashed = burned + roundingRemainder.
   */
  roundingRemainder: Decimal;
}

/**
 * Slashes a validator as the Cosmos SDK does: the slashed amount is the
 * validator's total tokens (the sum of the stakes: its self-stake and every
 * delegation) × `fraction`, truncated to the base unit, and burned; every
 * stake keeps its pro-rata share of what is left,
 * `after = truncate(stake × (tokens − burned) / tokens)` to the base unit
 * (delegations are shares of the validator's tokens, which the slash
 * shrinks). When nothing is burned (a fraction of 0, or a slash under one
 * base unit) every stake is left as it was. Exact: computed in scaled
 * integers, never rounded on the way.
 *
 * Source: cosmos-sdk `x/staking/keeper/slash.go` (`Slash`: `slashAmountDec.TruncateInt()`,
 * then `RemoveValidatorTokens`), https://github.com/cosmos/cosmos-sdk/blob/0282b68c497f87c7bc86835ccb2d6fc6cb1dafb5/x/staking/keeper/slash.go;
 * docs/methodology/synternet.md#slashing (the worked example: 10,000 → 9,999 and 250,000 → 249,975 at 0.01 %).
 *
 * @param stakes - the stakes on the validator, in whole tokens, each ≥ 0
 * @param fraction - the slash fraction in [0, 1], e.g. x/slashing `slash_fraction_downtime`
 * @param decimals - the token's base-unit decimals (6 for usynt and uatom)
 * @example
 * ```ts
 * import { slashStakes } from '@tokenomics/cosmos-rest';
 * import { Decimal } from '@tokenomics/core';
 *
 * const slash = slashStakes([new Decimal('10000'), new Decimal('250000')], new Decimal('0.0001'), 6);
 * slash.burned.toFixed(); // '26'
 * slash.stakes.map((stake) => stake.after.toFixed()); // ['9999', '249975']
 * slashStakes([new Decimal('0.006'), new Decimal('0.006')], new Decimal('0.0001'), 6).stakes[0]?.after.toFixed(); // '0.005999'
 * ```
 */
export function slashStakes(stakes: readonly Decimal[], fraction: Decimal, decimals: number): SlashedStakes {
  const places = Math.max(decimals, ...stakes.map((stake) => stake.decimalPlaces()));
  const baseUnit = 10n ** BigInt(places - decimals);
  const units = stakes.map((stake) => toScaledInteger(stake, places));
  const tokens = units.reduce((sum, stake) => sum + stake, 0n);
  const fractionPlaces = fraction.decimalPlaces();
  const fractionUnits = toScaledInteger(fraction, fractionPlaces);
  // Truncated to the base unit: floor(tokens × fraction / baseUnit) base units (all terms ≥ 0).
  const burnedBase = (tokens * fractionUnits) / (10n ** BigInt(fractionPlaces) * baseUnit);
  const burned = burnedBase * baseUnit;
  const left = tokens - burned;
  const afters =
    burned === 0n ? units : units.map((stake) => ((stake * left) / (tokens * baseUnit)) * baseUnit);
  const amount = (value: bigint) => fromScaledInteger(value, places);
  return {
    validatorTokens: amount(tokens),
    burned: amount(burned),
    stakes: units.map((stake, index) => ({
      before: stakes[index]!,
      slashed: amount(stake - afters[index]!),
      after: amount(afters[index]!),
    })),
    roundingRemainder: amount(left - afters.reduce((sum, after) => sum + after, 0n)),
  };
}
