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
  type MemoryStoreOptions,
  memoryStore,
  type RedisStoreOptions,
  redisStore,
  type StoreContext,
} from './cache.js';
export { CACHE_KEY_VERSION, cacheKey } from './cache-key.js';
export { type CacheEventLoggerOptions, cacheEventLogger } from './cache-log.js';
export {
  type AdapterResolution,
  type CreateAdaptersOptions,
  createAdapters,
  DEFAULT_CONFIG_FILE,
  type GatewayConfig,
  type LoadAdapterOptions,
  type LoadConfigOptions,
  type LoadedAdapter,
  loadAdapterDescriptor,
  loadConfig,
  type ProtocolConfig,
  resolveAdapterModule,
} from './config.js';
export type { GatewayContext, ResolverLimits } from './context.js';
export { MASKED_MESSAGE } from './errors.js';
export { renderGatewayGraphiQL } from './graphiql.js';
export { createRequestReader } from './loaders.js';
export { createLogger, type LogLevel, redactLogText, serializeError } from './logger.js';
export { GATEWAY_NODE_FLAGS } from './node-flags.js';
export { gatewayOptionsSchema } from './options.js';
export { DEFAULT_MAX_PLANS } from './plugins/compiled-execution.js';
export { type CorsOptions, useCors } from './plugins/cors.js';
export { useDisableIntrospection } from './plugins/introspection.js';
export {
  DEFAULT_DOCUMENT_LIMITS,
  type DocumentLimits,
  type RequestBudgetOptions,
  useRequestBudget,
} from './plugins/limits.js';
export { createMetrics, type GatewayMetrics, type MetricsAccess } from './plugins/metrics.js';
export {
  BUILT_IN_MANIFEST_URL,
  DEFAULT_APQ_BYTES,
  documentId,
  loadManifest,
  manifestOf,
  type PersistedManifest,
  type PersistedOperationsOptions,
  usePersistedQueries,
} from './plugins/persisted-operations.js';
export {
  clientAddress,
  clientBucketOfIp,
  RATE_LIMIT_EXEMPT_PATHS,
  type RateLimitOptions,
  type RateLimitPlugin,
  type TrustProxy,
  useRateLimit,
} from './plugins/rate-limit.js';
export {
  REQUEST_COST_UNITS,
  type RequestCost,
  type RequestCostOptions,
  requestCost,
} from './plugins/request-cost.js';
export { type LoopTurns, loopTurns, useRequestTurns } from './plugins/request-turns.js';
export { DEFAULT_DOCUMENT_ID_BYTES, DEFAULT_RESPONSE_TEXT_BYTES } from './plugins/response-cache.js';
export {
  RESERVED_PATH_PREFIXES,
  type StaticSiteOptions,
  sitePath,
  useStaticSite,
} from './plugins/static-site.js';
export { type StreamedAnswersOptions, useStreamedAnswers } from './plugins/streamed-answers.js';
export {
  type SubscriptionLimitsOptions,
  type SubscriptionLimitsPlugin,
  useSubscriptionLimits,
} from './plugins/subscription-limits.js';
export { gatewaySchema } from './schema/index.js';
export { SCHEDULE_ROW_BYTES } from './schema/schedule.js';
export {
  createGateway,
  DEFAULT_DRAIN_GRACE_MS,
  DEFAULT_GATEWAY_LIMITS,
  type Gateway,
  type GatewayLimits,
  type GatewayOptions,
  type GatewayRateLimit,
  type GraphiQLTab,
  type MetricsEndpoint,
  type MetricsOptions,
  type RunningGateway,
} from './server.js';
export {
  failSpan,
  startTracing,
  TRACING_SERVICE_NAME,
  type Tracing,
  type TracingOptions,
  tracedEconomy,
  useTracing,
} from './tracing.js';
