import { Decimal, OVERRIDE_SOURCE } from '@tokenomics/core';
import { describe, expect, test } from 'vitest';
import { poolBalanceAfterDays } from '../src/formulas/pool-balance.js';
import {
  CIRCULATING_DEFINITION,
  CONTEXT_MEMO_BYTES,
  GENESIS_TABLE,
  POOL_MEMO_BYTES,
  SESSION_PRESET_NAMES,
  SESSION_PRESETS,
  sessionAdapter,
  sessionMemoStats,
  TGE_PRESET,
} from '../src/index.js';
import { DAY_MS, day, rejectsWithCode, TGE } from './helpers.js';

const seed = sessionAdapter();
const tge = sessionAdapter({ preset: 'tge-2025-05-21' });
const rate = new Decimal('0.151');

describe('the adapter', () => {
  test('identity, token and capabilities', () => {
    expect(seed.id).toBe('session');
    expect(seed.name).toBe('Session Network');
    expect(seed.token).toEqual({ symbol: 'SESH', name: 'Session Token', decimals: 9 });
    expect(seed.capabilities).toEqual(['SUPPLY', 'REWARDS', 'FEES', 'PENALTIES', 'SCHEDULE', 'FLOWS']);
    expect(sessionAdapter({ id: 'sesh' }).id).toBe('sesh');
  });

  test('both presets are selectable; seed is the default', async () => {
    expect(SESSION_PRESET_NAMES).toEqual(['seed', 'tge-2025-05-21']);
    expect(seed.preset).toBe('seed');
    expect(tge.preset).toBe('tge-2025-05-21');
    expect((await seed.source()).kind).toBe('SNAPSHOT');
    const pool = async (economy: typeof seed) =>
      (await economy.parameters()).find((p) => p.key === 'stakingRewardPool')?.value;
    expect(await pool(seed)).toBe('40000000');
    expect(await pool(tge)).toBe('63177550');
  });

  test('an unknown preset is a CONFIGURATION error listing the valid names', () => {
    try {
      sessionAdapter({ preset: 'nope' as never });
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string }).code).toBe('CONFIGURATION');
      expect((error as Error).message).toContain('seed, tge-2025-05-21');
    }
  });

  test('bad live options are CONFIGURATION errors', () => {
    expect(() => sessionAdapter({ live: { rpcUrl: 'not a url' } })).toThrow(/live.rpcUrl/);
    expect(() =>
      sessionAdapter({
        live: { rpcUrl: 'http://127.0.0.1:1/', addresses: { token: '0x123' as `0x${string}` } },
      }),
    ).toThrow(/live.addresses.token/);
  });

  test('every parameter of every preset has a source', async () => {
    for (const preset of Object.values(SESSION_PRESETS)) {
      for (const [key, value] of Object.entries(preset.values)) {
        expect(value.source.length, key).toBeGreaterThan(10);
      }
    }
    for (const parameter of await tge.parameters()) expect(parameter.source).not.toBe('');
  });

  test('the genesis table has 10 rows summing to 240,000,000, and the TGE preset is its sums by lockup', () => {
    expect(GENESIS_TABLE).toHaveLength(10);
    const byLockup: Record<string, Decimal> = {};
    let total = new Decimal(0);
    for (const row of GENESIS_TABLE) {
      total = total.plus(row.amount);
      const split = row.tranches.reduce((sum, t) => sum.plus(t.amount), new Decimal(0));
      expect(split.toFixed(), row.category).toBe(row.amount);
      for (const t of row.tranches)
        byLockup[t.lockup] = (byLockup[t.lockup] ?? new Decimal(0)).plus(t.amount);
    }
    expect(total.toFixed()).toBe('240000000');
    expect(byLockup.C?.toFixed()).toBe(TGE_PRESET.values.genesisCirculating.value); // 79,000,000
    expect(byLockup.E?.toFixed()).toBe(TGE_PRESET.values.stakingRewardPool.value); // 63,177,550
    for (const lockup of ['A', 'B', 'D', 'F'] as const) {
      expect(TGE_PRESET.values[`lockup${lockup}`].value.split(';')[0]).toBe(byLockup[lockup]?.toFixed());
    }
  });
});

