export {
  configuredDescriptors,
  createServerAdapters,
  DEFAULT_PROTOCOLS,
  loadServerConfig,
  SERVER_DIR,
} from './config.js';
export { EXAMPLE_TABS } from './examples.js';
export { adapterPackage, assertAdapterBuilt } from './fresh-build.js';
export { EXPLORER_DIST, type SiteChoice, siteFromEnv } from './site.js';
