export type { HistoryDatabase, ObservationTable } from './database.js';
export {
  DEFAULT_HISTORY_DATA_DIR,
  type EmbeddedHistoryStoreOptions,
  embeddedHistoryStore,
} from './embedded-store.js';
export { DEFAULT_MAX_HISTORY_STEPS, historyInstants } from './history-instants.js';
export { migrateHistory } from './migrations.js';
export { type OpenHistoryStoreOptions, openHistoryStore } from './open-store.js';
export { type PostgresHistoryStoreOptions, postgresHistoryStore } from './postgres-store.js';
