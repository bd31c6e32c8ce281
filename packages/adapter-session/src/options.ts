import type { AdapterEnvVar } from '@tokenomics/core';
import { type Decimal, parseDecimal, TokenomicsError } from '@tokenomics/core';
import { getAddress, isAddress } from 'viem';
import { z } from 'zod';
import {
  ARBITRUM_ONE_CHAIN_ID,
  ETHEREUM_CHAIN_ID,
  SESSION_ADDRESSES,
  SESSION_PRESET_NAMES,
  SESSION_PRESETS,
  type SessionPresetName,
} from './parameters.js';
import type { SessionAddresses } from './state.js';
import { SESH_DECIMALS } from './token.js';

/** A non-circulating holding named in the configuration: an address and a label, and for a snapshot its amount. */
export interface NonCirculatingOption {
  /** An Ethereum address (any case) holding SESH on Arbitrum One: a treasury, a vesting contract. */
  address: string;
  /** What the bucket is called, e.g. "Foundation treasury". */
  label: string;
  /** Whole SESH as decimal text; required for a snapshot source, refused for a live one (it reads the balance). */
  amount?: string;
}

/** The most holdings one configuration may name. */
export const MAX_NON_CIRCULATING = 100;

/** Options of the live source, as a configuration writes them (`live` of {@link SessionAdapterOptions}). */
export interface SessionLiveConfig {
  /** An Arbitrum One JSON-RPC endpoint. */
  rpcUrl: string;
  /** An Ethereum JSON-RPC endpoint, for SESH.totalSupply() on L1. */
  l1RpcUrl?: string;
  /** Contract addresses; default to the published Arbitrum deployment. */
  addresses?: Partial<SessionAddresses>;
  /** The chain the RPC must answer for (`eth_chainId`); default 42161, Arbitrum One. */
  chainId?: number;
  /** The chain the L1 RPC must answer for; default 1, Ethereum. */
  l1ChainId?: number;
  /** viem's own HTTP timeout per request, ms (default 10,000); the reader's timeout usually fires first. */
  httpTimeoutMs?: number;
}

/** Options of the Session adapter (`sessionAdapter`, or `options` of a configuration naming it). */
export interface SessionAdapterOptions {
  /** The protocol id; default `session`. */
  id?: string;
  /** The preset the model starts from; default `seed` for a snapshot, `tge-2025-05-21` when `live` is set. */
  preset?: SessionPresetName;
  /**
   * Holdings to leave out of circulation, each its own bucket: live, the SESH
   * balance of each address is read on Arbitrum One; for a snapshot, give
   * each an `amount`.
   */
  nonCirculating?: NonCirculatingOption[];
  /** Read the chain (Arbitrum One, optionally Ethereum for the total supply) instead of the preset alone. */
  live?: SessionLiveConfig;
}

/** A configured holding, checked: a checksummed address, a trimmed label, the amount for a snapshot. */
export interface CheckedHolding {
  address: `0x${string}`;
  label: string;
  amount: Decimal | null;
}

/** The options once validated by {@link optionsSchema}: what `create` builds the economy from. */
export interface SessionConfig {
  id: string;
  preset: SessionPresetName;
  holdings: CheckedHolding[];
  /** The live source's options, or null for a snapshot. */
  live: (SessionLiveConfig & { chainId: number; l1ChainId: number }) | null;
}

const PREFIX = 'session adapter: ';

/** One configuration problem: the option (a path such as `live.chainId`) and the message. */
class OptionProblem extends Error {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}

function checkUrl(name: string, url: unknown): void {
  let ok = false;
  if (typeof url === 'string') {
    try {
      const protocol = new URL(url).protocol;
      ok = protocol === 'http:' || protocol === 'https:';
    } catch {
      ok = false;
    }
  }
  if (!ok) throw new OptionProblem(name, `${name} must be an http(s) URL`);
}

