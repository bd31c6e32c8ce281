#!/usr/bin/env node
import cluster from 'node:cluster';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isTokenomicsError, TokenomicsError } from '@tokenomics/core';
import { createLogger, type GatewayConfig, gatewaySchema, startTracing } from '@tokenomics/gateway';
import { printSchema } from 'graphql';
import type { Logger } from 'pino';
import { BACKFILL_USAGE, runBackfillCommand } from './backfill-command.js';
import { configuredDescriptors, createServerAdapters, loadServerConfig } from './config.js';
import { historySettings } from './history.js';
import { startServer } from './serve.js';

const USAGE = `Usage: tokenomics-gateway <command> [options]

Commands:
  serve                 Start the gateway (the explorer at http://localhost:PORT/,
                        GraphiQL at http://localhost:PORT/graphql)
    --port N            Port (default: PORT or 4000)
    --workers N|auto    Processes sharing the port (default: WORKERS or 1; auto = one per core).
                        Each keeps its own memory cache: set CACHE_URL to share one.
  print-schema          Print the GraphQL schema (SDL)
    --out FILE          Write it to FILE instead of standard output
${BACKFILL_USAGE}

Configuration: gateway.config.json (or the file GATEWAY_CONFIG names; without
one, Session and Synternet from their snapshot presets) and the environment:
PORT, HOST, NODE_ENV, CACHE_URL, CACHE_TTL_SECONDS, CACHE_OP_TIMEOUT_MS,
UPSTREAM_TIMEOUT_MS, UPSTREAM_MAX_BODY_BYTES, MAX_SCHEDULE_POINTS,
MAX_SUBSCRIPTIONS, MAX_SUBSCRIPTIONS_PER_CLIENT, LOG_LEVEL, WORKERS, CORS_ORIGINS, INTROSPECTION, METRICS, METRICS_TOKEN, METRICS_PORT,
METRICS_HOST, DRAIN_GRACE_MS, PERSISTED_OPERATIONS_ONLY,
PERSISTED_OPERATIONS_MANIFEST, RATE_LIMIT_PER_MINUTE, TRUST_PROXY,
RATE_LIMIT_KEY_HEADER, OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME, SITE_DIR
(the folder served at /: default the explorer's build, packages/explorer/dist; off: none).

History (recorded observations and live updates; the "history" section of
gateway.config.json):
  DATABASE_URL            PostgreSQL shared by every instance (unset: the embedded store)
  HISTORY_DATA_DIR        the embedded store's folder (default ./data/history)
  HISTORY_SAMPLE_SECONDS  seconds between samples of each live protocol (default 60; 0: this instance never records)
  HISTORY_RETENTION_DAYS  days of observations kept (default: all)`;

/**
 * The usage text, with the environment variables of every adapter the
 * configuration loads (from each descriptor's `env`). A configuration that
 * cannot be read or loaded is said in one line instead.
 */
async function usage(env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const descriptors = await configuredDescriptors(loadServerConfig({ env }));
    const lines = descriptors.flatMap((descriptor) => [
      `  ${descriptor.name} (${descriptor.id}):`,
      ...descriptor.env.map((variable) => `    ${variable.name.padEnd(38)} ${variable.description}`),
    ]);
    return `${USAGE}\n\nAdapter environment variables (of the adapters configured):\n${lines.join('\n')}`;
  } catch (error) {
    const reason = isTokenomicsError(error) ? error.message : String((error as Error)?.message ?? error);
    return `${USAGE}\n\n(The adapters' environment variables are listed once the configuration loads: ${reason})`;
  }
}

/** The logger crashes are reported to: the configured one once the configuration is read. */
let crashLogger: Logger | undefined;

/**
 * A crash (an exception nothing caught, a promise rejection nothing handled)
 * is logged as one JSON line at fatal, URL credentials removed, then the
 * process exits with code 1: state after an unexpected throw is not to be
 * trusted, and the supervisor (or the cluster primary) starts a fresh one.
 */
function crash(what: string, error: unknown): void {
  crashLogger ??= createLogger('info');
  crashLogger.fatal({ err: error }, `${what}: exiting`);
  process.exit(1);
}
process.on('uncaughtException', (error) => crash('uncaught exception', error));
process.on('unhandledRejection', (reason) => crash('unhandled promise rejection', reason));

