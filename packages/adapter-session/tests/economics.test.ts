import { Decimal, formatDecimal } from '@tokenomics/core';
import { repositoryRoot, sourceViolation } from '@tokenomics/core/testing';
import { describe, expect, test } from 'vitest';
import { poolBalanceAfterDays } from '../src/formulas/pool-balance.js';
import { sessionAdapter, sessionOptionsFromEnv } from '../src/index.js';
import { rejectsWithCode, TGE } from './helpers.js';

const seed = sessionAdapter();
const tge = sessionAdapter({ preset: 'tge-2025-05-21' });
const at = (text: string) => new Date(text);
const root = repositoryRoot();
/** Rounded as the gateway serves them: amounts half-even to 9 decimals (SESH), rates to 18. */
const served = (value: Decimal, places: number) =>
  formatDecimal(value.toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN));

const bucketsOf = async (
  economy: typeof seed,
  when: Date,
  overrides = [] as Array<{ key: string; value: string }>,
) => (await economy.supply!({ at: when, overrides })).buckets;
const amountOf = async (economy: typeof seed, when: Date, key: string) =>
  (await bucketsOf(economy, when)).find((b) => b.key === key)?.amount.toFixed();

describe('circulating by the published convention: staked tokens circulate; liquid = circulating − staked', () => {
  test('seed at TGE: circulating 80,000,000; liquid 30,000,000 (2,000 nodes × 25,000 staked)', async () => {
    const supply = await seed.supply!({ at: TGE });
    expect(supply.circulating.toFixed()).toBe('80000000');
    expect(supply.staked?.toFixed()).toBe('50000000');
    expect(supply.liquid?.toFixed()).toBe('30000000');
    expect(supply.derivations.liquid?.result.eq(supply.liquid!)).toBe(true);
    expect(supply.derivations.circulating?.result.eq(supply.circulating)).toBe(true);
    expect(supply.buckets.map((b) => [b.key, b.amount.toFixed(), b.circulating])).toEqual([
      ['staking-reward-pool', '40000000', false],
      ['locked-unscheduled', '120000000', false],
      ['staked', '50000000', true],
      ['protocol-owned-liquidity', '0', true],
    ]);
  });

  test('tge-2025-05-21 at TGE: circulating 79,000,000, the published figure; liquid 29,000,000', async () => {
    const supply = await tge.supply!({ at: TGE });
    expect(supply.circulating.toFixed()).toBe('79000000');
    expect(supply.liquid?.toFixed()).toBe('29000000');
    expect(supply.buckets.map((b) => [b.key, b.amount.toFixed(), b.circulating])).toEqual([
      ['staking-reward-pool', '63177550', false],
      ['locked-A', '19489700', false],
      ['locked-B', '39332750', false],
      ['locked-D', '38000000', false],
      ['locked-F', '1000000', false],
      ['staked', '50000000', true],
      ['protocol-owned-liquidity', '0', true],
    ]);
  });

  test('every bucket carries a source a user can follow', async () => {
    for (const economy of [seed, tge]) {
      for (const when of [TGE, at('2026-07-01T00:00:00Z'), at('2029-01-01T00:00:00Z')]) {
        for (const bucket of await bucketsOf(economy, when)) {
          expect(bucket.source, bucket.key).toBeDefined();
          expect(sourceViolation(bucket.source!, root), `${bucket.key}: ${bucket.source}`).toBeNull();
        }
      }
    }
  });

  test('schedule points carry liquid = circulating − staked, equal to supply at the same instant', async () => {
    const points = await tge.schedule!({ from: TGE, to: at('2028-06-01T00:00:00Z'), interval: 'MONTH' });
    for (const point of points) {
      const supply = await tge.supply!({ at: point.at });
      expect(point.liquid?.eq(supply.liquid!), point.at.toISOString()).toBe(true);
      expect(point.liquid?.eq(point.circulating.minus(50_000_000))).toBe(true);
    }
  });

  test('more staked than circulates: the excess is staked from the treasury (lockup A), labelled an assumption', async () => {
    // 3,500 nodes × 25,000 = 87,500,000 staked > 79,000,000 circulating: 8,500,000 staked out of lockup A.
    const overrides = [{ key: 'networkSize', value: '3500' }];
    const supply = await tge.supply!({ at: TGE, overrides });
    expect(supply.circulating.toFixed()).toBe('79000000');
    expect(supply.liquid?.toFixed()).toBe('0');
    const excess = supply.buckets.find((b) => b.key === 'staked-from-treasury')!;
    expect([excess.amount.toFixed(), excess.circulating, excess.staked]).toEqual(['8500000', false, true]);
    expect(excess.label).toMatch(/assumption/i);
    expect(supply.buckets.find((b) => b.key === 'locked-A')?.amount.toFixed()).toBe('10989700');
    expect(supply.buckets.find((b) => b.key === 'staked')?.amount.toFixed()).toBe('79000000');
    const outside = supply.buckets
      .filter((b) => !b.circulating)
      .reduce((s, b) => s.plus(b.amount), new Decimal(0));
    expect(supply.total.minus(outside).eq(supply.circulating)).toBe(true);
  });

  test('the seed has no stakeable locked allocation: staking past its circulating supply is BAD_INPUT naming networkSize', async () => {
    // 3,201 × 25,000 = 80,025,000 > 80,000,000
    const error = await rejectsWithCode(
      seed.supply!({ at: TGE, overrides: [{ key: 'networkSize', value: '3201' }] }),
      'BAD_INPUT',
    );
    expect(error.message).toContain('networkSize');
    expect(
      (await seed.supply!({ at: TGE, overrides: [{ key: 'networkSize', value: '3200' }] })).liquid?.toFixed(),
    ).toBe('0');
  });
});

