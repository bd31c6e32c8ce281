import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal.js';
import { linear } from './linear.js';

const start = new Date('2026-01-01T00:00:00Z');
const end = new Date('2027-01-01T00:00:00Z');

describe('linear', () => {
  it('is a LINEAR record from start to end', () => {
    const unlock = linear({
      bucket: 'v',
      label: 'Vesting',
      start,
      end,
      amount: new Decimal(1000),
      source: 'https://example.org',
    });
    expect(unlock).toMatchObject({ kind: 'LINEAR', start, end, bucket: 'v' });
    expect(unlock.amount.toFixed()).toBe('1000');
    expect(unlock.steps).toBeUndefined();
  });

  it('refuses an end that is not after the start', () => {
    for (const bad of [start, new Date('2025-12-31T00:00:00Z')]) {
      expect(() =>
        linear({ bucket: 'v', label: 'V', start, end: bad, amount: new Decimal(1), source: 'x' }),
      ).toThrow(
        expect.objectContaining({
          code: 'BAD_INPUT',
          message: expect.stringContaining('end after it starts'),
        }),
      );
    }
  });
});
