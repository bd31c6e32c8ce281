import {
  type Decimal,
  decimalKind,
  defineParameters,
  durationKind,
  formatDecimal,
  instantKind,
  integerKind,
  type ParameterData,
  type ParameterKind,
  type ParameterValues,
  type Preset,
  parseDecimal,
  parseInstant,
} from '@tokenomics/core';

/** Public sources at fixed commits (the GitBook source of docs.getsession.org, the contracts, oxend). */
const DOCS =
  'https://github.com/session-foundation/session-docs/blob/1cb0218335956eb768e085188ec4e3e787ee2767';
const DOCS_PRE_TGE =
  'https://github.com/session-foundation/session-docs/blob/0526068c01207e0e497f97d3014b57a502cfbffe';
const CONTRACTS =
  'https://github.com/session-foundation/session-token-contracts/blob/ae0f6a6875d8a03afbd4d601fd68f3a79624c59e';
const OXEN = 'https://github.com/oxen-io/oxen-core/blob/b208672ed02bd41f4d85f2741aa09de8179a014b';

/** The project's methodology page for Session; every source cites a section of it. */
export const METHODOLOGY = 'docs/methodology/session.md';

/**
 * A section of the methodology page, as a source cites it.
 *
 * @example
 * ```ts
 * import { methodology } from './parameters.js';
 *
 * methodology('pool-release'); // 'docs/methodology/session.md#pool-release'
 * ```
 */
export function methodology(section: string): string {
  return `${METHODOLOGY}#${section}`;
}

/** Where the figures come from: public pages at fixed commits; every `source` cites some of these. */
export const SOURCES = {
  /** The specification: the tokenomics page as published before TGE (80,000,000; pool 40,000,000; 0.151; 90/10). */
  spec: `${DOCS_PRE_TGE}/session-token-sesh/tokenomics/README.md`,
  /** The tokenomics page after TGE (79,000,000 circulating; pool 63,177,550). */
  tokenomics: `${DOCS}/session-token-sesh/tokenomics/README.md`,
  /** The genesis table and lockups A–F. */
  genesis: `${DOCS}/session-token-sesh/tokenomics/genesis-tokenomics.md`,
  /** "Session Token was generated on May 21, 2025". */
  tge: `${DOCS}/session-token-sesh/get-session-token-sesh/README.md`,
  /** The Staking Reward Pool page (the daily network reward). */
  rewardPoolDocs: `${DOCS}/session-network/staking/staking-reward-pool.md`,
  /** The staking requirement (25,000 SESH, operator at least 1/4). */
  staking: `${DOCS}/session-network/session-nodes/staking-and-collateralization.md`,
  /** "approximately 2,000 active nodes". */
  sessionNodes: `${DOCS}/session-network/session-nodes/README.md`,
  /** Deregistration and decommission credits. */
  deregistration: `${DOCS}/session-network/session-nodes/deregistration.md`,
  /** The FAQ: exits, liquidation 22 days after the exit request, the claim cap. */
  faq: `${DOCS}/contribute-to-the-session-network/frequently-asked-questions-faq.md`,
  /** Session Pro: fees burnt and reminted. */
  sessionPro: `${DOCS}/session-messenger/advanced-features/session-pro.md`,
  /** SESH: the whole supply minted once, 9 decimals. */
  sesh: `${CONTRACTS}/contracts/SESH.sol`,
  /** RewardRatePool: ANNUAL_SIMPLE_PAYOUT_RATE 151 / BASIS_POINTS 1000, per-second accrual. */
  rewardRatePool: `${CONTRACTS}/contracts/RewardRatePool.sol`,
  /** ServiceNodeRewards: liquidation, exits, the staking requirement. */
  serviceNodeRewards: `${CONTRACTS}/contracts/ServiceNodeRewards.sol`,
  /** The deployment's liquidation ratios 3 : 17 : 9980. */
  deploy: `${CONTRACTS}/scripts/deploy-common.js`,
  /** oxend's mainnet timings: UNLOCK_DURATION 15 days, DEREGISTRATION_LOCK_DURATION 30 days, exit buffer 7 days. */
  oxendMainnet: `${OXEN}/src/network_config/mainnet.h`,
  /** The staking portal's mainnet timings (exit request 14 days, grace 7 days, deregistration lock 30 days). */
  stakingPortal:
    'https://github.com/session-foundation/websites/blob/00612ce003af3d31b2dcbd162a926ce786f8b644/apps/staking/lib/constants.ts',
  /** The node upgrade that enabled liquidations: eligible to exit 15 days after the request, liquidatable 7 days later. */
  nodeUpgrade: 'https://token.getsession.org/blog/node-upgrade-11-5-0',
} as const;

