import {
  Decimal,
  type HistoryLease,
  type HistoryRangeQuery,
  type HistoryStore,
  type Observation,
} from '@tokenomics/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { HistoryDatabase, ObservationTable } from './database.js';
import { DEFAULT_MAX_HISTORY_STEPS, historyInstants } from './history-instants.js';

/** The most rows one INSERT carries (13 parameters each, far below PostgreSQL's 65,535). */
const APPEND_BATCH = 1_000;

/** How a store built on Kysely takes leadership and closes; the queries are shared. */
export interface KyselyStoreHooks {
  tryLeadership(name: string): Promise<HistoryLease | null>;
  /** Runs after the shared close (leases released), before the database is destroyed. */
  beforeDestroy?(): Promise<void>;
  /** Runs once the database is closed. */
  afterDestroy?(): Promise<void>;
}

const COLUMNS = [
  'height',
  'at',
  'total',
  'circulating',
  'liquid',
  'staked',
  'bonded_ratio',
  'emission_rate',
  'staking_apr',
  'pool_balance',
  'participants',
] as const;

type Row = Pick<Selectable<ObservationTable>, (typeof COLUMNS)[number]>;

const text = (value: Decimal | null): string | null => (value === null ? null : value.toFixed());
const decimal = (value: string | null): Decimal | null => (value === null ? null : new Decimal(value));

function toRow(protocolId: string, observation: Observation) {
  return {
    protocol_id: protocolId,
    height: observation.height.toString(),
    at: observation.at,
    total: text(observation.total),
    circulating: text(observation.circulating),
    liquid: text(observation.liquid),
    staked: text(observation.staked),
    bonded_ratio: text(observation.bondedRatio),
    emission_rate: text(observation.emissionRate),
    staking_apr: text(observation.stakingApr),
    pool_balance: text(observation.poolBalance),
    participants: observation.participants,
  };
}

function toObservation(row: Row): Observation {
  return {
    at: row.at instanceof Date ? row.at : new Date(row.at),
    height: BigInt(row.height),
    total: decimal(row.total),
    circulating: decimal(row.circulating),
    liquid: decimal(row.liquid),
    staked: decimal(row.staked),
    bondedRatio: decimal(row.bonded_ratio),
    emissionRate: decimal(row.emission_rate),
    stakingApr: decimal(row.staking_apr),
    poolBalance: decimal(row.pool_balance),
    participants: row.participants,
  };
}

/**
 * The {@link HistoryStore} queries over a migrated Kysely database: the same
 * for PGlite and PostgreSQL (both speak PostgreSQL's SQL). The stores of this
 * package build on it; it is not exported from the package.
 *
 * @example
 * ```ts
 * import type { Kysely } from 'kysely';
 * import type { HistoryDatabase } from '@tokenomics/history';
 * import { kyselyHistoryStore } from './kysely-store.js';
 *
 * declare const db: Kysely<HistoryDatabase>;
 * const store = kyselyHistoryStore(db, { tryLeadership: async () => null });
 * ```
 */
export function kyselyHistoryStore(db: Kysely<HistoryDatabase>, hooks: KyselyStoreHooks): HistoryStore {
  const leases = new Set<HistoryLease>();
  let closed: Promise<void> | null = null;

  return {
    async append(protocolId, observations) {
      let added = 0;
      for (let start = 0; start < observations.length; start += APPEND_BATCH) {
        const rows = observations.slice(start, start + APPEND_BATCH).map((o) => toRow(protocolId, o));
        const inserted = await db
          .insertInto('history_observation')
          .values(rows)
          .onConflict((conflict) => conflict.columns(['protocol_id', 'height']).doNothing())
          .returning('height')
          .execute();
        added += inserted.length;
      }
      return added;
    },

    async range(protocolId, { from, to, interval, limit = DEFAULT_MAX_HISTORY_STEPS }: HistoryRangeQuery) {
      if (interval === undefined) {
        const rows = await db
          .selectFrom('history_observation')
          .select(COLUMNS)
          .where('protocol_id', '=', protocolId)
          .where('at', '>=', from)
          .where('at', '<=', to)
          .orderBy('at')
          .orderBy('height')
          .limit(limit)
          .execute();
        return rows.map(toObservation);
      }
      const steps = historyInstants(from, to, interval, limit);
      if (steps.length === 0) return [];
      const values = sql.join(steps.map((step) => sql`(${step.toISOString()}::timestamptz)`));
      const { rows } = await sql<Row>`
        select o.height, o.at, o.total, o.circulating, o.liquid, o.staked, o.bonded_ratio,
               o.emission_rate, o.staking_apr, o.pool_balance, o.participants
        from (values ${values}) as s(step)
        cross join lateral (
          select * from history_observation h
          where h.protocol_id = ${protocolId} and h.at <= s.step
          order by h.at desc, h.height desc
          limit 1
        ) o
        order by s.step`.execute(db);
      const answer: Observation[] = [];
      let last: string | null = null;
      for (const row of rows) {
        const height = String(row.height);
        if (height === last) continue;
        last = height;
        answer.push(toObservation(row));
      }
      return answer;
    },

    async latest(protocolId) {
      const row = await db
        .selectFrom('history_observation')
        .select(COLUMNS)
        .where('protocol_id', '=', protocolId)
        .orderBy('height', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toObservation(row) : null;
    },

    async heights(protocolId, fromHeight, toHeight) {
      const rows = await db
        .selectFrom('history_observation')
        .select('height')
        .where('protocol_id', '=', protocolId)
        .where('height', '>=', fromHeight.toString())
        .where('height', '<=', toHeight.toString())
        .orderBy('height')
        .execute();
      return rows.map((row) => BigInt(row.height));
    },

    async prune(protocolId, before) {
      const result = await db
        .deleteFrom('history_observation')
        .where('protocol_id', '=', protocolId)
        .where('at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async tryLeadership(name) {
      const lease = await hooks.tryLeadership(name);
      if (lease === null) return null;
      leases.add(lease);
      const check = lease.check?.bind(lease);
      return {
        name: lease.name,
        get lost() {
          return lease.lost;
        },
        ...(check === undefined ? {} : { check }),
        async release() {
          leases.delete(lease);
          await lease.release();
        },
      };
    },

    close() {
      closed ??= (async () => {
        await Promise.allSettled([...leases].map((lease) => lease.release()));
        leases.clear();
        await hooks.beforeDestroy?.();
        await db.destroy();
        await hooks.afterDestroy?.();
      })();
      return closed;
    },
  };
}
