import {
  type ParameterData,
  resolveParameters,
  type SourcedValue,
  type TokenInfo,
  TokenomicsError,
} from '@tokenomics/core';
import {
  type CheckedHolding,
  checkNonCirculatingHoldings,
  type NonCirculatingHolding,
  normalizeBaseUrl,
  strictOptions,
} from '@tokenomics/cosmos-rest';
import { z } from 'zod';
import {
  COSMOS_MINT_PRESETS,
  type CosmosChainPreset,
  type CosmosMintParameters,
  type CosmosMintPresetName,
  cosmosMintParameters,
} from './parameters.js';

/** Options of the live source. */
export interface CosmosMintLiveOptions {
  /** A Cosmos SDK REST (LCD) base URL, e.g. `https://rest.cosmos.directory/cosmoshub`. */
  lcdUrl: string;
  /**
   * The chain id the node must answer for, e.g. `cosmoshub-4`; default the
   * preset's `chain.chainId`. Required when the preset names none.
   */
  chainId?: string;
}

/** Live options after validation: the chain id is always known. */
export interface ResolvedCosmosMintLiveOptions {
  lcdUrl: string;
  chainId: string;
}

/**
 * Options of `cosmosMintAdapter`: plain JSON, so a `gateway.config.json`
 * entry can carry them. Only `id` is required.
 */
export interface CosmosMintAdapterOptions {
  /** The protocol id, required: each instance names its chain (`cosmoshub`, `testchain`…). */
  id: string;
  /** The chain's display name; default: the preset's chain name. */
  name?: string;
  /** A built-in preset name (`cosmoshub`, the default) or a whole preset object for another chain. */
  preset?: CosmosMintPresetName | CosmosChainPreset;
  /** Replaces some of the preset's values, each with its source (e.g. another chain's supply). */
  parameters?: Partial<ParameterData<CosmosMintParameters>>;
  /** The mint denom; default: the preset's (`uatom`). */
  denom?: string;
  /** Decimals of the base unit; default: the preset's (6). */
  decimals?: number;
  /** The token symbol; default: the preset's (`ATOM`). */
  symbol?: string;
  /** The token's name; default: the preset's. */
  tokenName?: string;
  /** Read the chain over Cosmos REST instead of the snapshot. */
  live?: CosmosMintLiveOptions;
  /** The chain's bech32 account prefix (e.g. `cosmos`); default: the preset's. Needed for `nonCirculating`. */
  bech32Prefix?: string;
  /**
   * Accounts whose balances are not in holders' hands (a vesting or module
   * account): each an address of the chain and a label, and for a snapshot
   * the amount in whole tokens. A live source reads each balance.
   * Subtracted from circulating and shown as its own supply bucket.
   */
  nonCirculating?: NonCirculatingHolding[];
}

/** Options after validation, with defaults filled in. */
export interface ResolvedCosmosMintOptions {
  id: string;
  name: string;
  preset: CosmosChainPreset;
  token: TokenInfo;
  denom: string;
  live: ResolvedCosmosMintLiveOptions | null;
  /** The configured non-circulating holdings, checked. */
  holdings: CheckedHolding[];
}

const ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const DENOM = /^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$/;
const SYMBOL = /^[A-Za-z0-9.-]{1,16}$/;
const BECH32_PREFIX = /^[a-z][a-z0-9]{0,31}$/;
/** A Cosmos chain id: `cosmoshub-4`, `osmosis-1`, `synternet-1`. */
const CHAIN_ID = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$/;
const OPTION_KEYS = [
  'id',
  'name',
  'preset',
  'parameters',
  'denom',
  'decimals',
  'symbol',
  'tokenName',
  'live',
  'bech32Prefix',
  'nonCirculating',
];

/** A source from the configuration says so, as the SOURCES rule asks (docs/methodology/cosmos-mint.md#sources). */
function fromConfiguration(
  values: Partial<ParameterData<CosmosMintParameters>>,
): Partial<ParameterData<CosmosMintParameters>> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      value && !value.source.startsWith('configuration: ')
        ? { ...value, source: `configuration: ${value.source}` }
        : value,
    ]),
  ) as Partial<ParameterData<CosmosMintParameters>>;
}