describe('public vectors (MODEL.md, Session)', () => {
  test('rewards on the 40,000,000 pool with 2,000 nodes', async () => {
    const rewards = await seed.rewards!({ at: TGE });
    // network per day: 0.151 × 40,000,000 / 365 = 16,547.945205479452054794520547945…
    expect(rewards.perParticipantDaily!.times(2000).toSignificantDigits(32).toFixed()).toBe(
      '16547.945205479452054794520547945',
    );
    const daily = rewards.derivation.inputs.find((input) => input.name.startsWith('network reward per day'));
    expect(new Decimal(daily!.value).toSignificantDigits(32).toFixed()).toBe(
      '16547.945205479452054794520547945',
    );
    // per node: 8.2739726027397260273972602739726…
    expect(rewards.perParticipantDaily!.toSignificantDigits(32).toFixed()).toBe(
      '8.2739726027397260273972602739726',
    );
    expect(rewards.stakingApr.toFixed()).toBe('0.1208');
    expect(rewards.annualEmission.toFixed()).toBe('6040000');
    expect(rewards.emissionRate.toFixed()).toBe('0.151');
    expect(rewards.participants).toBe(2000);
    expect(rewards.stakingApy).toBeNull();
    expect(rewards.bondedRatio!.toSignificantDigits(30).toFixed()).toBe('0.208333333333333333333333333333');
    expect(rewards.derivation.result.eq(rewards.stakingApr)).toBe(true);
    expect(rewards.derivation.formula).toContain('0.151 × pool / (365 × networkSize)');
    expect(rewards.derivation.formula).toContain('14.0179 %');
    expect(rewards.derivation.formula).toContain('2-minute');
  });

  test('one year of daily releases: released fraction 0.140179165025531210554…', async () => {
    const [start, end] = await seed.schedule!({ from: TGE, to: day(365), interval: 'YEAR' });
    const fraction = start!.poolBalance!.minus(end!.poolBalance!).div(start!.poolBalance!);
    expect(fraction.toSignificantDigits(30).toFixed()).toBe('0.140179165025531210554280204139');
    expect(end!.emitted.toSignificantDigits(30).toFixed()).toBe('5607166.60102124842217120816555');
  });

  test('fee of 100 SESH: 90 to the pool, 10 to liquidity', async () => {
    for (const fee of ['session-pro', 'session-names']) {
      const quote = await seed.quoteFee!({ fee, quantity: new Decimal(1), unitPrice: new Decimal(100) });
      expect(quote.base.toFixed()).toBe('0');
      expect(quote.protocolFee.toFixed()).toBe('100');
      expect(quote.total.toFixed()).toBe('100');
      expect(quote.allocations.map((a) => [a.target, a.amount.toFixed()])).toEqual([
        ['staking-reward-pool', '90'],
        ['protocol-owned-liquidity', '10'],
      ]);
      expect(quote.derivation.result.eq(quote.total)).toBe(true);
    }
  });

  test('liquidation of a 25,000 deposit: 7.5 liquidator, 42.5 pool, 24,950 returned', async () => {
    const outcome = await seed.simulatePenalty!({ rule: 'liquidation', stakes: [new Decimal(25_000)] });
    expect(outcome.triggered).toBe(true);
    expect(outcome.allocations.map((a) => [a.target, a.amount.toFixed()])).toEqual([
      ['liquidator', '7.5'],
      ['staking-reward-pool', '42.5'],
    ]);
    expect(outcome.slashedTotal.toFixed()).toBe('50');
    expect(outcome.stakes.map((s) => [s.before.toFixed(), s.slashed.toFixed(), s.after.toFixed()])).toEqual([
      ['25000', '50', '24950'],
    ]);
    expect(outcome.derivation.result.eq(outcome.slashedTotal)).toBe(true);
  });
});

