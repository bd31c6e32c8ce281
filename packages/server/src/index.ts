export {
  configuredDescriptors,
  createServerAdapters,
  DEFAULT_PROTOCOLS,
  loadServerConfig,
  SERVER_DIR,
} from './config.js';
export { EXAMPLE_TABS } from './examples.js';
export { assertAdapterBuilt } from './fresh-build.js';
