import type { Generated } from 'kysely';

/** One row of `history_observation`: amounts as exact numeric text, the height as int8. */
export interface ObservationTable {
  protocol_id: string;
  /** int8: PGlite reads it as a bigint, `pg` as a string; both are exact. */
  height: bigint | string;
  at: Date;
  total: string | null;
  circulating: string | null;
  liquid: string | null;
  staked: string | null;
  bonded_ratio: string | null;
  emission_rate: string | null;
  staking_apr: string | null;
  pool_balance: string | null;
  participants: number | null;
  recorded_at: Generated<Date>;
}

/** The history database, as Kysely sees it. */
export interface HistoryDatabase {
  history_observation: ObservationTable;
}