describe('lockups are unlock data: B and D in monthly tranches from month 12, A and F at their cliffs', () => {
  test('unlocks lists the genesis lockups; the seed has none (its 120,000,000 have no schedule)', async () => {
    const unlocks = await tge.unlocks!();
    expect(
      unlocks.map((u) => [
        u.bucket,
        u.kind,
        u.start.toISOString(),
        u.end?.toISOString() ?? null,
        u.amount.toFixed(),
        u.steps ?? null,
      ]),
    ).toEqual([
      ['locked-A', 'CLIFF', '2027-05-21T00:00:00.000Z', null, '19489700', null],
      ['locked-B', 'STEP', '2026-06-21T00:00:00.000Z', '2027-05-21T00:00:00.000Z', '39332750', 12],
      ['locked-D', 'STEP', '2026-06-21T00:00:00.000Z', '2028-05-21T00:00:00.000Z', '38000000', 24],
      ['locked-F', 'CLIFF', '2025-08-19T00:00:00.000Z', null, '1000000', null],
    ]);
    for (const unlock of unlocks) expect(sourceViolation(unlock.source, root), unlock.source).toBeNull();
    expect(await seed.unlocks!()).toEqual([]);
    expect((await tge.unlocks!({ from: at('2027-06-01T00:00:00Z') })).map((u) => u.bucket)).toEqual([
      'locked-D',
    ]);
  });

  test('B releases 1/12 (3,277,729.166666666) on each anniversary from month 13 to 24, the remainder in the last; nothing between', async () => {
    expect(await amountOf(tge, at('2026-06-20T23:59:59.999Z'), 'locked-B')).toBe('39332750');
    expect(await amountOf(tge, at('2026-06-21T00:00:00Z'), 'locked-B')).toBe('36055020.833333334');
    // not continuous: three weeks later the same
    expect(await amountOf(tge, at('2026-07-12T00:00:00Z'), 'locked-B')).toBe('36055020.833333334');
    expect(await amountOf(tge, at('2026-07-21T00:00:00Z'), 'locked-B')).toBe('32777291.666666668');
    // before the 12th tranche: 39,332,750 − 11 × 3,277,729.166666666
    expect(await amountOf(tge, at('2027-05-20T00:00:00Z'), 'locked-B')).toBe('3277729.166666674');
    expect(await amountOf(tge, at('2027-05-21T00:00:00Z'), 'locked-B')).toBe('0');
  });

  test('D releases 1/24 (1,583,333.333333333) a month from month 13 to 36', async () => {
    expect(await amountOf(tge, at('2026-06-21T00:00:00Z'), 'locked-D')).toBe('36416666.666666667');
    expect(await amountOf(tge, at('2028-05-20T00:00:00Z'), 'locked-D')).toBe('1583333.333333341');
    expect(await amountOf(tge, at('2028-05-21T00:00:00Z'), 'locked-D')).toBe('0');
  });

  test('at month 13 circulating rises by a B and a D tranche and the day’s pool release', async () => {
    const before = at('2026-06-20T23:59:59.999Z');
    const month13 = at('2026-06-21T00:00:00Z'); // day 396 after TGE
    const pool = (days: number) =>
      poolBalanceAfterDays({ pool: new Decimal(63_177_550), rate: new Decimal('0.151'), days });
    const jump = (await tge.supply!({ at: month13 })).circulating.minus(
      (await tge.supply!({ at: before })).circulating,
    );
    const expected = new Decimal('3277729.166666666')
      .plus('1583333.333333333')
      .plus(pool(395).minus(pool(396)));
    expect(jump.minus(expected).abs().lt('1e-35')).toBe(true);
  });

  test('A and F, though stakeable, stay non-circulating until their cliffs', async () => {
    expect(await amountOf(tge, at('2025-08-18T23:59:59.999Z'), 'locked-F')).toBe('1000000');
    expect(await amountOf(tge, at('2025-08-19T00:00:00Z'), 'locked-F')).toBe('0');
    expect(await amountOf(tge, at('2027-05-20T23:59:59.999Z'), 'locked-A')).toBe('19489700');
    expect(await amountOf(tge, at('2027-05-21T00:00:00Z'), 'locked-A')).toBe('0');
  });

  test('a lockup amount finer than the base unit is BAD_INPUT naming it', async () => {
    const error = await rejectsWithCode(
      tge.supply!({ at: TGE, overrides: [{ key: 'lockupB', value: '39332750.0000000001' }] }),
      'BAD_INPUT',
    );
    expect(error.message).toContain('lockupB');
  });
});

