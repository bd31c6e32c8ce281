import { Decimal, isTokenomicsError, sumDecimals, type TokenEconomy } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import {
  SCHEDULE_TABLES_BYTES,
  SYNTERNET_PRESETS,
  scheduleTableStats,
  synternetAdapter,
} from '../src/index.js';

const d = (text: string) => new Decimal(text);
const GENESIS = new Date('2024-08-01T00:00:00Z');
const MODEL_KEYS = [
  'genesisSupply',
  'treasuryBalance',
  'inflationStart',
  'inflationSchedule',
  'longTermInflation',
  'bondedRatio',
  'communityTax',
  'signedBlocksWindow',
  'minSignedPerWindow',
  'downtimeJailSeconds',
  'slashFractionDowntime',
  'slashFractionDoubleSign',
  'dataFeePerGB',
  'messageFeeRate',
  'messageFeeMinimum',
  'burnShare',
];

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (isTokenomicsError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a TokenomicsError');
}

const seed = synternetAdapter();
const chain = synternetAdapter({ preset: 'chain-2025' });

describe('synternetAdapter', () => {
  it('describes the protocol and its capabilities', async () => {
    expect(seed.id).toBe('synternet');
    expect(seed.name).toBe('Synternet');
    expect(seed.token).toEqual({ symbol: 'SYNT', name: 'Synternet', decimals: 6 });
    expect(seed.preset).toBe('seed');
    expect(chain.preset).toBe('chain-2025');
    expect(seed.capabilities).toEqual(['SUPPLY', 'REWARDS', 'FEES', 'PENALTIES', 'SCHEDULE', 'FLOWS']);
    expect(synternetAdapter({ id: 'synt-2' }).id).toBe('synt-2');
    expect(await seed.source()).toEqual({
      kind: 'SNAPSHOT',
      description: expect.stringContaining('Preset "seed"'),
      fetchedAt: null,
      stale: false,
    });
  });

  it('refuses an unknown preset, listing the valid ones', async () => {
    expect(await codeOf(() => synternetAdapter({ preset: 'mainnet' as 'seed' }))).toBe(
      'CONFIGURATION: unknown Synternet preset "mainnet"; valid presets: seed, chain-2025',
    );
  });

  it('refuses bad live options at start-up', async () => {
    expect(await codeOf(() => synternetAdapter({ live: { lcdUrl: 'api.synternet.com' } }))).toMatch(
      /^CONFIGURATION/,
    );
    expect(
      await codeOf(() =>
        synternetAdapter({ live: { lcdUrl: 'https://api.synternet.com', treasuryAddress: 'cosmos1x' } }),
      ),
    ).toMatch(/^CONFIGURATION: the treasury address/);
    expect(
      await codeOf(() =>
        synternetAdapter({ live: { lcdUrl: 'https://api.synternet.com', chainId: 'synternet 1' } }),
      ),
    ).toBe('CONFIGURATION: the chain id must be a Cosmos chain id such as "synternet-1", got "synternet 1"');
  });
});

