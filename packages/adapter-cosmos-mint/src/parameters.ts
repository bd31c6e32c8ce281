import { decimalKind, defineParameters, instantKind, integerKind, type Preset } from '@tokenomics/core';
import { slashingParameterSchema } from '@tokenomics/cosmos-rest';

import { type ChainInfo, COSMOSHUB_CHAIN } from './token.js';

/** The project's methodology page for the x/mint adapter: each reading, parameter and formula, with its public sources. */
export const COSMOS_MINT_METHODOLOGY = 'docs/methodology/cosmos-mint.md';
const METHOD = COSMOS_MINT_METHODOLOGY;

/**
 * Every parameter the x/mint model uses. The first four are the state the
 * model steps from (the anchor); the rest are the chain's x/mint,
 * x/distribution and x/slashing parameters under their REST names in camelCase
 * (the five x/slashing ones are the shared `slashingParameterSchema` of
 * `@tokenomics/cosmos-rest`).
 */
export const cosmosMintParameters = defineParameters({
  anchorTime: {
    label: 'Anchor time',
    description:
      'The instant the anchor state (supply, inflation, bonded ratio) holds at: the model steps forward from it block by block, and instants before it are refused. A live source sets it to the latest block’s time.',
    kind: instantKind(),
  },
  anchorSupply: {
    label: 'Total supply at the anchor',
    unit: 'tokens',
    description: 'Total supply of the mint denom at the anchor time, in whole tokens.',
    kind: decimalKind({ min: '0', minExclusive: true, amount: true }),
  },
  anchorInflation: {
    label: 'Inflation at the anchor',
    unit: 'per year',
    description:
      'x/mint’s annual inflation rate (the minter’s `inflation`, the total: x/mint has no treasury share) at the anchor time; the next block moves it by the per-block change and clamps it to [inflationMin, inflationMax].',
    kind: decimalKind({ type: 'RATE', min: '0', max: '1', maxExclusive: true }),
  },
  bondedRatio: {
    label: 'Bonded ratio',
    description:
      'Bonded tokens / total supply, as x/staking’s BondedRatio. HELD CONSTANT over every projection: the model does not forecast staking behaviour. Staked = bondedRatio × total; staked tokens count as circulating.',
    kind: decimalKind({ type: 'RATE', min: '0', minExclusive: true, max: '1' }),
  },
  inflationRateChange: {
    label: 'Inflation rate change',
    unit: 'per year',
    description:
      'x/mint `inflation_rate_change`: the most the inflation rate moves in a year, reached when nothing is bonded; the change per year is (1 − bondedRatio / goalBonded) × this.',
    kind: decimalKind({ type: 'RATE', min: '0' }),
  },
  inflationMax: {
    label: 'Maximum inflation',
    unit: 'per year',
    description: 'x/mint `inflation_max`: the ceiling of the annual inflation rate.',
    kind: decimalKind({ type: 'RATE', min: '0', max: '1', maxExclusive: true }),
  },
  inflationMin: {
    label: 'Minimum inflation',
    unit: 'per year',
    description: 'x/mint `inflation_min`: the floor of the annual inflation rate (≤ inflationMax).',
    kind: decimalKind({ type: 'RATE', min: '0', max: '1', maxExclusive: true }),
  },
  goalBonded: {
    label: 'Goal bonded',
    description:
      'x/mint `goal_bonded`: the bonded ratio inflation steers toward; below it inflation rises, above it it falls.',
    kind: decimalKind({ type: 'RATE', min: '0', minExclusive: true, max: '1' }),
  },
  blocksPerYear: {
    label: 'Blocks per year',
    unit: 'blocks/year',
    description:
      'x/mint `blocks_per_year`: each block mints 1/blocksPerYear of the annual provisions and moves inflation by 1/blocksPerYear of the yearly change. The model also takes it as the number of blocks in a 365.25-day year. At most 1,000,000,000 (a block every 32 ms), so block counts over centuries stay exact integers.',
    kind: integerKind({ min: 1, max: 1_000_000_000 }),
  },
  communityTax: {
    label: 'Community tax',
    description:
      'x/distribution `community_tax`: the share of minted tokens and fees sent to the community pool instead of stakers.',
    kind: decimalKind({ type: 'RATE', min: '0', max: '1' }),
  },
  ...slashingParameterSchema,
});

/** The x/mint parameter schema. */
export type CosmosMintParameters = typeof cosmosMintParameters;

/** A preset for one chain: parameter values with their sources, and the chain's token. */
export interface CosmosChainPreset extends Preset<CosmosMintParameters> {
  chain: ChainInfo;
}