describe('supply', () => {
  test('seed at TGE: circulating 80,000,000, 50,000,000 of it staked (staked tokens circulate)', async () => {
    const supply = await seed.supply!({ at: TGE });
    expect(supply.max!.toFixed()).toBe('240000000');
    expect(supply.total.toFixed()).toBe('240000000');
    expect(supply.staked!.toFixed()).toBe('50000000');
    expect(supply.circulating.toFixed()).toBe('80000000');
    expect(supply.liquid!.toFixed()).toBe('30000000');
    expect(supply.burned!.toFixed()).toBe('0');
    expect(supply.circulatingDefinition).toBe(CIRCULATING_DEFINITION);
    expect(supply.buckets.map((b) => [b.key, b.amount.toFixed(), b.circulating])).toEqual([
      ['staking-reward-pool', '40000000', false],
      ['locked-unscheduled', '120000000', false],
      ['staked', '50000000', true],
      ['protocol-owned-liquidity', '0', true],
    ]);
  });

  test('TGE preset at TGE: 79,000,000 circulating, the published figure', async () => {
    const supply = await tge.supply!({ at: TGE });
    expect(supply.circulating.toFixed()).toBe('79000000');
    expect(supply.buckets.map((b) => [b.key, b.amount.toFixed()])).toEqual([
      ['staking-reward-pool', '63177550'],
      ['locked-A', '19489700'],
      ['locked-B', '39332750'],
      ['locked-D', '38000000'],
      ['locked-F', '1000000'],
      ['staked', '50000000'],
      ['protocol-owned-liquidity', '0'],
    ]);
  });

  test('released pool tokens enter circulation: one day after TGE (seed) circulating grows by 16,547.945…', async () => {
    const supply = await seed.supply!({ at: day(1) });
    expect(supply.circulating.minus(80_000_000).toSignificantDigits(32).toFixed()).toBe(
      '16547.945205479452054794520547945',
    );
    // within a day nothing changes: the pool steps once a day
    const later = await seed.supply!({ at: new Date(day(2).getTime() - 1) });
    expect(later.circulating.eq(supply.circulating)).toBe(true);
  });

  test('invariants: circulating = total − non-circulating buckets; derivations explain their figures', async () => {
    for (const economy of [seed, tge]) {
      for (const at of [TGE, day(45), day(400), day(800), day(2000)]) {
        const supply = await economy.supply!({ at, overrides: [{ key: 'feeInflowPerDay', value: '500' }] });
        const locked = supply.buckets
          .filter((b) => !b.circulating)
          .reduce((s, b) => s.plus(b.amount), new Decimal(0));
        expect(supply.total.minus(locked).eq(supply.circulating)).toBe(true);
        expect(supply.circulating.gte(0)).toBe(true);
        expect(supply.derivations.total!.result.eq(supply.total)).toBe(true);
        expect(supply.derivations.circulating!.result.eq(supply.circulating)).toBe(true);
        expect(supply.derivations.staked!.result.eq(supply.staked!)).toBe(true);
        expect(supply.derivations.max!.result.eq(supply.max!)).toBe(true);
      }
    }
  });

  test('instants before TGE are BAD_INPUT naming tgeDate', async () => {
    const error = await rejectsWithCode(seed.supply!({ at: new Date('2025-05-20T00:00:00Z') }), 'BAD_INPUT');
    expect(error.message).toContain('tgeDate');
  });
});