function configurationError(message: string, details: Record<string, unknown> = {}): TokenomicsError {
  return new TokenomicsError('CONFIGURATION', message, { details });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(options: Record<string, unknown>, key: string): string | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw configurationError(`option "${key}" must be a non-empty string, got ${JSON.stringify(value)}`, {
      option: key,
    });
  }
  return value;
}

function checkSourcedValues(where: string, data: unknown): Partial<ParameterData<CosmosMintParameters>> {
  if (!isRecord(data))
    throw configurationError(`${where} must be an object of { value, source } by parameter key`);
  const validKeys = Object.keys(cosmosMintParameters);
  for (const [key, entry] of Object.entries(data)) {
    if (!validKeys.includes(key)) {
      throw configurationError(
        `${where} names unknown parameter "${key}"; valid keys: ${validKeys.join(', ')}`,
        {
          key,
          validKeys,
        },
      );
    }
    const sourced = entry as Partial<SourcedValue> | null;
    if (
      !isRecord(sourced) ||
      typeof sourced.value !== 'string' ||
      typeof sourced.source !== 'string' ||
      sourced.source.trim() === ''
    ) {
      throw configurationError(
        `${where}.${key} must be { "value": "<text>", "source": "<where it comes from>" } with a non-empty source`,
        { key },
      );
    }
  }
  return data as Partial<ParameterData<CosmosMintParameters>>;
}

function resolvePreset(option: unknown): CosmosChainPreset {
  if (option === undefined) return COSMOS_MINT_PRESETS.cosmoshub;
  const valid = Object.keys(COSMOS_MINT_PRESETS);
  if (typeof option === 'string') {
    if (!Object.hasOwn(COSMOS_MINT_PRESETS, option)) {
      throw configurationError(
        `unknown x/mint preset ${JSON.stringify(option)}; valid presets: ${valid.join(', ')}, or a preset object`,
        { preset: option, validPresets: valid },
      );
    }
    return COSMOS_MINT_PRESETS[option as CosmosMintPresetName];
  }
  if (!isRecord(option) || typeof option.name !== 'string' || typeof option.description !== 'string') {
    throw configurationError(
      `option "preset" must be one of ${valid.join(', ')} or an object { name, description, chain, values }`,
    );
  }
  const chain = option.chain;
  if (
    !isRecord(chain) ||
    typeof chain.name !== 'string' ||
    typeof chain.denom !== 'string' ||
    typeof chain.decimals !== 'number' ||
    typeof chain.symbol !== 'string' ||
    typeof chain.tokenName !== 'string'
  ) {
    throw configurationError(
      `preset "${option.name}" needs chain: { name, denom, decimals, symbol, tokenName }`,
    );
  }
  const values = fromConfiguration(checkSourcedValues(`preset "${option.name}".values`, option.values));
  return { ...(option as unknown as CosmosChainPreset), values: values as CosmosChainPreset['values'] };
}

/**
 * Validates adapter options as they come from a configuration file (any
 * JSON) and fills in defaults from the preset. Every problem is a
 * CONFIGURATION error that names the option and what is valid.
 *
 * @throws TokenomicsError CONFIGURATION
 * @example
 * ```ts
 * import { resolveOptions } from '@tokenomics/adapter-cosmos-mint';
 *
 * resolveOptions({ id: 'testchain', denom: 'utest', decimals: 9, symbol: 'TEST' }).token;
 * // { symbol: 'TEST', name: 'Cosmos Hub Atom', decimals: 9 } — name from the preset unless tokenName is given
 * ```
 */
