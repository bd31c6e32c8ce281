import { fileURLToPath } from 'node:url';
import { type FakeArbitrum, startFakeArbitrum } from '@tokenomics/adapter-session/testing';
import { SYNTERNET_GENESIS_STATE } from '@tokenomics/adapter-synternet/testing';
import { Decimal } from '@tokenomics/core';
import { type FakeLcd, STANDARD_MINT_STATE, startFakeLcd } from '@tokenomics/cosmos-rest/testing';
import { createGateway, type RunningGateway } from '@tokenomics/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseBody } from '../../gateway/tests/fixtures.js';
import { createAdapters, loadConfig } from './server-config.js';

/**
 * Issue 12, served precision: "a derivation's `result` equals the served
 * figure; its inputs follow the same rules". Over real HTTP, for every
 * protocol (Session, Synternet, an x/mint chain), snapshot and live, and
 * every derivation served (each supply figure, rewards, a fee quote, a
 * penalty): every input that names a served figure equals that figure as
 * served (the pool input is the pool bucket, `total` is supply.total,
 * `bondedRatio` is rewards.bondedRatio and the parameter…), no amount input
 * shows more decimals than the token's base unit, no rate more than 18, and
 * every decimal input is one or the other (or a count).
 */

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const RATE_PLACES = 18;

const placesOf = (value: string): number => (value.includes('.') ? value.split('.')[1]!.length : 0);
const sum = (values: readonly string[]): string =>
  values.reduce((total, value) => total.plus(value), new Decimal(0)).toFixed();

/** How a protocol's derivation inputs are read: which names are amounts of its token, which are rates. */
interface InputKinds {
  amounts: readonly (string | RegExp)[];
  rates: readonly (string | RegExp)[];
  /** Decimal inputs that are neither (a quote's quantity of units). */
  others?: readonly string[];
}

const matches = (names: readonly (string | RegExp)[], name: string): boolean =>
  names.some((pattern) => (typeof pattern === 'string' ? pattern === name : pattern.test(name)));

