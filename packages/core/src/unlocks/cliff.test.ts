import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal.js';
import { cliff } from './cliff.js';

describe('cliff', () => {
  it('is a CLIFF record at the instant, with no end', () => {
    const at = new Date('2027-05-21T00:00:00Z');
    expect(
      cliff({
        bucket: 'locked-A',
        label: 'Lockup A',
        at,
        amount: new Decimal('19489700'),
        source: 'https://example.org/a',
      }),
    ).toEqual({
      bucket: 'locked-A',
      label: 'Lockup A',
      kind: 'CLIFF',
      start: at,
      end: null,
      amount: new Decimal('19489700'),
      source: 'https://example.org/a',
    });
  });

  it('refuses a negative or non-finite amount with BAD_INPUT naming the bucket', () => {
    for (const amount of ['-1', 'Infinity', 'NaN']) {
      expect(() =>
        cliff({ bucket: 'locked-A', label: 'A', at: new Date(0), amount: new Decimal(amount), source: 'x' }),
      ).toThrow(expect.objectContaining({ code: 'BAD_INPUT', message: expect.stringContaining('locked-A') }));
    }
  });
});
