import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { HistoryLease, HistoryStore } from '@tokenomics/core';
import { Kysely, PGliteDialect } from 'kysely';
import { lockDataDir } from './data-dir-lock.js';
import type { HistoryDatabase } from './database.js';
import { kyselyHistoryStore } from './kysely-store.js';
import { migrateHistory } from './migrations.js';

/** Where the embedded store keeps its files unless told: `./data/history`, from the working directory. */
export const DEFAULT_HISTORY_DATA_DIR = './data/history';

/** Options of {@link embeddedHistoryStore}. */
export interface EmbeddedHistoryStoreOptions {
  /** The folder of the database files (created when missing); default {@link DEFAULT_HISTORY_DATA_DIR}. */
  dataDir?: string;
}

/**
 * The embedded history store: PostgreSQL compiled to WebAssembly (PGlite),
 * file-backed under `dataDir`, no server needed. One process may open a
 * data directory at a time (a lock file, `tokenomics-history.lock`, refuses
 * a second one); that process always leads (it is the only recorder).
 * Opening migrates the schema.
 *
 * @throws TokenomicsError CONFIGURATION when another live process has the data directory open
 *
 * @example
 * ```ts
 * import { embeddedHistoryStore } from '@tokenomics/history';
 *
 * const store = await embeddedHistoryStore({ dataDir: './data/history' });
 * const latest = await store.latest('session');
 * await store.close();
 * ```
 */
export async function embeddedHistoryStore({
  dataDir = DEFAULT_HISTORY_DATA_DIR,
}: EmbeddedHistoryStoreOptions = {}): Promise<HistoryStore> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(dir);
  let db: Kysely<HistoryDatabase>;
  try {
    const pglite = await PGlite.create({ dataDir: dir });
    db = new Kysely<HistoryDatabase>({ dialect: new PGliteDialect({ pglite }) });
    try {
      await migrateHistory(db as Kysely<unknown>);
    } catch (error) {
      await db.destroy();
      throw error;
    }
  } catch (error) {
    unlock();
    throw error;
  }
  return kyselyHistoryStore(db, {
    afterDestroy: async () => unlock(),
    async tryLeadership(name): Promise<HistoryLease> {
      let lost = false;
      return {
        name,
        get lost() {
          return lost;
        },
        async release() {
          lost = true;
        },
      };
    },
  });
}