const SESSION_KINDS: InputKinds = {
  amounts: [
    'total',
    'pool',
    'lockedUnscheduled',
    /^locked [ABDF] \(/,
    'pool₀ (stakingRewardPool)',
    /^inflow /,
    'maxSupply',
    'stakingRequirement',
    'circulating',
    'staked',
    'staked from the treasury',
    /^annualEmission /,
    'released over the next twelve months (365 daily steps, fee inflows included)',
    /^perParticipantDaily /,
    /^network reward per day /,
    /^chain: /,
    'unitPrice',
    'deposit',
    'returned',
  ],
  rates: [
    'rate',
    'poolReleaseRate',
    'released over the next twelve months, as a fraction of the pool',
    /^released per year with daily steps /,
    /^contract: /,
    'feeToPoolShare',
  ],
  others: ['quantity'],
};

const SLASHING_AMOUNTS = ['validatorTokens', 'burned', 'roundingRemainder'];
const SLASHING_RATES = ['minSignedPerWindow', 'slashFractionDowntime', 'slashFractionDoubleSign'];

const SYNTERNET_KINDS: InputKinds = {
  amounts: [
    'yearStartTotal',
    'validatorAllowance',
    'treasuryAllowance',
    'anchorTotal',
    'total',
    'treasury',
    'nonCirculatingHoldings',
    'anchorTreasury',
    'treasuryEmittedSinceStart',
    'circulating',
    'staked',
    'stakedFromTreasury',
    'annualEmission',
    'nextTwelveMonthsRelease',
    'unitPrice',
    'dataFeePerGB',
    'messageFeeMinimum',
    'base',
    'protocolFee',
    ...SLASHING_AMOUNTS,
  ],
  rates: [
    'elapsed',
    'validatorRate',
    'treasuryRate',
    'chainInflation',
    'chainValidatorRate',
    'inflation',
    'bondedRatio',
    'communityTax',
    'commission',
    'messageFeeRate',
    ...SLASHING_RATES,
  ],
  others: ['quantity'],
};

const MINT_KINDS: InputKinds = {
  amounts: [
    'anchorSupply',
    'minted',
    'total',
    'nonCirculatingHoldings',
    'circulating',
    'staked',
    'stakedFromHoldings',
    'annualProvisions',
    'annualEmission',
    'nextTwelveMonthsRelease',
    ...SLASHING_AMOUNTS,
  ],
  rates: [
    'anchorInflation',
    'changePerBlock',
    'inflation',
    'seriesErrorBound',
    'communityTax',
    'bondedRatio',
    'commission',
    ...SLASHING_RATES,
  ],
};

interface Derivation {
  formula: string;
  inputs: Array<{ name: string; value: string }>;
  result: string;
  source: string;
}

/** The decimal places of every decimal number written in a text. */
const placesInText = (text: string): number[] =>
  [...text.matchAll(/\d\.(\d+)/g)].map((match) => match[1]!.length);

/**
 * Numbers written in text follow the served precision too: a bucket's source
 * writes amounts (at most the token's decimals), a formula amounts or rates
 * (at most 18 places).
 */
function expectTextsServed(where: string, served: Served): void {
  for (const b of served.supply.buckets as Array<{ key: string; source: string }>) {
    for (const places of placesInText(b.source)) {
      expect(places, `${where}: bucket ${b.key}'s source "${b.source}"`).toBeLessThanOrEqual(served.decimals);
    }
  }
  const derivations: Array<[string, Derivation | null]> = [
    ...['dMax', 'dTotal', 'dCirculating', 'dStaked', 'dLiquid', 'dBurned'].map(
      (key) => [`supply.${key}`, served.supply[key]] as [string, Derivation | null],
    ),
    ['rewards', served.rewards.derivation],
    ...Object.entries(served.quotes).map(
      ([alias, q]) => [`quote ${alias}`, q.derivation] as [string, Derivation],
    ),
    ...Object.entries(served.penalties).map(
      ([alias, o]) => [`penalty ${alias}`, o.derivation] as [string, Derivation],
    ),
  ];
  for (const [name, derivation] of derivations) {
    if (!derivation) continue;
    for (const text of [derivation.formula, derivation.source]) {
      for (const places of placesInText(text)) {
        expect(places, `${where} ${name}: "${text}"`).toBeLessThanOrEqual(RATE_PLACES);
      }
    }
  }
}

/**
 * Checks one derivation: the inputs named in `figures` equal those served
 * figures, and every decimal input is at the served precision of its kind.
 */
function expectInputs(
  where: string,
  derivation: Derivation | null,
  figures: Record<string, string | null | undefined>,
  kinds: InputKinds,
  decimals: number,
): void {
  expect(derivation, `${where}: no derivation`).not.toBeNull();
  const inputs = new Map(derivation!.inputs.map(({ name, value }) => [name, value]));
  for (const [name, expected] of Object.entries(figures)) {
    expect(expected, `${where}: the served figure for input "${name}" is missing`).toEqual(
      expect.any(String),
    );
    expect(inputs.get(name), `${where}: input "${name}" = the served figure`).toBe(expected);
  }
  for (const [name, value] of inputs) {
    if (!PLAIN_DECIMAL.test(value)) continue;
    const what = `${where}: input "${name}" = ${value}`;
    if (matches(kinds.amounts, name)) {
      expect(placesOf(value), `${what} (an amount)`).toBeLessThanOrEqual(decimals);
    } else if (matches(kinds.rates, name)) {
      expect(placesOf(value), `${what} (a rate)`).toBeLessThanOrEqual(RATE_PLACES);
    } else if (!kinds.others?.includes(name)) {
      // A count: a whole number. A decimal here is an input this test does not know the kind of.
      expect(value, `${what}: neither an amount, a rate nor a count`).toMatch(/^-?\d+$/);
    }
  }
}

const DERIVATION = '{ formula inputs { name value } result source }';
const SUPPLY_FIELDS = `max total circulating staked liquid burned buckets { key amount source }
  dMax: derivation(figure: MAX) ${DERIVATION}
  dTotal: derivation(figure: TOTAL) ${DERIVATION}
  dCirculating: derivation(figure: CIRCULATING) ${DERIVATION}
  dStaked: derivation(figure: STAKED) ${DERIVATION}
  dLiquid: derivation(figure: LIQUID) ${DERIVATION}
  dBurned: derivation(figure: BURNED) ${DERIVATION}`;
const REWARDS_FIELDS = `annualEmission emissionRate stakingApr bondedRatio perParticipantDaily derivation ${DERIVATION}`;
const QUOTE_FIELDS = `base protocolFee total allocations { target amount } derivation ${DERIVATION}`;
const PENALTY_FIELDS = `slashedTotal stakes { before slashed after } allocations { target amount } derivation ${DERIVATION}`;

interface Quote {
  base: string;
  protocolFee: string;
  total: string;
  allocations: Array<{ target: string; amount: string }>;
  derivation: Derivation;
}
interface Outcome {
  slashedTotal: string;
  stakes: Array<{ before: string; slashed: string; after: string }>;
  allocations: Array<{ target: string; amount: string }>;
  derivation: Derivation;
}

/** One protocol at one instant, as served: figures, parameters, derivations. */
interface Served {
  decimals: number;
  parameters: Record<string, { kind: string; value: string; unit: string | null }>;
  supply: ResponseBody;
  rewards: ResponseBody;
  quotes: Record<string, Quote>;
  penalties: Record<string, Outcome>;
}

const bucket = (served: Served, key: string): string | undefined =>
  (served.supply.buckets as Array<{ key: string; amount: string }>).find((b) => b.key === key)?.amount;
const parameter = (served: Served, key: string): string | undefined => served.parameters[key]?.value;
const allocation = (outcome: { allocations: Array<{ target: string; amount: string }> }, target: string) =>
  outcome.allocations.find((a) => a.target === target)?.amount;

async function servedAt(
  running: RunningGateway,
  id: string,
  at: string | null,
  quotes: Record<string, string>,
  penalties: Record<string, string>,
): Promise<Served> {
  const atArg = at === null ? '' : `at: "${at}"`;
  const query = `{ protocol(id: "${id}") {
    token { decimals }
    parameters { key kind value unit }
    supply${atArg ? `(${atArg})` : ''} { ${SUPPLY_FIELDS} }
    rewards(${atArg} commission: "0.05") { ${REWARDS_FIELDS} }
    ${Object.entries(quotes)
      .map(([alias, input]) => `${alias}: quoteFee(input: ${input}) { ${QUOTE_FIELDS} }`)
      .join('\n')}
    ${Object.entries(penalties)
      .map(([alias, input]) => `${alias}: simulatePenalty(input: ${input}) { ${PENALTY_FIELDS} }`)
      .join('\n')}
  } }`;
  const response = await fetch(running.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as ResponseBody;
  expect(body.errors).toBeUndefined();
  const protocol = body.data.protocol;
  return {
    decimals: protocol.token.decimals,
    parameters: Object.fromEntries(
      (protocol.parameters as Array<{ key: string; kind: string; value: string; unit: string | null }>).map(
        (p) => [p.key, p],
      ),
    ),
    supply: protocol.supply,
    rewards: protocol.rewards,
    quotes: Object.fromEntries(Object.keys(quotes).map((alias) => [alias, protocol[alias]])),
    penalties: Object.fromEntries(Object.keys(penalties).map((alias) => [alias, protocol[alias]])),
  };
}

/** The canonical form of each parameter kind's value (ParameterKind in the schema). */
const CANONICAL: Record<string, RegExp> = {
  DECIMAL: PLAIN_DECIMAL,
  RATE: PLAIN_DECIMAL,
  INTEGER: /^-?\d+$/,
  DURATION: /^\d+s$/,
  INSTANT: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
  LIST: /^-?\d+(\.\d+)?(,-?\d+(\.\d+)?)*$/,
};

/** Every parameter's value in the canonical form of its kind; every duration in seconds. */
function expectParametersCanonical(where: string, served: Served): void {
  for (const [key, { kind, value, unit }] of Object.entries(served.parameters)) {
    if (CANONICAL[kind]) expect(value, `${where}: parameter ${key} (${kind})`).toMatch(CANONICAL[kind]!);
    if (kind === 'DURATION') expect(unit, `${where}: parameter ${key}'s unit`).toBe('seconds');
  }
}

/** Every RATE parameter at 18 places at most; `bondedRatio`, where it is one, as rewards.bondedRatio serves it. */
function expectRateParameters(where: string, served: Served): void {
  for (const [key, { kind, value }] of Object.entries(served.parameters)) {
    if (kind === 'RATE')
      expect(placesOf(value), `${where}: parameter ${key} = ${value}`).toBeLessThanOrEqual(18);
  }
  if (served.parameters.bondedRatio) {
    expect(parameter(served, 'bondedRatio'), `${where}: parameter bondedRatio`).toBe(
      served.rewards.bondedRatio,
    );
  }
}

function checkSlashing(where: string, served: Served, kinds: InputKinds): void {
  for (const [alias, outcome] of Object.entries(served.penalties)) {
    const rule = `${where} penalty ${alias}`;
    expect(outcome.derivation.result).toBe(outcome.slashedTotal);
    expectInputs(
      rule,
      outcome.derivation,
      {
        validatorTokens: sum(outcome.stakes.map((stake) => stake.before)),
        burned: allocation(outcome, 'burn'),
        roundingRemainder: allocation(outcome, 'validator-rounding') ?? '0',
        ...(alias === 'downtime'
          ? {
              minSignedPerWindow: parameter(served, 'minSignedPerWindow'),
              slashFractionDowntime: parameter(served, 'slashFractionDowntime'),
              signedBlocksWindow: parameter(served, 'signedBlocksWindow'),
            }
          : { slashFractionDoubleSign: parameter(served, 'slashFractionDoubleSign') }),
      },
      kinds,
      served.decimals,
    );
  }
}

const SESSION_QUOTES = {
  pro: '{ fee: "session-pro", quantity: "1", unitPrice: "123.456789123" }',
  names: '{ fee: "session-names", quantity: "3", unitPrice: "0.000000007" }',
};
const SESSION_PENALTIES = {
  liquidation: '{ rule: "liquidation", stakes: ["25000.123456789", "3.000000001"] }',
  deregistration: '{ rule: "deregistration", stakes: ["25000"] }',
};

function checkSession(where: string, served: Served): void {
  const { supply, rewards, decimals } = served;
  const kinds = SESSION_KINDS;
  const d = supply;
  expect(d.dCirculating.result).toBe(supply.circulating);
  expectInputs(`${where} supply.max`, d.dMax, { maxSupply: supply.max }, kinds, decimals);
  expectInputs(`${where} supply.total`, d.dTotal, { maxSupply: supply.total }, kinds, decimals);
  expectInputs(
    `${where} supply.circulating`,
    d.dCirculating,
    {
      total: supply.total,
      pool: bucket(served, 'staking-reward-pool'),
      lockedUnscheduled: bucket(served, 'locked-unscheduled') ?? '0',
      'pool₀ (stakingRewardPool)': parameter(served, 'stakingRewardPool'),
      rate: parameter(served, 'poolReleaseRate'),
    },
    kinds,
    decimals,
  );
  // The lockups still locked are the lockup buckets, and what nodes stake out of A and F beyond the circulating supply.
  const lockupInputs = (d.dCirculating as Derivation).inputs.filter((input) =>
    /^locked [ABDF] \(/.test(input.name),
  );
  expect(lockupInputs).toHaveLength(4);
  const lockupBuckets = (supply.buckets as Array<{ key: string; amount: string }>).filter(
    (b) => /^locked-[ABDF]$/.test(b.key) || b.key === 'staked-from-treasury',
  );
  expect(sum(lockupInputs.map((input) => input.value)), `${where}: Σ locked inputs`).toBe(
    sum(lockupBuckets.map((b) => b.amount)),
  );
  expectInputs(
    `${where} supply.staked`,
    d.dStaked,
    {
      stakingRequirement: parameter(served, 'stakingRequirement'),
      networkSize: parameter(served, 'networkSize'),
    },
    kinds,
    decimals,
  );
  expectInputs(
    `${where} supply.liquid`,
    d.dLiquid,
    {
      circulating: supply.circulating,
      staked: supply.staked,
      'staked from the treasury': bucket(served, 'staked-from-treasury') ?? '0',
    },
    kinds,
    decimals,
  );
  expectInputs(`${where} supply.burned`, d.dBurned, {}, kinds, decimals);

  const inputs = new Map((rewards.derivation as Derivation).inputs.map((input) => [input.name, input.value]));
  expectInputs(
    `${where} rewards`,
    rewards.derivation,
    {
      'annualEmission (run-rate: today’s release × 365 = rate × pool)': rewards.annualEmission,
      pool: bucket(served, 'staking-reward-pool'),
      poolReleaseRate: rewards.emissionRate,
      'perParticipantDaily (rate × pool / (365 × networkSize))': rewards.perParticipantDaily,
      stakingRequirement: parameter(served, 'stakingRequirement'),
      networkSize: parameter(served, 'networkSize'),
      'pool₀ (stakingRewardPool)': parameter(served, 'stakingRewardPool'),
    },
    kinds,
    decimals,
  );
  expect(inputs.get('poolReleaseRate')).toBe(parameter(served, 'poolReleaseRate'));

  for (const [alias, quote] of Object.entries(served.quotes)) {
    expect(quote.derivation.result).toBe(quote.total);
    // The formula writes the split as the allocations serve it.
    expect(quote.derivation.formula).toContain(
      `→ Staking Reward Pool = ${allocation(quote, 'staking-reward-pool')}, the rest → protocol-owned liquidity = ${allocation(quote, 'protocol-owned-liquidity')}`,
    );
    expectInputs(
      `${where} quote ${alias}`,
      quote.derivation,
      { feeToPoolShare: parameter(served, 'feeToPoolShare') },
      kinds,
      decimals,
    );
  }
  const liquidation = served.penalties.liquidation!;
  expectInputs(
    `${where} penalty liquidation`,
    liquidation.derivation,
    {
      deposit: sum(liquidation.stakes.map((stake) => stake.before)),
      returned: sum(liquidation.stakes.map((stake) => stake.after)),
      liquidatorRewardRatio: parameter(served, 'liquidatorRewardRatio'),
      poolShareOfLiquidationRatio: parameter(served, 'poolShareOfLiquidationRatio'),
      recipientRatio: parameter(served, 'recipientRatio'),
    },
    kinds,
    decimals,
  );
  expectInputs(
    `${where} penalty deregistration`,
    served.penalties.deregistration!.derivation,
    {},
    kinds,
    decimals,
  );
  expectRateParameters(where, served);
  expectTextsServed(where, served);
  expectParametersCanonical(where, served);
}

const SYNTERNET_QUOTES = {
  data: '{ fee: "pay-per-data", quantity: "1.5", unitPrice: "8.123457" }',
  message: '{ fee: "pay-per-message", quantity: "7", unitPrice: "0.000333" }',
};
const SLASHING_PENALTIES = {
  downtime: '{ rule: "downtime", stakes: ["10000.123457", "250000", "0.333333"], missedBlocks: 9999 }',
  doubleSign: '{ rule: "double-sign", stakes: ["10000.123457", "250000.000001"] }',
};

function checkSynternet(where: string, served: Served): void {
  const { supply, rewards, decimals } = served;
  const kinds = SYNTERNET_KINDS;
  expect(supply.dTotal.result).toBe(supply.total);
  expectInputs(`${where} supply.total`, supply.dTotal, {}, kinds, decimals);
  expectInputs(
    `${where} supply.circulating`,
    supply.dCirculating,
    {
      total: supply.total,
      // The treasury holds both buckets: the part not staked and the part counted as staked from it.
      treasury: sum([bucket(served, 'treasury')!, bucket(served, 'staked-from-treasury')!]),
      nonCirculatingHoldings: '0',
    },
    kinds,
    decimals,
  );
  expectInputs(
    `${where} supply.staked`,
    supply.dStaked,
    { bondedRatio: rewards.bondedRatio, total: supply.total },
    kinds,
    decimals,
  );
  expectInputs(
    `${where} supply.liquid`,
    supply.dLiquid,
    {
      circulating: supply.circulating,
      staked: supply.staked,
      stakedFromTreasury: bucket(served, 'staked-from-treasury'),
    },
    kinds,
    decimals,
  );
  expectInputs(
    `${where} rewards`,
    rewards.derivation,
    {
      inflation: rewards.emissionRate,
      total: supply.total,
      bondedRatio: rewards.bondedRatio,
      communityTax: parameter(served, 'communityTax'),
      annualEmission: rewards.annualEmission,
      commission: '0.05',
    },
    kinds,
    decimals,
  );
  const { data, message } = served.quotes;
  for (const [alias, quote, fee] of [
    ['data', data!, { dataFeePerGB: parameter(served, 'dataFeePerGB') }],
    [
      'message',
      message!,
      {
        messageFeeRate: parameter(served, 'messageFeeRate'),
        messageFeeMinimum: parameter(served, 'messageFeeMinimum'),
      },
    ],
  ] as const) {
    expect(quote.derivation.result).toBe(quote.total);
    expectInputs(
      `${where} quote ${alias}`,
      quote.derivation,
      { base: quote.base, protocolFee: quote.protocolFee, ...fee },
      kinds,
      decimals,
    );
  }
  checkSlashing(where, served, kinds);
  expectRateParameters(where, served);
  expectTextsServed(where, served);
  expectParametersCanonical(where, served);
}

function checkMint(where: string, served: Served): void {
  const { supply, rewards, decimals } = served;
  const kinds = MINT_KINDS;
  expect(supply.dTotal.result).toBe(supply.total);
  expectInputs(
    `${where} supply.total`,
    supply.dTotal,
    {
      anchorSupply: parameter(served, 'anchorSupply'),
      anchorInflation: parameter(served, 'anchorInflation'),
      inflation: rewards.emissionRate,
    },
    kinds,
    decimals,
  );
  expectInputs(
    `${where} supply.circulating`,
    supply.dCirculating,
    { total: supply.total, nonCirculatingHoldings: '0' },
    kinds,
    decimals,
  );
  expectInputs(
    `${where} supply.staked`,
    supply.dStaked,
    { bondedRatio: rewards.bondedRatio, total: supply.total },
    kinds,
    decimals,
  );
  expectInputs(
    `${where} supply.liquid`,
    supply.dLiquid,
    { circulating: supply.circulating, staked: supply.staked },
    kinds,
    decimals,
  );
  expectInputs(
    `${where} rewards`,
    rewards.derivation,
    {
      inflation: rewards.emissionRate,
      total: supply.total,
      bondedRatio: rewards.bondedRatio,
      communityTax: parameter(served, 'communityTax'),
      annualEmission: rewards.annualEmission,
      commission: '0.05',
    },
    kinds,
    decimals,
  );
  checkSlashing(where, served, kinds);
  expectRateParameters(where, served);
  expectTextsServed(where, served);
  expectParametersCanonical(where, served);
}

async function builtIn(protocols: Array<{ adapter: string; options?: Record<string, unknown> }>) {
  const adapters = await createAdapters({
    baseDir: fileURLToPath(new URL('./', import.meta.url)),
    protocols: protocols.map(({ adapter, options }) => ({ adapter, options: options ?? {} })),
  });
  return createGateway({ adapters }).listen(0, '127.0.0.1');
}

describe('derivation inputs are served at the served precision, equal to the figures they name', () => {
  const gateways: RunningGateway[] = [];
  let chain: FakeArbitrum;
  let lcd: FakeLcd;
  let seeds: RunningGateway;
  let published: RunningGateway;
  let live: RunningGateway;

  beforeAll(async () => {
    seeds = await builtIn([
      { adapter: '@tokenomics/adapter-session' },
      { adapter: '@tokenomics/adapter-synternet' },
      { adapter: '@tokenomics/adapter-cosmos-mint', options: { id: 'cosmoshub' } },
    ]);
    published = await builtIn([
      { adapter: '@tokenomics/adapter-session', options: { preset: 'tge-2025-05-21' } },
      { adapter: '@tokenomics/adapter-synternet', options: { preset: 'chain-2025' } },
    ]);
    chain = await startFakeArbitrum();
    // A chain whose supply, bonded ratio and inflation have long expansions:
    // 1,234,567,890.123456 SYNT, 500,000,000 bonded (bondedRatio 0.40500000368…).
    lcd = await startFakeLcd({
      base: SYNTERNET_GENESIS_STATE,
      state: {
        supply: [{ denom: 'usynt', amount: '1234567890123456' }],
        pool: { bonded_tokens: '500000000000000', not_bonded_tokens: '1000000000000' },
        latestBlock: { height: '2000000', time: '2025-09-15T10:11:12Z' },
        mint: STANDARD_MINT_STATE,
      },
    });
    const adapters = await createAdapters(
      loadConfig({ cwd: process.cwd(), env: { SESSION_RPC_URL: chain.url, SYNTERNET_LCD_URL: lcd.url } }),
    );
    live = await createGateway({ adapters }).listen(0, '127.0.0.1');
    gateways.push(seeds, published, live);
  });
  afterAll(async () => {
    await Promise.all(gateways.map((running) => running.close()));
    await Promise.all([chain?.close(), lcd?.close()]);
  });

  it('Session, seed and the published preset, at TGE, mid-year and after the lockups start to unlock', async () => {
    for (const [name, running] of [
      ['seed', seeds],
      ['tge-2025-05-21', published],
    ] as const) {
      for (const at of ['2025-05-21T00:00:00Z', '2026-03-04T05:06:07Z', '2026-08-09T10:11:12Z']) {
        const served = await servedAt(running, 'session', at, SESSION_QUOTES, SESSION_PENALTIES);
        checkSession(`session ${name} at ${at}`, served);
      }
    }
  });

  it('Session live: the chain’s pool stepped to another day, the reward rate read per block', async () => {
    for (const at of [null, '2026-03-04T05:06:07Z']) {
      const served = await servedAt(live, 'session', at, SESSION_QUOTES, SESSION_PENALTIES);
      checkSession(`session live at ${at ?? 'now'}`, served);
    }
  });

  it('Synternet, seed and chain-2025, within year 1 and year 2', async () => {
    for (const [name, running] of [
      ['seed', seeds],
      ['chain-2025', published],
    ] as const) {
      for (const at of ['2025-02-03T04:05:06Z', '2026-03-04T05:06:07Z']) {
        const served = await servedAt(running, 'synternet', at, SYNTERNET_QUOTES, SLASHING_PENALTIES);
        checkSynternet(`synternet ${name} at ${at}`, served);
      }
    }
  });

  it('Synternet live: a bonded ratio and an x/mint inflation with long expansions', async () => {
    for (const at of ['2025-12-01T00:00:00Z', '2026-03-04T05:06:07Z']) {
      const served = await servedAt(live, 'synternet', at, SYNTERNET_QUOTES, SLASHING_PENALTIES);
      checkSynternet(`synternet live at ${at}`, served);
      // The live bonded ratio, 500,000,000 / 1,234,567,890.123456, at 18 places half-even, the same everywhere.
      const ratio = new Decimal('500000000000000')
        .div('1234567890123456')
        .toDecimalPlaces(18, Decimal.ROUND_HALF_EVEN)
        .toFixed();
      expect(served.rewards.bondedRatio).toBe(ratio);
      expect(parameter(served, 'bondedRatio')).toBe(ratio);
    }
    // The served value is a valid override, served back as it was sent (the conformance kit's round trip).
    const response = await fetch(live.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({
        query: `{ protocol(id: "synternet") {
          parameters(overrides: [{ key: "bondedRatio", value: "0.405000003645000292" }]) { key value }
          rewards(at: "2025-12-01T00:00:00Z", overrides: [{ key: "bondedRatio", value: "0.405000003645000292" }]) { bondedRatio }
        } }`,
      }),
    });
    const { data, errors } = (await response.json()) as ResponseBody;
    expect(errors).toBeUndefined();
    expect(data.protocol.parameters).toContainEqual({ key: 'bondedRatio', value: '0.405000003645000292' });
    expect(data.protocol.rewards.bondedRatio).toBe('0.405000003645000292');
  });

  it('an x/mint chain (Cosmos Hub preset), at its anchor and a year on', async () => {
    for (const at of ['2019-03-13T23:00:00Z', '2020-06-07T08:09:10Z']) {
      const served = await servedAt(seeds, 'cosmoshub', at, {}, SLASHING_PENALTIES);
      checkMint(`cosmoshub at ${at}`, served);
    }
  });
});
