import {
  type Decimal,
  formatDecimal,
  type ParameterKind,
  parseDecimal,
  parseInstant,
} from '@tokenomics/core';

/** The word that anchors the pool balance at the TGE. */
export const AT_TGE = 'tgeDate';

/**
 * The instant the `stakingRewardPool` balance holds: the word `tgeDate`
 * (parsed as `null`: the pool is the TGE balance) or an ISO-8601 instant (a
 * chain reading).
 *
 * @example
 * ```ts
 * poolAnchorKind().parse('tgeDate'); // null
 * poolAnchorKind().parse('2026-01-01T00:00:00Z')?.toISOString(); // '2026-01-01T00:00:00.000Z'
 * ```
 */
export function poolAnchorKind(): ParameterKind<Date | null> {
  return {
    type: 'INSTANT',
    expected: `"${AT_TGE}" or an ISO-8601 instant such as "2026-01-01T00:00:00Z"`,
    parse: (text) => (text.trim() === AT_TGE ? null : parseInstant(text, 'value')),
    format: (value) => (value === null ? AT_TGE : value.toISOString()),
  };
}

/** The word that makes the unscheduled locked tokens the genesis remainder. */
export const REMAINDER = 'remainder';

/**
 * The locked tokens with no unlock schedule: the word `remainder` (parsed as
 * `null`: maxSupply − genesisCirculating − stakingRewardPool − the scheduled
 * lockups, at the TGE) or an amount ≥ 0.
 *
 * @example
 * ```ts
 * remainderKind().parse('remainder'); // null
 * remainderKind().parse('120000000')?.toFixed(); // '120000000'
 * ```
 */
export function remainderKind(): ParameterKind<Decimal | null> {
  return {
    type: 'DECIMAL',
    expected: `"${REMAINDER}" or a decimal ≥ 0`,
    bounds: { min: '0' },
    // An amount of SESH: an override finer than its base unit is refused.
    amount: true,
    parse(text) {
      if (text.trim() === REMAINDER) return null;
      const value = parseDecimal(text, 'value');
      if (value.isNegative()) throw new Error(`must be "${REMAINDER}" or a decimal ≥ 0, got ${text}`);
      return value;
    },
    format: (value) => (value === null ? REMAINDER : formatDecimal(value)),
  };
}
