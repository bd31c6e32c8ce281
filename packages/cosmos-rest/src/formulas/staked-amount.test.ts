import { Decimal, ScaledDecimal, toScaledInteger } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { stakedAmount, stakedUnitsOf } from './staked-amount.js';

const d = (text: string | number) => new Decimal(String(text));

describe('stakedAmount (bondedRatio × total, to the base unit, never above total)', () => {
  it('rounds half to even to the base unit', () => {
    expect(stakedAmount(d('0.5'), d('1040000000'), 6).toText()).toBe('520000000');
    // 0.4 × 1.2345675 = 0.493827 exactly; 0.5 × 0.0000015 = 0.00000075 → 0.000001; 0.5 × 0.000001 = 0.0000005 → 0
    expect(stakedAmount(d('0.4'), d('1.2345675'), 6).toText()).toBe('0.493827');
    expect(stakedAmount(d('0.5'), d('0.0000015'), 6).toText()).toBe('0.000001');
    expect(stakedAmount(d('0.5'), d('0.000001'), 6).toText()).toBe('0');
    expect(stakedAmount(d('0.5'), d('0.000003'), 6).toText()).toBe('0.000002'); // 1.5 usynt → 2
  });

  it('recovers the chain’s bonded tokens from a 60-digit ratio (250,000,000 of 390,000,000)', () => {
    expect(stakedAmount(d(250_000_000).div(390_000_000), d('390000000'), 6).toText()).toBe('250000000');
  });

  it('never exceeds the total: a ratio of 1 on a total between base units gives the total truncated', () => {
    expect(stakedAmount(d('1'), d('10.0000006'), 6).toText()).toBe('10');
    expect(stakedAmount(d('1'), d('10.0000004'), 6).toText()).toBe('10');
    expect(stakedAmount(d('1'), d('10'), 6).toText()).toBe('10');
  });

  it('takes a ScaledDecimal total and is exact beyond 60 digits', () => {
    const total = new ScaledDecimal(toScaledInteger(d('123456789012345678901234.5'), 40), 40);
    // 0.5 × 123456789012345678901234.5 = 61728394506172839450617.25 → …617.25 at 6 places
    expect(stakedAmount(d('0.5'), total, 6).toText()).toBe('61728394506172839450617.25');
  });
});

describe('stakedUnitsOf (stakedAmount prepared for one ratio and scale)', () => {
  it('gives stakedAmount’s base units for every total, ratio and scale, rounding and cap included', () => {
    const ratios = ['0', '0.4', '0.5', '1', '0.333333333333333333', String(d(250_000_000).div(390_000_000))];
    const totals = [
      '0',
      '0.000001',
      '0.0000015',
      '0.000003',
      '1.2345675',
      '10.0000006',
      '1040000000',
      '123456789012345678901234.5',
    ];
    for (const places of [2, 6, 9, 40]) {
      for (const ratio of ratios) {
        const staked = stakedUnitsOf(d(ratio), places, 6);
        for (const text of totals) {
          if (d(text).decimalPlaces() > places) continue;
          const units = toScaledInteger(d(text), places);
          const expected = stakedAmount(d(ratio), new ScaledDecimal(units, places), 6);
          expect(staked(units), `${ratio} × ${text} at ${places} places`).toBe(
            expected.units * 10n ** BigInt(6 - expected.places),
          );
        }
      }
    }
    // One value by hand: 0.5 × 1,040,000,000.00 = 520,000,000 tokens = 520,000,000,000,000 usynt.
    expect(stakedUnitsOf(d('0.5'), 2, 6)(104_000_000_000n)).toBe(520_000_000_000_000n);
  });
});
