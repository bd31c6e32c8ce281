import type { Decimal } from './decimal.js';
import { TokenomicsError } from './errors.js';
import type { TokenInfo } from './token-info.js';

/**
 * Refuses an amount of the token finer than its base unit, as MODEL.md's
 * second edition rules: a chain cannot hold 0.0000001 SYNT (6 decimals) or
 * 0.0000000001 SESH (9). The error is `BAD_INPUT` with
 * `details.violation: 'BASE_UNIT'` and `details.limit` the token's decimals,
 * plus any `details` given.
 *
 * @throws TokenomicsError BAD_INPUT naming `what`, the decimals it has and the token's
 * @example (not checked: internal to core, not in the package's exports)
 * ```ts
 * import { checkBaseUnit, Decimal } from '@tokenomics/core';
 *
 * checkBaseUnit(new Decimal('0.000001'), { symbol: 'SYNT', decimals: 6 }, 'unitPrice'); // passes
 * checkBaseUnit(new Decimal('0.0000001'), { symbol: 'SYNT', decimals: 6 }, 'unitPrice');
 * // BAD_INPUT: unitPrice has 7 decimal places; a SYNT amount has at most 6 (its base unit)
 * ```
 */
export function checkBaseUnit(
  amount: Decimal,
  token: Pick<TokenInfo, 'symbol' | 'decimals'>,
  what: string,
  details: Record<string, unknown> = {},
): void {
  const places = amount.decimalPlaces();
  if (places > token.decimals) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `${what} has ${places} decimal places; a ${token.symbol} amount has at most ${token.decimals} (its base unit)`,
      { details: { violation: 'BASE_UNIT', limit: token.decimals, ...details } },
    );
  }
}