function checkHoldings(list: unknown, live: boolean, addresses: Partial<SessionAddresses>): CheckedHolding[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    throw new OptionProblem('nonCirculating', 'nonCirculating must be a list of { address, label, amount? }');
  }
  if (list.length > MAX_NON_CIRCULATING) {
    throw new OptionProblem(
      'nonCirculating',
      `nonCirculating names more than ${MAX_NON_CIRCULATING} holdings`,
    );
  }
  const counted = new Map(
    Object.entries({ ...SESSION_ADDRESSES, ...addresses }).map(([name, address]) => [
      String(address).toLowerCase(),
      name,
    ]),
  );
  const seen = new Set<string>();
  return list.map((entry: unknown, index) => {
    const name = `nonCirculating[${index}]`;
    const item = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const { address, label, amount } = item;
    const unknownKey = Object.keys(item).find((key) => !['address', 'label', 'amount'].includes(key));
    if (unknownKey !== undefined) {
      throw new OptionProblem(
        `${name}.${unknownKey}`,
        `${name} has an unknown key "${unknownKey}" (address, label, amount)`,
      );
    }
    if (typeof address !== 'string' || !isAddress(address, { strict: false })) {
      throw new OptionProblem(`${name}.address`, `${name}.address is not an address: ${String(address)}`);
    }
    const lower = address.toLowerCase();
    if (seen.has(lower))
      throw new OptionProblem(`${name}.address`, `${name}.address ${address} is named twice`);
    seen.add(lower);
    const contract = counted.get(lower);
    if (contract) {
      throw new OptionProblem(
        `${name}.address`,
        `${name}.address is the ${contract} contract, already counted by the model; name treasuries and vesting contracts only`,
      );
    }
    if (typeof label !== 'string' || !label.trim() || label.length > 100 || /\p{Cc}/u.test(label)) {
      throw new OptionProblem(`${name}.label`, `${name}.label must be 1 to 100 printable characters`);
    }
    let parsed: Decimal | null = null;
    if (live) {
      if (amount !== undefined) {
        throw new OptionProblem(
          `${name}.amount`,
          `${name}.amount is for a snapshot source; live, the balance is read on chain`,
        );
      }
    } else {
      if (typeof amount !== 'string') {
        throw new OptionProblem(
          `${name}.amount`,
          `${name}.amount is required for a snapshot source (whole SESH as decimal text)`,
        );
      }
      try {
        parsed = parseDecimal(amount, `${name}.amount`);
      } catch {
        parsed = null;
      }
      if (parsed === null || parsed.isNegative() || parsed.decimalPlaces() > SESH_DECIMALS) {
        throw new OptionProblem(
          `${name}.amount`,
          `${name}.amount must be a decimal ≥ 0 with at most ${SESH_DECIMALS} decimals, got ${JSON.stringify(amount)}`,
        );
      }
    }
    return { address: getAddress(address), label: label.trim(), amount: parsed };
  });
}

const ADDRESS_KEYS = ['token', 'serviceNodeRewards', 'rewardRatePool', 'l1Token'] as const;