describe('the TGE preset unlocks at the cliffs', () => {
  const pool = (days: number) => poolBalanceAfterDays({ pool: new Decimal(63_177_550), rate, days });
  const release = (days: number) => pool(days - 1).minus(pool(days)); // the release of the step into `days`
  const circulating = async (at: Date) => (await tge.supply!({ at })).circulating;
  const bucket = async (at: Date, key: string) =>
    (await tge.supply!({ at })).buckets.find((b) => b.key === key)!.amount.toFixed();

  test('90 days: lockup F (1,000,000) unlocks', async () => {
    const before = new Date(day(90).getTime() - 1);
    expect(await bucket(before, 'locked-F')).toBe('1000000');
    expect(await bucket(day(90), 'locked-F')).toBe('0');
    // the jump at the cliff = 1,000,000 + the pool's release of day 90
    const jump = (await circulating(day(90))).minus(await circulating(before));
    expect(jump.minus(release(90).plus(1_000_000)).abs().lt('1e-35')).toBe(true);
  });

  test('12 months: nothing unlocks at the anniversary itself; month 13 brings the first B and D tranches', async () => {
    const m12 = new Date('2026-05-21T00:00:00Z'); // day 365
    expect(await bucket(m12, 'locked-B')).toBe('39332750');
    expect(await bucket(m12, 'locked-D')).toBe('38000000');
    // before month 13 only the pool's release raises circulating
    const riseBefore = (await circulating(m12)).minus(await circulating(day(364)));
    expect(riseBefore.minus(release(365)).abs().lt('1e-35')).toBe(true);
    const m13 = new Date('2026-06-21T00:00:00Z'); // day 396
    const rise = (await circulating(m13)).minus(await circulating(day(395)));
    const tranches = new Decimal('3277729.166666666').plus('1583333.333333333');
    expect(rise.minus(release(396)).minus(tranches).abs().lt('1e-35')).toBe(true);
  });

  test('24 months: lockup A (19,489,700) unlocks at once with B’s last tranche and D’s twelfth', async () => {
    const m24 = new Date('2027-05-21T00:00:00Z'); // day 730
    const before = new Date(m24.getTime() - DAY_MS); // day 729
    expect(await bucket(before, 'locked-A')).toBe('19489700');
    expect(await bucket(before, 'locked-B')).toBe('3277729.166666674');
    expect(await bucket(m24, 'locked-A')).toBe('0');
    expect(await bucket(m24, 'locked-B')).toBe('0');
    const rise = (await circulating(m24)).minus(await circulating(before));
    const expected = new Decimal(19_489_700)
      .plus('3277729.166666674')
      .plus('1583333.333333333')
      .plus(release(730));
    expect(rise.minus(expected).abs().lt('1e-35')).toBe(true);
  });

  test('36 months: lockup D is fully unlocked; nothing is locked any more', async () => {
    const m36 = new Date('2028-05-21T00:00:00Z'); // day 1096
    expect(await bucket(new Date(m36.getTime() - DAY_MS), 'locked-D')).toBe('1583333.333333341');
    const supply = await tge.supply!({ at: m36 });
    for (const key of ['locked-A', 'locked-B', 'locked-D', 'locked-F']) {
      expect(supply.buckets.find((b) => b.key === key)!.amount.toFixed()).toBe('0');
    }
    // circulating = 240,000,000 − pool (staked tokens circulate)
    expect(
      supply.circulating
        .minus(new Decimal(240_000_000).minus(pool(1096)))
        .abs()
        .lt('1e-35'),
    ).toBe(true);
  });
});

