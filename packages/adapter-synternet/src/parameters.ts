import { decimalKind, decimalListKind, defineParameters, instantKind, type Preset } from '@tokenomics/core';
import { slashingParameterSchema } from '@tokenomics/cosmos-rest';

const SPEC = 'Synternet tokenomics specification';
const FACTS = 'synternet-facts.md';
const MODEL = 'MODEL.md (Synternet)';

/**
 * Every parameter the Synternet model uses, with the keys of MODEL.md
 * ("Keys a frontend can rely on") plus the treasury inflation of proposal 0008.
 * The five x/slashing ones are the shared `slashingParameterSchema` of
 * `@tokenomics/cosmos-rest`.
 */
export const synternetParameters = defineParameters({
  genesisSupply: {
    label: 'Genesis total supply',
    unit: 'SYNT',
    description:
      'Total supply when inflation year 1 starts. The snapshot steps the schedule from it; a live source anchors at the chain’s total at the latest block instead, so it is unused there.',
    kind: decimalKind({ min: '0', minExclusive: true }),
  },
  treasuryBalance: {
    label: 'Treasury balance',
    unit: 'SYNT',
    description:
      'The treasury address’s balance at the model’s anchor: at genesis for the snapshot, at the latest block when read live. Treasury inflation adds to it; circulating = total − treasury.',
    kind: decimalKind({ min: '0' }),
  },
  inflationStart: {
    label: 'Inflation year 1 start',
    description:
      'The instant inflation year 1 starts; every later year starts on its anniversary. 2024-08-01T00:00:00Z is an ASSUMPTION: proposal 0008 says year 2 starts in August 2025 without a day.',
    kind: instantKind(),
  },
  inflationSchedule: {
    label: 'Validator inflation, years 1–5',
    description:
      'The validator inflation rate of years 1 to 5, comma-separated. Each year’s allowance = rate × total at the year’s start, emitted evenly through the year (MODEL.md ruling).',
    kind: decimalListKind({ length: 5, min: '0', max: '1', maxExclusive: true }),
  },
  longTermInflation: {
    label: 'Validator inflation, years 6+',
    description:
      'The validator inflation rate from year 6 on. The specification gives a range, "0–3 %"; 0.03 is its upper bound, not a published figure.',
    kind: decimalKind({ min: '0', max: '1', maxExclusive: true }),
  },
  treasuryInflationSchedule: {
    label: 'Treasury inflation, years 1–5',
    description:
      'Inflation minted to the treasury (not to stakers) in years 1 to 5, comma-separated; allowance = rate × total at the year’s start, emitted evenly like the validator allowance.',
    kind: decimalListKind({ length: 5, min: '0', max: '1', maxExclusive: true }),
  },
  longTermTreasuryInflation: {
    label: 'Treasury inflation, years 6+',
    description:
      'Treasury inflation from year 6 on. No document gives one; 0 follows proposal 0008’s year-5 figure.',
    kind: decimalKind({ min: '0', max: '1', maxExclusive: true }),
  },
  bondedRatio: {
    label: 'Bonded ratio',
    description: 'Staked (bonded) supply / total supply. Staked = bondedRatio × total, rounded to the usynt.',
    kind: decimalKind({ min: '0', minExclusive: true, max: '1' }),
  },
  communityTax: {
    label: 'Community tax',
    description: 'The share of staking rewards x/distribution sends to the community pool.',
    kind: decimalKind({ min: '0', max: '1', maxExclusive: true }),
  },
  ...slashingParameterSchema,
  dataFeePerGB: {
    label: 'Pay-per-data protocol fee',
    unit: 'SYNT/GB',
    description: 'The protocol fee per decimal gigabyte (10^9 bytes), on top of the agent’s price.',
    kind: decimalKind({ min: '0' }),
  },
  messageFeeRate: {
    label: 'Pay-per-message protocol fee rate',
    description: 'The protocol fee per message as a fraction of the agent’s per-message price.',
    kind: decimalKind({ min: '0', max: '1' }),
  },
  messageFeeMinimum: {
    label: 'Pay-per-message minimum fee',
    unit: 'SYNT',
    description: 'The least protocol fee per message, whatever the agent’s price.',
    kind: decimalKind({ min: '0' }),
  },
  burnShare: {
    label: 'Burned share of protocol revenue',
    description:
      'The fraction of protocol revenue burned; the rest stays in the treasury. 0 by default: burns are manual and no share is published.',
    kind: decimalKind({ min: '0', max: '1' }),
  },
});

/** The Synternet parameter schema. */
export type SynternetParameters = typeof synternetParameters;

