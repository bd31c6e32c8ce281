import {
  decimalKind,
  defineParameters,
  durationKind,
  instantKind,
  integerKind,
  type ParameterData,
  type ParameterValues,
  type Preset,
} from '@tokenomics/core';
import { lockupKind, poolAnchorKind, remainderKind } from './kinds.js';

/** Where the figures come from; every parameter's `source` cites one of these. */
export const SOURCES = {
  spec: 'Session tokenomics (spec/session-tokenomics.md; docs.getsession.org before TGE, [DOCS-PRE] session-docs@0526068c)',
  genesis:
    'Session genesis tokenomics (reference/session-facts.md §2; [DOCS] session-docs@1cb02183 session-token-sesh/tokenomics/genesis-tokenomics.md)',
  model: 'reference/MODEL.md, Session',
  contracts: 'reference/session-facts.md §1 ([STC] session-token-contracts@ae0f6a68)',
  penalties: 'reference/session-facts.md §5 ([OXEN] mainnet.h; [DOCS] deregistration / FAQ)',
} as const;

/** The lockup letters of the genesis table that lock tokens on a schedule (C is unlocked at TGE, E is the pool). */
export const LOCKUPS = ['A', 'B', 'D', 'F'] as const;
/** One of {@link LOCKUPS}. */
export type Lockup = (typeof LOCKUPS)[number];

/** The lockup terms of the genesis table, in words (session-facts.md §2). */
export const LOCKUP_TERMS: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F', string> = {
  A: 'locked 24 months, can be staked, rewards liquid',
  B: 'locked 24 months, cannot be staked; a 12-month linear unlock starts at month 12 (8.33 % a month)',
  C: 'unlocked at TGE',
  D: '3-year lock, cannot be staked; a 24-month linear unlock starts at month 12 (4.16 % a month), subject to performance conditions',
  E: 'the Staking Reward Pool, releasing 14 % a year',
  F: 'locked 90 days, can be staked',
};

/** One row of the published genesis table, with its split across lockups. */
export interface GenesisRow {
  category: string;
  amount: string;
  tranches: ReadonlyArray<{ lockup: keyof typeof LOCKUP_TERMS; amount: string }>;
}

/**
 * The published genesis table: 10 categories summing to 240,000,000 SESH
 * (session-facts.md §2, VERIFIED). The `tge-2025-05-21` preset's lockup
 * parameters are the sums of these rows by lockup (a test checks it).
 */
export const GENESIS_TABLE: readonly GenesisRow[] = [
  { category: 'Oxen Coin Claims', amount: '30000000', tranches: [{ lockup: 'C', amount: '30000000' }] },
  { category: 'Service Node Bonus', amount: '30000000', tranches: [{ lockup: 'C', amount: '30000000' }] },
  {
    category: 'Treasury (Session Nodes)',
    amount: '15000000',
    tranches: [{ lockup: 'A', amount: '15000000' }],
  },
  {
    category: 'Treasury (Contributors)',
    amount: '11000000',
    tranches: [{ lockup: 'D', amount: '11000000' }],
  },
  { category: 'Treasury (Advisors)', amount: '1000000', tranches: [{ lockup: 'B', amount: '1000000' }] },
  {
    category: 'Treasury (Operational)',
    amount: '33000000',
    tranches: [
      { lockup: 'C', amount: '6000000' },
      { lockup: 'D', amount: '27000000' },
    ],
  },
  {
    category: 'Ecosystem & Community',
    amount: '43000000',
    tranches: [
      { lockup: 'B', amount: '30000000' },
      { lockup: 'C', amount: '13000000' },
    ],
  },
  {
    category: 'Strategic Token Sale',
    amount: '12822450',
    tranches: [
      { lockup: 'A', amount: '4489700' },
      { lockup: 'B', amount: '8332750' },
    ],
  },
  { category: 'Staking Reward Pool', amount: '63177550', tranches: [{ lockup: 'E', amount: '63177550' }] },
  { category: 'Testnet Incentive', amount: '1000000', tranches: [{ lockup: 'F', amount: '1000000' }] },
];

/**
 * The published Arbitrum One deployment (session-facts.md §3, VERIFIED in
 * [DOCS] session-token-sesh/README.md and [STC-RM]). SESH has the same
 * address on Ethereum.
 */
