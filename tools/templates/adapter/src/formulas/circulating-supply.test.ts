import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { circulatingSupply } from './circulating-supply.js';

describe('circulatingSupply', () => {
  it('is the total less the treasury, exactly', () => {
    expect(circulatingSupply(new Decimal('1000000000'), new Decimal('100000000')).toFixed()).toBe(
      '900000000',
    );
    expect(circulatingSupply(new Decimal('0.000003'), new Decimal('0.000001')).toFixed()).toBe('0.000002');
  });
});
