import { Decimal } from '@tokenomics/core';
import { describe, expect, test } from 'vitest';
import { dailyNetworkReward } from './daily-network-reward.js';

const rate = new Decimal('0.151');
const pool = new Decimal(40_000_000);

describe('dailyNetworkReward', () => {
  test('daily network reward on 40,000,000 (public vector)', () => {
    // 0.151 × 40,000,000 / 365 = 6,040,000 / 365
    expect(dailyNetworkReward(pool, rate).toSignificantDigits(35).toFixed()).toBe(
      '16547.945205479452054794520547945205',
    );
  });
});
