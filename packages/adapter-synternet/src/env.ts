import type { SynternetAdapterOptions } from './index.js';
import type { SynternetPresetName } from './parameters.js';

/** The environment variables {@link synternetOptionsFromEnv} reads. */
export const SYNTERNET_ENV = {
  lcdUrl: 'SYNTERNET_LCD_URL',
  preset: 'SYNTERNET_PRESET',
  treasuryAddress: 'SYNTERNET_TREASURY_ADDRESS',
  chainId: 'SYNTERNET_CHAIN_ID',
} as const;

/**
 * Adapter options from the environment: live when `SYNTERNET_LCD_URL` is set
 * (with `SYNTERNET_TREASURY_ADDRESS` to read another treasury and
 * `SYNTERNET_CHAIN_ID` for another chain than `synternet-1`; the preset then
 * defaults to `chain-2025`), the preset from `SYNTERNET_PRESET`. Validation
 * happens in `synternetAdapter`.
 *
 * @example
 * ```ts
 * synternetAdapter(synternetOptionsFromEnv({ SYNTERNET_LCD_URL: 'https://api.synternet.com' }));
 * ```
 */
export function synternetOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  base: SynternetAdapterOptions = {},
): SynternetAdapterOptions {
  const read = (name: string) => env[name]?.trim() || undefined;
  const options: SynternetAdapterOptions = { ...base };
  const preset = read(SYNTERNET_ENV.preset);
  if (preset) options.preset = preset as SynternetPresetName;
  const lcdUrl = read(SYNTERNET_ENV.lcdUrl);
  if (lcdUrl) {
    const treasuryAddress = read(SYNTERNET_ENV.treasuryAddress) ?? base.live?.treasuryAddress;
    const chainId = read(SYNTERNET_ENV.chainId) ?? base.live?.chainId;
    options.live = {
      ...base.live,
      lcdUrl,
      ...(treasuryAddress === undefined ? {} : { treasuryAddress }),
      ...(chainId === undefined ? {} : { chainId }),
    };
  }
  return options;
}
