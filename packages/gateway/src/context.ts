import type { EconomyContext, TokenEconomy } from '@tokenomics/core';

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
}
