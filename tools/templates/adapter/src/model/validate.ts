import { type ParameterValues, TokenomicsError } from '@tokenomics/core';
import type { AdapterParameters } from '../parameters.js';

/**
 * Refuses parameter values the model cannot answer for: a treasury above the
 * supply would make the circulating supply negative.
 *
 * @throws TokenomicsError BAD_INPUT naming the keys at fault
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { validateParameters } from '__PACKAGE_NAME__';
 *
 * validateParameters({
 *   supply: new Decimal('1000'),
 *   treasury: new Decimal('100'),
 *   genesis: new Date('2025-01-01T00:00:00Z'),
 * }); // passes; a treasury of 2000 throws BAD_INPUT
 * ```
 */
export function validateParameters(params: ParameterValues<AdapterParameters>): void {
  if (params.treasury.gt(params.supply)) {
    throw new TokenomicsError('BAD_INPUT', 'treasury must not exceed supply', {
      details: { keys: ['treasury', 'supply'] },
    });
  }
}
