import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { downtimeTrigger } from './downtime-trigger.js';

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