export function resolveOptions(input: unknown): ResolvedCosmosMintOptions {
  if (!isRecord(input))
    throw configurationError('cosmos-mint options must be an object with at least an "id"');
  const unknown = Object.keys(input).filter((key) => !OPTION_KEYS.includes(key));
  if (unknown.length > 0) {
    throw configurationError(
      `unknown option(s) ${unknown.join(', ')}; valid options: ${OPTION_KEYS.join(', ')}`,
      {
        unknown,
        validOptions: OPTION_KEYS,
      },
    );
  }
  const id = input.id;
  if (typeof id !== 'string' || !ID.test(id)) {
    throw configurationError(
      `option "id" is required and must be lowercase letters, digits, "-" or "_" (e.g. "cosmoshub"), got ${JSON.stringify(id)}`,
      { option: 'id' },
    );
  }
  const base = resolvePreset(input.preset);
  const extra =
    input.parameters === undefined
      ? {}
      : fromConfiguration(checkSourcedValues('option "parameters"', input.parameters));
  const preset: CosmosChainPreset = { ...base, values: { ...base.values, ...extra } };

  const denom = optionalString(input, 'denom') ?? preset.chain.denom;
  if (!DENOM.test(denom)) {
    throw configurationError(
      `option "denom" must be a Cosmos denom such as "uatom", got ${JSON.stringify(denom)}`,
      {
        option: 'denom',
      },
    );
  }
  const decimals = input.decimals ?? preset.chain.decimals;
  if (typeof decimals !== 'number' || !Number.isInteger(decimals) || decimals < 0 || decimals > 24) {
    throw configurationError(
      `option "decimals" must be an integer from 0 to 24, got ${JSON.stringify(decimals)}`,
      {
        option: 'decimals',
      },
    );
  }
  const symbol = optionalString(input, 'symbol') ?? preset.chain.symbol;
  if (!SYMBOL.test(symbol)) {
    throw configurationError(
      `option "symbol" must be 1–16 letters or digits, got ${JSON.stringify(symbol)}`,
      {
        option: 'symbol',
      },
    );
  }
  const tokenName = optionalString(input, 'tokenName') ?? preset.chain.tokenName;
  const name = optionalString(input, 'name') ?? preset.chain.name;

  let live: ResolvedCosmosMintLiveOptions | null = null;
  if (input.live !== undefined) {
    if (!isRecord(input.live) || typeof input.live.lcdUrl !== 'string') {
      throw configurationError('option "live" must be { "lcdUrl": "https://…", "chainId"?: "…" }', {
        option: 'live',
      });
    }
    const chainId = input.live.chainId ?? preset.chain.chainId;
    if (chainId === undefined) {
      throw configurationError(
        `option "live.chainId" is required: preset "${preset.name}" names no chain id (set "chain.chainId" or "live.chainId", e.g. "osmosis-1")`,
        { option: 'live.chainId' },
      );
    }
    if (typeof chainId !== 'string' || !CHAIN_ID.test(chainId)) {
      throw configurationError(
        `option "live.chainId" must be a Cosmos chain id such as "cosmoshub-4", got ${JSON.stringify(chainId)}`,
        { option: 'live.chainId' },
      );
    }
    live = { lcdUrl: normalizeBaseUrl(input.live.lcdUrl), chainId };
  }

  const prefix = optionalString(input, 'bech32Prefix') ?? preset.chain.bech32Prefix;
  if (prefix !== undefined && !BECH32_PREFIX.test(prefix)) {
    throw configurationError(
      `option "bech32Prefix" must be a chain's bech32 prefix such as "cosmos" (lowercase letters and digits), got ${JSON.stringify(prefix)}`,
      { option: 'bech32Prefix' },
    );
  }
  let holdings: CheckedHolding[] = [];
  if (input.nonCirculating !== undefined) {
    if (prefix === undefined) {
      throw configurationError(
        'option "bech32Prefix" is needed to check the nonCirculating addresses (the preset names none)',
        { option: 'bech32Prefix' },
      );
    }
    holdings = checkNonCirculatingHoldings(input.nonCirculating, {
      prefix,
      decimals,
      requireAmount: live === null,
    });
  }

  // A preset that does not parse is a configuration error now, not on the first query.
  resolveParameters(cosmosMintParameters, [preset.values]);

  return { id, name, preset, token: { symbol, name: tokenName, decimals }, denom, live, holdings };
}

