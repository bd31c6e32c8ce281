export {
  BACKFILL_USAGE,
  type BackfillOutput,
  backfillSummary,
  runBackfillCommand,
} from './backfill-command.js';
export {
  configuredDescriptors,
  createServerAdapters,
  DEFAULT_PROTOCOLS,
  loadServerConfig,
  SERVER_DIR,
} from './config.js';
export { EXAMPLE_TABS } from './examples.js';
export { assertAdapterBuilt } from './fresh-build.js';
export {
  HISTORY_SECTION,
  HISTORY_SETTINGS_ENV,
  type HistoryLog,
  type HistorySettings,
  historySettings,
  MIN_SAMPLE_SECONDS,
  type OpenServerHistoryOptions,
  openServerHistory,
  SCHEDULE_RECHECK_MS,
  type ServerHistory,
} from './history.js';
export { type RunningServer, type StartServerOptions, startServer } from './serve.js';
export { EXPLORER_DIST, type SiteChoice, siteFromEnv } from './site.js';
