import type { HistoryLease, HistoryStore } from '@tokenomics/core';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { HistoryDatabase } from './database.js';
import { kyselyHistoryStore } from './kysely-store.js';
import { migrateHistory } from './migrations.js';

/** The first key of every advisory lock the history takes (the second is `hashtext(name)`): "tkn". */
const LOCK_NAMESPACE = 0x746b6e;

/** How long a lease's `select 1` may take before the lease counts as lost. */
const CHECK_PATIENCE_MS = 10_000;

/** Options of {@link postgresHistoryStore}. */
export interface PostgresHistoryStoreOptions {
  /** A PostgreSQL connection URL (`DATABASE_URL`); never logged. */
  url: string;
  /** The most pooled connections for queries (leases take one more each); default 5. */
  maxConnections?: number;
}

/**
 * The shared history store on PostgreSQL: several gateway instances read and
 * write one history; {@link HistoryStore.tryLeadership} is a session
 * advisory lock, so exactly one of them records. Opening migrates the schema.
 *
 * @example
 * ```ts
 * import { postgresHistoryStore } from '@tokenomics/history';
 *
 * const store = await postgresHistoryStore({ url: 'postgres://history@127.0.0.1:5432/history' });
 * const lease = await store.tryLeadership('recorder'); // null while another instance records
 * await lease?.release();
 * await store.close();
 * ```
 */
export async function postgresHistoryStore({
  url,
  maxConnections = 5,
}: PostgresHistoryStoreOptions): Promise<HistoryStore> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  // An idle pooled connection that breaks is dropped and replaced; without a
  // listener its error would end the process.
  pool.on('error', () => {});
  const db = new Kysely<HistoryDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateHistory(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return kyselyHistoryStore(db, {
    async tryLeadership(name): Promise<HistoryLease | null> {
      // The lock lives as long as its session: a connection of its own, out of
      // the pool, with TCP keep-alive so a dead peer is noticed. A follower
      // opens (and ends) one such connection per attempt, once per interval.
      const client = new pg.Client({ connectionString: url, keepAlive: true });
      let lost = false;
      client.on('error', () => {
        lost = true;
      });
      client.on('end', () => {
        lost = true;
      });
      try {
        await client.connect();
        const take = sql<{
          locked: boolean;
        }>`select pg_try_advisory_lock(${LOCK_NAMESPACE}, hashtext(${name})) as locked`.compile(db);
        const { rows } = await client.query<{ locked: boolean }>(take.sql, [...take.parameters]);
        if (rows[0]?.locked !== true) {
          await client.end().catch(() => {});
          return null;
        }
      } catch (error) {
        await client.end().catch(() => {});
        throw error;
      }
      let released: Promise<void> | null = null;
      return {
        name,
        get lost() {
          return lost;
        },
        async check() {
          if (lost) return false;
          let timer: NodeJS.Timeout | undefined;
          try {
            await Promise.race([
              client.query('select 1'),
              new Promise((_, reject) => {
                timer = setTimeout(() => reject(new Error('lease check timed out')), CHECK_PATIENCE_MS);
                timer.unref?.();
              }),
            ]);
          } catch {
            // Gone or unreachable: end the session so the lock is surely released.
            lost = true;
            void client.end().catch(() => {});
          } finally {
            clearTimeout(timer);
          }
          return !lost;
        },
        release() {
          released ??= (async () => {
            // Ending the session releases its advisory locks.
            lost = true;
            await client.end().catch(() => {});
          })();
          return released;
        },
      };
    },
  });
}