/** The lockup letters of the genesis table that lock tokens on a schedule (C is unlocked at TGE, E is the pool). */
export const LOCKUPS = ['A', 'B', 'D', 'F'] as const;
/** One of {@link LOCKUPS}. */
export type Lockup = (typeof LOCKUPS)[number];

/** The lockup terms of the genesis table, in words. */
export const LOCKUP_TERMS: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F', string> = {
  A: 'locked 24 months, can be staked, rewards liquid',
  B: 'locked 24 months, cannot be staked; a 12-month unlock starts at month 12 (8.33 % claimable a month)',
  C: 'unlocked at TGE',
  D: '3-year lock, cannot be staked; a 24-month unlock starts at month 12 (4.16 % claimable a month), subject to performance conditions',
  E: 'the Staking Reward Pool, releasing 14 % a year',
  F: 'locked 90 days, can be staked',
};

/**
 * How each scheduled lockup unlocks, counted from the TGE: plain data the
 * model turns into `Unlock` records (core's `cliff` and `monthlySteps`).
 * B and D (ruling): one tranche on each monthly anniversary of the TGE, the
 * first at month 13 (the first month of the unlock that starts at month 12 has
 * passed, "8.33 % claimable per month"), the last at month 24 (B: "locked 24
 * months") or 36 (D: "3-year lock").
 */
export const LOCKUP_SCHEDULES: Record<
  Lockup,
  { kind: 'cliff'; months?: number; days?: number } | { kind: 'monthly'; firstMonth: number; steps: number }
> = {
  A: { kind: 'cliff', months: 24 },
  B: { kind: 'monthly', firstMonth: 13, steps: 12 },
  D: { kind: 'monthly', firstMonth: 13, steps: 24 },
  F: { kind: 'cliff', days: 90 },
};

/** Whether a lockup's tokens may be staked while locked (the genesis table: A and F). */
export const STAKEABLE_LOCKUPS: readonly Lockup[] = ['A', 'F'];

/** One row of the published genesis table, with its split across lockups. */
export interface GenesisRow {
  category: string;
  amount: string;
  tranches: ReadonlyArray<{ lockup: keyof typeof LOCKUP_TERMS; amount: string }>;
}

/**
 * The published genesis table: 10 categories summing to 240,000,000 SESH
 * ({@link SOURCES}.genesis). The `tge-2025-05-21` preset's lockup
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
 * The published Arbitrum One deployment (the docs' Session Token page,
 * https://github.com/session-foundation/session-docs/blob/1cb0218335956eb768e085188ec4e3e787ee2767/session-token-sesh/README.md,
 * and the contracts' README). SESH has the same address on Ethereum.
 */
export const SESSION_ADDRESSES = {
  token: '0x10Ea9E5303670331Bdddfa66A4cEA47dae4fcF3b',
  serviceNodeRewards: '0xC2B9fC251aC068763EbDfdecc792E3352E351c00',
  rewardRatePool: '0x11f040E89dFAbBA9070FFE6145E914AC68DbFea0',
} as const;

/** Arbitrum One's chain id (oxend's mainnet.h). */
export const ARBITRUM_ONE_CHAIN_ID = 42161;
/** Ethereum mainnet's chain id. */
export const ETHEREUM_CHAIN_ID = 1;

/** The genesis amounts the unscheduled remainder is computed from. */
export type GenesisAmounts = Readonly<
  Record<'maxSupply' | 'genesisCirculating' | 'stakingRewardPool' | `lockup${Lockup}`, Decimal>
>;

/**
 * The locked tokens with no unlock schedule that `lockedUnscheduled`'s word
 * "remainder" stands for: maxSupply − genesisCirculating − stakingRewardPool
 * − Σ lockups A, B, D, F, at the TGE.
 *
 * @example
 * ```ts
 * import { genesisRemainder, type SessionParams } from './parameters.js';
 *
 * declare const seedParams: SessionParams; // the seed preset's values
 *
 * genesisRemainder(seedParams).toFixed(); // '120000000' (240M − 80M − 40M)
 * ```
 */