export const SESSION_ADDRESSES = {
  token: '0x10Ea9E5303670331Bdddfa66A4cEA47dae4fcF3b',
  serviceNodeRewards: '0xC2B9fC251aC068763EbDfdecc792E3352E351c00',
  rewardRatePool: '0x11f040E89dFAbBA9070FFE6145E914AC68DbFea0',
} as const;

/** Arbitrum One's chain id ([OXEN] mainnet.h). */
export const ARBITRUM_ONE_CHAIN_ID = 42161;
/** Ethereum mainnet's chain id. */
export const ETHEREUM_CHAIN_ID = 1;
/** SESH base-unit decimals (SESH.sol, SESHL2.sol). */
export const SESH_DECIMALS = 9;

const amount = decimalKind({ min: '0' });
const lockup = lockupKind();

/** The parameters of the Session model, by the keys of MODEL.md (plus a few more). */
export const sessionParameters = defineParameters({
  maxSupply: {
    label: 'Maximum supply',
    unit: 'SESH',
    description:
      'The fixed supply, all minted at genesis (the token has no mint path); max = total. Live with an L1 RPC: SESH.totalSupply() on Ethereum.',
    kind: decimalKind({ min: '0', minExclusive: true }),
  },
  tgeDate: {
    label: 'Token generation event',
    description:
      'The genesis instant. The Staking Reward Pool steps once a day (86,400 s) from it; lockups count from it.',
    kind: instantKind(),
  },
  genesisCirculating: {
    label: 'Unlocked at genesis',
    unit: 'SESH',
    description:
      'Tokens unlocked at TGE (the seed\'s "circulating supply ... a maximum of 80,000,000"). Read as before staking: staked tokens are drawn from it, so circulating at TGE = genesisCirculating − staked.',
    kind: amount,
  },
  stakingRewardPool: {
    label: 'Staking Reward Pool',
    unit: 'SESH',
    description:
      'The pool balance at `poolBalanceAt`: at TGE in the presets; live, the unreleased balance read from the chain. The pool is stepped by whole days from that instant.',
    kind: amount,
  },
  poolBalanceAt: {
    label: 'Pool balance instant',
    description:
      'The instant `stakingRewardPool` holds: "tgeDate" in the presets, the read instant for a live balance. Instants before it are stepped backward by the same closed form.',
    kind: poolAnchorKind(),
  },
  lockedUnscheduled: {
    label: 'Locked without schedule',
    unit: 'SESH',
    description:
      'Locked tokens with no published unlock schedule (not circulating). "remainder" = maxSupply − genesisCirculating − stakingRewardPool − the scheduled lockups, at TGE: 120,000,000 in the seed, 0 in the TGE preset.',
    kind: remainderKind(),
  },
  lockupA: {
    label: 'Lockup A',
    unit: 'SESH',
    description: `Allocations under lockup A (${LOCKUP_TERMS.A}): Treasury (Session Nodes) and part of the Strategic Token Sale.`,
    kind: lockup,
  },
  lockupB: {
    label: 'Lockup B',
    unit: 'SESH',
    description: `Allocations under lockup B (${LOCKUP_TERMS.B}). Reading: the unlock is linear in time from month 12 to month 24, not monthly steps.`,
    kind: lockup,
  },
  lockupD: {
    label: 'Lockup D',
    unit: 'SESH',
    description: `Allocations under lockup D (${LOCKUP_TERMS.D}). Reading: linear in time from month 12 to month 36; performance conditions are not modelled.`,
    kind: lockup,
  },
  lockupF: {
    label: 'Lockup F',
    unit: 'SESH',
    description: `Allocations under lockup F (${LOCKUP_TERMS.F}): the Testnet Incentive.`,
    kind: lockup,
  },
  poolReleaseRate: {
    label: 'Pool release rate',
    unit: 'per year',
    description:
      'The fraction of the pool released per year, in daily steps of rate/365 (≈ 14.018 %/yr released). Contract: ANNUAL_SIMPLE_PAYOUT_RATE / BASIS_POINTS = 151/1000.',
    kind: decimalKind({ min: '0', minExclusive: true, max: '1' }),
  },
  networkSize: {
    label: 'Network size',
    unit: 'nodes',
    description:
      'Registered, active Session Nodes sharing the daily reward equally. Live: ServiceNodeRewards.totalNodes().',
    kind: integerKind({ min: 1 }),
  },
  stakingRequirement: {
    label: 'Staking requirement',
    unit: 'SESH',
    description:
      'The stake of one Session Node (operator minimum 1/4 of it). staked = networkSize × stakingRequirement.',
    kind: decimalKind({ min: '0', minExclusive: true }),
  },
  feeToPoolShare: {
    label: 'Fee share to the pool',
    description:
      'Of Network Fees (burnt and reminted), the share reminted into the Staking Reward Pool; the rest becomes protocol-owned liquidity.',
    kind: decimalKind({ min: '0', max: '1' }),
  },
  feeInflowPerDay: {
    label: 'Network fees per day',
    unit: 'SESH/day',
    description:
      'Assumed Network Fees paid per day (Session Pro, Session Names). feeToPoolShare of it enters the pool at each daily step; the rest is protocol-owned liquidity. No figure is published: 0 unless given.',
    kind: amount,
  },
  liquidatorRewardRatio: {
    label: 'Liquidator ratio',
    description:
      'Liquidator share of a liquidated deposit: ratio / (liquidator + pool + recipient ratios), truncated to base units.',
    kind: integerKind({ min: 0 }),
  },
  poolShareOfLiquidationRatio: {
    label: 'Pool ratio of a liquidation',
    description:
      'Staking Reward Pool share of a liquidated deposit: ratio / (sum of ratios), rounded up to base units.',
    kind: integerKind({ min: 0 }),
  },
  recipientRatio: {
    label: 'Recipient ratio',
    description:
      'The share of a liquidated deposit returned to its stakers (the rest after the liquidator and pool).',
    kind: integerKind({ min: 1 }),
  },
  deregistrationLockDuration: {
    label: 'Deregistration stake lock',
    description:
      "How long a deregistered node's stake stays locked (DEREGISTRATION_LOCK_DURATION); it earns no rewards meanwhile.",
    kind: durationKind(),
  },
});

