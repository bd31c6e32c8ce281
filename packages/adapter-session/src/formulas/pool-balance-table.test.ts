import { Decimal } from '@tokenomics/core';
import { describe, expect, test } from 'vitest';
import { poolBalanceAfterDays } from './pool-balance.js';
import { poolBalanceFromTable, poolBalanceTable, poolUnitsFromTable } from './pool-balance-table.js';

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
