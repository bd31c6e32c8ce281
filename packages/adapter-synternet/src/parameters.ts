import { decimalKind, decimalListKind, defineParameters, instantKind, type Preset } from '@tokenomics/core';
import { slashingParameterSchema } from '@tokenomics/cosmos-rest';

/** The project's methodology page for Synternet: each ruling, parameter and formula, with its public sources. */
export const SYNTERNET_METHODOLOGY = 'docs/methodology/synternet.md';
const METHOD = SYNTERNET_METHODOLOGY;
/** Synternet's tokenomics documentation (the specification). */
export const SYNTERNET_TOKENOMICS_URL = 'https://docs.synternet.com/learn/blockchain/tokenomics';
const TOKENOMICS = SYNTERNET_TOKENOMICS_URL;
/** Synternet's chain releases repository at the commit the facts were read at (2025-09-16). */
const RELEASES =
  'https://github.com/Synternet/synternet-chain-releases/blob/74e3a29f07825c3ff1bebbc79c721e39e0df7f69/networks/mainnet';
const GENESIS = `${RELEASES}/genesis.json`;
const proposal = (number: string) => `${RELEASES}/proposals/proposal-${number}.json`;
/** Synternet's earlier tokenomics pages (the 50–67 % bonding target). */
const EARLIER_TOKENOMICS = 'https://docs.syntropynet.com/docs/synternet-tokenomics/token';

/**
 * Every parameter the Synternet model uses, under the keys a frontend can
 * rely on, plus the treasury inflation of proposal 0008. The five x/slashing
 * ones are the shared `slashingParameterSchema` of `@tokenomics/cosmos-rest`.
 * Each is described, with its sources, in docs/methodology/synternet.md.
 */
export const synternetParameters = defineParameters({
  genesisSupply: {
    label: 'Genesis total supply',
    unit: 'SYNT',
    description:
      'Total supply when inflation year 1 starts. The snapshot steps the schedule from it; a live source anchors at the chain’s total at the latest block instead, so it is unused there.',
    kind: decimalKind({ min: '0', minExclusive: true, amount: true }),
  },
  treasuryBalance: {
    label: 'Treasury balance',
    unit: 'SYNT',
    description:
      'The treasury address’s balance at the model’s anchor: at genesis for the snapshot, at the latest block when read live. Treasury inflation adds to it; circulating = total − treasury (− configured non-circulating holdings).',
    kind: decimalKind({ min: '0', amount: true }),
  },
  inflationStart: {
    label: 'Inflation year 1 start',
    description:
      'The instant inflation year 1 starts; every later year starts on its anniversary. Proposal 0008 says year 2 starts in August 2025 without a day: the first of the month is our assumption.',
    kind: instantKind(),
  },
  inflationSchedule: {
    label: 'Validator inflation, years 1–5',
    unit: 'per year',
    description:
      'The validator inflation rate of years 1 to 5, comma-separated. Each year’s allowance = rate × total at the year’s start, emitted evenly through the year.',
    kind: decimalListKind({ type: 'RATE', length: 5, min: '0', max: '1', maxExclusive: true }),
  },
  longTermInflation: {
    label: 'Validator inflation, years 6+',
    unit: 'per year',
    description:
      'The validator inflation rate from year 6 on. The documentation gives a range, "0–3 %"; 0.03 is its upper bound, our assumption, not a published figure.',
    kind: decimalKind({ type: 'RATE', min: '0', max: '1', maxExclusive: true }),
  },
  treasuryInflationSchedule: {
    label: 'Treasury inflation, years 1–5',
    unit: 'per year',
    description:
      'Inflation minted to the treasury (not to stakers) in years 1 to 5, comma-separated; allowance = rate × total at the year’s start, emitted evenly like the validator allowance.',
    kind: decimalListKind({ type: 'RATE', length: 5, min: '0', max: '1', maxExclusive: true }),
  },
  longTermTreasuryInflation: {
    label: 'Treasury inflation, years 6+',
    unit: 'per year',
    description:
      'Treasury inflation from year 6 on. No document gives one; 0 carries proposal 0008’s year-5 figure forward.',
    kind: decimalKind({ type: 'RATE', min: '0', max: '1', maxExclusive: true }),
  },
  bondedRatio: {
    label: 'Bonded ratio',
    description:
      'Staked (bonded) supply / total supply. Staked = bondedRatio × total, rounded to the usynt; staked tokens count as circulating, and any excess over the circulating supply is shown as staked from the treasury.',
    kind: decimalKind({ type: 'RATE', min: '0', minExclusive: true, max: '1' }),
  },
  communityTax: {
    label: 'Community tax',
    description:
      'x/distribution `community_tax`: the share of staking rewards sent to the community pool; stakers receive the rest (annualEmission, APR).',
    kind: decimalKind({ type: 'RATE', min: '0', max: '1', maxExclusive: true }),
  },
  ...slashingParameterSchema,
  dataFeePerGB: {
    label: 'Pay-per-data protocol fee',
    unit: 'SYNT/GB',
    description: 'The protocol fee per decimal gigabyte (10^9 bytes), on top of the agent’s price.',
    kind: decimalKind({ min: '0', amount: true }),
  },
  messageFeeRate: {
    label: 'Pay-per-message protocol fee rate',
    description: 'The protocol fee per message as a fraction of the agent’s per-message price.',
    kind: decimalKind({ type: 'RATE', min: '0', max: '1' }),
  },
  messageFeeMinimum: {
    label: 'Pay-per-message minimum fee',
    unit: 'SYNT/message',
    description: 'The least protocol fee per message, whatever the agent’s price.',
    kind: decimalKind({ min: '0', amount: true }),
  },
  burnShare: {
    label: 'Burned share of protocol revenue',
    description:
      'The fraction of protocol revenue burned; the rest stays in the treasury. 0 by default, our assumption: burns are manual and no share is published.',
    kind: decimalKind({ type: 'RATE', min: '0', max: '1' }),
  },
});