/** The Session parameter schema. */
export type SessionSchema = typeof sessionParameters;
/** Parsed Session parameters. */
export type SessionParams = ParameterValues<SessionSchema>;

const common = {
  maxSupply: {
    value: '240000000',
    source: `${SOURCES.spec}, Tokenomics: "The maximum supply of Session Token is 240,000,000"; SESH.sol mints it once (session-facts.md §1)`,
  },
  tgeDate: {
    value: '2025-05-21T00:00:00Z',
    source: `"Session Token was generated on May 21, 2025" (session-facts.md §2, get-session-token-sesh/README.md); ${SOURCES.model}: TGE 2025-05-21T00:00:00Z`,
  },
  poolBalanceAt: { value: 'tgeDate', source: `${SOURCES.model}: the pool parameter is the pool at TGE` },
  poolReleaseRate: {
    value: '0.151',
    source: `${SOURCES.spec}, Dynamic rewards: 0.151 × pool / (365 × network size); RewardRatePool.ANNUAL_SIMPLE_PAYOUT_RATE = 151 / BASIS_POINTS 1000 (${SOURCES.contracts})`,
  },
  networkSize: {
    value: '2000',
    source: `${SOURCES.model}: snapshot default "approximately 2,000 active nodes" (Session docs, Session Nodes page)`,
  },
  stakingRequirement: {
    value: '25000',
    source: `${SOURCES.contracts}: staking requirement 25,000 SESH ([DOCS] staking-and-collateralization.md; [OXEN] SENT_STAKING_REQUIREMENT)`,
  },
  feeToPoolShare: {
    value: '0.9',
    source: `${SOURCES.spec}, Session Network Fees: "90% of fees are reminted into the Staking Reward Pool"; the remaining 10 % becomes protocol-owned liquidity`,
  },
  feeInflowPerDay: {
    value: '0',
    source:
      'assumption: no Pro or Names price or volume is published (session-facts.md §6); set it to model fee inflows',
  },
  liquidatorRewardRatio: {
    value: '3',
    source: `${SOURCES.contracts}: deploy ratios liquidator : pool : recipient = 3 : 17 : 9980 (scripts/deploy-common.js)`,
  },
  poolShareOfLiquidationRatio: {
    value: '17',
    source: `${SOURCES.contracts}: deploy ratios 3 : 17 : 9980; poolAmount = ceil(deposit × 17 / 10000) (ServiceNodeRewards.liquidateBLSPublicKeyWithSignature)`,
  },
  recipientRatio: {
    value: '9980',
    source: `${SOURCES.contracts}: deploy ratios 3 : 17 : 9980 (scripts/deploy-common.js)`,
  },
  deregistrationLockDuration: {
    value: '30d',
    source: `${SOURCES.penalties}: DEREGISTRATION_LOCK_DURATION 30 days`,
  },
} satisfies Partial<ParameterData<SessionSchema>>;

