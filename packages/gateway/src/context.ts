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
  /** What adapter calls run with: this request's deduplicating reader and its "now". */
  economy: EconomyContext;
  limits: ResolverLimits;
}
