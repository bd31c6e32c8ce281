import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal.js';
import type { Unlock } from '../economy.js';
import { cliff } from './cliff.js';
import { monthlySteps } from './monthly-steps.js';
import { tranchesReached } from './tranches-reached.js';

const monthly = monthlySteps({
  bucket: 'b',
  label: 'B',
  start: new Date('2026-01-31T00:00:00Z'),
  steps: 4,
  amount: new Decimal(4),
  source: 'x',
});

describe('tranchesReached', () => {
  it('counts monthly tranches on the calendar: a tranche at exactly `at` counts', () => {
    const cases: Array<[string, number]> = [
      ['2026-01-30T23:59:59.999Z', 0],
      ['2026-01-31T00:00:00Z', 1],
      ['2026-02-27T23:59:59Z', 1],
      ['2026-02-28T00:00:00Z', 2], // clamped: February has no 31st
      ['2026-03-30T00:00:00Z', 2],
      ['2026-03-31T00:00:00Z', 3],
      ['2026-04-30T00:00:00Z', 4], // April clamps to the 30th
      ['2040-01-01T00:00:00Z', 4],
    ];
    for (const [at, expected] of cases) expect(tranchesReached(monthly, new Date(at)), at).toBe(expected);
  });

  it('spreads tranches evenly in time when no interval is given', () => {
    const even: Unlock = {
      bucket: 'e',
      label: 'E',
      kind: 'STEP',
      start: new Date('2026-01-01T00:00:00Z'),
      end: new Date('2026-01-04T00:00:00Z'),
      steps: 4,
      amount: new Decimal(4),
      source: 'x',
    };
    expect(tranchesReached(even, new Date('2025-12-31T00:00:00Z'))).toBe(0);
    expect(tranchesReached(even, new Date('2026-01-01T00:00:00Z'))).toBe(1);
    expect(tranchesReached(even, new Date('2026-01-02T23:59:59Z'))).toBe(2);
    expect(tranchesReached(even, new Date('2026-01-03T00:00:00Z'))).toBe(3);
    expect(tranchesReached(even, new Date('2026-01-04T00:00:00Z'))).toBe(4);
    expect(tranchesReached({ ...even, steps: 1, end: even.start }, new Date('2026-01-01T00:00:00Z'))).toBe(1);
  });

  it('weekly and yearly intervals', () => {
    const weekly: Unlock = { ...monthly, interval: 'WEEK', start: new Date('2026-01-01T00:00:00Z') };
    expect(tranchesReached(weekly, new Date('2026-01-14T23:00:00Z'))).toBe(2);
    const yearly: Unlock = { ...monthly, interval: 'YEAR', start: new Date('2024-02-29T00:00:00Z') };
    expect(tranchesReached(yearly, new Date('2025-02-27T00:00:00Z'))).toBe(1);
    expect(tranchesReached(yearly, new Date('2025-02-28T00:00:00Z'))).toBe(2);
  });

  it('refuses anything but a STEP unlock', () => {
    const c = cliff({ bucket: 'c', label: 'C', at: new Date(0), amount: new Decimal(1), source: 'x' });
    expect(() => tranchesReached(c, new Date(0))).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => tranchesReached({ ...monthly, steps: 0 }, new Date(0))).toThrow(/STEP/);
  });
});