export function genesisRemainder(amounts: GenesisAmounts): Decimal {
  let remainder = amounts.maxSupply.minus(amounts.genesisCirculating).minus(amounts.stakingRewardPool);
  for (const letter of LOCKUPS) remainder = remainder.minus(amounts[`lockup${letter}`]);
  return remainder;
}

/** The word that anchors the pool balance at the TGE. */
export const AT_TGE = 'tgeDate';

/**
 * The instant the `stakingRewardPool` balance holds: the word `tgeDate`
 * (parsed as `null`: the pool is the TGE balance, whatever `tgeDate` is) or
 * an ISO-8601 instant (a chain reading). Served as an INSTANT always: `null`
 * is written as the `tgeDate` parameter's instant (the word only where no
 * `tgeDate` is given to `format`); both forms are accepted back.
 *
 * @example
 * ```ts
 * import { poolAnchorKind } from './parameters.js';
 *
 * poolAnchorKind().parse('tgeDate'); // null
 * poolAnchorKind().format(null, { tgeDate: new Date('2025-05-21T00:00:00Z') }); // '2025-05-21T00:00:00.000Z'
 * poolAnchorKind().parse('2026-01-01T00:00:00Z')?.toISOString(); // '2026-01-01T00:00:00.000Z'
 * ```
 */
export function poolAnchorKind(): ParameterKind<Date | null> {
  return {
    type: 'INSTANT',
    expected: `"${AT_TGE}" or an ISO-8601 instant such as "2026-01-01T00:00:00Z"`,
    parse: (text) => (text.trim() === AT_TGE ? null : parseInstant(text, 'value')),
    format: (value, values) => {
      if (value !== null) return value.toISOString();
      const tge = values?.[AT_TGE];
      return tge instanceof Date ? tge.toISOString() : AT_TGE;
    },
  };
}

/** The word that makes the unscheduled locked tokens the genesis remainder. */
export const REMAINDER = 'remainder';

/**
 * The locked tokens with no unlock schedule: the word `remainder` (parsed as
 * `null`: maxSupply − genesisCirculating − stakingRewardPool − the scheduled
 * lockups, at the TGE) or an amount ≥ 0. Served as a DECIMAL always: `null`
 * is written as the amount `resolve` computes from the other parameters (the
 * word only without them); both forms are accepted back.
 *
 * @param resolve - the amount "remainder" stands for, from every parsed parameter
 * @example
 * ```ts
 * import { type GenesisAmounts, genesisRemainder, remainderKind, type SessionParams } from './parameters.js';
 *
 * declare const seedParams: SessionParams; // the seed preset's values
 *
 * const kind = remainderKind((values) => genesisRemainder(values as unknown as GenesisAmounts));
 * kind.parse('remainder'); // null
 * kind.format(null, seedParams); // '120000000'
 * kind.parse('120000000')?.toFixed(); // '120000000'
 * ```
 */
export function remainderKind(
  resolve?: (values: Readonly<Record<string, unknown>>) => Decimal,
): ParameterKind<Decimal | null> {
  return {
    type: 'DECIMAL',
    expected: `"${REMAINDER}" or a decimal ≥ 0`,
    bounds: { min: '0' },
    // An amount of SESH: an override finer than its base unit is refused.
    amount: true,
    parse(text) {
      if (text.trim() === REMAINDER) return null;
      const value = parseDecimal(text, 'value');
      if (value.isNegative()) throw new Error(`must be "${REMAINDER}" or a decimal ≥ 0, got ${text}`);
      return value;
    },
    format: (value, values) => {
      if (value !== null) return formatDecimal(value);
      return values && resolve ? formatDecimal(resolve(values)) : REMAINDER;
    },
  };
}

/**
 * The unscheduled locked tokens: the parameter's amount, or at TGE the
 * remainder `maxSupply − genesisCirculating − stakingRewardPool − Σ lockups`.
 *
 * @example
 * ```ts
 * import { type SessionParams, unscheduledLocked } from './parameters.js';
 *
 * declare const seedParams: SessionParams; // the seed preset's values
 *
 * unscheduledLocked(seedParams).toFixed(); // '120000000' (240M − 80M − 40M)
 * ```
 */
