import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal.js';
import { monthlySteps } from './monthly-steps.js';
import { unlockedAt } from './unlocked-at.js';

describe('unlockedAt', () => {
  it('gives whole tokens, exact to the base unit; the tranches sum to the amount', () => {
    const b = monthlySteps({
      bucket: 'locked-B',
      label: 'B',
      start: new Date('2026-06-21T00:00:00Z'),
      steps: 12,
      amount: new Decimal(39_332_750),
      source: 'x',
    });
    expect(unlockedAt(b, new Date('2026-06-21T00:00:00Z'), 9).toFixed()).toBe('3277729.166666666');
    expect(unlockedAt(b, new Date('2027-04-21T00:00:00Z'), 9).toFixed()).toBe('36055020.833333326'); // 11 tranches of 3,277,729.166666666
    expect(unlockedAt(b, new Date('2027-05-21T00:00:00Z'), 9).toFixed()).toBe('39332750');
  });
});
