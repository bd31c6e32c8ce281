import { decimalKind, defineParameters, instantKind, type Preset, TokenomicsError } from '@tokenomics/core';

/**
 * Every parameter the model uses: what it means, its unit and what values are
 * valid. Mark each amount of the token `amount: true`: an override finer than
 * its base unit (`token.decimals`) is then refused (BAD_INPUT, BASE_UNIT).
 */
export const adapterParameters = defineParameters({
  supply: {
    label: 'Total supply',
    unit: '__SYMBOL__',
    description: 'Every token that exists: minted at genesis, never more (max = total).',
    kind: decimalKind({ min: '0', minExclusive: true, amount: true }),
  },
  treasury: {
    label: 'Treasury balance',
    unit: '__SYMBOL__',
    description: 'Tokens held by the treasury, not circulating (circulating = total − treasury).',
    kind: decimalKind({ min: '0', amount: true }),
  },
  genesis: {
    label: 'Genesis',
    description: 'The instant the token exists from; instants before it are refused.',
    kind: instantKind(),
  },
});

/** Where to read how sources are written (a file of this repository, so the placeholder sources can be followed). */
const GUIDE = 'docs/adding-an-adapter.md#3-parameters-presets-and-provenance';

/** The parameter schema. */
export type AdapterParameters = typeof adapterParameters;

/**
 * The default preset. Every value needs a `source` a user can follow: a
 * public https:// URL (a documentation page, a contract or genesis file at a
 * commit, a governance proposal) and/or a file of this repository, such as the
 * methodology page you write for the protocol (docs/methodology/<id>.md). The
 * placeholders point at the guide's section on provenance until you replace them.
 * Set `assumption: true` on a value that is your assumption, not a published figure.
 */
export const DEFAULT_PRESET: Preset<AdapterParameters> = {
  name: 'default',
  description:
    'TODO: say where these figures come from (a whitepaper, a genesis file, a governance proposal).',
  values: {
    supply: {
      value: '1000000000',
      source: `TODO: cite the document or chain parameter giving the total supply (placeholder value; ${GUIDE})`,
      assumption: true,
    },
    treasury: {
      value: '100000000',
      source: `TODO: cite the treasury allocation (placeholder value; ${GUIDE})`,
      assumption: true,
    },
    genesis: {
      value: '2025-01-01T00:00:00Z',
      source: `TODO: cite the genesis time (placeholder value; ${GUIDE})`,
      assumption: true,
    },
  },
};

/** The presets by name; `default` is the default. */
export const PRESETS: Readonly<Record<string, Preset<AdapterParameters>>> = { default: DEFAULT_PRESET };

/**
 * The preset of that name.
 *
 * @throws TokenomicsError CONFIGURATION for an unknown preset (listing the valid ones)
 * @example
 * ```ts
 * import { presetNamed } from '__PACKAGE_NAME__';
 *
 * presetNamed('default').values.supply.value; // '1000000000'
 * ```
 */
export function presetNamed(name: string): Preset<AdapterParameters> {
  const preset = PRESETS[name];
  if (!preset) {
    const valid = Object.keys(PRESETS);
    throw new TokenomicsError(
      'CONFIGURATION',
      `unknown preset ${JSON.stringify(name)}; valid presets: ${valid.join(', ')}`,
      { details: { preset: name, validPresets: valid } },
    );
  }
  return preset;
}
