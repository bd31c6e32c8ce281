import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal.js';
import { cliff } from './cliff.js';
import { monthlySteps } from './monthly-steps.js';
import { unlocksBetween } from './unlocks-between.js';

const f = cliff({
  bucket: 'F',
  label: 'F',
  at: new Date('2025-08-19T00:00:00Z'),
  amount: new Decimal(1),
  source: 'x',
});
const b = monthlySteps({
  bucket: 'B',
  label: 'B',
  start: new Date('2026-06-21T00:00:00Z'),
  steps: 12,
  amount: new Decimal(12),
  source: 'x',
});
const a = cliff({
  bucket: 'A',
  label: 'A',
  at: new Date('2027-05-21T00:00:00Z'),
  amount: new Decimal(1),
  source: 'x',
});
const all = [f, b, a];
const keys = (from?: string, to?: string | null) =>
  unlocksBetween(
    all,
    from ? new Date(from) : undefined,
    to ? new Date(to) : to === null ? null : undefined,
  ).map((u) => u.bucket);

describe('unlocksBetween', () => {
  it('keeps every unlock whose release overlaps [from, to], bounds included, in order', () => {
    expect(keys()).toEqual(['F', 'B', 'A']);
    expect(keys('2025-08-19T00:00:00Z', '2025-08-19T00:00:00Z')).toEqual(['F']);
    expect(keys('2025-08-19T00:00:00.001Z')).toEqual(['B', 'A']);
    expect(keys(undefined, '2026-06-20T00:00:00Z')).toEqual(['F']);
    // a step unlock overlaps any range inside its release
    expect(keys('2026-09-01T00:00:00Z', '2026-10-01T00:00:00Z')).toEqual(['B']);
    expect(keys('2027-05-21T00:00:00Z', null)).toEqual(['B', 'A']);
    expect(keys('2027-05-22T00:00:00Z')).toEqual([]);
  });
});