describe('rewards: annualEmission is the run-rate; the derivation shows what the next twelve months release', () => {
  test('seed at TGE: 6,040,000 a year at today’s rate; the next twelve months release 14.018 % of the pool', async () => {
    const rewards = await seed.rewards!({ at: TGE });
    expect(rewards.annualEmission.toFixed()).toBe('6040000');
    expect(rewards.emissionRate.toFixed()).toBe('0.151');
    const input = (start: string) => rewards.derivation.inputs.find((i) => i.name.startsWith(start))?.value;
    expect(input('annualEmission')).toBe('6040000');
    expect(served(new Decimal(input('released over the next twelve months')!), 9)).toBe('5607166.601021248');
    expect(
      served(new Decimal(input('released over the next twelve months, as a fraction of the pool')!), 18),
    ).toBe('0.140179165025531211');
    expect(rewards.derivation.formula).toMatch(/run-rate/);
    // the first-edition vectors stand
    expect(rewards.stakingApr.toFixed()).toBe('0.1208');
    expect(served(rewards.perParticipantDaily!, 9)).toBe('8.273972603');
  });
});

describe('parameters are typed, with units, assumption flags and sources a user can follow', () => {
  test('kind, unit and assumption of every parameter (tge-2025-05-21)', async () => {
    const parameters = await tge.parameters();
    expect(Object.fromEntries(parameters.map((p) => [p.key, [p.kind, p.unit, p.assumption]]))).toEqual({
      maxSupply: ['DECIMAL', 'SESH', false],
      tgeDate: ['INSTANT', null, false],
      genesisCirculating: ['DECIMAL', 'SESH', false],
      stakingRewardPool: ['DECIMAL', 'SESH', false],
      poolBalanceAt: ['INSTANT', null, false],
      lockedUnscheduled: ['DECIMAL', 'SESH', false],
      lockupA: ['DECIMAL', 'SESH', false],
      lockupB: ['DECIMAL', 'SESH', false],
      lockupD: ['DECIMAL', 'SESH', false],
      lockupF: ['DECIMAL', 'SESH', false],
      poolReleaseRate: ['RATE', 'per year', false],
      networkSize: ['INTEGER', 'nodes', false],
      stakingRequirement: ['DECIMAL', 'SESH', false],
      feeToPoolShare: ['RATE', null, false],
      feeInflowPerDay: ['DECIMAL', 'SESH/day', true],
      liquidatorRewardRatio: ['INTEGER', null, false],
      poolShareOfLiquidationRatio: ['INTEGER', null, false],
      recipientRatio: ['INTEGER', null, false],
      exitUnlockDuration: ['DURATION', 'seconds', false],
      liquidationGraceDuration: ['DURATION', 'seconds', false],
      deregistrationLockDuration: ['DURATION', 'seconds', false],
    });
    expect(parameters.find((p) => p.key === 'lockupB')?.value).toBe('39332750');
  });

  test('kind and value agree: poolBalanceAt serves the TGE instant, lockedUnscheduled the genesis remainder', async () => {
    const recordOf = async (
      economy: typeof seed,
      key: string,
      overrides?: Array<{ key: string; value: string }>,
    ) => (await economy.parameters({ overrides })).find((p) => p.key === key);
    // The presets hold the words (so the anchor follows tgeDate and the remainder follows the amounts); the values are served resolved.
    expect(await recordOf(seed, 'poolBalanceAt')).toMatchObject({
      kind: 'INSTANT',
      value: '2025-05-21T00:00:00.000Z',
    });
    expect(await recordOf(seed, 'lockedUnscheduled')).toMatchObject({ kind: 'DECIMAL', value: '120000000' });
    expect(await recordOf(tge, 'lockedUnscheduled')).toMatchObject({ kind: 'DECIMAL', value: '0' });
    // They follow what they stand for: another TGE instant, another maximum supply.
    expect(
      (await recordOf(seed, 'poolBalanceAt', [{ key: 'tgeDate', value: '2025-06-01T00:00:00Z' }]))?.value,
    ).toBe('2025-06-01T00:00:00.000Z');
    expect(
      (await recordOf(seed, 'lockedUnscheduled', [{ key: 'maxSupply', value: '250000000' }]))?.value,
    ).toBe('130000000');
    // The words stay accepted as overrides, and are served resolved.
    expect((await recordOf(seed, 'poolBalanceAt', [{ key: 'poolBalanceAt', value: 'tgeDate' }]))?.value).toBe(
      '2025-05-21T00:00:00.000Z',
    );
    expect(
      (await recordOf(tge, 'lockedUnscheduled', [{ key: 'lockedUnscheduled', value: 'remainder' }]))?.value,
    ).toBe('0');
  });

  test('the served poolBalanceAt and lockedUnscheduled are valid overrides that change no figure', async () => {
    const when = at('2026-03-04T05:06:07Z');
    for (const economy of [seed, tge]) {
      const plain = await economy.supply!({ at: when });
      for (const key of ['poolBalanceAt', 'lockedUnscheduled']) {
        const value = (await economy.parameters()).find((p) => p.key === key)!.value;
        const overrides = [{ key, value }];
        expect((await economy.parameters({ overrides })).find((p) => p.key === key)?.value).toBe(value);
        const again = await economy.supply!({ at: when, overrides });
        expect(again.circulating.toFixed(), `${key} = ${value}`).toBe(plain.circulating.toFixed());
        expect(again.buckets.map((b) => [b.key, b.amount.toFixed()])).toEqual(
          plain.buckets.map((b) => [b.key, b.amount.toFixed()]),
        );
      }
      // Both at once, as a client copying the served parameters would send them.
      const both = (await economy.parameters())
        .filter((p) => p.key === 'poolBalanceAt' || p.key === 'lockedUnscheduled')
        .map(({ key, value }) => ({ key, value }));
      expect((await economy.supply!({ at: when, overrides: both })).circulating.toFixed()).toBe(
        plain.circulating.toFixed(),
      );
    }
  });

  test('no source or description leans on a text prefix or on working notes', async () => {
    for (const economy of [seed, tge]) {
      for (const parameter of await economy.parameters()) {
        expect(parameter.source, parameter.key).not.toMatch(/^assumption/i);
        expect(parameter.description, parameter.key).not.toMatch(/^ASSUMPTION/);
        expect(sourceViolation(parameter.source, root), `${parameter.key}: ${parameter.source}`).toBeNull();
        expect(parameter.description).not.toMatch(/MODEL\.md|-facts\.md/);
      }
    }
  });
});

