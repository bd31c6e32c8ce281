import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { delegatorApr } from '../src/formulas/delegator-apr.js';
import { downtimeTrigger } from '../src/formulas/downtime-trigger.js';
import { slashStake } from '../src/formulas/slash-stake.js';
import { dailyCompoundedApy } from '../src/formulas/staking-apy.js';

const d = (text: string | number) => new Decimal(String(text));

describe('downtimeTrigger (x/slashing HandleValidatorSignature)', () => {
  it('Synternet’s worked example: window 16,000 at 0.5, 8,001 missed triggers, 8,000 does not', () => {
    expect(downtimeTrigger(8001, 16000, d('0.5'))).toEqual({
      minSignedBlocks: 8000,
      maxMissedBlocks: 8000,
      triggered: true,
    });
    expect(downtimeTrigger(8000, 16000, d('0.5')).triggered).toBe(false);
    expect(downtimeTrigger(1001, 2000, d('0.5')).triggered).toBe(true);
  });

  it('the Hub’s: window 10,000, 5 % to sign: more than 9,500 missed triggers', () => {
    expect(downtimeTrigger(9_500, 10_000, d('0.05'))).toEqual({
      minSignedBlocks: 500,
      maxMissedBlocks: 9_500,
      triggered: false,
    });
    expect(downtimeTrigger(9_501, 10_000, d('0.05')).triggered).toBe(true);
  });

  it('rounds minSignedPerWindow × window half to even, like LegacyDec.RoundInt64', () => {
    expect(downtimeTrigger(0, 5, d('0.5')).minSignedBlocks).toBe(2); // 2.5 → 2
    expect(downtimeTrigger(0, 7, d('0.5')).minSignedBlocks).toBe(4); // 3.5 → 4
  });
});

describe('slashStake (x/staking Slash, truncated)', () => {
  it('Synternet’s worked example at 0.01 %: 250,000 → 249,975 and 10,000 → 9,999', () => {
    expect(slashStake(d('250000'), d('0.0001'), 6)).toEqual({
      before: d('250000'),
      slashed: d('25'),
      after: d('249975'),
    });
    expect(slashStake(d('10000'), d('0.0001'), 6).after.toFixed()).toBe('9999');
  });

  it('truncates to the base unit of the given decimals (6 for usynt, 9 for another chain)', () => {
    // 12345.6789999 × 0.0001 = 1.23456789999 → 1.234567
    expect(slashStake(d('12345.6789999'), d('0.0001'), 6).slashed.toFixed()).toBe('1.234567');
    expect(slashStake(d('0.009999'), d('0.0001'), 6).slashed.toFixed()).toBe('0'); // 0.0000009999 < 1 usynt
    expect(slashStake(d('1.00000019'), d('0.05'), 9).slashed.toFixed()).toBe('0.050000009');
    expect(slashStake(d('0.000015'), d('0.05'), 6).slashed.toFixed()).toBe('0');
  });
});

describe('rates', () => {
  it('APY restakes daily: (1 + 0.16/365)^365 − 1', () => {
    // 0.17346973047760032666013532859264557640204673212923786029550 (Python decimal, 60 digits)
    expect(dailyCompoundedApy(d('0.16')).toSignificantDigits(30).toFixed()).toBe(
      '0.173469730477600326660135328593',
    );
    expect(dailyCompoundedApy(d('0.16')).toFixed(10)).toBe('0.1734697305');
  });

  it('a delegator nets APR × (1 − commission)', () => {
    expect(delegatorApr(d('0.16'), d('0.05')).toFixed()).toBe('0.152');
    expect(delegatorApr(d('0.16'), d(1)).isZero()).toBe(true);
  });
});

describe('delegatorApr bounds', () => {
  it('refuses a commission outside [0, 1] with a coded error', () => {
    expect(() => delegatorApr(d('0.16'), d('1.5'))).toThrow(
      expect.objectContaining({
        code: 'BAD_INPUT',
        message: 'commission must be a fraction in [0, 1], got 1.5',
        details: { commission: '1.5' },
      }),
    );
    expect(() => delegatorApr(d('0.16'), d('-0.1'))).toThrow(/got -0.1$/);
  });
});