describe('overrides', () => {
  test('networkSize and stakingRewardPool change rewards', async () => {
    const rewards = await seed.rewards!({
      at: TGE,
      overrides: [
        { key: 'networkSize', value: '1000' },
        { key: 'stakingRewardPool', value: '50000000' },
      ],
    });
    // 0.151 × 50,000,000 / (365 × 1,000) = 20.684931506849315068493150684931…
    expect(rewards.perParticipantDaily!.toSignificantDigits(32).toFixed()).toBe(
      '20.684931506849315068493150684932',
    );
    // 0.151 × 50,000,000 / (1,000 × 25,000) = 0.302
    expect(rewards.stakingApr.toFixed()).toBe('0.302');
    const parameters = await seed.parameters({ overrides: [{ key: 'networkSize', value: '1000' }] });
    expect(parameters.find((p) => p.key === 'networkSize')).toMatchObject({
      value: '1000',
      source: OVERRIDE_SOURCE,
    });
  });

  test('a larger seed pool comes out of the unscheduled locked tokens', async () => {
    const supply = await seed.supply!({
      at: TGE,
      overrides: [{ key: 'stakingRewardPool', value: '50000000' }],
    });
    expect(supply.buckets.find((b) => b.key === 'locked-unscheduled')!.amount.toFixed()).toBe('110000000');
    expect(supply.circulating.toFixed()).toBe('80000000');
  });

  test('each value is validated, with a coded error naming the key', async () => {
    for (const value of ['0', '1.5', 'abc', '-3']) {
      const error = await rejectsWithCode(
        seed.rewards!({ overrides: [{ key: 'networkSize', value }] }),
        'BAD_INPUT',
      );
      expect(error.message).toContain('networkSize');
    }
    for (const [key, value] of [
      ['stakingRewardPool', '-1'],
      ['poolReleaseRate', '1.5'],
      ['feeToPoolShare', '2'],
      ['tgeDate', 'yesterday'],
      ['lockupA', '5; someday'],
    ]) {
      const error = await rejectsWithCode(
        seed.supply!({ at: day(1), overrides: [{ key: key!, value: value! }] }),
        'BAD_INPUT',
      );
      expect(error.message).toContain(key);
    }
    const unknown = await rejectsWithCode(
      seed.supply!({ overrides: [{ key: 'nodes', value: '1' }] }),
      'UNKNOWN_PARAMETER',
    );
    expect(unknown.message).toContain('networkSize');
  });

  test('incoherent combinations are BAD_INPUT naming the keys', async () => {
    // 10,000 nodes × 25,000 = 250,000,000 staked > the supply
    const staked = await rejectsWithCode(
      seed.supply!({ at: TGE, overrides: [{ key: 'networkSize', value: '10000' }] }),
      'BAD_INPUT',
    );
    expect(staked.message).toContain('networkSize');
    const genesis = await rejectsWithCode(
      tge.supply!({ at: TGE, overrides: [{ key: 'stakingRewardPool', value: '70000000' }] }),
      'BAD_INPUT',
    );
    expect(genesis.message).toContain('maxSupply');
    const ratios = await rejectsWithCode(
      seed.simulatePenalty!({
        rule: 'liquidation',
        stakes: [new Decimal(1)],
        overrides: [{ key: 'poolShareOfLiquidationRatio', value: '5000' }],
      }),
      'BAD_INPUT',
    );
    expect(ratios.message).toContain('recipientRatio');
  });
});

describe('amount overrides at the base unit (SESH: 9 decimals)', () => {
  /** Every parameter that is an amount of SESH. */
  const AMOUNTS = [
    'maxSupply',
    'genesisCirculating',
    'stakingRewardPool',
    'lockedUnscheduled',
    'lockupA',
    'lockupB',
    'lockupD',
    'lockupF',
    'stakingRequirement',
    'feeInflowPerDay',
  ];

  test('a staking requirement finer than 1e-9 SESH is BAD_INPUT naming the rule (it served 50000000.0000002 staked)', async () => {
    const overrides = [{ key: 'stakingRequirement', value: '25000.0000000001' }];
    await expect(tge.supply!({ at: TGE, overrides })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message:
        'parameter "stakingRequirement" has 10 decimal places; a SESH amount has at most 9 (its base unit)',
      details: { violation: 'BASE_UNIT', limit: 9, key: 'stakingRequirement', value: '25000.0000000001' },
    });
    // The base unit itself is an amount the chain can hold.
    const supply = await tge.supply!({
      at: TGE,
      overrides: [{ key: 'stakingRequirement', value: '25000.000000001' }],
    });
    expect(supply.staked?.toFixed()).toBe(
      new Decimal('25000.000000001')
        .times((await tge.parameters()).find((p) => p.key === 'networkSize')!.value)
        .toFixed(),
    );
  });

  test.each(AMOUNTS)(
    '%s: an override with 10 decimals is refused, with 9 it is not BASE_UNIT',
    async (key) => {
      await expect(seed.parameters({ overrides: [{ key, value: '1.0000000001' }] })).rejects.toMatchObject({
        code: 'BAD_INPUT',
        details: { violation: 'BASE_UNIT', limit: 9, key },
      });
      const fine = await seed
        .parameters({ overrides: [{ key, value: '1.000000001' }] })
        .catch((error) => error);
      expect(fine?.details?.violation).not.toBe('BASE_UNIT');
    },
  );

  test('what is not an amount keeps its precision', async () => {
    const parameters = await seed.parameters({
      overrides: [{ key: 'poolReleaseRate', value: '0.1510000000001' }],
    });
    expect(parameters.find((p) => p.key === 'poolReleaseRate')?.value).toBe('0.1510000000001');
  });
});

