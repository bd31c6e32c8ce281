import { Decimal } from '@tokenomics/core';
import { describe, expect, test } from 'vitest';
import { perNodeDailyReward } from './per-node-daily-reward.js';

const rate = new Decimal('0.151');
const pool = new Decimal(40_000_000);

describe('perNodeDailyReward', () => {
  test('per node per day with 2,000 nodes (public vector)', () => {
    // 6,040,000 / 730,000
    expect(perNodeDailyReward(pool, rate, 2000).toSignificantDigits(32).toFixed()).toBe(
      '8.2739726027397260273972602739726',
    );
  });
});
