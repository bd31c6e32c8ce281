export {
  type AdapterFactory,
  BUILT_IN_ADAPTERS,
  type BuiltInAdapter,
  createAdapters,
  DEFAULT_CONFIG_FILE,
  type GatewayConfig,
  type LoadConfigOptions,
  loadConfig,
  type ProtocolConfig,
} from './config.js';
export type { GatewayContext, ResolverLimits } from './context.js';
export { forProtocol, MASKED_MESSAGE, maskError, toGraphQLError } from './errors.js';
export { createRequestReader } from './loaders.js';
export { gatewaySchema } from './schema/index.js';
export { createGateway, type Gateway, type GatewayOptions, type RunningGateway } from './server.js';
