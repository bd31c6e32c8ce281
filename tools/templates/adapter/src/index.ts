import { defineAdapter, defineAdapterDescriptor, type TokenEconomy } from '@tokenomics/core';
import { FLOWS } from './model/flows.js';
import { supplyAt } from './model/supply.js';
import { validateParameters } from './model/validate.js';
import { type __PASCAL_NAME__Options, env, fromEnv, optionsSchema } from './options.js';
import { adapterParameters, presetNamed } from './parameters.js';
import { presetSource } from './sources/snapshot.js';
import { TOKEN } from './token.js';

export { circulatingSupply } from './formulas/circulating-supply.js';
export { FLOWS } from './model/flows.js';
export { validateParameters } from './model/validate.js';
export {
  type __PASCAL_NAME__Options,
  type __PASCAL_NAME__ResolvedOptions,
  env,
  fromEnv,
  optionsSchema,
} from './options.js';
export {
  type AdapterParameters,
  adapterParameters,
  DEFAULT_PRESET,
  PRESETS,
  presetNamed,
} from './parameters.js';
export { presetSource } from './sources/snapshot.js';
export type { __PASCAL_NAME__State } from './state.js';
export { TOKEN } from './token.js';

/**
 * __DISPLAY_NAME__ (__SYMBOL__) as a TokenEconomy: a fixed supply
 * (max = total = `supply`), a treasury that does not circulate, and the flows.
 *
 * @throws TokenomicsError CONFIGURATION for an unknown preset (listing the valid ones)
 * @example
 * ```ts
 * import { __CAMEL_NAME__Economy } from '__PACKAGE_NAME__';
 *
 * const economy = __CAMEL_NAME__Economy();
 * (await economy.supply!({ at: new Date('2026-01-01T00:00:00Z') })).circulating.toFixed(); // '900000000'
 * ```
 */
export function __CAMEL_NAME__Economy(options: __PASCAL_NAME__Options = {}): TokenEconomy {
  const { id, preset } = optionsSchema.parse(options);
  return defineAdapter({
    id,
    name: '__DISPLAY_NAME__',
    token: TOKEN,
    parameters: adapterParameters,
    preset: presetNamed(preset),
    source: presetSource(preset),
    genesis: (params) => params.genesis,
    genesisParameter: 'genesis',
    validate: validateParameters,
    supply: supplyAt,
    flows: FLOWS,
  });
}

/**
 * The adapter, as a gateway loads it (by package name or path): its id, its
 * options' schema, the environment it reads and its economy.
 *
 * @example
 * ```ts
 * import adapter from '__PACKAGE_NAME__';
 *
 * const economy = adapter.create(adapter.optionsSchema.parse(adapter.fromEnv(process.env, {})));
 * economy.id; // '__ADAPTER_ID__'
 * ```
 */
export const adapter = defineAdapterDescriptor({
  id: '__ADAPTER_ID__',
  name: '__DISPLAY_NAME__',
  optionsSchema,
  env,
  fromEnv,
  create: (options) => __CAMEL_NAME__Economy(options),
});

export default adapter;
