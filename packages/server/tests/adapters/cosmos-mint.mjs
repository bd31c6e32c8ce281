// SHIM(lead-merge): cosmos-mint's descriptor until @tokenomics/adapter-cosmos-mint exports its own
// `adapter`; then the tests name './packages/adapter-cosmos-mint' again and this file goes.
import { cosmosMintAdapter } from '@tokenomics/adapter-cosmos-mint';

export const adapter = {
  id: 'cosmos-mint',
  name: 'Cosmos SDK mint',
  optionsSchema: { safeParse: (data) => ({ success: true, data }) },
  env: [],
  fromEnv: (_env, options) => options,
  create: (options) => cosmosMintAdapter(options),
};

export default adapter;
