import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { dailyCompoundedApy, integerPower } from './staking-apy.js';

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

describe('integerPower (the APY in integers)', () => {
  /** A deterministic pseudo-random sequence (a linear congruential generator). */
  function sequence(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
  }
  const before = (apr: Decimal) => apr.div(365).plus(1).pow(365).minus(1);

  it('gives decimal.js’s Decimal to its 60th digit for 20,000 APRs from 10^-70 to 10^60', () => {
    const next = sequence(99);
    for (let i = 0; i < 20_000; i++) {
      let digits = '';
      const length = 1 + Math.floor(next() * 60);
      for (let j = 0; j < length; j++) digits += Math.floor(next() * 10).toString();
      const apr = d(`${digits}e-${Math.floor(next() * 70)}`);
      const apy = dailyCompoundedApy(apr);
      expect(apy.toFixed()).toBe(before(apr).toFixed());
    }
  });

  it('powers other than 365 and bases decimal.js keeps for itself', () => {
    const cases: Array<[string, number]> = [
      ['1.0004', 365],
      ['0.5', 3],
      ['1.5', 1],
      ['123.456', 17],
      ['0.99999999999', 1000],
      ['1', 365],
      ['0', 3],
      ['-2', 3],
    ];
    for (const [x, n] of cases) expect(integerPower(d(x), n).toFixed()).toBe(d(x).pow(n).toFixed());
    expect(dailyCompoundedApy(d(0)).toFixed()).toBe('0');
  });
});