describe('fees', () => {
  test('two NETWORK_FEE schedules, burnt and reminted 90 / 10', async () => {
    const fees = await seed.fees!();
    expect(fees.map((f) => [f.key, f.model])).toEqual([
      ['session-pro', 'NETWORK_FEE'],
      ['session-names', 'NETWORK_FEE'],
    ]);
    for (const fee of fees) {
      expect(fee.destinations.map((d) => [d.target, d.share.toFixed()])).toEqual([
        ['staking-reward-pool', '0.9'],
        ['protocol-owned-liquidity', '0.1'],
      ]);
      expect(fee.parameters.map((p) => p.key)).toEqual(['feeToPoolShare', 'feeInflowPerDay']);
    }
  });

  test('allocations sum to the protocol fee for any amount', async () => {
    const quote = await seed.quoteFee!({
      fee: 'session-names',
      quantity: new Decimal(3),
      unitPrice: new Decimal('0.333333333'),
    });
    expect(quote.protocolFee.toFixed()).toBe('0.999999999');
    expect(quote.allocations.reduce((s, a) => s.plus(a.amount), new Decimal(0)).eq(quote.protocolFee)).toBe(
      true,
    );
    expect(quote.total.eq(quote.base.plus(quote.protocolFee))).toBe(true);
  });

  test('an unknown fee is NOT_FOUND', async () => {
    await rejectsWithCode(
      seed.quoteFee!({ fee: 'gas', quantity: new Decimal(1), unitPrice: new Decimal(1) }),
      'NOT_FOUND',
    );
  });

  test('a fee inflow feeds the pool in schedules: 1,000/day → 900 to the pool, 100 to liquidity each day', async () => {
    const overrides = [{ key: 'feeInflowPerDay', value: '1000' }];
    const points = await seed.schedule!({ from: TGE, to: day(2), interval: 'DAY', overrides });
    // day 1: 40,000,000 − 16,547.945205… + 900
    const expected1 = new Decimal(40_000_000).minus(new Decimal(6_040_000).div(365)).plus(900);
    expect(points[1]!.poolBalance!.minus(expected1).abs().lt('1e-35')).toBe(true);
    const supply = await seed.supply!({ at: day(2), overrides });
    expect(supply.buckets.find((b) => b.key === 'protocol-owned-liquidity')!.amount.toFixed()).toBe('200');
  });
});

describe('penalties', () => {
  test('rules with their parameters and sources', async () => {
    const rules = await seed.penalties!();
    expect(rules.map((r) => r.key)).toEqual(['liquidation', 'deregistration']);
    expect(rules[0]!.parameters.map((p) => p.key)).toEqual([
      'liquidatorRewardRatio',
      'poolShareOfLiquidationRatio',
      'recipientRatio',
      'exitUnlockDuration',
      'liquidationGraceDuration',
    ]);
    expect(rules[0]!.trigger).toContain('docs/methodology/session.md#liquidation');
    expect(rules[1]!.parameters[0]).toMatchObject({ key: 'deregistrationLockDuration', value: '2592000s' });
  });

  test("liquidation of a node with contributors comes out of the operator's stake", async () => {
    // deposit 25,000 = 6,250 operator + 18,750 contributors: 50 slashed, all from the operator
    const outcome = await seed.simulatePenalty!({
      rule: 'liquidation',
      stakes: [new Decimal(6_250), new Decimal(10_000), new Decimal(8_750)],
    });
    expect(outcome.stakes.map((s) => s.after.toFixed())).toEqual(['6200', '10000', '8750']);
    expect(outcome.slashedTotal.toFixed()).toBe('50');
    expect(
      outcome.allocations.reduce((s, a) => s.plus(a.amount), new Decimal(0)).eq(outcome.slashedTotal),
    ).toBe(true);
  });

  test('deregistration: no slash, the stake locked 30 days', async () => {
    const outcome = await seed.simulatePenalty!({ rule: 'deregistration', stakes: [new Decimal(25_000)] });
    expect(outcome.slashedTotal.toFixed()).toBe('0');
    expect(outcome.stakes[0]!.after.toFixed()).toBe('25000');
    expect(outcome.lockedSeconds).toBe(30 * 86_400);
    expect(outcome.derivation.formula).toContain('no rewards');
    expect(outcome.derivation.result.toFixed()).toBe('0');
  });
});

