import {
  createDirectReader,
  Decimal,
  type EconomyContext,
  type ParameterOverride,
  type Supply,
  type TokenEconomy,
} from '@tokenomics/core';
import {
  bucketsReconcile,
  type ConformanceOptions,
  liquidIsCirculatingLessStaked,
  sourcesAreFollowable,
  supplyIsCoherent,
} from '@tokenomics/core/testing';
import {
  ALTERED_CHAIN_PARAMS,
  codedFailure,
  type FakeLcd,
  memoReader,
  startFakeLcd,
} from '@tokenomics/cosmos-rest/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYNTERNET_TREASURY_ADDRESS, type SynternetAdapterOptions, synternetAdapter } from '../src/index.js';
import { SYNTERNET_GENESIS_STATE } from '../src/testing/index.js';

// The second edition of the economic model (issue 12): circulating by the published
// convention plus liquid, run-rate rewards net of the community tax, x/mint read as total
// inflation, typed parameters, followable sources, non-circulating holdings by configuration.

const d = (text: string) => new Decimal(text);
const GENESIS = new Date('2024-08-01T00:00:00Z');
const HALF_YEAR1 = new Date('2025-01-30T12:00:00Z');
const MODERATOR = 'synt1m8kdtcvhx4pdndxfwsn2az52sxyq09mfexfxgs';
const seed = synternetAdapter();
const chain = synternetAdapter({ preset: 'chain-2025' });