export function unscheduledLocked(params: SessionParams): Decimal {
  return params.lockedUnscheduled ?? genesisRemainder(params);
}

/** An amount of SESH (refused finer than its base unit, 10^-9, as an override). */
const amount = decimalKind({ min: '0', amount: true });
const lockup = (letter: Lockup, holders: string) =>
  ({
    label: `Lockup ${letter}`,
    unit: 'SESH',
    description: `Genesis allocations under lockup ${letter} (${LOCKUP_TERMS[letter]}): ${holders}. The schedule is fixed data (LOCKUP_SCHEDULES); this is the amount.`,
    kind: amount,
  }) as const;

/** The parameters of the Session model, by key. */
export const sessionParameters = defineParameters({
  maxSupply: {
    label: 'Maximum supply',
    unit: 'SESH',
    description:
      'The fixed supply, all minted at genesis (the token has no mint path); max = total. Live with an L1 RPC: SESH.totalSupply() on Ethereum.',
    kind: decimalKind({ min: '0', minExclusive: true, amount: true }),
  },
  tgeDate: {
    label: 'Token generation event',
    description:
      'The genesis instant (the day is published; midnight UTC is the model’s reading). The Staking Reward Pool steps once a day (86,400 s) from it; lockups count from it.',
    kind: instantKind(),
  },
  genesisCirculating: {
    label: 'Unlocked at genesis',
    unit: 'SESH',
    description:
      'Tokens unlocked at TGE, staked or not: the circulating supply at TGE by the published convention (seed: "a maximum of 80,000,000"; the genesis table: 79,000,000, lockup C).',
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
      'The instant `stakingRewardPool` holds: the TGE in the presets (served as the tgeDate instant; the presets hold the word "tgeDate", so the anchor follows a tgeDate override), the read instant for a live balance. An override may give an instant or the word "tgeDate". Instants before it are stepped backward by the same closed form.',
    kind: poolAnchorKind(),
  },
  lockedUnscheduled: {
    label: 'Locked without schedule',
    unit: 'SESH',
    description:
      'Locked tokens with no published unlock schedule (not circulating, not stakeable), at TGE: the genesis remainder maxSupply − genesisCirculating − stakingRewardPool − the scheduled lockups, 120,000,000 in the seed, 0 in the TGE preset (served as that amount; the presets hold the word "remainder", so it follows overrides of those amounts). An override may give an amount or the word "remainder".',
    kind: remainderKind((values) => genesisRemainder(values as unknown as GenesisAmounts)),
  },
  lockupA: lockup(
    'A',
    'Treasury (Session Nodes) and part of the Strategic Token Sale; one cliff at month 24',
  ),
  lockupB: lockup(
    'B',
    'Treasury (Advisors), Ecosystem & Community and part of the Strategic Token Sale; 12 equal monthly tranches on the anniversaries of TGE from month 13 to month 24 (ruling: tranches, not a continuous unlock)',
  ),
  lockupD: lockup(
    'D',
    'Treasury (Contributors) and Treasury (Operational); 24 equal monthly tranches from month 13 to month 36 (ruling); the performance conditions are not modelled',
  ),
  lockupF: lockup('F', 'the Testnet Incentive; one cliff at day 90'),
  poolReleaseRate: {
    label: 'Pool release rate',
    unit: 'per year',
    description:
      'The annual payout rate, a run-rate: each day the pool releases rate/365 of its balance (today’s release × 365 = rate × pool, Rewards.emissionRate); over a year those daily steps release ≈ 14.018 % of the pool, not the rate. Contract: ANNUAL_SIMPLE_PAYOUT_RATE / BASIS_POINTS = 151/1000.',
    kind: decimalKind({ type: 'RATE', min: '0', minExclusive: true, max: '1' }),
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
      'The stake of one Session Node (operator minimum 1/4 of it). staked = networkSize × stakingRequirement; staked tokens count as circulating.',
    kind: decimalKind({ min: '0', minExclusive: true, amount: true }),
  },
  feeToPoolShare: {
    label: 'Fee share to the pool',
    description:
      'Of Network Fees (burnt and reminted), the share reminted into the Staking Reward Pool; the rest becomes protocol-owned liquidity.',
    kind: decimalKind({ type: 'RATE', min: '0', max: '1' }),
  },
  feeInflowPerDay: {
    label: 'Network fees per day',
    unit: 'SESH/day',
    description:
      'Network Fees paid per day (Session Pro, Session Names). feeToPoolShare of it enters the pool at each daily step; the rest is protocol-owned liquidity. No figure is published: 0 unless given.',
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
  exitUnlockDuration: {
    label: 'Exit unlock period',
    unit: 'seconds',
    description:
      'From a node’s exit request until it may exit and its stake is returned (oxend UNLOCK_DURATION, 15 days; the staking portal shows 14, we follow oxend and the docs).',
    kind: durationKind(),
  },
  liquidationGraceDuration: {
    label: 'Exit grace before liquidation',
    unit: 'seconds',
    description:
      'How long a node eligible to exit has to do so before anyone may liquidate it (7 days: liquidatable 22 days after the exit request).',
    kind: durationKind(),
  },
  deregistrationLockDuration: {
    label: 'Deregistration stake lock',
    unit: 'seconds',
    description:
      "How long a deregistered node's stake stays locked (DEREGISTRATION_LOCK_DURATION); it earns no rewards meanwhile.",
    kind: durationKind(),
  },
});

/** The Session parameter schema. */
export type SessionSchema = typeof sessionParameters;
/** Parsed Session parameters. */
export type SessionParams = ParameterValues<SessionSchema>;

const cite = (section: string, ...urls: string[]) => [methodology(section), ...urls].join('; ');

const common = {
  maxSupply: {
    value: '240000000',
    source: `${cite('supply', SOURCES.spec, SOURCES.sesh)} ("The maximum supply of Session Token is 240,000,000"; SESH.sol mints it once)`,
  },
  tgeDate: {
    value: '2025-05-21T00:00:00Z',
    source: `${cite('presets', SOURCES.tge)} ("Session Token was generated on May 21, 2025")`,
  },
  poolBalanceAt: {
    value: 'tgeDate',
    source: cite('pool-release'),
  },
  poolReleaseRate: {
    value: '0.151',
    source: `${cite('pool-release', SOURCES.spec, SOURCES.rewardRatePool)} (0.151 × pool / (365 × network size); ANNUAL_SIMPLE_PAYOUT_RATE 151 / BASIS_POINTS 1000)`,
  },
  networkSize: {
    value: '2000',
    source: `${cite('rewards', SOURCES.sessionNodes)} ("approximately 2,000 active nodes")`,
  },
  stakingRequirement: {
    value: '25000',
    source: `${cite('supply', SOURCES.staking, SOURCES.serviceNodeRewards)} (25,000 SESH per node)`,
  },
  feeToPoolShare: {
    value: '0.9',
    source: `${cite('fees', SOURCES.spec)} ("90% of fees are reminted into the Staking Reward Pool"; the remaining 10 % becomes protocol-owned liquidity)`,
  },
  feeInflowPerDay: {
    value: '0',
    source: `${cite('fees', SOURCES.sessionPro)} (no Pro or Names price or volume is published; set it to model fee inflows)`,
    assumption: true,
  },
  liquidatorRewardRatio: {
    value: '3',
    source: `${cite('liquidation', SOURCES.deploy, SOURCES.serviceNodeRewards)} (ratios liquidator : pool : recipient = 3 : 17 : 9980)`,
  },
  poolShareOfLiquidationRatio: {
    value: '17',
    source: `${cite('liquidation', SOURCES.deploy, SOURCES.serviceNodeRewards)} (3 : 17 : 9980; poolAmount = ceil(deposit × 17 / 10000))`,
  },
  recipientRatio: {
    value: '9980',
    source: `${cite('liquidation', SOURCES.deploy)} (3 : 17 : 9980)`,
  },
  exitUnlockDuration: {
    value: '15d',
    source: `${cite('exit-timings', SOURCES.oxendMainnet, SOURCES.nodeUpgrade, SOURCES.stakingPortal)} (oxend UNLOCK_DURATION 15 days, followed; the staking portal's 14 days is not)`,
  },
  liquidationGraceDuration: {
    value: '7d',
    source: `${cite('exit-timings', SOURCES.oxendMainnet, SOURCES.faq, SOURCES.nodeUpgrade)} (exit buffer 7 days: liquidatable 22 days after the exit request)`,
  },
  deregistrationLockDuration: {
    value: '30d',
    source: `${cite('deregistration', SOURCES.oxendMainnet, SOURCES.deregistration)} (DEREGISTRATION_LOCK_DURATION 30 days)`,
  },
} satisfies Partial<ParameterData<SessionSchema>>;

const seedLockupSource = `${cite('lockups', SOURCES.spec)} (the specification gives no lockup schedule; its locked 120,000,000 are lockedUnscheduled)`;
const genesisRow = (text: string) => `${cite('lockups', SOURCES.genesis)} (${text})`;

/** The seed preset: the specification's figures (the default of a snapshot source). */
export const SEED_PRESET: Preset<SessionSchema> = {
  name: 'seed',
  description:
    "The specification's figures: 240,000,000 max; 80,000,000 circulating at genesis; Staking Reward Pool 40,000,000 at TGE; the remaining 120,000,000 locked with no schedule.",
  values: {
    ...common,
    genesisCirculating: {
      value: '80000000',
      source: `${cite('supply', SOURCES.spec)} ("At token genesis, the circulating supply will be a maximum of 80,000,000")`,
    },
    stakingRewardPool: {
      value: '40000000',
      source: `${cite('pool-release', SOURCES.spec)} ("At TGE, the Staking Reward Pool will have 40,000,000 Session Tokens")`,
    },
    lockedUnscheduled: {
      value: 'remainder',
      source: `${cite('genesis-remainder', SOURCES.spec)} (240,000,000 − 80,000,000 − 40,000,000 = 120,000,000 locked, no schedule given)`,
    },
    lockupA: { value: '0', source: seedLockupSource },
    lockupB: { value: '0', source: seedLockupSource },
    lockupD: { value: '0', source: seedLockupSource },
    lockupF: { value: '0', source: seedLockupSource },
  },
};

/** The TGE preset: the published genesis table with lockups A–F (the default of a live source). */
export const TGE_PRESET: Preset<SessionSchema> = {
  name: 'tge-2025-05-21',
  description:
    'The published genesis table: Staking Reward Pool 63,177,550; 79,000,000 unlocked at TGE (lockup C); allocations under lockups A, B, D and F unlock over time.',
  values: {
    ...common,
    genesisCirculating: {
      value: '79000000',
      source: genesisRow(
        'lockup C, unlocked at TGE = 30M claims + 30M node bonus + 6M operational + 13M ecosystem = 79,000,000',
      ),
    },
    stakingRewardPool: {
      value: '63177550',
      source: genesisRow(
        'Staking Reward Pool 63,177,550 (lockup E) = 40M + the unsold 23,177,550 of the strategic sale',
      ),
    },
    lockedUnscheduled: {
      value: 'remainder',
      source: genesisRow('every allocation has a lockup, so the remainder is 0'),
    },
    lockupA: {
      value: '19489700',
      source: genesisRow(
        `A = Treasury (Session Nodes) 15,000,000 + Strategic Token Sale 4,489,700; ${LOCKUP_TERMS.A}`,
      ),
    },
    lockupB: {
      value: '39332750',
      source: genesisRow(
        `B = Treasury (Advisors) 1,000,000 + Ecosystem & Community 30,000,000 + Strategic Token Sale 8,332,750; ${LOCKUP_TERMS.B}`,
      ),
    },
    lockupD: {
      value: '38000000',
      source: genesisRow(
        `D = Treasury (Contributors) 11,000,000 + Treasury (Operational) 27,000,000; ${LOCKUP_TERMS.D}`,
      ),
    },
    lockupF: {
      value: '1000000',
      source: genesisRow(`F = Testnet Incentive 1,000,000; ${LOCKUP_TERMS.F}`),
    },
  },
};

/** The presets by name; `seed` is the default of a snapshot, `tge-2025-05-21` of a live source. */
export const SESSION_PRESETS = {
  seed: SEED_PRESET,
  'tge-2025-05-21': TGE_PRESET,
} as const satisfies Record<string, Preset<SessionSchema>>;

/** A preset name. */
export type SessionPresetName = keyof typeof SESSION_PRESETS;

/** The preset names, the snapshot default first. */
export const SESSION_PRESET_NAMES = Object.keys(SESSION_PRESETS) as SessionPresetName[];