const sourcedValue = z.object({ value: z.string(), source: z.string().min(1) });

/**
 * The options as a configuration file writes them: a strict schema, so a
 * typo'd key is refused with the adapter's message (naming the valid keys);
 * `id` is required, since each instance names its chain. Denoms, URLs, chain
 * ids, presets and holdings are checked in depth by `cosmosMintAdapter`
 * ({@link resolveOptions}).
 *
 * @example
 * ```ts
 * import { optionsSchema } from '@tokenomics/adapter-cosmos-mint';
 *
 * optionsSchema.safeParse({ id: 'hub', denon: 'uatom' }).success; // false: unknown cosmos-mint option(s) "denon"; valid: id, name, …
 * ```
 */
export const optionsSchema: z.ZodType<CosmosMintAdapterOptions> = strictOptions('cosmos-mint', 'option(s)', {
  id: z.string({ error: 'option "id" is required (e.g. "cosmoshub"): each instance names its chain' }),
  name: z.string().optional(),
  preset: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  parameters: z.record(z.string(), sourcedValue).optional(),
  denom: z.string().optional(),
  decimals: z.number().int().optional(),
  symbol: z.string().optional(),
  tokenName: z.string().optional(),
  live: strictOptions('cosmos-mint', 'live option(s)', {
    lcdUrl: z.string().min(1),
    chainId: z.string().optional(),
  }).optional(),
  bech32Prefix: z.string().optional(),
  nonCirculating: z
    .array(
      strictOptions('cosmos-mint', 'nonCirculating key(s)', {
        address: z.string(),
        label: z.string(),
        amount: z.string().optional(),
      }),
    )
    .optional(),
}) as unknown as z.ZodType<CosmosMintAdapterOptions>;

/** The environment prefix of an instance: `COSMOS_MINT_` and its id upper-cased, `-` as `_` (`cosmoshub` → `COSMOS_MINT_COSMOSHUB_`). */
function envPrefix(id: string): string {
  return `COSMOS_MINT_${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_`;
}

/** The environment variables {@link fromEnv} reads, per instance (named by its id). */
export const env = [
  {
    name: 'COSMOS_MINT_<ID>_LCD_URL',
    description: 'read the instance with this id (upper-cased, - as _) live from this Cosmos REST (LCD) URL',
  },
  { name: 'COSMOS_MINT_<ID>_CHAIN_ID', description: "the chain id that instance's LCD must answer for" },
] as const;

/**
 * Adapter options from the environment over a configuration's options, per
 * instance: `COSMOS_MINT_<ID>_LCD_URL` makes the instance with that id live
 * (`COSMOS_MINT_<ID>_CHAIN_ID` sets its chain id). The result is validated
 * by {@link optionsSchema}.
 *
 * @example
 * ```ts
 * import { fromEnv } from '@tokenomics/adapter-cosmos-mint';
 *
 * fromEnv({ COSMOS_MINT_COSMOSHUB_LCD_URL: 'https://lcd.example' }, { id: 'cosmoshub' });
 * // { id: 'cosmoshub', live: { lcdUrl: 'https://lcd.example' } }
 * ```
 */
export function fromEnv(
  environment: Readonly<Record<string, string | undefined>>,
  options: Record<string, unknown>,
): Record<string, unknown> {
  if (typeof options.id !== 'string') return { ...options };
  const prefix = envPrefix(options.id);
  const read = (name: string) => environment[`${prefix}${name}`]?.trim() || undefined;
  const lcdUrl = read('LCD_URL');
  const chainId = read('CHAIN_ID');
  if (!lcdUrl && !chainId) return { ...options };
  const base = (typeof options.live === 'object' && options.live !== null ? options.live : {}) as Record<
    string,
    unknown
  >;
  return {
    ...options,
    live: { ...base, ...(lcdUrl ? { lcdUrl } : {}), ...(chainId ? { chainId } : {}) },
  };
}
