import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';

/**
 * The one SQL schema both stores share, as Kysely migrations (never edit a
 * released one: add the next). Amounts are `numeric` (exact decimals of any
 * length, never floats), heights `int8`, participants `int4`.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001_observations': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('history_observation')
        .addColumn('protocol_id', 'text', (column) => column.notNull())
        .addColumn('height', 'int8', (column) => column.notNull())
        .addColumn('at', 'timestamptz', (column) => column.notNull())
        .addColumn('total', 'numeric')
        .addColumn('circulating', 'numeric')
        .addColumn('liquid', 'numeric')
        .addColumn('staked', 'numeric')
        .addColumn('bonded_ratio', 'numeric')
        .addColumn('emission_rate', 'numeric')
        .addColumn('staking_apr', 'numeric')
        .addColumn('pool_balance', 'numeric')
        .addColumn('participants', 'int4')
        .addColumn('recorded_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('history_observation_pkey', ['protocol_id', 'height'])
        .execute();
      await db.schema
        .createIndex('history_observation_at')
        .on('history_observation')
        .columns(['protocol_id', 'at'])
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Brings a history database to the latest schema (safe when several
 * instances start at once: Kysely's migration lock serialises them).
 *
 * @throws Error when a migration fails (the database is left as it was)
 * @example
 * ```ts
 * import { Kysely } from 'kysely';
 * import { migrateHistory } from '@tokenomics/history';
 *
 * async function upgrade(db: Kysely<unknown>): Promise<void> {
 *   await migrateHistory(db);
 * }
 * ```
 */
export async function migrateHistory(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'history_migration',
    migrationLockTableName: 'history_migration_lock',
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`history migration failed: ${String(error)}`);
}
