import { Decimal } from '@tokenomics/core';
import { describe, expect, test } from 'vitest';
import { poolBalanceAfterDays } from './pool-balance.js';

const rate = new Decimal('0.151');
const pool = new Decimal(40_000_000);

describe('poolBalanceAfterDays', () => {
  test('negative steps invert positive ones', () => {
    const after = poolBalanceAfterDays({ pool, rate, days: 30, dailyInflow: new Decimal(100) });
    const back = poolBalanceAfterDays({ pool: after, rate, days: -30, dailyInflow: new Decimal(100) });
    expect(back.minus(pool).abs().lt('1e-45')).toBe(true);
  });
});
