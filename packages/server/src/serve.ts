import { resolve } from 'node:path';
import type { TokenEconomy } from '@tokenomics/core';
import {
  createGateway,
  type Gateway,
  type GatewayConfig,
  keyvStore,
  loadManifest,
  type RunningGateway,
  type Tracing,
} from '@tokenomics/gateway';
import type { Logger } from 'pino';
import { createServerAdapters } from './config.js';
import { EXAMPLE_TABS } from './examples.js';
import { historySettings, openServerHistory, type ServerHistory } from './history.js';
import { type SiteChoice, siteFromEnv } from './site.js';

/** Options of {@link startServer}. */
export interface StartServerOptions {
  config: GatewayConfig;
  /** The environment the adapters and the history settings read. Default: `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** Tracing already started ({@link startTracing}); default none. */
  tracing?: Tracing | null;
  /** The economies, when already made; default: made from the configuration. */
  adapters?: TokenEconomy[];
}

/** A running server: its gateway, its history, its address. */
export interface RunningServer {
  gateway: Gateway;
  history: ServerHistory;
  adapters: TokenEconomy[];
  /** What is served at `/`: the explorer's build by default ({@link siteFromEnv}). */
  site: SiteChoice;
  /** The GraphiQL URL. */
  url: string;
  running: RunningGateway;
  /**
   * Shuts down in order: the HTTP drain starts (requests in flight finish);
   * after the drain grace, the recorder stops and the update bus closes
   * (ending open subscriptions, so their streams end and the drain
   * completes); then the history store closes, then the gateway's cache
   * store.
   */
  close(): Promise<void>;
}

/**
 * Starts the server as `tokenomics-gateway serve` does: the configured
 * economies, the history (store, update bus, recorder), the gateway over
 * them, listening on the configured port and host.
 *
 * @throws TokenomicsError CONFIGURATION when the configuration, an adapter or the history store is wrong
 * @example
 * ```ts
 * import { createLogger } from '@tokenomics/gateway';
 * import { loadServerConfig, startServer } from '@tokenomics/server';
 *
 * const env = { PORT: '0', HISTORY_DATA_DIR: '/tmp/tokenomics-history' };
 * const server = await startServer({ config: loadServerConfig({ env }), env, logger: createLogger('info') });
 * console.log(server.url);
 * await server.close();
 * ```
 */
export async function startServer({
  config,
  env = process.env,
  logger,
  tracing = null,
  adapters: given,
}: StartServerOptions): Promise<RunningServer> {
  const adapters = given ?? (await createServerAdapters(config, env));
  const { metrics } = config;
  const settings = historySettings(config, env);
  // The explorer at `/` (GraphiQL stays at /graphql), unless SITE_DIR says otherwise.
  const site = siteFromEnv(env);
  const history = await openServerHistory({
    settings,
    economies: adapters,
    redisUrl: config.cache.url,
    log: logger,
  });
  let gateway: Gateway;
  try {
    gateway = createGateway({
      adapters,
      exampleTabs: EXAMPLE_TABS,
      ...(site.dir === null ? {} : { site: { dir: site.dir } }),
      tracing,
      production: config.production,
      compiledExecution: config.compiledExecution,
      cacheStore: keyvStore(config.cache.url),
      cacheTtlSeconds: config.cache.ttlSeconds,
      cacheOpTimeoutMs: config.cache.opTimeoutMs,
      upstreamTimeoutMs: config.upstreamTimeoutMs,
      upstreamMaxBodyBytes: config.upstreamMaxBodyBytes,
      upstreamCircuit: config.upstreamCircuit,
      limits: config.limits,
      corsOrigins: config.cors.origins,
      introspection: config.introspection,
      persistedOperations: {
        allowArbitrary: config.persistedOperations.allowArbitrary,
        ...(config.persistedOperations.manifest === null
          ? {}
          : { manifest: loadManifest(resolve(config.baseDir, config.persistedOperations.manifest)) }),
      },
      metrics: {
        enabled: metrics.enabled,
        host: metrics.host,
        ...(metrics.token === null ? {} : { token: metrics.token }),
        ...(metrics.port === null ? {} : { port: metrics.port }),
      },
      drainGraceMs: config.drainGraceMs,
      ...(config.rateLimit.perMinute === null
        ? {}
        : {
            rateLimit: {
              perMinute: config.rateLimit.perMinute,
              trustProxy: config.rateLimit.trustProxy,
              apiKeyHeader: config.rateLimit.apiKeyHeader,
              redisUrl: config.cache.url,
            },
          }),
      ...(history.store ? { history: history.store } : {}),
      ...(history.bus ? { updates: history.bus } : {}),
      logger,
    });
  } catch (error) {
    await history.closeBus();
    await history.closeStore();
    throw error;
  }
  let running: RunningGateway;
  try {
    running = await gateway.listen(config.port, config.host);
  } catch (error) {
    await history.closeBus();
    await history.closeStore();
    await gateway.close();
    throw error;
  }
  // Samples read through the gateway's cached reads: no upstream load beyond one read per resource.
  history.start(() => gateway.economyContext());
  logger.info(
    {
      history: !settings.enabled
        ? 'off'
        : {
            store:
              history.store === null
                ? 'none (no live protocol)'
                : settings.databaseUrl
                  ? 'postgres'
                  : 'embedded',
            ...(history.store !== null && !settings.databaseUrl ? { dataDir: settings.dataDir } : {}),
            sampleSeconds: settings.sampleSeconds,
            retentionDays: settings.retentionDays ?? 'all',
            updates: config.cache.url ? 'redis' : 'in-process',
          },
    },
    'history',
  );
  let closing: Promise<void> | undefined;
  return {
    gateway,
    history,
    adapters,
    site,
    url: running.url,
    running,
    close() {
      closing ??= (async () => {
        const drained = running.close();
        // Open subscriptions keep their streams: after the grace, closing the bus ends them.
        let graceTimer: NodeJS.Timeout | undefined;
        await Promise.race([
          drained,
          new Promise<void>((done) => {
            graceTimer = setTimeout(done, config.drainGraceMs + 100);
          }),
        ]);
        clearTimeout(graceTimer);
        await history.stopRecording();
        await history.closeBus();
        await drained;
        await history.closeStore();
        await gateway.close();
      })();
      return closing;
    },
  };
}