const seedValues: Preset<SynternetParameters>['values'] = {
  genesisSupply: {
    value: '1000000000',
    source: `${MODEL} Supply: total at genesis 1,000,000,000; ${FACTS} §1 (sum of genesis bank balances)`,
  },
  treasuryBalance: {
    value: '899985000',
    source: `${FACTS} §2: genesis balance of mint param treasury_address synt1nwhx5p30n9xw88czjq4j45tuz53qw50yllrg5d`,
  },
  inflationStart: {
    value: '2024-08-01T00:00:00Z',
    source: `ASSUMPTION (${MODEL} Parameter presets): proposal 0008 (${FACTS} §2) says year 2 starts in August 2025; the first of the month is assumed`,
  },
  inflationSchedule: {
    value: '0.08,0.065,0.055,0.045,0.03',
    source: `${SPEC}, Incentives: inflation rate table, years 1–5`,
  },
  longTermInflation: {
    value: '0.03',
    source: `${SPEC}, Incentives: year 6+ "0-3%"; upper bound taken (${MODEL} Inflation schedule ruling)`,
  },
  treasuryInflationSchedule: {
    value: '0,0,0,0,0',
    source: `${SPEC}, Incentives: the specification names validator inflation only; the seed has no treasury inflation (see preset chain-2025)`,
  },
  longTermTreasuryInflation: {
    value: '0',
    source: `${SPEC}, Incentives: no treasury inflation in the specification`,
  },
  bondedRatio: {
    value: '0.5',
    source: `ASSUMPTION (${MODEL} Rewards): the low end of the 50–67 % bonding target of Synternet's earlier tokenomics docs; a live source reads the staking pool`,
  },
  communityTax: {
    value: '0',
    source: `${FACTS} §1: genesis distribution community_tax "0.000000000000000000"`,
  },
  signedBlocksWindow: {
    value: '16000',
    source: `${SPEC}, Slashing: worked example "8001 blocks within 16000 block window"`,
  },
  minSignedPerWindow: {
    value: '0.5',
    source: `${SPEC}, Slashing: worked example (8001 of 16000 jails); ${FACTS} §1 genesis min_signed_per_window 0.5`,
  },
  downtimeJailSeconds: {
    value: '600s',
    source: `${SPEC}, Slashing: worked example "jailed for 10 minutes"; ${FACTS} §1 genesis downtime_jail_duration "600s"`,
  },
  slashFractionDowntime: {
    value: '0.0001',
    source: `${SPEC}, Slashing: worked example "slashed by 0.01%"`,
  },
  slashFractionDoubleSign: {
    value: '0.05',
    source: `${FACTS} §1: genesis slash_fraction_double_sign "0.050000000000000000" (the specification says only "much more severe")`,
  },
  dataFeePerGB: {
    value: '4',
    source: `${SPEC}, Protocol Fee, Pay-per-Data: "4 SYNT/GB"; ${FACTS} §5 (decimal GB, proposal 0004)`,
  },
  messageFeeRate: {
    value: '0.25',
    source: `${SPEC}, Protocol Fee, Pay-per-Message: "protocol fee rate is 25%"`,
  },
  messageFeeMinimum: {
    value: '0.001',
    source: `${SPEC}, Protocol Fee, Pay-per-Message: "a minimum of 0.001 SYNT per message"`,
  },
  burnShare: {
    value: '0',
    source: `${SPEC}, Burning and Buybacks: "a part" is burned, share unpublished, burns manual; ${MODEL} default 0`,
  },
};

/** The specification's figures: validator inflation only, slashing as in its worked example. */
export const SEED_PRESET: Preset<SynternetParameters> = {
  name: 'seed',
  description:
    'The specification’s figures: 1,000,000,000 SYNT at genesis, validator inflation 8, 6.5, 5.5, 4.5, 3 % then 3 % (the top of "0–3 %"), slashing as in its worked example, protocol fees 4 SYNT/GB and 25 % with a 0.001 SYNT minimum.',
  values: seedValues,
};

/**
 * The chain as of 2025: the seed plus the treasury inflation of governance
 * proposal 0008 and the chain's genesis parameters from the facts file.
 */
export const CHAIN_2025_PRESET: Preset<SynternetParameters> = {
  name: 'chain-2025',
  description:
    'The seed plus the treasury inflation of governance proposal 0008 (years 2–5: 5.5, 2.5, 1, 0 %; year 1 unknown, 0 assumed) and the chain’s genesis parameters (synternet-1 genesis), with the signing window of proposal 0005.',
  values: {
    ...seedValues,
    treasuryInflationSchedule: {
      value: '0,0.055,0.025,0.01,0',
      source: `${FACTS} §2, proposal 0008 (mainnet): treasury share years 2–5 = 5.5, 2.5, 1, 0 %. Year 1: UNKNOWN, 0 ASSUMED (the proposal and the genesis minter give none)`,
    },
    longTermTreasuryInflation: {
      value: '0',
      source: `ASSUMPTION: proposal 0008 (${FACTS} §2) ends treasury inflation at 0 % in year 5; nothing later is published`,
    },
    communityTax: {
      value: '0',
      source: `${FACTS} §1: synternet-1 genesis distribution.params.community_tax "0.000000000000000000"`,
    },
    signedBlocksWindow: {
      value: '16000',
      source: `${FACTS} §1: synternet-1 genesis signed_blocks_window "2000", raised to 16000 by proposal 0005 (passing unverified; the specification's example uses 16000)`,
    },
    minSignedPerWindow: {
      value: '0.5',
      source: `${FACTS} §1: synternet-1 genesis slashing.params.min_signed_per_window "0.500000000000000000"`,
    },
    downtimeJailSeconds: {
      value: '600s',
      source: `${FACTS} §1: synternet-1 genesis slashing.params.downtime_jail_duration "600s"`,
    },
    slashFractionDowntime: {
      value: '0.0001',
      source: `${FACTS} §1: synternet-1 genesis slashing.params.slash_fraction_downtime "0.000100000000000000"`,
    },
    slashFractionDoubleSign: {
      value: '0.05',
      source: `${FACTS} §1: synternet-1 genesis slashing.params.slash_fraction_double_sign "0.050000000000000000"`,
    },
    genesisSupply: {
      value: '1000000000',
      source: `${FACTS} §1: synternet-1 genesis, sum of bank.balances (bank.supply is [])`,
    },
  },
};

/** The presets by name; `seed` is the default. */
export const SYNTERNET_PRESETS = {
  seed: SEED_PRESET,
  'chain-2025': CHAIN_2025_PRESET,
} as const satisfies Record<string, Preset<SynternetParameters>>;

/** A preset name. */
export type SynternetPresetName = keyof typeof SYNTERNET_PRESETS;
