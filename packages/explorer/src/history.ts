import type { GatewayClient } from '@tokenomics/client';

/** One observed reading to draw over the modelled supply curve (exact text, as served). */
export interface ObservedPoint {
  /** The block time of the reading. */
  at: Date;
  /** The chain height read, as text. */
  height: string;
  total: string | null;
  circulating: string | null;
  liquid: string | null;
  poolBalance: string | null;
}

/** The range the supply chart shows. */
export interface ObservedRange {
  protocolId: string;
  from: Date;
  to: Date;
}

/**
 * What was observed on chain over the supply chart's range, oldest first, drawn as points over the
 * modelled curves (the drift, visible). The supply chart calls this for every range it draws and
 * overlays whatever it returns; an empty list draws no overlay.
 *
 * The served schema has no `Protocol.history` field yet (recorded history is another piece of
 * work), so this answers an empty list without asking the gateway. When `history(from, to,
 * interval)` is served, this function alone changes: it queries it through `client` and maps each
 * `Observation` to an {@link ObservedPoint}.
 *
 * @example
 * ```ts
 * import { createClient } from '@tokenomics/client';
 * import { observedSupply } from './history.js';
 *
 * const client = createClient({ url: '/graphql' });
 * const points = await observedSupply(client, { protocolId: 'session', from: new Date(0), to: new Date() });
 * points.length; // 0 while the schema serves no history
 * ```
 */
export async function observedSupply(
  _client: GatewayClient,
  _range: ObservedRange,
): Promise<ObservedPoint[]> {
  return [];
}
