import type { GatewayConfig, LoadConfigOptions } from '@tokenomics/gateway';
import { createServerAdapters, loadServerConfig } from '../src/config.js';

/** The environment each configuration was read with, so its adapters are made with the same one. */
const envOf = new WeakMap<object, Readonly<Record<string, string | undefined>>>();

/**
 * The server's configuration (its defaults: Session and Synternet), as the
 * CLI reads it; {@link createAdapters} then makes its adapters with the same
 * environment.
 */
export function loadConfig(options: Omit<LoadConfigOptions, 'defaultProtocols'> = {}): GatewayConfig {
  const config = loadServerConfig(options);
  envOf.set(config, options.env ?? {});
  return config;
}

/**
 * The configured adapters, loaded as the server loads them (by descriptor,
 * from the configuration's folder then the server's dependencies, builds
 * checked), with the environment the configuration was read with (none for a
 * configuration written in a test).
 */
export function createAdapters(config: Pick<GatewayConfig, 'protocols' | 'baseDir'>) {
  return createServerAdapters(config, envOf.get(config) ?? {});
}
