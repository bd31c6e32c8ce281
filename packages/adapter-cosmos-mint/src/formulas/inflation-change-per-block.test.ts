import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { inflationChangePerBlock } from './inflation-change-per-block.js';
import { legacyDec } from './legacy-dec.js';
import { nextInflationRate } from './next-inflation-rate.js';

const d = (text: string | number) => new Decimal(String(text));
const SDK_BOUNDS = { min: d('0.07'), max: d('0.2') };

describe('inflationChangePerBlock (minter.go NextInflationRate, worked by hand)', () => {
  it('one block at goal 0.67, bonded 0.5, rate change 0.13, 6,311,520 blocks a year, inflation 0.13', () => {
    // By hand, exactly: (1 − 0.5/0.67) × 0.13 / 6,311,520
    //   = (17/67) × (13/100) / 6,311,520 = 221 / (6,700 × 6,311,520) = 221 / 42,287,184,000
    //   = 0.000000005226169706642088061479809107175…
    // The chain computes in 18-decimal LegacyDec, rounding each Quo and Mul half to even:
    //   0.5 / 0.67 = 0.746268656716417910|4477… → 0.746268656716417910
    //   1 − that   = 0.253731343283582090
    //   × 0.13     = 0.032985074626865671|70   → 0.032985074626865672
    //   ÷ 6,311,520 = 0.000000005226169706|642… → 0.000000005226169707
    const exact = d(221).div('42287184000');
    expect(exact.toSignificantDigits(30).toFixed()).toBe('0.00000000522616970664208806147980910718');
    expect(legacyDec(d('0.5').div('0.67')).toFixed()).toBe('0.74626865671641791');
    const change = inflationChangePerBlock(d('0.5'), d('0.67'), d('0.13'), 6_311_520);
    expect(change.toFixed()).toBe('0.000000005226169707');
    expect(change.minus(exact).abs().lt('1e-18')).toBe(true);
    // next inflation = 0.13 + 0.000000005226169707
    expect(nextInflationRate(d('0.13'), change, SDK_BOUNDS).toFixed()).toBe('0.130000005226169707');
  });
});