const seedLockupSource = `${SOURCES.spec}: no lockup schedule is given; the locked 120,000,000 are counted in lockedUnscheduled`;

/** The seed preset: the specification's figures (the default). */
export const SEED_PRESET: Preset<SessionSchema> = {
  name: 'seed',
  description:
    "The specification's figures: 240,000,000 max; 80,000,000 unlocked at genesis; Staking Reward Pool 40,000,000 at TGE; the remaining 120,000,000 locked with no schedule.",
  values: {
    ...common,
    genesisCirculating: {
      value: '80000000',
      source: `${SOURCES.spec}, Tokenomics: "At token genesis, the circulating supply will be a maximum of 80,000,000"`,
    },
    stakingRewardPool: {
      value: '40000000',
      source: `${SOURCES.spec}, Staking Reward Pool: "At TGE, the Staking Reward Pool will have 40,000,000 Session Tokens"`,
    },
    lockedUnscheduled: {
      value: 'remainder',
      source: `${SOURCES.model}: "the remaining 120,000,000 locked with no schedule given" (240M − 80M − 40M)`,
    },
    lockupA: { value: '0; cliff 0d', source: seedLockupSource },
    lockupB: { value: '0; cliff 0d', source: seedLockupSource },
    lockupD: { value: '0; cliff 0d', source: seedLockupSource },
    lockupF: { value: '0; cliff 0d', source: seedLockupSource },
  },
};

/** The TGE preset: the published genesis table with lockups A–F. */
export const TGE_PRESET: Preset<SessionSchema> = {
  name: 'tge-2025-05-21',
  description:
    'The published genesis table (session-facts.md §2): Staking Reward Pool 63,177,550; 79,000,000 unlocked at TGE (lockup C); allocations under lockups A, B, D and F unlock over time.',
  values: {
    ...common,
    genesisCirculating: {
      value: '79000000',
      source: `${SOURCES.genesis}: lockup C (unlocked at TGE) = 30M claims + 30M node bonus + 6M operational + 13M ecosystem = 79,000,000`,
    },
    stakingRewardPool: {
      value: '63177550',
      source: `${SOURCES.genesis}: Staking Reward Pool 63,177,550 (lockup E) = 40M + the unsold 23,177,550 of the strategic sale`,
    },
    lockedUnscheduled: {
      value: 'remainder',
      source: `${SOURCES.genesis}: every allocation has a lockup, so the remainder is 0`,
    },
    lockupA: {
      value: '19489700; cliff 24mo',
      source: `${SOURCES.genesis}: A = Treasury (Session Nodes) 15,000,000 + Strategic Token Sale 4,489,700; ${LOCKUP_TERMS.A}`,
    },
    lockupB: {
      value: '39332750; cliff 12mo; linear 12mo',
      source: `${SOURCES.genesis}: B = Treasury (Advisors) 1,000,000 + Ecosystem & Community 30,000,000 + Strategic Token Sale 8,332,750; ${LOCKUP_TERMS.B}`,
    },
    lockupD: {
      value: '38000000; cliff 12mo; linear 24mo',
      source: `${SOURCES.genesis}: D = Treasury (Contributors) 11,000,000 + Treasury (Operational) 27,000,000; ${LOCKUP_TERMS.D}`,
    },
    lockupF: {
      value: '1000000; cliff 90d',
      source: `${SOURCES.genesis}: F = Testnet Incentive 1,000,000; ${LOCKUP_TERMS.F}`,
    },
  },
};

/** The presets by name; `seed` is the default. */
export const SESSION_PRESETS = {
  seed: SEED_PRESET,
  'tge-2025-05-21': TGE_PRESET,
} as const satisfies Record<string, Preset<SessionSchema>>;

/** A preset name. */
export type SessionPresetName = keyof typeof SESSION_PRESETS;

/** The preset names, the default first. */
export const SESSION_PRESET_NAMES = Object.keys(SESSION_PRESETS) as SessionPresetName[];
