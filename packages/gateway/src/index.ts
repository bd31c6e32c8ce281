export {
  type CachedReaderOptions,
  type CacheEvent,
  type CacheHealth,
  type CacheStore,
  type CircuitOptions,
  createCachedReader,
  type GuardedStore,
  type GuardStoreOptions,
  guardStore,
  keyvStore,
  memoryStore,
  type RedisStoreOptions,
  redisStore,
} from './cache.js';
export { CACHE_KEY_VERSION, cacheKey } from './cache-key.js';
export { cacheEventLogger } from './cache-log.js';
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
export { EXAMPLE_TABS } from './examples.js';
export { createRequestReader } from './loaders.js';
export { createLogger, type LogLevel } from './logger.js';
export { GATEWAY_NODE_FLAGS } from './node-flags.js';
export { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from './plugins/limits.js';
export { createMetrics, type GatewayMetrics } from './plugins/metrics.js';
export { gatewaySchema } from './schema/index.js';
export {
  createGateway,
  type Gateway,
  type GatewayLimits,
  type GatewayOptions,
  type RunningGateway,
} from './server.js';
