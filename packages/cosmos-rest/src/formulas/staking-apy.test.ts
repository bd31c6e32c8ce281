import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { dailyCompoundedApy } from './staking-apy.js';

const d = (text: string | number) => new Decimal(String(text));

describe('dailyCompoundedApy', () => {
  it('APY restakes daily: (1 + 0.16/365)^365 − 1', () => {
    // 0.17346973047760032666013532859264557640204673212923786029550 (Python decimal, 60 digits)
    expect(dailyCompoundedApy(d('0.16')).toSignificantDigits(30).toFixed()).toBe(
      '0.173469730477600326660135328593',
    );
    expect(dailyCompoundedApy(d('0.16')).toFixed(10)).toBe('0.1734697305');
  });
});
