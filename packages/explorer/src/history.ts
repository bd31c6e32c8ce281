import type { GatewayClient } from '@tokenomics/client';
import {
  type DriftPoint,
  DriftQuery,
  HistoryQuery,
  type Interval,
  instant,
  type Observation,
} from './api.js';

/** One observed reading drawn over the modelled supply curves (exact text, as served). */
export interface ObservedPoint {
  /** The block time of the reading. */
  at: Date;
  /** The chain height read, as text. */
  height: string;
  total: string | null;
  circulating: string | null;
  liquid: string | null;
  staked: string | null;
  poolBalance: string | null;
}

/** The range the supply chart shows, and its step. */
export interface ObservedRange {
  protocolId: string;
  from: Date;
  to: Date;
  /** The chart's step: one observation per step (the last at or before it). */
  interval: Interval;
}

function point(observation: Observation): ObservedPoint {
  return {
    at: new Date(observation.at),
    height: observation.height,
    total: observation.total,
    circulating: observation.circulating,
    liquid: observation.liquid,
    staked: observation.staked,
    poolBalance: observation.poolBalance,
  };
}

/**
 * What was observed on chain over the supply chart's range, oldest first, one per step of the chart
 * (the last observation at or before each step: `Protocol.history(from, to, interval)`), drawn as
 * points over the modelled curves. Empty for a snapshot source, or where the gateway records no
 * history.
 *
 * @example
 * ```ts
 * import { createClient } from '@tokenomics/client';
 * import { observedSupply } from './history.js';
 *
 * const client = createClient({ url: '/graphql' });
 * const points = await observedSupply(client, {
 *   protocolId: 'session',
 *   from: new Date('2026-01-01T00:00:00Z'),
 *   to: new Date('2027-01-01T00:00:00Z'),
 *   interval: 'DAY',
 * });
 * points.at(-1)?.circulating; // the last observed circulating supply in the range, exact text
 * ```
 */
export async function observedSupply(client: GatewayClient, range: ObservedRange): Promise<ObservedPoint[]> {
  const data = await client.query(HistoryQuery, {
    id: range.protocolId,
    from: instant(range.from),
    to: instant(range.to),
    interval: range.interval,
  });
  return (data.protocol?.history ?? []).map(point);
}

/**
 * The published model beside the chain at each observation of the range (`Protocol.drift`): per
 * figure, observed, modelled and observed − modelled. Rejects with the gateway's NOT_SUPPORTED error
 * where the adapter has no published model.
 *
 * @example
 * ```ts
 * import { createClient } from '@tokenomics/client';
 * import { modelDrift } from './history.js';
 *
 * const client = createClient({ url: '/graphql' });
 * const drift = await modelDrift(client, {
 *   protocolId: 'session',
 *   from: new Date('2026-01-01T00:00:00Z'),
 *   to: new Date('2027-01-01T00:00:00Z'),
 *   interval: 'DAY',
 * });
 * drift.at(-1)?.figures.find((f) => f.figure === 'total')?.difference; // e.g. '-1500.25'
 * ```
 */
export async function modelDrift(client: GatewayClient, range: ObservedRange): Promise<DriftPoint[]> {
  const data = await client.query(DriftQuery, {
    id: range.protocolId,
    from: instant(range.from),
    to: instant(range.to),
    interval: range.interval,
  });
  return data.protocol?.drift ?? [];
}
