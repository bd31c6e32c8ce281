#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isTokenomicsError } from '@tokenomics/core';
import { printSchema } from 'graphql';
import { keyvStore } from './cache.js';
import { createAdapters, loadConfig } from './config.js';
import { createLogger, type LogLevel } from './logger.js';
import { gatewaySchema } from './schema/index.js';
import { createGateway } from './server.js';

const USAGE = `Usage: tokenomics-gateway <command> [options]

Commands:
  serve                 Start the gateway (GraphiQL at http://localhost:PORT/graphql)
    --port N            Port (default: PORT or 4000)
  print-schema          Print the GraphQL schema (SDL)
    --out FILE          Write it to FILE instead of standard output

Configuration: gateway.config.json (or the file GATEWAY_CONFIG names) and the
environment: PORT, HOST, NODE_ENV, SESSION_PRESET, SESSION_RPC_URL,
SESSION_L1_RPC_URL, SYNTERNET_PRESET, SYNTERNET_LCD_URL, CACHE_URL,
CACHE_TTL_SECONDS, UPSTREAM_TIMEOUT_MS, MAX_SCHEDULE_POINTS.`;

async function serve(port: string | undefined): Promise<void> {
  const config = loadConfig({ env: port === undefined ? process.env : { ...process.env, PORT: port } });
  const adapters = await createAdapters(config);
  const logger = createLogger((process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info');
  const gateway = createGateway({
    adapters,
    production: config.production,
    cacheStore: keyvStore(config.cache.url),
    cacheTtlSeconds: config.cache.ttlSeconds,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
    limits: config.limits,
    logger,
  });
  const running = await gateway.listen(config.port, config.host);
  logger.info(
    {
      url: running.url,
      protocols: adapters.map((adapter) => ({ id: adapter.id, preset: adapter.preset })),
      cache: config.cache.url ? 'redis' : 'memory',
    },
    `GraphiQL at ${running.url}`,
  );
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    // Requests in flight finish; then the cache store's connections close.
    Promise.all([running.close(), gateway.close()]).then(
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

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command === 'serve') return serve(values.port);
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