/** The shape of the options before the checks that need several of them (strict: a typo'd key is refused). */
const unknownKey = (where: string, keys: readonly string[]) => (issue: { code?: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys'
    ? `${PREFIX}unknown option${issue.keys!.length > 1 ? 's' : ''} ${issue.keys!.map((key) => `"${where}${key}"`).join(', ')}; ${where ? `${where.slice(0, -1)} takes` : 'options are'} ${keys.join(', ')}`
    : undefined;

const liveShape = {
  rpcUrl: z.unknown(),
  l1RpcUrl: z.unknown().optional(),
  addresses: z
    .strictObject(Object.fromEntries(ADDRESS_KEYS.map((key) => [key, z.unknown().optional()])), {
      error: unknownKey('live.addresses.', ADDRESS_KEYS),
    })
    .optional(),
  chainId: z.unknown().optional(),
  l1ChainId: z.unknown().optional(),
  httpTimeoutMs: z.unknown().optional(),
};

const topShape = {
  id: z.unknown().optional(),
  preset: z.unknown().optional(),
  nonCirculating: z.unknown().optional(),
  live: z
    .strictObject(liveShape, {
      error: (issue) =>
        unknownKey('live.', Object.keys(liveShape))(issue) ?? `${PREFIX}live must be an object with rpcUrl`,
    })
    .optional(),
};

type RawOptions = {
  id?: unknown;
  preset?: unknown;
  nonCirculating?: unknown;
  live?: Record<string, unknown> & { addresses?: Record<string, unknown> | undefined };
};

function check(options: RawOptions): SessionConfig {
  const preset = (options.preset ?? (options.live ? 'tge-2025-05-21' : 'seed')) as SessionPresetName;
  if (typeof preset !== 'string' || !Object.hasOwn(SESSION_PRESETS, preset)) {
    throw new OptionProblem(
      'preset',
      `unknown preset "${String(preset)}"; presets: ${SESSION_PRESET_NAMES.join(', ')}`,
    );
  }
  if (
    options.id !== undefined &&
    (typeof options.id !== 'string' || !/^[a-z0-9][a-z0-9_-]*$/i.test(options.id))
  ) {
    throw new OptionProblem('id', 'id must be a word of letters, digits, "-" or "_"');
  }
  let live: SessionConfig['live'] = null;
  const addresses: Partial<SessionAddresses> = {};
  if (options.live) {
    const raw = options.live;
    checkUrl('live.rpcUrl', raw.rpcUrl);
    if (raw.l1RpcUrl !== undefined) checkUrl('live.l1RpcUrl', raw.l1RpcUrl);
    for (const name of ['chainId', 'l1ChainId'] as const) {
      const value = raw[name];
      if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) > 0)) {
        throw new OptionProblem(
          `live.${name}`,
          `live.${name} must be a positive integer chain id, got ${String(value)}`,
        );
      }
    }
    const timeout = raw.httpTimeoutMs;
    if (timeout !== undefined && !(Number.isSafeInteger(timeout) && (timeout as number) > 0)) {
      throw new OptionProblem(
        'live.httpTimeoutMs',
        `live.httpTimeoutMs must be a positive integer of milliseconds, got ${String(timeout)}`,
      );
    }
    for (const [name, address] of Object.entries(raw.addresses ?? {})) {
      if (address === undefined) continue;
      if (typeof address !== 'string' || !isAddress(address, { strict: false })) {
        throw new OptionProblem(
          `live.addresses.${name}`,
          `live.addresses.${name} is not an address: ${String(address)}`,
        );
      }
      addresses[name as keyof SessionAddresses] = address as `0x${string}`;
    }
    live = {
      rpcUrl: raw.rpcUrl as string,
      ...(raw.l1RpcUrl === undefined ? {} : { l1RpcUrl: raw.l1RpcUrl as string }),
      ...(Object.keys(addresses).length ? { addresses } : {}),
      chainId: (raw.chainId as number | undefined) ?? ARBITRUM_ONE_CHAIN_ID,
      l1ChainId: (raw.l1ChainId as number | undefined) ?? ETHEREUM_CHAIN_ID,
      ...(timeout === undefined ? {} : { httpTimeoutMs: timeout as number }),
    };
  }
  const holdings = checkHoldings(options.nonCirculating, live !== null, addresses);
  return { id: (options.id as string | undefined) ?? 'session', preset, holdings, live };
}

/**
 * The Session adapter's options as a configuration writes them
 * ({@link SessionAdapterOptions}), validated into a {@link SessionConfig}: a
 * strict zod schema, so a typo'd key fails with a message naming it; every
 * message starts `session adapter:` and names the option.
 *
 * @example
 * ```ts
 * import { optionsSchema } from '@tokenomics/adapter-session';
 *
 * optionsSchema.parse({ preset: 'tge-2025-05-21' }).preset; // 'tge-2025-05-21'
 * optionsSchema.safeParse({ preest: 'seed' }).error?.issues[0]?.message;
 * // 'session adapter: unknown option "preest"; options are id, preset, nonCirculating, live'
 * ```
 */
export const optionsSchema = z
  .strictObject(topShape, {
    error: (issue) =>
      unknownKey('', Object.keys(topShape))(issue) ??
      `${PREFIX}the options must be an object of ${Object.keys(topShape).join(', ')}`,
  })
  .transform((options, ctx): SessionConfig => {
    try {
      return check(options as RawOptions);
    } catch (error) {
      if (!(error instanceof OptionProblem)) throw error;
      ctx.addIssue({ code: 'custom', message: `${PREFIX}${error.message}`, path: error.option.split('.') });
      return z.NEVER;
    }
  });

