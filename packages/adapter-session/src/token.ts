import type { TokenInfo } from '@tokenomics/core';

/** SESH base-unit decimals (SESH.sol, SESHL2.sol). */
export const SESH_DECIMALS = 9;

/**
 * The Session Token as the gateway serves it: symbol, name and base-unit
 * decimals (1 SESH = 10^9 base units), as plain data.
 *
 * @example
 * ```ts
 * import { SESSION_TOKEN } from '@tokenomics/adapter-session';
 *
 * SESSION_TOKEN.symbol; // 'SESH'
 * ```
 */
export const SESSION_TOKEN: TokenInfo = { symbol: 'SESH', name: 'Session Token', decimals: SESH_DECIMALS };
