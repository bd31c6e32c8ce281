import type { HistoryStore } from '@tokenomics/core';
import { embeddedHistoryStore } from './embedded-store.js';
import { postgresHistoryStore } from './postgres-store.js';

/** Options of {@link openHistoryStore}. */
export interface OpenHistoryStoreOptions {
  /** A PostgreSQL URL (`DATABASE_URL`): the shared store. Absent or empty: the embedded one. */
  databaseUrl?: string | undefined;
  /** The embedded store's folder (`HISTORY_DATA_DIR`); default `./data/history`. */
  dataDir?: string | undefined;
}

/**
 * The deployment's history store: PostgreSQL when a database URL is given,
 * else the embedded store under `dataDir`.
 *
 * @example
 * ```ts
 * import { openHistoryStore } from '@tokenomics/history';
 *
 * const store = await openHistoryStore({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.HISTORY_DATA_DIR });
 * await store.close();
 * ```
 */
export async function openHistoryStore({
  databaseUrl,
  dataDir,
}: OpenHistoryStoreOptions = {}): Promise<HistoryStore> {
  if (databaseUrl) return postgresHistoryStore({ url: databaseUrl });
  return embeddedHistoryStore(dataDir ? { dataDir } : {});
}
