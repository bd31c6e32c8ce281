import { fileURLToPath } from 'node:url';
import type { AdapterDescriptor, TokenEconomy } from '@tokenomics/core';
import {
  createAdapters,
  type GatewayConfig,
  type LoadConfigOptions,
  loadAdapterDescriptor,
  loadConfig,
} from '@tokenomics/gateway';
import { assertAdapterBuilt } from './fresh-build.js';

/**
 * What the server serves when there is no gateway.config.json (or it lists no
 * protocols): Session and Synternet, from their snapshot presets unless their
 * environment variables name live endpoints.
 */
export const DEFAULT_PROTOCOLS: readonly { adapter: string; options: Record<string, unknown> }[] = [
  { adapter: '@tokenomics/adapter-session', options: {} },
  { adapter: '@tokenomics/adapter-synternet', options: {} },
];

/** This package's folder: the adapters it depends on resolve from here. */
export const SERVER_DIR = fileURLToPath(new URL('../', import.meta.url));

/**
 * The gateway's configuration with the server's defaults
 * ({@link DEFAULT_PROTOCOLS}).
 *
 * @throws TokenomicsError CONFIGURATION listing every problem
 * @example
 * ```ts
 * import { loadServerConfig } from '@tokenomics/server';
 *
 * const config = loadServerConfig({ env: { PORT: '8080' } });
 * config.protocols.map((protocol) => protocol.adapter); // the defaults, without gateway.config.json
 * ```
 */
export function loadServerConfig(
  options: Omit<LoadConfigOptions, 'defaultProtocols' | 'sections'> = {},
): GatewayConfig {
  // The file's `history` section is the server's own (validated by historySettings).
  return loadConfig({ ...options, defaultProtocols: DEFAULT_PROTOCOLS, sections: ['history'] });
}

/**
 * The configured economies, loaded by descriptor: package names resolve from
 * the configuration's folder, then from this app's dependencies; an adapter
 * package whose build is older than its sources is refused
 * ({@link assertAdapterBuilt}).
 *
 * @throws TokenomicsError CONFIGURATION naming the protocol entry
 * @example
 * ```ts
 * import { createServerAdapters, loadServerConfig } from '@tokenomics/server';
 *
 * const adapters = await createServerAdapters(loadServerConfig({ env: {} }), {});
 * adapters.map((economy) => economy.id);
 * ```
 */
export function createServerAdapters(
  config: Pick<GatewayConfig, 'protocols' | 'baseDir'>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<TokenEconomy[]> {
  // A package never built does not resolve at all: say so before the resolver does.
  for (const protocol of config.protocols) assertAdapterBuilt(protocol.adapter, [config.baseDir, SERVER_DIR]);
  return createAdapters(config, {
    env,
    resolveFrom: [SERVER_DIR],
    beforeImport: ({ specifier, file }) => assertAdapterBuilt(specifier, [config.baseDir, SERVER_DIR], file),
  });
}

/**
 * The descriptors of the configured adapters (for `--help`: their
 * environment variables), in configuration order, each once.
 *
 * @example
 * ```ts
 * import { configuredDescriptors, loadServerConfig } from '@tokenomics/server';
 *
 * const descriptors = await configuredDescriptors(loadServerConfig({ env: {} }));
 * descriptors.flatMap((descriptor) => descriptor.env.map((variable) => variable.name));
 * ```
 */
export async function configuredDescriptors(
  config: Pick<GatewayConfig, 'protocols' | 'baseDir'>,
): Promise<AdapterDescriptor[]> {
  const descriptors: AdapterDescriptor[] = [];
  for (const adapter of new Set(config.protocols.map((protocol) => protocol.adapter))) {
    const { descriptor } = await loadAdapterDescriptor(adapter, {
      baseDir: config.baseDir,
      resolveFrom: [SERVER_DIR],
      beforeImport: ({ specifier, file }) =>
        assertAdapterBuilt(specifier, [config.baseDir, SERVER_DIR], file),
    });
    descriptors.push(descriptor);
  }
  return descriptors;
}