/** The Synternet parameter schema. */
export type SynternetParameters = typeof synternetParameters;

const seedValues: Preset<SynternetParameters>['values'] = {
  genesisSupply: {
    value: '1000000000',
    source: `${METHOD}#circulating-supply; ${GENESIS} (the sum of the genesis bank balances: 1,000,000,000 SYNT)`,
  },
  treasuryBalance: {
    value: '899985000',
    source: `${METHOD}#circulating-supply; ${GENESIS} (genesis balance of the mint module's treasury_address synt1nwhx5p30n9xw88czjq4j45tuz53qw50yllrg5d)`,
  },
  inflationStart: {
    value: '2024-08-01T00:00:00Z',
    source: `${METHOD}#inflation-year-1-start; ${proposal('0008')} ("Year 2 starts in August 2025"; the day is assumed)`,
    assumption: true,
  },
  inflationSchedule: {
    value: '0.08,0.065,0.055,0.045,0.03',
    source: `${TOKENOMICS} (Incentives: the validator inflation table, years 1–5); ${METHOD}#inflation-schedule`,
  },
  longTermInflation: {
    value: '0.03',
    source: `${TOKENOMICS} (Incentives: year 6+ "0-3%", its upper bound taken); ${METHOD}#inflation-schedule`,
    assumption: true,
  },
  treasuryInflationSchedule: {
    value: '0,0,0,0,0',
    source: `${TOKENOMICS} (Incentives: validator inflation only; see preset chain-2025 for the treasury's); ${METHOD}#treasury-inflation`,
  },
  longTermTreasuryInflation: {
    value: '0',
    source: `${TOKENOMICS} (no treasury inflation); ${METHOD}#treasury-inflation`,
  },
  bondedRatio: {
    value: '0.5',
    source: `${METHOD}#bonded-ratio; ${EARLIER_TOKENOMICS} (the low end of the 50–67 % bonding target); a live source reads the staking pool`,
    assumption: true,
  },
  communityTax: {
    value: '0',
    source: `${GENESIS} (distribution.params.community_tax "0.000000000000000000"); ${METHOD}#rewards`,
  },
  signedBlocksWindow: {
    value: '16000',
    source: `${TOKENOMICS} (Slashing: the worked example's "16000 block window"); ${METHOD}#slashing`,
  },
  minSignedPerWindow: {
    value: '0.5',
    source: `${TOKENOMICS} (Slashing: 8001 of 16000 missed jails); ${GENESIS} (slashing.params.min_signed_per_window "0.500000000000000000")`,
  },
  downtimeJailSeconds: {
    value: '600s',
    source: `${TOKENOMICS} (Slashing: "jailed for 10 minutes"); ${GENESIS} (slashing.params.downtime_jail_duration "600s")`,
  },
  slashFractionDowntime: {
    value: '0.0001',
    source: `${TOKENOMICS} (Slashing: "slashed by 0.01%"); ${METHOD}#slashing`,
  },
  slashFractionDoubleSign: {
    value: '0.05',
    source: `${GENESIS} (slashing.params.slash_fraction_double_sign "0.050000000000000000"; the documentation says only "much more severe"); ${METHOD}#slashing`,
  },
  dataFeePerGB: {
    value: '4',
    source: `${TOKENOMICS} (Protocol Fee, Pay-per-Data: "4 SYNT/GB"); ${proposal('0004')} (decimal GB); ${METHOD}#protocol-fees`,
  },
  messageFeeRate: {
    value: '0.25',
    source: `${TOKENOMICS} (Protocol Fee, Pay-per-Message: "protocol fee rate is 25%"); ${METHOD}#protocol-fees`,
  },
  messageFeeMinimum: {
    value: '0.001',
    source: `${TOKENOMICS} (Protocol Fee, Pay-per-Message: "a minimum of 0.001 SYNT per message"); ${METHOD}#protocol-fees`,
  },
  burnShare: {
    value: '0',
    source: `${TOKENOMICS} (Burning and Buybacks: "a part" is burned, the share unpublished, burns manual); ${METHOD}#burns`,
    assumption: true,
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
 * proposal 0008 and the chain's genesis parameters (synternet-1 genesis).
 */
export const CHAIN_2025_PRESET: Preset<SynternetParameters> = {
  name: 'chain-2025',
  description:
    'The seed plus the treasury inflation of governance proposal 0008 (years 2–5: 5.5, 2.5, 1, 0 %; year 1 unknown, 0 assumed) and the chain’s genesis parameters (synternet-1 genesis), with the signing window of proposal 0005. The default of a live source.',
  values: {
    ...seedValues,
    treasuryInflationSchedule: {
      value: '0,0.055,0.025,0.01,0',
      source: `${proposal('0008')} (treasury share of years 2–5: 5.5, 2.5, 1, 0 %; year 1 is not given, 0 assumed); ${METHOD}#treasury-inflation`,
      assumption: true,
    },
    longTermTreasuryInflation: {
      value: '0',
      source: `${proposal('0008')} (treasury inflation ends at 0 % in year 5; nothing later is published, 0 assumed); ${METHOD}#treasury-inflation`,
      assumption: true,
    },
    communityTax: {
      value: '0',
      source: `${GENESIS} (distribution.params.community_tax "0.000000000000000000")`,
    },
    signedBlocksWindow: {
      value: '16000',
      source: `${proposal('0005')} (raises the genesis window of 2000 to 16000 blocks; its vote is not published, the documentation's example uses 16000); ${GENESIS}`,
    },
    minSignedPerWindow: {
      value: '0.5',
      source: `${GENESIS} (slashing.params.min_signed_per_window "0.500000000000000000")`,
    },
    downtimeJailSeconds: {
      value: '600s',
      source: `${GENESIS} (slashing.params.downtime_jail_duration "600s")`,
    },
    slashFractionDowntime: {
      value: '0.0001',
      source: `${GENESIS} (slashing.params.slash_fraction_downtime "0.000100000000000000")`,
    },
    slashFractionDoubleSign: {
      value: '0.05',
      source: `${GENESIS} (slashing.params.slash_fraction_double_sign "0.050000000000000000")`,
    },
    genesisSupply: {
      value: '1000000000',
      source: `${GENESIS} (the sum of bank.balances; bank.supply is [])`,
    },
  },
};

/** The presets by name; `seed` is the snapshot's default, `chain-2025` a live source's. */
export const SYNTERNET_PRESETS = {
  seed: SEED_PRESET,
  'chain-2025': CHAIN_2025_PRESET,
} as const satisfies Record<string, Preset<SynternetParameters>>;

/** A preset name. */
export type SynternetPresetName = keyof typeof SYNTERNET_PRESETS;
