import { formatDecimal, type ParameterValues, TokenomicsError } from '@tokenomics/core';
import type { CosmosMintParameters } from '../parameters.js';

/**
 * Checks across parameters: inflation_min ≤ inflation_max.
 *
 * @throws TokenomicsError BAD_INPUT naming both keys
 * @example
 * ```ts
 * import { Decimal, type ParameterValues } from '@tokenomics/core';
 * import type { CosmosMintParameters } from '../parameters.js';
 * import { validateParameters } from './validation.js';
 *
 * declare const params: ParameterValues<CosmosMintParameters>; // inflationMax 0.2
 *
 * validateParameters({ ...params, inflationMin: new Decimal('0.3') }); // throws: inflationMin (0.3) must not exceed inflationMax (0.2)
 * ```
 */
export function validateParameters(params: ParameterValues<CosmosMintParameters>): void {
  if (params.inflationMin.gt(params.inflationMax)) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `inflationMin (${formatDecimal(params.inflationMin)}) must not exceed inflationMax (${formatDecimal(params.inflationMax)})`,
      { details: { keys: ['inflationMin', 'inflationMax'] } },
    );
  }
}