async function serve(config: GatewayConfig, env: NodeJS.ProcessEnv): Promise<void> {
  const logger = createLogger(config.logLevel);
  crashLogger = logger;
  const adapters = await createServerAdapters(config, env);
  const { metrics } = config;
  // Off (nothing registered, no spans) unless OTEL_EXPORTER_OTLP_ENDPOINT or tracing.endpoint is set.
  const tracing = await startTracing(config.tracing);
  const server = await startServer({ config, env, logger, tracing, adapters });
  const { gateway, running } = server;
  const { metricsEndpoint } = gateway;
  logger.info(
    {
      url: running.url,
      protocols: adapters.map((adapter) => ({ id: adapter.id, preset: adapter.preset })),
      cache: config.cache.url ? 'redis' : 'memory',
      production: config.production,
      cors: config.cors.origins,
      introspection: config.introspection,
      rateLimit: config.rateLimit.perMinute ?? 'off',
      metrics: { ...metricsEndpoint, url: running.metricsUrl },
      // The collector's origin only: an endpoint's credentials and path never reach a log line.
      tracing: config.tracing.endpoint ? new URL(config.tracing.endpoint).origin : 'off',
      site: server.site.dir ?? 'off',
    },
    `GraphiQL at ${running.url}${server.site.dir === null ? '' : `, the explorer at ${new URL('/', running.url).href}`}`,
  );
  if (server.site.dir === null && server.site.reason !== 'SITE_DIR=off') {
    logger.warn(`nothing served at /: ${server.site.reason}`);
  }
  if (metrics.enabled && metricsEndpoint.where === 'nowhere') {
    logger.warn(
      'GET /metrics is not served: in production set METRICS_TOKEN (a bearer token) or METRICS_PORT (a port of its own, on 127.0.0.1 unless METRICS_HOST says otherwise), or METRICS=off',
    );
  }
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    // Requests in flight finish (answered with Connection: close); then the recorder stops, the update
    // bus and the history store close, then the cache store's connections.
    server
      .close()
      // The spans not yet exported are sent before exiting.
      .then(() => tracing?.shutdown())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/**
 * The primary of a cluster: validates the configuration once, forks the
 * workers (each runs `serve` on the shared port), replaces a worker that
 * dies, and on SIGTERM/SIGINT lets every worker finish its requests.
 */
async function servePrimary(
  config: GatewayConfig,
  env: NodeJS.ProcessEnv,
  port: string | undefined,
): Promise<void> {
  const { workers } = config;
  const logger = createLogger(config.logLevel);
  crashLogger = logger;
  // Build the adapters once here, so a bad option fails before any worker starts.
  const economies = await createServerAdapters(config, env);
  // The embedded history store is one process's: workers sharing it would refuse each other at start.
  const settings = historySettings(config, env);
  if (settings.enabled && !settings.databaseUrl && economies.some((economy) => economy.history)) {
    throw new TokenomicsError(
      'CONFIGURATION',
      `${workers} workers cannot share the embedded history store (one process per data folder): set DATABASE_URL (PostgreSQL, shared by every worker), or run one worker, or set history.enabled to false in gateway.config.json`,
    );
  }
  let stopping = false;
  const fork = () => cluster.fork(port === undefined ? {} : { PORT: port });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'a worker died; starting another');
    fork();
  });
  for (let i = 0; i < workers; i++) fork();
  logger.info({ workers, port: config.port }, `cluster of ${workers} workers on port ${config.port}`);
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    logger.info({ signal }, 'shutting down the workers');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'backfill' && !argv.includes('--help') && !argv.includes('-h')) {
    const code = await runBackfillCommand(argv.slice(1), process.env, {
      stderr: process.stderr,
      stdout: process.stdout,
    });
    process.exit(code);
  }
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      workers: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(`${await usage(process.env)}\n`);
    return;
  }
  if (command === 'serve') {
    const env = { ...process.env };
    if (values.port !== undefined) env.PORT = values.port;
    if (values.workers !== undefined) env.WORKERS = values.workers;
    const config = loadServerConfig({ env });
    return cluster.isPrimary && config.workers > 1
      ? servePrimary(config, env, values.port)
      : serve(config, env);
  }
  if (command === 'print-schema') {
    const sdl = `${printSchema(gatewaySchema())}\n`;
    if (values.out) writeFileSync(values.out, sdl);
    else process.stdout.write(sdl);
    return;
  }
  throw new Error(`unknown command "${command}"\n\n${USAGE}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = isTokenomicsError(error)
    ? `${error.code}: ${error.message}`
    : String((error as Error)?.message ?? error);
  process.stderr.write(`tokenomics-gateway: ${message}\n`);
  process.exit(1);
});