function bucket(supply: Supply, key: string) {
  const found = supply.buckets.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no bucket ${key} in ${supply.buckets.map((b) => b.key).join(', ')}`);
  return found;
}

/**
 * The conformance kit's supply invariants (core's checks) at `at`, with
 * `overrides` (and the preset alone): no negative or inexact figure or bucket,
 * total − Σ non-circulating buckets = circulating, staked ≤ circulating + Σ
 * staked non-circulating buckets, liquid = max(circulating − staked, 0).
 */
async function supplyInvariants(
  economy: TokenEconomy,
  at: Date,
  overrides: readonly ParameterOverride[] = [],
  context?: Partial<EconomyContext>,
): Promise<string[]> {
  const options: ConformanceOptions = {
    instants: [at],
    overrideSets: [overrides],
    ...(context ? { context: () => context } : {}),
  };
  const checks = [supplyIsCoherent, bucketsReconcile, liquidIsCirculatingLessStaked];
  return (await Promise.all(checks.map((check) => check(economy, options)))).flat();
}

/** Half-even to `places` decimals, as the gateway serves (amounts: SYNT's 6; rates: 18). */
const served = (value: Decimal, places: number) =>
  value.toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN).toFixed();

describe('circulating by the published convention, plus liquid', () => {
  it('seed at genesis: staked counts as circulating; the excess over circulating is staked from the treasury', async () => {
    const supply = await seed.supply!({ at: GENESIS });
    expect([supply.total, supply.circulating, supply.staked, supply.liquid].map((x) => x?.toFixed())).toEqual(
      [
        '1000000000',
        '100015000', // total − treasury 899,985,000
        '500000000', // 0.5 × total
        '0', // max(100,015,000 − 500,000,000, 0)
      ],
    );
    // 500,000,000 staked: 100,015,000 from the circulating supply, 399,985,000 from the treasury.
    expect(supply.buckets.map((b) => [b.key, b.amount.toFixed(), b.circulating, b.staked ?? false])).toEqual([
      ['treasury', '500000000', false, false],
      ['staked-from-treasury', '399985000', false, true],
      ['staked', '100015000', true, false],
    ]);
    expect(bucket(supply, 'staked-from-treasury').label).toMatch(/assumption/i);
    expect(await supplyInvariants(seed, GENESIS)).toEqual([]);
    expect(supply.derivations.liquid?.result.eq(supply.liquid!)).toBe(true);
    expect(supply.circulatingDefinition).toMatch(/staked tokens count as circulating/i);
  });

  it('when less is staked than circulates, nothing is staked from the treasury and liquid is the rest', async () => {
    const supply = await seed.supply!({ at: GENESIS, overrides: [{ key: 'bondedRatio', value: '0.05' }] });
    expect(supply.liquid?.toFixed()).toBe('50015000'); // 100,015,000 − 50,000,000
    expect(bucket(supply, 'treasury').amount.toFixed()).toBe('899985000');
    expect(bucket(supply, 'staked-from-treasury').amount.toFixed()).toBe('0');
    expect(bucket(supply, 'staked').amount.toFixed()).toBe('50000000');
    expect(await supplyInvariants(seed, GENESIS, [{ key: 'bondedRatio', value: '0.05' }])).toEqual([]);
  });

  it('half-way through year 1: the treasury carries the 379,985,000 staked beyond circulating', async () => {
    const supply = await seed.supply!({ at: HALF_YEAR1 });
    expect(supply.circulating.toFixed()).toBe('140015000');
    expect(supply.staked?.toFixed()).toBe('520000000');
    expect(bucket(supply, 'staked-from-treasury').amount.toFixed()).toBe('379985000');
    expect(bucket(supply, 'treasury').amount.toFixed()).toBe('520000000');
    expect(await supplyInvariants(seed, HALF_YEAR1)).toEqual([]);
  });

  it('schedule points carry liquid, equal to supply’s at each instant', async () => {
    for (const economy of [seed, chain]) {
      const points = await economy.schedule!({
        from: GENESIS,
        to: new Date('2060-08-01T00:00:00Z'),
        interval: 'YEAR',
      });
      for (const point of points) {
        const supply = await economy.supply!({ at: point.at });
        expect(point.liquid?.toFixed(), point.at.toISOString()).toBe(supply.liquid?.toFixed());
      }
      // Circulating outgrows 0.5 × total once total passes twice the treasury: liquid turns positive.
      expect(points.some((point) => point.liquid?.isZero())).toBe(true);
    }
    const late = await seed.schedule!({
      from: new Date('2100-08-01T00:00:00Z'),
      to: new Date('2101-08-01T00:00:00Z'),
      interval: 'YEAR',
    });
    expect(late.every((point) => point.liquid?.gt(0))).toBe(true);
  });

  it('keeps every invariant with each overridable parameter at its bounds', async () => {
    const bounds: ParameterOverride[][] = [
      [{ key: 'bondedRatio', value: '1' }],
      [{ key: 'bondedRatio', value: '0.000000000000000001' }],
      [{ key: 'treasuryBalance', value: '0' }],
      [{ key: 'treasuryBalance', value: '1000000000' }],
      [{ key: 'genesisSupply', value: '899985000' }],
      [{ key: 'genesisSupply', value: '123456789012345678901234.5' }],
      [{ key: 'inflationSchedule', value: '0.999999,0.999999,0.999999,0.999999,0.999999' }],
      [{ key: 'inflationSchedule', value: '0,0,0,0,0' }],
      [{ key: 'longTermInflation', value: '0.999999' }],
      [{ key: 'treasuryInflationSchedule', value: '0.999999,0.999999,0.999999,0.999999,0.999999' }],
      [{ key: 'longTermTreasuryInflation', value: '0.999999' }],
      [{ key: 'communityTax', value: '0.999999999999999999' }],
    ];
    const instants = [GENESIS, HALF_YEAR1, new Date('2031-02-01T00:00:00Z')];
    for (const economy of [seed, chain]) {
      for (const overrides of bounds) {
        for (const at of instants) {
          const where = `${JSON.stringify(overrides)} at ${at.toISOString()}`;
          expect(await supplyInvariants(economy, at, overrides), where).toEqual([]);
          const rewards = await economy.rewards!({ at, overrides });
          for (const figure of [rewards.annualEmission, rewards.emissionRate, rewards.stakingApr]) {
            expect(figure.isNegative(), where).toBe(false);
          }
        }
      }
    }
    // Below its bound, a genesis supply smaller than the treasury is refused, never served negative.
    expect(
      (await codedFailure(seed.supply!({ at: GENESIS, overrides: [{ key: 'genesisSupply', value: '1' }] })))
        .code,
    ).toBe('BAD_INPUT');
  });
});

describe('rewards: the run-rate at the instant, what stakers receive', () => {
  const taxed = [{ key: 'communityTax', value: '0.02' }];

  it('APR at 8 %, bonding 0.5, community tax 0.02 is 0.1568; annualEmission at year-1 start 78,400,000', async () => {
    const rewards = await seed.rewards!({ at: GENESIS, overrides: taxed });
    expect(rewards.stakingApr.toFixed()).toBe('0.1568');
    expect(rewards.annualEmission.toFixed()).toBe('78400000'); // 80,000,000 × 0.98
    expect(rewards.emissionRate.toFixed()).toBe('0.08');
    expect(rewards.derivation.inputs).toContainEqual(
      expect.objectContaining({ name: 'annualEmission', value: '78400000', kind: 'AMOUNT' }),
    );
    // Year 1 is 365 days: the next twelve months release the whole allowance.
    expect(rewards.derivation.inputs).toContainEqual(
      expect.objectContaining({ name: 'nextTwelveMonthsRelease', value: '78400000', kind: 'AMOUNT' }),
    );
    expect(rewards.derivation.formula).toMatch(/run-rate/);
  });

  it('without a tax: year 1 allowance 80,000,000 and the half-way momentary inflation, served to 18 decimals', async () => {
    expect((await seed.rewards!({ at: GENESIS })).annualEmission.toFixed()).toBe('80000000');
    const half = await seed.rewards!({ at: HALF_YEAR1 });
    expect(half.annualEmission.toFixed()).toBe('80000000');
    expect(served(half.emissionRate, 18)).toBe('0.076923076923076923');
    expect(served((await seed.rewards!({ at: GENESIS })).stakingApr, 18)).toBe('0.16');
  });

  it('the next twelve months from half-way through year 1: 40,000,000 + 70,200,000 × 182.5/365, less the tax', async () => {
    const rewards = await seed.rewards!({ at: HALF_YEAR1, overrides: taxed });
    expect(rewards.annualEmission.toFixed()).toBe('78400000');
    // (40,000,000 + 35,100,000) × 0.98 = 73,598,000
    expect(rewards.derivation.inputs).toContainEqual(
      expect.objectContaining({ name: 'nextTwelveMonthsRelease', value: '73598000', kind: 'AMOUNT' }),
    );
    expect(rewards.derivation.inputs).toContainEqual({
      name: 'nextTwelveMonthsTo',
      value: '2026-01-30T12:00:00.000Z',
    });
  });

  it('schedule emitted is what stakers receive too (net of the community tax)', async () => {
    const points = await seed.schedule!({
      from: GENESIS,
      to: new Date('2026-08-01T00:00:00Z'),
      interval: 'YEAR',
      overrides: taxed,
    });
    expect(points.map((point) => point.emitted.toFixed())).toEqual(['0', '78400000', '68796000']);
  });
});

describe('fees and penalties', () => {
  it('pay-per-message vectors: 0.0005 → 0.0015, 0.01 → 0.0125; pay-per-data 8 SYNT/GB × 1 GB → 12', async () => {
    const quote = (fee: string, unitPrice: string) =>
      seed.quoteFee!({ fee, quantity: d('1'), unitPrice: d(unitPrice) });
    expect((await quote('pay-per-message', '0.0005')).total.toFixed()).toBe('0.0015');
    expect((await quote('pay-per-message', '0.01')).total.toFixed()).toBe('0.0125');
    expect((await quote('pay-per-data', '8')).total.toFixed()).toBe('12');
  });

  it('refuses a message count that is not whole, naming the rule', async () => {
    const error = await codedFailure(
      seed.quoteFee!({ fee: 'pay-per-message', quantity: d('1.5'), unitPrice: d('0.01') }),
    );
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toMatch(/pay-per-message/);
    expect(error.message).toMatch(/whole number of messages, got 1\.5/);
    // Gigabytes need not be whole.
    expect(
      (await seed.quoteFee!({ fee: 'pay-per-data', quantity: d('1.5'), unitPrice: d('8') })).total.toFixed(),
    ).toBe('18');
  });

  it('double-sign: jailed for ever is said as tombstoned, not as no jail', async () => {
    const rule = (await seed.penalties!()).find((candidate) => candidate.key === 'double-sign')!;
    expect(rule.trigger).toMatch(/jailed for ever \(tombstoned\)/);
    const outcome = await seed.simulatePenalty!({ rule: 'double-sign', stakes: [d('10000')] });
    expect([outcome.jailedSeconds, outcome.tombstoned]).toEqual([null, true]);
    expect(outcome.derivation.formula).toMatch(/jailed for ever \(tombstoned/);
  });
});

describe('parameters: typed, with units and assumption flags', () => {
  it('kinds, units and assumptions as the methodology lists them', async () => {
    const byKey = Object.fromEntries((await seed.parameters()).map((p) => [p.key, p]));
    const shape = (key: string) => [byKey[key]?.kind, byKey[key]?.unit, byKey[key]?.assumption];
    expect(shape('genesisSupply')).toEqual(['DECIMAL', 'SYNT', false]);
    expect(shape('treasuryBalance')).toEqual(['DECIMAL', 'SYNT', false]);
    expect(shape('inflationStart')).toEqual(['INSTANT', null, true]);
    expect(shape('inflationSchedule')).toEqual(['LIST', 'per year', false]);
    expect(shape('longTermInflation')).toEqual(['RATE', 'per year', true]);
    expect(shape('bondedRatio')).toEqual(['RATE', null, true]);
    expect(shape('communityTax')).toEqual(['RATE', null, false]);
    expect(shape('signedBlocksWindow')).toEqual(['INTEGER', 'blocks', false]);
    expect(shape('minSignedPerWindow')).toEqual(['RATE', null, false]);
    expect(shape('downtimeJailSeconds')).toEqual(['DURATION', 'seconds', false]);
    expect(shape('slashFractionDowntime')).toEqual(['RATE', null, false]);
    expect(shape('slashFractionDoubleSign')).toEqual(['RATE', null, false]);
    expect(shape('dataFeePerGB')).toEqual(['DECIMAL', 'SYNT/GB', false]);
    expect(shape('messageFeeRate')).toEqual(['RATE', null, false]);
    expect(shape('messageFeeMinimum')).toEqual(['DECIMAL', 'SYNT/message', false]);
    expect(shape('burnShare')).toEqual(['RATE', null, true]);
    const chainByKey = Object.fromEntries((await chain.parameters()).map((p) => [p.key, p]));
    expect(chainByKey.treasuryInflationSchedule?.assumption).toBe(true); // year 1 unknown, 0 assumed
    expect(chainByKey.longTermTreasuryInflation?.assumption).toBe(true);
    expect(byKey.treasuryInflationSchedule?.assumption).toBe(false);
    for (const parameter of Object.values(byKey)) {
      expect(`${parameter.source} ${parameter.description}`, parameter.key).not.toMatch(/ASSUMPTION|ASSUMED/);
    }
  });
});

describe('every served source can be followed', () => {
  const instants = [GENESIS, HALF_YEAR1, new Date('2031-02-01T00:00:00Z')];
  const withHolding: SynternetAdapterOptions = {
    nonCirculating: [{ address: MODERATOR, label: 'Billing moderator', amount: '100000800' }],
  };

  it.each([
    ['seed', seed, []],
    ['chain-2025', chain, []],
    ['seed, overridden', seed, [{ key: 'bondedRatio', value: '0.4' }]],
    ['a configured holding', synternetAdapter(withHolding), []],
  ] as [string, TokenEconomy, ParameterOverride[]][])('%s', async (_name, economy, overrides) => {
    // The kit's check: parameters, buckets, derivations, unlocks, fee and penalty records and outcomes.
    // Messages are counted whole (pay-per-message refuses the kit's default 2.5).
    const feeQuotes = [
      { fee: 'pay-per-data', quantity: d('2.5'), unitPrice: d('8') },
      { fee: 'pay-per-message', quantity: d('3'), unitPrice: d('0.0005') },
    ];
    const stakes = [d('10000'), d('250000')];
    const penaltyInputs = [
      { rule: 'downtime', stakes, missedBlocks: 8_001 },
      { rule: 'double-sign', stakes, missedBlocks: null },
    ];
    expect(
      await sourcesAreFollowable(economy, { instants, overrideSets: [overrides], feeQuotes, penaltyInputs }),
    ).toEqual([]);
  });
});

describe('non-circulating holdings by configuration', () => {
  const holding = { address: MODERATOR, label: 'Billing moderator', amount: '100000800' };

  it('snapshot: the configured amount is subtracted and shown as its own bucket', async () => {
    const economy = synternetAdapter({ nonCirculating: [holding] });
    const supply = await economy.supply!({ at: GENESIS });
    expect(supply.circulating.toFixed()).toBe('14200'); // 1e9 − 899,985,000 − 100,000,800
    const held = bucket(supply, `held-${MODERATOR}`);
    expect([held.amount.toFixed(), held.circulating, held.label]).toEqual([
      '100000800',
      false,
      `Billing moderator (${MODERATOR})`,
    ]);
    expect(held.source).toMatch(/^configuration: /);
    // The excess staked (500,000,000 − 14,200) comes from the treasury first.
    expect(bucket(supply, 'staked-from-treasury').amount.toFixed()).toBe('499985800');
    expect(bucket(supply, 'treasury').amount.toFixed()).toBe('399999200');
    expect(await supplyInvariants(economy, GENESIS)).toEqual([]);
    const points = await economy.schedule!({ from: GENESIS, to: HALF_YEAR1, interval: 'MONTH' });
    for (const point of points) {
      expect(point.circulating.eq((await economy.supply!({ at: point.at })).circulating)).toBe(true);
    }
  });

  it.each<[string, unknown, RegExp]>([
    ['not a list', { address: MODERATOR }, /option "nonCirculating" must be a list/],
    [
      'a bad checksum',
      [{ ...holding, address: `${MODERATOR.slice(0, -1)}h` }],
      /nonCirculating\[0\]\.address must be a synt1… account address with a valid checksum/,
    ],
    [
      'another chain’s prefix',
      [{ ...holding, address: 'cosmos1m8kdtcvhx4pdndxfwsn2az52sxyq09mfkp6tvc' }],
      /must be a synt1… account address/,
    ],
    [
      'the treasury again',
      [{ ...holding, address: SYNTERNET_TREASURY_ADDRESS }],
      /is the treasury, already out of circulation/,
    ],
    ['a duplicate', [holding, holding], /nonCirculating\[1\]\.address .* is listed twice/],
    ['no label', [{ address: MODERATOR, amount: '1' }], /nonCirculating\[0\]\.label must be a line of text/],
    ['an unknown field', [{ ...holding, balance: '1' }], /unknown field\(s\) balance/],
    [
      'no amount in a snapshot',
      [{ address: MODERATOR, label: 'x' }],
      /nonCirculating\[0\]\.amount is required for a snapshot/,
    ],
    ['a negative amount', [{ ...holding, amount: '-1' }], /amount must be a decimal ≥ 0/],
    ['more decimals than usynt', [{ ...holding, amount: '0.0000001' }], /at most 6 decimals/],
  ])('refuses %s with a CONFIGURATION error', (_what, nonCirculating, message) => {
    let error: unknown;
    try {
      synternetAdapter({ nonCirculating } as SynternetAdapterOptions);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'CONFIGURATION', message: expect.stringMatching(message) });
  });

  it('refuses holdings larger than the supply with BAD_INPUT, never a negative circulating', async () => {
    const economy = synternetAdapter({ nonCirculating: [{ ...holding, amount: '100015001' }] });
    const error = await codedFailure(economy.supply!({ at: GENESIS }));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toMatch(/non-circulating/);
  });
});

describe('live: the published preset, x/mint as total inflation, configured holdings read', () => {
  let lcd: FakeLcd;
  const BLOCK_TIME = new Date('2025-11-01T00:00:00Z'); // inflation year 2: chain-2025's treasury rate 5.5 %
  const STATE = {
    supply: [{ denom: 'usynt', amount: '1250000000000000' }], // 1,250,000,000 SYNT
    balances: {
      [SYNTERNET_TREASURY_ADDRESS]: [{ denom: 'usynt', amount: '850000000000000' }], // 850,000,000
      [MODERATOR]: [{ denom: 'usynt', amount: '100000800000000' }], // 100,000,800
    },
    pool: { bonded_tokens: '250000000000000', not_bonded_tokens: '0' }, // 250,000,000 → 0.2
    ...ALTERED_CHAIN_PARAMS, // community tax 2 %
    latestBlock: { height: '2000000', time: '2025-11-01T00:00:00Z' },
    mint: null,
  };
  const ctx = () => ({ reader: createDirectReader({ timeoutMs: 5_000 }), now: BLOCK_TIME });
  const mint = (inflation: string) => ({
    inflation,
    annual_provisions: '0',
    params: {
      mint_denom: 'usynt',
      inflation_rate_change: '0.130000000000000000',
      inflation_max: '0.200000000000000000',
      inflation_min: '0.070000000000000000',
      goal_bonded: '0.670000000000000000',
      blocks_per_year: '6311520',
    },
  });

  beforeAll(async () => {
    lcd = await startFakeLcd({ base: SYNTERNET_GENESIS_STATE, state: STATE });
  });
  afterAll(() => lcd.close());
  beforeEach(() => lcd.setState(STATE));

  it('a live source defaults to chain-2025; a snapshot keeps seed; a configured preset wins', () => {
    expect(synternetAdapter({ live: { lcdUrl: lcd.url } }).preset).toBe('chain-2025');
    expect(synternetAdapter().preset).toBe('seed');
    expect(synternetAdapter({ preset: 'seed', live: { lcdUrl: lcd.url } }).preset).toBe('seed');
  });

  it('x/mint inflation is the total: the validator rate is it minus the year’s treasury rate', async () => {
    lcd.setState({ mint: mint('0.120000000000000000') });
    const rewards = await synternetAdapter({ live: { lcdUrl: lcd.url } }).rewards!({}, ctx());
    // 0.12 − 0.055 = 0.065 of 1,250,000,000 = 81,250,000 a year; stakers get 98 %.
    expect(rewards.emissionRate.toFixed()).toBe('0.065');
    expect(rewards.annualEmission.toFixed()).toBe('79625000');
    expect(rewards.stakingApr.toFixed()).toBe('0.3185'); // 0.065 / 0.2 × 0.98
    expect(rewards.derivation.inputs).toContainEqual(
      expect.objectContaining({ name: 'chainInflation', value: '0.12', kind: 'RATE' }),
    );
    expect(rewards.derivation.inputs).toContainEqual(
      expect.objectContaining({ name: 'treasuryRate', value: '0.055', kind: 'RATE' }),
    );
    expect(rewards.derivation.source).toMatch(/total inflation/);
    expect((await synternetAdapter({ live: { lcdUrl: lcd.url } }).source(ctx())).description).toMatch(
      /x\/mint inflation 0\.12 read and used, as the total inflation less the year's treasury rate/,
    );
  });

  it('a chain inflation below the treasury rate leaves stakers nothing, never a negative rate', async () => {
    lcd.setState({ mint: mint('0.050000000000000000') });
    const rewards = await synternetAdapter({ live: { lcdUrl: lcd.url } }).rewards!({}, ctx());
    expect(
      [rewards.emissionRate, rewards.annualEmission, rewards.stakingApr].map((x) => x.toFixed()),
    ).toEqual(['0', '0', '0']);
  });

  it('reads each configured holding’s balance once, and shows it with a chain: source', async () => {
    const memo = memoReader();
    const economy = synternetAdapter({
      live: { lcdUrl: lcd.url },
      nonCirculating: [{ address: MODERATOR, label: 'Billing moderator' }],
    });
    const supply = await economy.supply!({}, { reader: memo, now: BLOCK_TIME });
    await economy.rewards!({}, { reader: memo, now: BLOCK_TIME });
    expect(supply.circulating.toFixed()).toBe('299999200'); // 1,250,000,000 − 850,000,000 − 100,000,800
    expect(supply.liquid?.toFixed()).toBe('49999200'); // − 250,000,000 staked
    expect(bucket(supply, `held-${MODERATOR}`)).toMatchObject({
      amount: d('100000800'),
      circulating: false,
      source: `chain: GET /cosmos/bank/v1beta1/balances/${MODERATOR} (usynt ÷ 10^6) at block 2000000 (2025-11-01T00:00:00Z)`,
    });
    expect(memo.keys.filter((key) => key.includes(MODERATOR))).toEqual([
      `GET ${lcd.url}/cosmos/bank/v1beta1/balances/${MODERATOR} @2000000`,
    ]);
    expect(await supplyInvariants(economy, BLOCK_TIME, [], { reader: memo, now: BLOCK_TIME })).toEqual([]);
  });

  it('holdings read above the total are an inconsistent answer naming the path', async () => {
    lcd.setState({
      balances: { ...STATE.balances, [MODERATOR]: [{ denom: 'usynt', amount: '400000000000001' }] },
    });
    const error = await codedFailure(
      synternetAdapter({
        live: { lcdUrl: lcd.url },
        nonCirculating: [{ address: MODERATOR, label: 'Billing moderator' }],
      }).supply!({}, ctx()),
    );
    expect(error.code).toBe('UPSTREAM_INVALID');
    expect(error.message).toMatch(
      new RegExp(
        `^GET /cosmos/bank/v1beta1/balances/${MODERATOR} and the other configured holdings report 1250000000.000001 SYNT`,
      ),
    );
  });

  it('a configured amount is the snapshot’s: live reads the chain', async () => {
    const economy = synternetAdapter({
      live: { lcdUrl: lcd.url },
      nonCirculating: [{ address: MODERATOR, label: 'Billing moderator', amount: '1' }],
    });
    expect(bucket(await economy.supply!({}, ctx()), `held-${MODERATOR}`).amount.toFixed()).toBe('100000800');
  });
});
