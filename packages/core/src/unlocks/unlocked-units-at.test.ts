import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal.js';
import { cliff } from './cliff.js';
import { linear } from './linear.js';
import { monthlySteps } from './monthly-steps.js';
import { unlockedUnitsAt } from './unlocked-units-at.js';

const SESH = 10n ** 9n;

describe('unlockedUnitsAt', () => {
  it('a cliff: nothing before, everything from the instant', () => {
    const a = cliff({
      bucket: 'a',
      label: 'A',
      at: new Date('2027-05-21T00:00:00Z'),
      amount: new Decimal('19489700'),
      source: 'x',
    });
    expect(unlockedUnitsAt(a, new Date('2027-05-20T23:59:59.999Z'), 9)).toBe(0n);
    expect(unlockedUnitsAt(a, new Date('2027-05-21T00:00:00Z'), 9)).toBe(19_489_700n * SESH);
  });

  it('steps: equal tranches in base units, the remainder in the last', () => {
    const d = monthlySteps({
      bucket: 'd',
      label: 'D',
      start: new Date('2026-06-21T00:00:00Z'),
      steps: 24,
      amount: new Decimal(38_000_000),
      source: 'x',
    });
    const tranche = (38_000_000n * SESH) / 24n; // 1,583,333.333333333
    expect(tranche).toBe(1_583_333_333_333_333n);
    expect(unlockedUnitsAt(d, new Date('2026-06-20T00:00:00Z'), 9)).toBe(0n);
    expect(unlockedUnitsAt(d, new Date('2026-06-21T00:00:00Z'), 9)).toBe(tranche);
    expect(unlockedUnitsAt(d, new Date('2028-04-21T00:00:00Z'), 9)).toBe(23n * tranche);
    // the 24th tranche carries the remainder: 38,000,000 − 23 × 1,583,333.333333333 = 1,583,333.333333341
    expect(unlockedUnitsAt(d, new Date('2028-05-21T00:00:00Z'), 9)).toBe(38_000_000n * SESH);
    expect(38_000_000n * SESH - 23n * tranche).toBe(1_583_333_333_333_341n);
  });

  it('linear: truncated to base units, everything from the end', () => {
    const l = linear({
      bucket: 'l',
      label: 'L',
      start: new Date('2026-01-01T00:00:00Z'),
      end: new Date('2026-01-04T00:00:00Z'),
      amount: new Decimal('1'),
      source: 'x',
    });
    expect(unlockedUnitsAt(l, new Date('2026-01-01T00:00:00Z'), 9)).toBe(0n);
    // one third of 10^9 base units, truncated
    expect(unlockedUnitsAt(l, new Date('2026-01-02T00:00:00Z'), 9)).toBe(333_333_333n);
    expect(unlockedUnitsAt(l, new Date('2026-01-04T00:00:00Z'), 9)).toBe(SESH);
    expect(unlockedUnitsAt(l, new Date('2030-01-01T00:00:00Z'), 9)).toBe(SESH);
  });

  it('refuses an amount finer than the base unit', () => {
    const fine = cliff({
      bucket: 'f',
      label: 'F',
      at: new Date(0),
      amount: new Decimal('0.0000000001'),
      source: 'x',
    });
    expect(() => unlockedUnitsAt(fine, new Date(0), 9)).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', message: expect.stringContaining('at most 9 decimals') }),
    );
    expect(unlockedUnitsAt(fine, new Date(0), 10)).toBe(1n);
  });
});
