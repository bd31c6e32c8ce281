export {
  type BackfillOptions,
  type BackfillResult,
  backfill,
  DEFAULT_BACKFILL_CONCURRENCY,
  MAX_BACKFILL_CONCURRENCY,
  type PrunedInstant,
} from './backfill.js';
export { HISTORY_ENV, type HistoryConfig, historyConfigFromEnv } from './config.js';
export type { HistoryDatabase, ObservationTable } from './database.js';
export {
  DEFAULT_HISTORY_DATA_DIR,
  type EmbeddedHistoryStoreOptions,
  embeddedHistoryStore,
} from './embedded-store.js';
export { type BlockSearch, findBlockAt, isPrunedError } from './find-block.js';
export { DEFAULT_MAX_HISTORY_STEPS, historyInstants } from './history-instants.js';
export { migrateHistory } from './migrations.js';
export { type OpenHistoryStoreOptions, openHistoryStore } from './open-store.js';
export { type PostgresHistoryStoreOptions, postgresHistoryStore } from './postgres-store.js';
export {
  createRecorder,
  DEFAULT_SAMPLE_SECONDS,
  figuresDiffer,
  RECORDER_ROLE,
  type Recorder,
  type RecorderLog,
  type RecorderOptions,
  type RecorderProtocol,
} from './recorder.js';
export {
  createUpdateBus,
  type ProtocolUpdate,
  type UpdateBus,
  type UpdateBusOptions,
  type UpdateBusTopics,
} from './update-bus.js';
