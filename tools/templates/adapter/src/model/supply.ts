import { amountInput, derive, type Model, type Supply } from '@tokenomics/core';
import { circulatingSupply } from '../formulas/circulating-supply.js';
import type { AdapterParameters } from '../parameters.js';
import type { __PASCAL_NAME__State } from '../state.js';

/** The model {@link supplyAt} reads: parameter values and the (empty) state. */
export type SupplyModel = Model<AdapterParameters, __PASCAL_NAME__State>;

/**
 * The supply at an instant: a fixed supply (max = total = `supply`) and a
 * treasury that does not circulate, each figure with its derivation.
 *
 * @example
 * ```ts
 * import { __CAMEL_NAME__Economy } from '__PACKAGE_NAME__';
 *
 * // The model runs behind the economy: ask the economy, as the gateway does.
 * const supply = await __CAMEL_NAME__Economy().supply!({ at: new Date('2026-01-01T00:00:00Z') });
 * supply.circulating.toFixed(); // '900000000'
 * ```
 */
export function supplyAt({ params, parameters }: SupplyModel, at: Date): Supply {
  const source = (key: string) => parameters.find((parameter) => parameter.key === key)?.source ?? '';
  const circulating = circulatingSupply(params.supply, params.treasury);
  return {
    at,
    max: params.supply,
    total: params.supply,
    circulating,
    // Staked tokens are circulating; where the model knows staked, set it and liquid = max(circulating − staked, 0).
    staked: null,
    liquid: null,
    burned: null,
    circulatingDefinition: 'Total supply minus the treasury balance. TODO: state this token’s definition.',
    buckets: [
      {
        key: 'treasury',
        label: 'Treasury',
        amount: params.treasury,
        circulating: false,
        source: source('treasury'),
      },
    ],
    derivations: {
      max: derive(
        'max = supply (fixed at genesis)',
        { supply: amountInput(params.supply) },
        params.supply,
        source('supply'),
      ),
      total: derive(
        'total = supply',
        { supply: amountInput(params.supply) },
        params.supply,
        source('supply'),
      ),
      circulating: derive(
        'circulating = total − treasury',
        { total: amountInput(params.supply), treasury: amountInput(params.treasury) },
        circulating,
        source('treasury'),
      ),
    },
  };
}
