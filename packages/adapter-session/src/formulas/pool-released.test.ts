import { Decimal } from '@tokenomics/core';
import { describe, expect, test } from 'vitest';
import { poolBalanceAfterDays } from './pool-balance.js';
import { poolReleasedOverDays } from './pool-released.js';

const rate = new Decimal('0.151');
const pool = new Decimal(40_000_000);

describe('poolReleasedOverDays', () => {
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
});
