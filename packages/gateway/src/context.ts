import type { EconomyContext, Interval, Observation, TokenEconomy } from '@tokenomics/core';

/** The gateway's limits that resolvers enforce. */
export interface ResolverLimits {
  /** The most points one `schedule` field may return. */
  maxSchedulePoints: number;
}

/** What every resolver of one request sees. */
export interface GatewayContext {
  /** Every served protocol, in configuration order. */
  protocols: readonly TokenEconomy[];
  protocolById: ReadonlyMap<string, TokenEconomy>;
  /** A protocol by id, or by token symbol case-insensitively (ids win); throws NOT_FOUND or BAD_INPUT (ambiguous symbol). */
  findProtocol(idOrSymbol: string): TokenEconomy;
  /** What adapter calls run with: this request's deduplicating reader and its "now". */
  economy: EconomyContext;
  limits: ResolverLimits;
  /** The recorded history, where the gateway keeps one; null otherwise (every `history` is then empty). */
  history: HistoryReader | null;
  /** Where subscriptions hear of protocol changes; null when the gateway streams none. */
  updates: UpdateFeed | null;
  /** A context for one event of a subscription: "now" is the event's second, reads are its own. */
  freshEconomy(): EconomyContext;
}

/** Events telling that a protocol's observed state changed. */
export interface UpdateFeed {
  /** One item each time `protocolId` changes, until the iteration is returned. */
  subscribe(protocolId: string): AsyncIterable<unknown>;
}

/** What the gateway reads of a history store: observations of a protocol in a range. */
export interface HistoryReader {
  /**
   * Observations of `protocolId` from `from` to `to`, oldest first; with an
   * interval, the last one at or before each step; at most `limit`.
   */
  range(
    protocolId: string,
    query: { from: Date; to: Date; interval?: Interval; limit?: number },
  ): Promise<Observation[]>;
}
