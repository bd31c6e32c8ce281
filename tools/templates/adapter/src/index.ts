import {
  amountInput,
  defineAdapter,
  derive,
  type TokenEconomy,
  type TokenFlow,
  TokenomicsError,
} from '@tokenomics/core';
import { circulatingSupply } from './formulas/circulating-supply.js';
import { adapterParameters, PRESETS } from './parameters.js';
import { presetSource } from './sources/snapshot.js';

export * from './formulas/circulating-supply.js';
export * from './parameters.js';
export * from './sources/snapshot.js';

/** Options of the adapter: plain JSON, so a `gateway.config.json` entry can carry them. */
export interface __PASCAL_NAME__Options {
  /** The protocol id; default `__ADAPTER_ID__`. */
  id?: string;
  /** The preset name; default `default`. */
  preset?: string;
}

/** The token. TODO: check the decimals of the base unit on chain. */
export const TOKEN = {
  symbol: '__SYMBOL__',
  name: '__DISPLAY_NAME__',
  decimals: 6,
} as const;

/** How tokens move: TODO — describe this protocol's real flows. */
export const FLOWS: readonly TokenFlow[] = [
  {
    key: 'transfers',
    from: 'holders',
    to: 'holders',
    kind: 'UTILITY',
    description: 'Tokens change hands; the supply is fixed, so nothing is minted or burned.',
  },
  {
    key: 'treasury-spend',
    from: 'treasury',
    to: 'holders',
    kind: 'INFLATIONARY',
    description: 'The treasury spends tokens into circulation (circulating supply grows; total does not).',
  },
];

/**
 * __DISPLAY_NAME__ (__SYMBOL__) as a TokenEconomy: a fixed supply
 * (max = total = `supply`), a treasury that does not circulate, and the flows.
 *
 * @throws TokenomicsError CONFIGURATION for an unknown preset (listing the valid ones)
 * @example
 * ```ts
 * const economy = __CAMEL_NAME__Adapter();
 * (await economy.supply!({ at: new Date('2026-01-01T00:00:00Z') })).circulating.toFixed(); // '900000000'
 * ```
 */
export function __CAMEL_NAME__Adapter(options: __PASCAL_NAME__Options = {}): TokenEconomy {
  const presetName = options.preset ?? 'default';
  const preset = PRESETS[presetName];
  if (!preset) {
    const valid = Object.keys(PRESETS);
    throw new TokenomicsError(
      'CONFIGURATION',
      `unknown preset ${JSON.stringify(presetName)}; valid presets: ${valid.join(', ')}`,
      { details: { preset: presetName, validPresets: valid } },
    );
  }
  return defineAdapter({
    id: options.id ?? '__ADAPTER_ID__',
    name: '__DISPLAY_NAME__',
    token: TOKEN,
    parameters: adapterParameters,
    preset,
    source: presetSource(presetName),
    genesis: (params) => params.genesis,
    genesisParameter: 'genesis',
    validate(params) {
      if (params.treasury.gt(params.supply)) {
        throw new TokenomicsError('BAD_INPUT', 'treasury must not exceed supply', {
          details: { keys: ['treasury', 'supply'] },
        });
      }
    },
    supply({ params, parameters }, at) {
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
        circulatingDefinition:
          'Total supply minus the treasury balance. TODO: state this token’s definition.',
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
    },
    flows: FLOWS,
  });
}

/** The factory the gateway's configuration loads (`"adapter": "./packages/adapter-__ADAPTER_ID__"`). */
export const createAdapter = __CAMEL_NAME__Adapter;
