import { Decimal } from '@tokenomics/core';
import { describe, expect, test } from 'vitest';
import { dailyNetworkReward } from '../src/formulas/daily-network-reward.js';
import { liquidationSplit } from '../src/formulas/liquidation-split.js';
import { networkFeeSplit } from '../src/formulas/network-fee-split.js';
import { perNodeDailyReward } from '../src/formulas/per-node-daily-reward.js';
import { poolBalanceAfterDays } from '../src/formulas/pool-balance.js';
import {
  poolBalanceFromTable,
  poolBalanceTable,
  poolUnitsFromTable,
} from '../src/formulas/pool-balance-table.js';
import { poolReleasedOverDays } from '../src/formulas/pool-released.js';
import { releasedFraction } from '../src/formulas/released-fraction.js';
import { stakingApr } from '../src/formulas/staking-apr.js';

const rate = new Decimal('0.151');
const pool = new Decimal(40_000_000);

describe('pool release', () => {
  test('daily network reward on 40,000,000 (public vector)', () => {
    // 0.151 × 40,000,000 / 365 = 6,040,000 / 365
    expect(dailyNetworkReward(pool, rate).toSignificantDigits(35).toFixed()).toBe(
      '16547.945205479452054794520547945205',
    );
  });

  test('per node per day with 2,000 nodes (public vector)', () => {
    // 6,040,000 / 730,000
    expect(perNodeDailyReward(pool, rate, 2000).toSignificantDigits(32).toFixed()).toBe(
      '8.2739726027397260273972602739726',
    );
  });

  test('staking APR against 25,000 (public vector)', () => {
    // 0.151 × 40,000,000 / (2,000 × 25,000) = 6,040,000 / 50,000,000
    expect(stakingApr(pool, rate, 2000, new Decimal(25_000)).toFixed()).toBe('0.1208');
  });

  test('one year of daily releases (public vector)', () => {
    expect(releasedFraction(rate, 365).toSignificantDigits(30).toFixed()).toBe(
      '0.140179165025531210554280204139',
    );
  });

  test('the closed form equals stepping day by day, with fee inflows', () => {
    const inflow = new Decimal('1234.5');
    let stepped = pool;
    for (let d = 0; d < 400; d++) stepped = stepped.minus(stepped.times(rate).div(365)).plus(inflow);
    const closed = poolBalanceAfterDays({ pool, rate, days: 400, dailyInflow: inflow });
    expect(closed.minus(stepped).abs().lt('1e-40')).toBe(true);
    // released = pool + 400 × inflow − pool after
    expect(poolReleasedOverDays({ pool, rate, days: 400, dailyInflow: inflow }).toFixed()).toBe(
      pool.plus(inflow.times(400)).minus(closed).toFixed(),
    );
  });

  test('one year without inflows releases 40,000,000 × 0.140179… = 5,607,166.6010212484…', () => {
    expect(poolReleasedOverDays({ pool, rate, days: 365 }).toSignificantDigits(30).toFixed()).toBe(
      '5607166.60102124842217120816555',
    );
  });

  test('negative steps invert positive ones', () => {
    const after = poolBalanceAfterDays({ pool, rate, days: 30, dailyInflow: new Decimal(100) });
    const back = poolBalanceAfterDays({ pool: after, rate, days: -30, dailyInflow: new Decimal(100) });
    expect(back.minus(pool).abs().lt('1e-45')).toBe(true);
  });
});

describe('network fee split', () => {
  test('100 SESH: 90 to the pool, 10 to liquidity (public vector)', () => {
    const split = networkFeeSplit(new Decimal(100), new Decimal('0.9'));
    expect([split.pool.toFixed(), split.liquidity.toFixed()]).toEqual(['90', '10']);
  });

  test('the parts always sum to the fee', () => {
    const fee = new Decimal('0.000000007');
    const split = networkFeeSplit(fee, new Decimal('0.9'));
    expect(split.pool.plus(split.liquidity).eq(fee)).toBe(true);
  });
});

describe('liquidation split', () => {
  const ratios = { liquidator: 3, pool: 17, recipient: 9980 };

  test('25,000 deposit: 7.5 liquidator, 42.5 pool, 24,950 returned (public vector)', () => {
    const split = liquidationSplit(new Decimal(25_000), ratios, 9);
    expect([split.liquidator, split.pool, split.returned].map((d) => d.toFixed())).toEqual([
      '7.5',
      '42.5',
      '24950',
    ]);
  });

  test('the pool share rounds up and the liquidator share down, in base units', () => {
    // 1 base unit × 3 / 10000 = 0 (floor); × 17 / 10000 → 1 base unit (ceil)
    const tiny = liquidationSplit(new Decimal('0.000000001'), ratios, 9);
    expect([tiny.liquidator, tiny.pool, tiny.returned].map((d) => d.toFixed())).toEqual([
      '0',
      '0.000000001',
      '0',
    ]);
    // 12,345.678901234 SESH = 12,345,678,901,234 units: liquidator floor(× 3 / 10000) = 3,703,703,670;
    // pool ceil(× 17 / 10000) = ceil(20,987,654,132.0978) = 20,987,654,133; returned 12,320,987,543,431
    const odd = liquidationSplit(new Decimal('12345.678901234'), ratios, 9);
    expect(odd.liquidator.toFixed()).toBe('3.70370367');
    expect(odd.pool.toFixed()).toBe('20.987654133');
    expect(odd.returned.toFixed()).toBe('12320.987543431');
  });
});

describe('poolBalanceFromTable', () => {
  const rate = new Decimal('0.151');
  const days = [0, 1, 2, 30, 64, 65, 365, 366, 1_000, 3_653, 4_096, 20_000, -1, -30, -400];

  test.each([
    ['no fee inflow', new Decimal(40_000_000), new Decimal(0)],
    ['a fee inflow', new Decimal(63_177_550), new Decimal('2500.5')],
  ])(
    'equals the closed form rounded to 40 places, with %s, on every day tried',
    (_what, pool, dailyInflow) => {
      const table = poolBalanceTable(pool, rate, dailyInflow, 40);
      for (const day of days) {
        const closed = poolBalanceAfterDays({ pool, rate, days: day, dailyInflow }).toDecimalPlaces(40);
        expect(poolBalanceFromTable(table, day).toFixed(), `day ${day}`).toBe(closed.toFixed());
      }
    },
  );

  test('gives the public vector: one day releases 0.151 × 40,000,000 / 365', () => {
    const table = poolBalanceTable(new Decimal(40_000_000), rate, new Decimal(0), 40);
    // 40,000,000 − 16,547.945205479452054794520547945205479452… = 39,983,452.0547945205479452054794520547945205479452…
    expect(poolBalanceFromTable(table, 1).toFixed()).toBe(
      '39983452.0547945205479452054794520547945205479452',
    );
    // The same digits as an integer at 40 places, the form schedules write from.
    expect(poolUnitsFromTable(table, 1)).toBe(399834520547945205479452054794520547945205479452n);
  });
});
