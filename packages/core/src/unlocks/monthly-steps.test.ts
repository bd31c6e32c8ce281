import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal.js';
import { monthlySteps } from './monthly-steps.js';

describe('monthlySteps', () => {
  it('ends on the last monthly anniversary of its start', () => {
    const b = monthlySteps({
      bucket: 'locked-B',
      label: 'Lockup B',
      start: new Date('2026-06-21T00:00:00Z'),
      steps: 12,
      amount: new Decimal(39_332_750),
      source: 'https://example.org',
    });
    expect(b).toMatchObject({ kind: 'STEP', steps: 12, interval: 'MONTH' });
    expect(b.end?.toISOString()).toBe('2027-05-21T00:00:00.000Z');
  });

  it('counts months from the start, clamping to the month end without drifting', () => {
    const u = monthlySteps({
      bucket: 'x',
      label: 'X',
      start: new Date('2026-01-31T12:00:00Z'),
      steps: 3,
      amount: new Decimal(3),
      source: 'x',
    });
    // Jan 31, Feb 28, Mar 31: the 31st again, not Mar 28.
    expect(u.end?.toISOString()).toBe('2026-03-31T12:00:00.000Z');
  });

  it('one step is a tranche at the start', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    expect(
      monthlySteps({ bucket: 'x', label: 'X', start, steps: 1, amount: new Decimal(1), source: 'x' }).end,
    ).toEqual(start);
  });

  it('refuses steps that are not a whole number ≥ 1', () => {
    for (const steps of [0, -1, 1.5, Number.NaN]) {
      expect(() =>
        monthlySteps({
          bucket: 'x',
          label: 'X',
          start: new Date(0),
          steps,
          amount: new Decimal(1),
          source: 'x',
        }),
      ).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    }
  });
});
