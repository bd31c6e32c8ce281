import { TokenomicsError } from '@tokenomics/core';
import { type NonCirculatingHolding, normalizeBaseUrl, strictOptions } from '@tokenomics/cosmos-rest';
import { z } from 'zod';
import { SYNTERNET_PRESETS, type SynternetPresetName } from './parameters.js';
import { SYNTERNET_CHAIN_ID, SYNTERNET_TREASURY_ADDRESS } from './token.js';

/** Options of the live source. */
export interface SynternetLiveOptions {
  /** A Cosmos SDK REST (LCD) base URL, e.g. `https://api.synternet.com`. */
  lcdUrl: string;
  /** The account whose balance is the treasury; defaults to {@link SYNTERNET_TREASURY_ADDRESS}. */
  treasuryAddress?: string;
  /** The chain the node must answer for; defaults to {@link SYNTERNET_CHAIN_ID} (a testnet: `amber-2`). */
  chainId?: string;
}

/** Options of `synternetAdapter`: plain JSON, so a configuration file can carry them. */
export interface SynternetAdapterOptions {
  /** The protocol id; default `synternet`. */
  id?: string;
  /** The parameter preset; default `seed` for a snapshot, `chain-2025` (the published figures) when live. */
  preset?: SynternetPresetName;
  /** Read the chain over Cosmos REST instead of the snapshot. */
  live?: SynternetLiveOptions;
  /**
   * Accounts whose balances are not in holders' hands besides the treasury
   * (a vesting or bridge account): each a `synt1…` address and a label, and
   * for a snapshot the amount in whole SYNT. A live source reads each
   * balance (a configured amount is then unused). Subtracted from
   * circulating and shown as its own supply bucket.
   */
  nonCirculating?: NonCirculatingHolding[];
}

/**
 * The options as a configuration file writes them: a strict schema, so a
 * typo'd key is refused with Synternet's message (naming the valid keys).
 * Addresses, URLs and chain ids are checked in depth by `synternetAdapter`.
 *
 * @example
 * ```ts
 * import { optionsSchema } from '@tokenomics/adapter-synternet';
 *
 * optionsSchema.safeParse({ prest: 'seed' }).success; // false: unknown Synternet option "prest"; valid: id, preset, live, nonCirculating
 * ```
 */
export const optionsSchema: z.ZodType<SynternetAdapterOptions> = strictOptions('Synternet', 'option(s)', {
  id: z.string().min(1).optional(),
  preset: z
    .string()
    .refine((name) => Object.hasOwn(SYNTERNET_PRESETS, name), {
      error: (issue) =>
        `unknown Synternet preset ${JSON.stringify(issue.input)}; valid presets: ${Object.keys(SYNTERNET_PRESETS).join(', ')}`,
    })
    .optional() as z.ZodType<SynternetPresetName | undefined>,
  live: strictOptions('Synternet', 'live option(s)', {
    lcdUrl: z.string().min(1),
    treasuryAddress: z.string().optional(),
    chainId: z.string().optional(),
  }).optional(),
  nonCirculating: z
    .array(
      strictOptions('Synternet', 'nonCirculating key(s)', {
        address: z.string(),
        label: z.string(),
        amount: z.string().optional(),
      }),
    )
    .optional(),
});

/** The environment variables {@link fromEnv} reads, for `--help` and the README. */
export const env = [
  { name: 'SYNTERNET_LCD_URL', description: 'read Synternet live from this Cosmos REST (LCD) URL' },
  { name: 'SYNTERNET_PRESET', description: 'the parameter preset (seed, chain-2025)' },
  { name: 'SYNTERNET_TREASURY_ADDRESS', description: 'the treasury account when live (synt1…)' },
  { name: 'SYNTERNET_CHAIN_ID', description: 'the chain id the LCD must answer for (default synternet-1)' },
] as const;

/**
 * Adapter options from the environment over a configuration's options: live
 * when `SYNTERNET_LCD_URL` is set (with `SYNTERNET_TREASURY_ADDRESS` to read
 * another treasury and `SYNTERNET_CHAIN_ID` for another chain than
 * `synternet-1`; the preset then defaults to `chain-2025`), the preset from
 * `SYNTERNET_PRESET`. The result is validated by {@link optionsSchema}.
 *
 * @example
 * ```ts
 * import { fromEnv } from '@tokenomics/adapter-synternet';
 *
 * fromEnv({ SYNTERNET_LCD_URL: 'https://api.synternet.com' }, {}); // { live: { lcdUrl: 'https://api.synternet.com' } }
 * ```
 */
export function fromEnv(
  environment: Readonly<Record<string, string | undefined>>,
  options: Record<string, unknown>,
): Record<string, unknown> {
  const read = (name: string) => environment[name]?.trim() || undefined;
  const result: Record<string, unknown> = { ...options };
  const preset = read('SYNTERNET_PRESET');
  if (preset) result.preset = preset;
  const lcdUrl = read('SYNTERNET_LCD_URL');
  if (lcdUrl) {
    const base = (typeof options.live === 'object' && options.live !== null ? options.live : {}) as Record<
      string,
      unknown
    >;
    const treasuryAddress = read('SYNTERNET_TREASURY_ADDRESS') ?? base.treasuryAddress;
    const chainId = read('SYNTERNET_CHAIN_ID') ?? base.chainId;
    result.live = {
      ...base,
      lcdUrl,
      ...(treasuryAddress === undefined ? {} : { treasuryAddress }),
      ...(chainId === undefined ? {} : { chainId }),
    };
  }
  return result;
}

const TREASURY_ADDRESS = /^synt1[02-9ac-hj-np-z]{38}$/;
/** A Cosmos chain id: `synternet-1`, `amber-2`, `cosmoshub-4`. */
const CHAIN_ID = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$/;

/**
 * Checks live options; a bad URL, address or chain id is a CONFIGURATION error at start-up.
 *
 * @example
 * ```ts
 * import { checkLiveOptions } from '@tokenomics/adapter-synternet';
 *
 * checkLiveOptions({ lcdUrl: 'https://api.synternet.com' }).treasuryAddress; // 'synt1nwhx5p30…'
 * ```
 */
export function checkLiveOptions(options: SynternetLiveOptions): Required<SynternetLiveOptions> {
  const lcdUrl = normalizeBaseUrl(options.lcdUrl);
  const treasuryAddress = options.treasuryAddress ?? SYNTERNET_TREASURY_ADDRESS;
  if (!TREASURY_ADDRESS.test(treasuryAddress)) {
    throw new TokenomicsError(
      'CONFIGURATION',
      `the treasury address must be a Synternet account address (synt1…, 43 characters), got ${JSON.stringify(treasuryAddress)}`,
      { details: { treasuryAddress } },
    );
  }
  const chainId = options.chainId ?? SYNTERNET_CHAIN_ID;
  if (typeof chainId !== 'string' || !CHAIN_ID.test(chainId)) {
    throw new TokenomicsError(
      'CONFIGURATION',
      `the chain id must be a Cosmos chain id such as "synternet-1", got ${JSON.stringify(chainId)}`,
      { details: { chainId } },
    );
  }
  return { lcdUrl, treasuryAddress, chainId };
}
