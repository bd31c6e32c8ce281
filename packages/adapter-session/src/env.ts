import { TokenomicsError } from '@tokenomics/core';
import type { SessionAdapterOptions } from './index.js';
import type { SessionPresetName } from './parameters.js';
import type { SessionAddresses } from './state.js';

/** The environment variables {@link sessionOptionsFromEnv} reads. */
export const SESSION_ENV = {
  rpcUrl: 'SESSION_RPC_URL',
  l1RpcUrl: 'SESSION_L1_RPC_URL',
  preset: 'SESSION_PRESET',
  token: 'SESSION_TOKEN_ADDRESS',
  l1Token: 'SESSION_L1_TOKEN_ADDRESS',
  serviceNodeRewards: 'SESSION_SERVICE_NODE_REWARDS_ADDRESS',
  rewardRatePool: 'SESSION_REWARD_RATE_POOL_ADDRESS',
  nonCirculating: 'SESSION_NON_CIRCULATING',
  chainId: 'SESSION_CHAIN_ID',
  l1ChainId: 'SESSION_L1_CHAIN_ID',
} as const;

/**
 * Adapter options from the environment: live when `SESSION_RPC_URL` is set
 * (with `SESSION_L1_RPC_URL`, the `SESSION_*_ADDRESS` overrides and
 * `SESSION_CHAIN_ID` / `SESSION_L1_CHAIN_ID` for other chains), the preset
 * from `SESSION_PRESET`, non-circulating holdings from
 * `SESSION_NON_CIRCULATING` (a JSON list of `{ "address", "label", "amount"? }`).
 * Validation happens in `sessionAdapter`.
 *
 * @throws TokenomicsError CONFIGURATION when SESSION_NON_CIRCULATING is not JSON
 *
 * @example
 * ```ts
 * sessionAdapter(sessionOptionsFromEnv({ SESSION_RPC_URL: 'https://arb1.arbitrum.io/rpc' }));
 * ```
 */
export function sessionOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  base: SessionAdapterOptions = {},
): SessionAdapterOptions {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const options: SessionAdapterOptions = { ...base };
  const preset = read(SESSION_ENV.preset);
  if (preset) options.preset = preset as SessionPresetName;
  const nonCirculating = read(SESSION_ENV.nonCirculating);
  if (nonCirculating) {
    try {
      options.nonCirculating = JSON.parse(nonCirculating);
    } catch {
      throw new TokenomicsError(
        'CONFIGURATION',
        `session adapter: ${SESSION_ENV.nonCirculating} must be a JSON list of { "address", "label", "amount"? }`,
        { details: { variable: SESSION_ENV.nonCirculating } },
      );
    }
  }
  const rpcUrl = read(SESSION_ENV.rpcUrl);
  if (rpcUrl) {
    const addresses: Partial<SessionAddresses> = { ...base.live?.addresses };
    for (const key of ['token', 'l1Token', 'serviceNodeRewards', 'rewardRatePool'] as const) {
      const value = read(SESSION_ENV[key]);
      if (value) addresses[key] = value as `0x${string}`;
    }
    const l1RpcUrl = read(SESSION_ENV.l1RpcUrl) ?? base.live?.l1RpcUrl;
    // Checked in sessionAdapter: a value that is not a positive integer is a CONFIGURATION error there.
    const chainId = read(SESSION_ENV.chainId);
    const l1ChainId = read(SESSION_ENV.l1ChainId);
    options.live = {
      ...base.live,
      rpcUrl,
      ...(l1RpcUrl === undefined ? {} : { l1RpcUrl }),
      ...(Object.keys(addresses).length > 0 ? { addresses } : {}),
      ...(chainId === undefined ? {} : { chainId: Number(chainId) }),
      ...(l1ChainId === undefined ? {} : { l1ChainId: Number(l1ChainId) }),
    };
  }
  return options;
}