describe('exit and deregistration timings', () => {
  test('liquidation names the 15-day unlock and 7-day grace it follows, and the staking portal’s conflicting 14 days', async () => {
    const [liquidation, deregistration] = await tge.penalties!();
    expect(liquidation!.parameters.map((p) => [p.key, p.value])).toEqual([
      ['liquidatorRewardRatio', '3'],
      ['poolShareOfLiquidationRatio', '17'],
      ['recipientRatio', '9980'],
      ['exitUnlockDuration', '1296000s'],
      ['liquidationGraceDuration', '604800s'],
    ]);
    expect(liquidation!.trigger).toContain('15 days');
    expect(liquidation!.trigger).toContain('22 days');
    expect(liquidation!.trigger).toMatch(/14 days/);
    expect(liquidation!.trigger).not.toMatch(/-facts\.md|MODEL\.md/);
    expect(deregistration!.trigger).toContain('30 days');
    for (const parameter of [...liquidation!.parameters, ...deregistration!.parameters]) {
      expect(sourceViolation(parameter.source, root), parameter.source).toBeNull();
    }
  });
});

describe('non-circulating holdings by configuration (snapshot)', () => {
  const treasury = '0x000000000000000000000000000000000000dEaD';

  test('a labelled holding with an amount is its own bucket, sourced from the configuration; circulating shrinks', async () => {
    const economy = sessionAdapter({
      preset: 'tge-2025-05-21',
      nonCirculating: [{ address: treasury, label: 'Foundation treasury', amount: '1234567.5' }],
    });
    const supply = await economy.supply!({ at: TGE });
    const holding = supply.buckets.find((b) => b.key === `holding-${treasury.toLowerCase()}`)!;
    expect([holding.label, holding.amount.toFixed(), holding.circulating]).toEqual([
      'Foundation treasury',
      '1234567.5',
      false,
    ]);
    expect(holding.source).toMatch(/^configuration: /);
    expect(holding.source).toContain(treasury);
    expect(sourceViolation(holding.source!, root)).toBeNull();
    expect(supply.circulating.toFixed()).toBe('77765432.5');
    expect(supply.liquid?.toFixed()).toBe('27765432.5');
  });

  test('bad holdings are CONFIGURATION errors naming the option', () => {
    const bad: Array<[unknown, RegExp]> = [
      [[{ address: '0x123', label: 'x', amount: '1' }], /nonCirculating\[0\]\.address/],
      [[{ address: treasury, label: '', amount: '1' }], /nonCirculating\[0\]\.label/],
      [[{ address: treasury, label: 'x' }], /nonCirculating\[0\]\.amount/],
      [[{ address: treasury, label: 'x', amount: '-1' }], /nonCirculating\[0\]\.amount/],
      [[{ address: treasury, label: 'x', amount: '0.0000000001' }], /nonCirculating\[0\]\.amount/],
      [
        [
          { address: treasury, label: 'a', amount: '1' },
          { address: treasury.toLowerCase(), label: 'b', amount: '1' },
        ],
        /nonCirculating\[1\]\.address.*twice/,
      ],
      [
        [{ address: '0x11f040E89dFAbBA9070FFE6145E914AC68DbFea0', label: 'pool', amount: '1' }],
        /already counted/,
      ],
      ['not a list', /nonCirculating must be a list/],
    ];
    for (const [nonCirculating, message] of bad) {
      expect(() => sessionAdapter({ nonCirculating: nonCirculating as never })).toThrow(
        expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringMatching(message) }),
      );
    }
  });

  test('an amount beyond the supply is refused when the model runs (BAD_INPUT), never a negative figure', async () => {
    const economy = sessionAdapter({
      nonCirculating: [{ address: treasury, label: 'Huge', amount: '90000000' }],
    });
    await rejectsWithCode(economy.supply!({ at: TGE }), 'BAD_INPUT');
  });

  test('from the environment: SESSION_NON_CIRCULATING holds the list as JSON', () => {
    const list = [{ address: treasury, label: 'Foundation treasury', amount: '5' }];
    expect(sessionOptionsFromEnv({ SESSION_NON_CIRCULATING: JSON.stringify(list) })).toEqual({
      nonCirculating: list,
    });
    expect(() => sessionOptionsFromEnv({ SESSION_NON_CIRCULATING: '[{' })).toThrow(
      expect.objectContaining({
        code: 'CONFIGURATION',
        message: expect.stringContaining('SESSION_NON_CIRCULATING'),
      }),
    );
  });
});