describe('schedule and flows', () => {
  test('points equal supply and rewards at the same instants', async () => {
    for (const economy of [seed, tge]) {
      for (const interval of ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const) {
        const to =
          interval === 'DAY' ? day(10) : interval === 'WEEK' ? day(70) : new Date('2029-01-01T00:00:00Z');
        const points = await economy.schedule!({ from: day(3), to, interval });
        let previousPool: Decimal | null = null;
        for (const point of points) {
          const supply = await economy.supply!({ at: point.at });
          const rewards = await economy.rewards!({ at: point.at });
          expect(point.total.eq(supply.total)).toBe(true);
          expect(point.circulating.eq(supply.circulating)).toBe(true);
          expect(point.poolBalance!.eq(supply.buckets[0]!.amount)).toBe(true);
          expect(point.emissionRate.eq(rewards.emissionRate)).toBe(true);
          // with no inflows, emitted = the pool's fall since the previous point
          expect(point.emitted.eq(previousPool ? previousPool.minus(point.poolBalance!) : 0)).toBe(true);
          previousPool = point.poolBalance;
        }
        expect(points.at(-1)!.at.getTime()).toBe(to.getTime());
      }
    }
  });

  test('flows follow the Token Flow section', () => {
    const flows = seed.flows!();
    expect(flows.map((f) => [f.key, f.kind])).toEqual([
      ['feature-fees', 'UTILITY'],
      ['fees-to-pool', 'DEFLATIONARY'],
      ['fees-to-liquidity', 'INFLATIONARY'],
      ['staking', 'LOCK'],
      ['unstaking', 'LOCK'],
      ['pool-rewards', 'INFLATIONARY'],
      ['allocation-unlocks', 'LOCK'],
      ['liquidation-to-pool', 'DEFLATIONARY'],
    ]);
  });
});

describe('memos of parameter sets', () => {
  test('contexts (one per parameter set) stay within their bound', async () => {
    const economy = sessionAdapter();
    for (let i = 0; i < 400; i++) {
      await economy.supply!({ at: day(30), overrides: [{ key: 'networkSize', value: String(1_000 + i) }] });
    }
    const { contexts } = sessionMemoStats();
    expect(contexts.maxBytes).toBe(CONTEXT_MEMO_BYTES);
    expect(contexts.bytes).toBeLessThanOrEqual(CONTEXT_MEMO_BYTES);
    expect(contexts.entries).toBeLessThan(400);
  });

  test('pools by day stay within their bound, and a dropped day is computed again to the same digits', async () => {
    const economy = sessionAdapter();
    const overrides = (i: number) => [{ key: 'networkSize', value: String(2_000 + i) }];
    let days = 0;
    for (let i = 0; i < 45; i++) {
      const points = await economy.schedule!({
        from: TGE,
        to: day(2_999),
        interval: 'DAY',
        overrides: overrides(i),
      });
      days += points.length;
      expect(sessionMemoStats().pools.bytes).toBeLessThanOrEqual(POOL_MEMO_BYTES);
    }
    expect(days * 128).toBeGreaterThan(POOL_MEMO_BYTES);
    // The first parameter set's days were dropped (least recently used): the pool is the same.
    const first = await economy.supply!({ at: day(1_234), overrides: overrides(0) });
    const last = await economy.supply!({ at: day(1_234), overrides: overrides(44) });
    expect(first.buckets[0]!.amount.toFixed()).toBe(last.buckets[0]!.amount.toFixed());
  });
});