/** The Cosmos Hub's parameters as the cosmos/governance repository publishes them, at a commit. */
const GOV_PARAMS =
  'https://github.com/cosmos/governance/blob/c80871118a3f99f3cdcda69184c88de26c2965a7/current-parameters.json';
const BLOCKS_PER_YEAR_PROPOSAL =
  'https://github.com/cosmos/governance/blob/475879bf7bde79f13719d21c4bc7f338845c572d/proposals/2020-10-blocks-per-year/README.md';
const CHORUS = 'https://chorus.one/articles/a-year-of-data-on-cosmos-staking';

/**
 * The Cosmos Hub: x/mint, x/distribution and x/slashing parameters as the
 * Cosmos governance repository publishes them, stepped from the Hub's launch.
 */
export const COSMOSHUB_PRESET: CosmosChainPreset = {
  name: 'cosmoshub',
  description:
    'The Cosmos Hub (ATOM, uatom, 6 decimals): mint, distribution and slashing parameters as published in the cosmos/governance repository’s current-parameters.json (inflation 7–20 %, rate change 13 %/year, goal 67 % bonded, 4,360,000 blocks a year, community tax 2 %), stepped from the launch supply of 236.2 million ATOM on 2019-03-13. Governance has changed some values since (e.g. proposal 848 capped inflation at 10 % in November 2023, as reported by The Block, https://www.theblock.co/post/264717): use the live source for today’s.',
  chain: COSMOSHUB_CHAIN,

  values: {
    anchorTime: {
      value: '2019-03-13T23:00:00Z',
      source: `${CHORUS} (Chorus One, "A year of data on Cosmos staking": the first block on March 13 2019 at 11pm UTC); ${METHOD}#the-cosmos-hub-preset`,
    },
    anchorSupply: {
      value: '236200000',
      source: `${CHORUS} ("236.2m ATOM at launch", published rounded to 0.1 million); ${METHOD}#the-cosmos-hub-preset`,
    },
    anchorInflation: {
      value: '0.07',
      source: `${METHOD}#the-cosmos-hub-preset (assumed: inflation_min of ${GOV_PARAMS}, mint.inflation_min; ${CHORUS} describes inflation at its 7 % floor while more than ⅔ is staked; the launch minter is not published there)`,
      assumption: true,
    },
    bondedRatio: {
      value: '0.67',
      source: `${METHOD}#the-cosmos-hub-preset (assumed: held at goal_bonded, ${GOV_PARAMS}, mint.goal_bonded, so inflation holds its rate; ${CHORUS} shows staking near the ⅔ target); a live source reads the staking pool`,
      assumption: true,
    },
    inflationRateChange: {
      value: '0.13',
      source: `${GOV_PARAMS} (mint.inflation_rate_change "0.130000000000000000", also the SDK default)`,
    },
    inflationMax: {
      value: '0.2',
      source: `${GOV_PARAMS} (mint.inflation_max "0.200000000000000000")`,
    },
    inflationMin: {
      value: '0.07',
      source: `${GOV_PARAMS} (mint.inflation_min "0.070000000000000000")`,
    },
    goalBonded: {
      value: '0.67',
      source: `${GOV_PARAMS} (mint.goal_bonded "0.670000000000000000")`,
    },
    blocksPerYear: {
      value: '4360000',
      source: `${GOV_PARAMS} (mint.blocks_per_year "4360000"); ${BLOCKS_PER_YEAR_PROPOSAL} (set in 2020-10, from 4,855,015 at launch)`,
    },
    communityTax: {
      value: '0.02',
      source: `${GOV_PARAMS} (distribution.community_tax "0.020000000000000000")`,
    },
    signedBlocksWindow: {
      value: '10000',
      source: `${GOV_PARAMS} (slashing.signed_blocks_window "10000")`,
    },
    minSignedPerWindow: {
      value: '0.05',
      source: `${GOV_PARAMS} (slashing.min_signed_per_window "0.050000000000000000")`,
    },
    downtimeJailSeconds: {
      value: '600s',
      source: `${GOV_PARAMS} (slashing.downtime_jail_duration "600s")`,
    },
    slashFractionDowntime: {
      value: '0.0001',
      source: `${GOV_PARAMS} (slashing.slash_fraction_downtime "0.000100000000000000")`,
    },
    slashFractionDoubleSign: {
      value: '0.05',
      source: `${GOV_PARAMS} (slashing.slash_fraction_double_sign "0.050000000000000000")`,
    },
  },
};

/** The built-in chain presets by name; `cosmoshub` is the default. */
export const COSMOS_MINT_PRESETS = {
  cosmoshub: COSMOSHUB_PRESET,
} as const satisfies Record<string, CosmosChainPreset>;

/** A built-in preset name. */
export type CosmosMintPresetName = keyof typeof COSMOS_MINT_PRESETS;
