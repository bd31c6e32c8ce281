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
 * (parsed as `null`: the pool is the TGE balance, whatever `tgeDate` is) or
 * an ISO-8601 instant (a chain reading). Served as an INSTANT always: `null`
 * is written as the `tgeDate` parameter's instant (the word only where no
 * `tgeDate` is given to `format`); both forms are accepted back.
 *
 * @example
 * ```ts
 * poolAnchorKind().parse('tgeDate'); // null
 * poolAnchorKind().format(null, { tgeDate: new Date('2025-05-21T00:00:00Z') }); // '2025-05-21T00:00:00.000Z'
 * poolAnchorKind().parse('2026-01-01T00:00:00Z')?.toISOString(); // '2026-01-01T00:00:00.000Z'
 * ```
 */
export function poolAnchorKind(): ParameterKind<Date | null> {
  return {
    type: 'INSTANT',
    expected: `"${AT_TGE}" or an ISO-8601 instant such as "2026-01-01T00:00:00Z"`,
    parse: (text) => (text.trim() === AT_TGE ? null : parseInstant(text, 'value')),
    format: (value, values) => {
      if (value !== null) return value.toISOString();
      const tge = values?.[AT_TGE];
      return tge instanceof Date ? tge.toISOString() : AT_TGE;
    },
  };
}

/** The word that makes the unscheduled locked tokens the genesis remainder. */
export const REMAINDER = 'remainder';

/**
 * The locked tokens with no unlock schedule: the word `remainder` (parsed as
 * `null`: maxSupply − genesisCirculating − stakingRewardPool − the scheduled
 * lockups, at the TGE) or an amount ≥ 0. Served as a DECIMAL always: `null`
 * is written as the amount `resolve` computes from the other parameters (the
 * word only without them); both forms are accepted back.
 *
 * @param resolve - the amount "remainder" stands for, from every parsed parameter
 * @example
 * ```ts
 * const kind = remainderKind((values) => genesisRemainder(values as unknown as GenesisAmounts));
 * kind.parse('remainder'); // null
 * kind.format(null, seedParams); // '120000000'
 * kind.parse('120000000')?.toFixed(); // '120000000'
 * ```
 */
export function remainderKind(
  resolve?: (values: Readonly<Record<string, unknown>>) => Decimal,
): ParameterKind<Decimal | null> {
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
    format: (value, values) => {
      if (value !== null) return formatDecimal(value);
      return values && resolve ? formatDecimal(resolve(values)) : REMAINDER;
    },
  };
}