describe('parameters and presets', () => {
  it('has every MODEL.md key, each with a value, unit where meaningful, and a source', async () => {
    for (const economy of [seed, chain]) {
      const parameters = await economy.parameters();
      for (const key of MODEL_KEYS) expect(parameters.map((p) => p.key)).toContain(key);
      for (const parameter of parameters) {
        expect(parameter.source.length, parameter.key).toBeGreaterThan(10);
        expect(parameter.description.length, parameter.key).toBeGreaterThan(10);
      }
    }
  });

  it('holds presets as data with a source on every value', () => {
    expect(Object.keys(SYNTERNET_PRESETS)).toEqual(['seed', 'chain-2025']);
    for (const preset of Object.values(SYNTERNET_PRESETS)) {
      for (const [key, value] of Object.entries(preset.values)) expect(value.source, key).not.toBe('');
    }
  });

  it('flags the inflation start, the year-6+ rate and the bonded ratio as assumptions', async () => {
    const parameters = await seed.parameters();
    const byKey = (key: string) => parameters.find((p) => p.key === key)!;
    expect(byKey('inflationStart').value).toBe('2024-08-01T00:00:00.000Z');
    expect(byKey('inflationStart')).toMatchObject({ kind: 'INSTANT', assumption: true });
    expect(byKey('inflationStart').source).toMatch(/docs\/methodology\/synternet\.md#inflation-year-1-start/);
    expect(byKey('longTermInflation').source).toMatch(/upper bound/);
    expect(byKey('longTermInflation').assumption).toBe(true);
    expect(byKey('bondedRatio').assumption).toBe(true);
    expect(byKey('downtimeJailSeconds').value).toBe('600s');
  });

  it('chain-2025 adds the treasury inflation of proposal 0008 (year 1 unknown, 0 assumed)', async () => {
    const treasury = (await chain.parameters()).find((p) => p.key === 'treasuryInflationSchedule')!;
    expect(treasury.value).toBe('0,0.055,0.025,0.01,0');
    expect(treasury.source).toMatch(/proposal-0008\.json/);
    expect(treasury.source).toMatch(/year 1 is not given, 0 assumed/);
    expect(treasury.assumption).toBe(true);
    const seedTreasury = (await seed.parameters()).find((p) => p.key === 'treasuryInflationSchedule')!;
    expect(seedTreasury.value).toBe('0,0,0,0,0');
  });

  it('validates overrides with coded errors', async () => {
    const at = GENESIS;
    const bad = async (key: string, value: string) =>
      codeOf(seed.supply!({ at, overrides: [{ key, value }] }));
    expect(await bad('bondedRatio', '0')).toBe(
      'BAD_INPUT: parameter "bondedRatio" must be a decimal in (0, 1], got 0',
    );
    expect(await bad('bondedRatio', '1.5')).toMatch(/^BAD_INPUT: parameter "bondedRatio"/);
    expect(await bad('communityTax', '1')).toMatch(
      /^BAD_INPUT: parameter "communityTax" must be a decimal in \[0, 1\)/,
    );
    expect(await bad('longTermInflation', '-0.01')).toMatch(/^BAD_INPUT: parameter "longTermInflation"/);
    expect(await bad('signedBlocksWindow', '0')).toMatch(
      /^BAD_INPUT: parameter "signedBlocksWindow" must be an integer ≥ 1/,
    );
    expect(await bad('signedBlocksWindow', '1.5')).toMatch(/^BAD_INPUT: parameter "signedBlocksWindow"/);
    expect(await bad('inflationSchedule', '0.08,0.065')).toMatch(
      /^BAD_INPUT: parameter "inflationSchedule" must be 5 comma-separated/,
    );
    expect(await bad('inflationStart', '2024-13-01')).toMatch(/^BAD_INPUT: parameter "inflationStart"/);
    expect(await bad('downtimeJailSeconds', 'ten minutes')).toMatch(
      /^BAD_INPUT: parameter "downtimeJailSeconds"/,
    );
    expect(await bad('dataFeePerGB', 'abc')).toMatch(/^BAD_INPUT: parameter "dataFeePerGB"/);
    expect(await bad('treasuryBalance', '2000000000')).toMatch(
      /^BAD_INPUT: the treasury .* exceeds the total supply/,
    );
    expect(await bad('nodes', '1')).toMatch(
      /^UNKNOWN_PARAMETER: unknown parameter "nodes"; valid keys: genesisSupply,/,
    );
  });

  it('refuses amount overrides finer than the base unit (SYNT: 6 decimals), naming the rule', async () => {
    expect(
      await codeOf(
        seed.supply!({ at: GENESIS, overrides: [{ key: 'treasuryBalance', value: '1.0000001' }] }),
      ),
    ).toBe(
      'BAD_INPUT: parameter "treasuryBalance" has 7 decimal places; a SYNT amount has at most 6 (its base unit)',
    );
    for (const key of ['genesisSupply', 'treasuryBalance', 'dataFeePerGB', 'messageFeeMinimum']) {
      await expect(seed.parameters({ overrides: [{ key, value: '1.0000001' }] })).rejects.toMatchObject({
        code: 'BAD_INPUT',
        details: { violation: 'BASE_UNIT', limit: 6, key },
      });
      const fine = await seed.parameters({ overrides: [{ key, value: '1.000001' }] }).catch((error) => error);
      expect(fine?.details?.violation).not.toBe('BASE_UNIT');
    }
    // A rate is not an amount: its digits are kept.
    const rates = await seed.parameters({ overrides: [{ key: 'messageFeeRate', value: '0.2500001' }] });
    expect(rates.find((p) => p.key === 'messageFeeRate')?.value).toBe('0.2500001');
  });

  it('marks overridden parameters', async () => {
    const parameters = await seed.parameters({ overrides: [{ key: 'bondedRatio', value: '0.6' }] });
    expect(parameters.find((p) => p.key === 'bondedRatio')).toMatchObject({
      value: '0.6',
      source: 'override: set by this query',
    });
  });
});

describe('supply', () => {
  it('at genesis: treasury 899,985,000, circulating = total − treasury, staked by the bonded ratio', async () => {
    const supply = await seed.supply!({ at: GENESIS });
    expect(supply.max).toBeNull();
    expect(supply.total.toFixed()).toBe('1000000000');
    expect(supply.circulating.toFixed()).toBe('100015000');
    expect(supply.staked?.toFixed()).toBe('500000000');
    expect(supply.liquid?.toFixed()).toBe('0');
    expect(supply.burned).toBeNull();
    // Staked counts as circulating; the 399,985,000 staked beyond it is staked from the treasury.
    expect(supply.buckets.map((b) => [b.key, b.amount.toFixed(), b.circulating])).toEqual([
      ['treasury', '500000000', false],
      ['staked-from-treasury', '399985000', false],
      ['staked', '100015000', true],
    ]);
    expect(supply.circulatingDefinition).toMatch(/Total supply minus the treasury/);
    expect(supply.derivations.total?.result.eq(supply.total)).toBe(true);
    expect(supply.derivations.circulating?.result.eq(supply.circulating)).toBe(true);
    expect(supply.derivations.staked?.result.eq(supply.staked!)).toBe(true);
  });

  it('chain-2025 at the end of year 2: treasury inflation raises total and treasury, not circulating', async () => {
    const supply = await chain.supply!({ at: new Date('2026-08-01T00:00:00Z') });
    // 1e9 × 1.08 = 1.08e9; + 70.2e6 (6.5 %) + 59.4e6 (5.5 %) = 1,209,600,000
    expect(supply.total.toFixed()).toBe('1209600000');
    // The treasury holds 899,985,000 + 59,400,000 = 959,385,000, of which 604,800,000 − 250,215,000 =
    // 354,585,000 counts as staked from it.
    expect(supply.buckets.slice(0, 2).map((b) => [b.key, b.amount.toFixed()])).toEqual([
      ['treasury', '604800000'],
      ['staked-from-treasury', '354585000'],
    ]);
    expect(supply.circulating.toFixed()).toBe('250215000');
    expect(supply.derivations.total?.inputs).toContainEqual(
      expect.objectContaining({ name: 'treasuryRate', value: '0.025', kind: 'RATE' }),
    );
  });

  it('refuses instants before inflationStart, naming the parameter', async () => {
    expect(await codeOf(seed.supply!({ at: new Date('2024-07-31T23:59:59Z') }))).toMatch(
      /^BAD_INPUT: at 2024-07-31T23:59:59.000Z is before Synternet's genesis at 2024-08-01T00:00:00.000Z \(parameter "inflationStart"\)/,
    );
  });

  it('follows an overridden inflation start and genesis supply', async () => {
    const supply = await seed.supply!({
      at: new Date('2026-01-01T00:00:00Z'),
      overrides: [
        { key: 'inflationStart', value: '2025-01-01T00:00:00Z' },
        { key: 'genesisSupply', value: '2000000000' },
      ],
    });
    expect(supply.total.toFixed()).toBe('2160000000'); // one whole year at 8 %
  });
});

describe('rewards', () => {
  it('APY restakes daily and a commission gives the delegator’s net APR', async () => {
    const rewards = await seed.rewards!({ at: GENESIS, commission: d('0.1') });
    expect(rewards.stakingApy?.toSignificantDigits(30).toFixed()).toBe('0.173469730477600326660135328593');
    expect(rewards.delegatorApr?.toFixed()).toBe('0.144'); // 0.16 × 0.9
    expect(rewards.participants).toBeNull();
    expect(rewards.derivation.result.eq(rewards.stakingApr)).toBe(true);
    expect(rewards.derivation.source).toMatch(/Reward rate = Inflation rate \/ Bonding rate/);
    expect(rewards.derivation.inputs).toContainEqual(
      expect.objectContaining({ name: 'commission', value: '0.1', kind: 'RATE' }),
    );
    expect((await seed.rewards!({ at: GENESIS })).delegatorApr).toBeNull();
  });

  it('refuses a commission outside [0, 1]', async () => {
    expect(await codeOf(seed.rewards!({ at: GENESIS, commission: d('1.5') }))).toMatch(
      /^BAD_INPUT: commission/,
    );
  });

  it('follows overrides of bonded ratio and community tax', async () => {
    const rewards = await seed.rewards!({
      at: GENESIS,
      overrides: [
        { key: 'bondedRatio', value: '0.4' },
        { key: 'communityTax', value: '0.02' },
      ],
    });
    expect(rewards.stakingApr.toFixed()).toBe('0.196'); // 0.08 / 0.4 × 0.98
  });

  it('year 6+ uses the long-term rate on the year’s starting total', async () => {
    const rewards = await seed.rewards!({ at: new Date('2029-08-01T00:00:00Z') });
    // total at the start of year 6 = 1e9 × 1.08 × 1.065 × 1.055 × 1.045 × 1.03 = 1,306,108,747.35
    expect(rewards.emissionRate.toFixed()).toBe('0.03');
    expect(rewards.annualEmission.toFixed()).toBe('39183262.4205');
  });
});

describe('penalties', () => {
  it('lists downtime and double-sign with their parameters', async () => {
    const rules = await seed.penalties!();
    expect(rules.map((rule) => rule.key)).toEqual(['downtime', 'double-sign']);
    expect(rules[0]!.trigger).toMatch(/more than 8000 of 16000 blocks/);
    expect(rules[0]!.parameters.map((p) => p.key)).toEqual([
      'signedBlocksWindow',
      'minSignedPerWindow',
      'downtimeJailSeconds',
      'slashFractionDowntime',
    ]);
  });

  it('double-sign slashes 5 % and tombstones', async () => {
    const outcome = await seed.simulatePenalty!({ rule: 'double-sign', stakes: [d('10000'), d('250000')] });
    expect(outcome.stakes.map((s) => [s.slashed.toFixed(), s.after.toFixed()])).toEqual([
      ['500', '9500'],
      ['12500', '237500'],
    ]);
    expect(outcome).toMatchObject({
      triggered: true,
      tombstoned: true,
      jailedSeconds: null,
      lockedSeconds: null,
    });
    expect(outcome.slashedTotal.toFixed()).toBe('13000');
    expect(outcome.derivation.result.eq(outcome.slashedTotal)).toBe(true);
  });

  it('downtime follows an overridden window (chain genesis 2,000)', async () => {
    const overrides = [{ key: 'signedBlocksWindow', value: '2000' }];
    const input = { rule: 'downtime', stakes: [d('10000')], overrides };
    expect((await seed.simulatePenalty!({ ...input, missedBlocks: 1000 })).triggered).toBe(false);
    expect((await seed.simulatePenalty!({ ...input, missedBlocks: 1001 })).triggered).toBe(true);
  });

  it('refuses downtime without missedBlocks or with more than the window', async () => {
    expect(await codeOf(seed.simulatePenalty!({ rule: 'downtime', stakes: [d('1')] }))).toMatch(
      /^BAD_INPUT: the downtime rule needs missedBlocks/,
    );
    expect(
      await codeOf(seed.simulatePenalty!({ rule: 'downtime', stakes: [d('1')], missedBlocks: 16001 })),
    ).toMatch(/^BAD_INPUT: missedBlocks \(16001\) cannot exceed the signing window of 16000 blocks/);
    expect(await codeOf(seed.simulatePenalty!({ rule: 'jail', stakes: [] }))).toMatch(/^NOT_FOUND/);
  });
});

describe('fees', () => {
  it('lists pay-per-data (PER_UNIT) and pay-per-message (PERCENT_WITH_MINIMUM), stating our reading', async () => {
    const fees = await seed.fees!();
    expect(fees.map((fee) => [fee.key, fee.model])).toEqual([
      ['pay-per-data', 'PER_UNIT'],
      ['pay-per-message', 'PERCENT_WITH_MINIMUM'],
    ]);
    expect(fees[1]!.description).toMatch(/Our reading: .* max\(0\.001 \+ 0\.0005, 0\.0005 × 0\.25\)/);
    for (const fee of fees) {
      expect(sumDecimals(fee.destinations.map((x) => x.share)).toFixed()).toBe('1');
      expect(fee.destinations.map((x) => x.target)).toEqual(['treasury', 'burn']);
    }
  });

  it('splits protocol revenue by burnShare', async () => {
    const quote = await seed.quoteFee!({
      fee: 'pay-per-data',
      quantity: d('3'),
      unitPrice: d('8'),
      overrides: [{ key: 'burnShare', value: '0.5' }],
    });
    expect([quote.base, quote.protocolFee, quote.total].map((x) => x.toFixed())).toEqual(['24', '12', '36']);
    expect(quote.allocations).toEqual([
      { target: 'treasury', amount: d('6') },
      { target: 'burn', amount: d('6') },
    ]);
    expect(quote.derivation.result.eq(quote.total)).toBe(true);
  });

  it('applies the 25 % above the minimum', async () => {
    const quote = await seed.quoteFee!({ fee: 'pay-per-message', quantity: d('10'), unitPrice: d('0.02') });
    // per message max(0.001, 0.005) = 0.005; base 0.2, fee 0.05
    expect([quote.base, quote.protocolFee, quote.total].map((x) => x.toFixed())).toEqual([
      '0.2',
      '0.05',
      '0.25',
    ]);
    expect(quote.allocations.map((a) => a.amount.toFixed())).toEqual(['0.05', '0']);
  });
});

describe('schedule', () => {
  it('steps yearly: totals, emitted since the previous point, the rate in force, the treasury', async () => {
    const points = await seed.schedule!({
      from: GENESIS,
      to: new Date('2027-08-01T00:00:00Z'),
      interval: 'YEAR',
    });
    expect(points.map((p) => [p.total.toFixed(), p.emitted.toFixed(), p.emissionRate.toFixed()])).toEqual([
      ['1000000000', '0', '0.08'],
      ['1080000000', '80000000', '0.065'],
      ['1150200000', '70200000', '0.055'],
      ['1213461000', '63261000', '0.045'],
    ]);
    expect(points.every((p) => p.poolBalance?.toFixed() === '899985000')).toBe(true);
  });

  it('equals supply and rewards at the same instants and holds the invariants', async () => {
    for (const economy of [seed, chain] as TokenEconomy[]) {
      const points = await economy.schedule!({
        from: new Date('2025-03-15T00:00:00Z'),
        to: new Date('2031-03-15T00:00:00Z'),
        interval: 'MONTH',
      });
      expect(points).toHaveLength(73);
      for (const point of points.filter((_, i) => i % 7 === 0)) {
        const supply = await economy.supply!({ at: point.at });
        const rewards = await economy.rewards!({ at: point.at });
        expect(point.total.eq(supply.total)).toBe(true);
        expect(point.circulating.eq(supply.circulating)).toBe(true);
        // The pool balance is the whole treasury: its unstaked bucket and what is staked from it.
        expect(point.poolBalance?.eq(supply.buckets[0]!.amount.plus(supply.buckets[1]!.amount))).toBe(true);
        expect(point.emissionRate.eq(rewards.emissionRate)).toBe(true);
      }
      for (const point of points) {
        expect(point.circulating.lte(point.total)).toBe(true);
        expect(point.emitted.isNegative()).toBe(false);
      }
    }
  });
});

describe('schedule tables', () => {
  it('keep their estimated bytes under one bound across models, and give the same figures when rebuilt', async () => {
    const economy = synternetAdapter();
    const farAhead = new Date('4500-01-01T00:00:00Z'); // about 2,475 years prepared, some 6 MB
    const supplies = [];
    for (let i = 0; i < 5; i++) {
      const overrides = [{ key: 'genesisSupply', value: String(1_000_000_000 + i) }];
      supplies.push(await economy.supply!({ at: farAhead, overrides }));
      expect(scheduleTableStats().bytes).toBeLessThanOrEqual(SCHEDULE_TABLES_BYTES);
    }
    expect(scheduleTableStats().entries).toBeLessThan(5);
    // The first model's table was dropped: its schedule is rebuilt, to the same digits.
    const again = await economy.schedule!({
      from: new Date('4499-01-01T00:00:00Z'),
      to: farAhead,
      interval: 'YEAR',
      overrides: [{ key: 'genesisSupply', value: '1000000000' }],
    });
    expect(again.at(-1)!.total.toFixed()).toBe(supplies[0]!.total.toFixed());
  });
});

describe('flows', () => {
  it('covers the three value flows; chain-2025 adds treasury inflation', () => {
    const kinds = new Set(seed.flows!().map((flow) => flow.kind));
    expect([...kinds].sort()).toEqual(['DEFLATIONARY', 'INFLATIONARY', 'LOCK', 'UTILITY']);
    expect(seed.flows!().map((flow) => flow.key)).not.toContain('treasury-inflation');
    expect(chain.flows!().map((flow) => flow.key)).toContain('treasury-inflation');
  });
});
