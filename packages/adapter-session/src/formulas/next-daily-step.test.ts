import { describe, expect, it } from 'vitest';
import { nextDailyStep } from './next-daily-step.js';

describe('nextDailyStep', () => {
  const tge = new Date('2025-05-21T00:00:00Z');

  it('is the next whole day counted from TGE', () => {
    expect(nextDailyStep(tge, new Date('2026-01-01T10:00:00Z')).toISOString()).toBe(
      '2026-01-02T00:00:00.000Z',
    );
    // At a step itself the figures have just changed: the next one is a day on.
    expect(nextDailyStep(tge, tge).toISOString()).toBe('2025-05-22T00:00:00.000Z');
    expect(nextDailyStep(tge, new Date('2025-05-21T23:59:59.999Z')).toISOString()).toBe(
      '2025-05-22T00:00:00.000Z',
    );
  });

  it('follows a TGE that is not at midnight', () => {
    const noon = new Date('2025-05-21T12:00:00Z');
    expect(nextDailyStep(noon, new Date('2025-06-01T11:59:59Z')).toISOString()).toBe(
      '2025-06-01T12:00:00.000Z',
    );
  });
});
