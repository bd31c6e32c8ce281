import { Decimal } from '@tokenomics/core';
import { describe, expect, test } from 'vitest';
import { stakingApr } from './staking-apr.js';

const rate = new Decimal('0.151');
const pool = new Decimal(40_000_000);

describe('stakingApr', () => {
  test('staking APR against 25,000 (public vector)', () => {
    // 0.151 × 40,000,000 / (2,000 × 25,000) = 6,040,000 / 50,000,000
    expect(stakingApr(pool, rate, 2000, new Decimal(25_000)).toFixed()).toBe('0.1208');
  });
});
