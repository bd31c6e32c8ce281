import { Decimal } from '@tokenomics/core';
import { describe, expect, test } from 'vitest';
import { networkFeeSplit } from './network-fee-split.js';

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