/**
 * Validates options with {@link optionsSchema}, throwing the first problem as
 * a coded error.
 *
 * @throws TokenomicsError CONFIGURATION naming the option (`details.option`): an unknown key or preset
 *   (listing the valid ones), a bad URL, address or chain id, or a bad non-circulating holding
 * @example
 * ```ts
 * import { parseSessionOptions } from './options.js';
 *
 * parseSessionOptions({ live: { rpcUrl: 'https://arb1.arbitrum.io/rpc' } }).preset; // 'tge-2025-05-21'
 * ```
 */
export function parseSessionOptions(options: unknown = {}): SessionConfig {
  const parsed = optionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const option = issue.path
    .map((part) => (typeof part === 'number' ? `[${part}]` : String(part)))
    .join('.')
    .replaceAll('.[', '[');
  const message = issue.message.startsWith(PREFIX)
    ? issue.message
    : `${PREFIX}${option || 'options'}: ${issue.message}`;
  throw new TokenomicsError('CONFIGURATION', message, { details: { option } });
}

/** The environment variables {@link sessionOptionsFromEnv} reads, by the option they set. */
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

/** {@link SESSION_ENV} with what each variable sets, for `--help` and the README. */
export const SESSION_ENV_VARS: readonly AdapterEnvVar[] = [
  { name: SESSION_ENV.rpcUrl, description: 'Arbitrum One JSON-RPC; live when set' },
  { name: SESSION_ENV.l1RpcUrl, description: 'Ethereum JSON-RPC for the L1 total supply (optional)' },
  {
    name: SESSION_ENV.preset,
    description: 'seed or tge-2025-05-21 (default: tge-2025-05-21 live, seed otherwise)',
  },
  {
    name: SESSION_ENV.nonCirculating,
    description: 'non-circulating holdings as JSON: [{"address","label","amount"?}]',
  },
  { name: SESSION_ENV.token, description: 'SESH address on Arbitrum One' },
  { name: SESSION_ENV.l1Token, description: 'SESH address on Ethereum' },
  { name: SESSION_ENV.serviceNodeRewards, description: 'ServiceNodeRewards address' },
  { name: SESSION_ENV.rewardRatePool, description: 'RewardRatePool address' },
  { name: SESSION_ENV.chainId, description: 'the chain id the RPC must answer (default 42161)' },
  { name: SESSION_ENV.l1ChainId, description: 'the chain id the L1 RPC must answer (default 1)' },
];

/**
 * Adapter options from the environment over a configuration's: live when
 * `SESSION_RPC_URL` is set (with `SESSION_L1_RPC_URL`, the `SESSION_*_ADDRESS`
 * overrides and `SESSION_CHAIN_ID` / `SESSION_L1_CHAIN_ID` for other chains),
 * the preset from `SESSION_PRESET`, non-circulating holdings from
 * `SESSION_NON_CIRCULATING` (a JSON list of `{ "address", "label", "amount"? }`).
 * Validation happens in {@link optionsSchema}.
 *
 * @throws TokenomicsError CONFIGURATION when SESSION_NON_CIRCULATING is not JSON
 * @example
 * ```ts
 * import { sessionAdapter, sessionOptionsFromEnv } from '@tokenomics/adapter-session';
 *
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
        `${PREFIX}${SESSION_ENV.nonCirculating} must be a JSON list of { "address", "label", "amount"? }`,
        { details: { variable: SESSION_ENV.nonCirculating } },
      );
    }
  }
  const rpcUrl = read(SESSION_ENV.rpcUrl);
  if (rpcUrl) {
    const addresses: Partial<SessionAddresses> = { ...base.live?.addresses };
    for (const key of ADDRESS_KEYS) {
      const value = read(SESSION_ENV[key]);
      if (value) addresses[key] = value as `0x${string}`;
    }
    const l1RpcUrl = read(SESSION_ENV.l1RpcUrl) ?? base.live?.l1RpcUrl;
    // Checked by optionsSchema: a value that is not a positive integer is a CONFIGURATION error there.
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
