import { describe, expect, it } from 'vitest';
import { blocksElapsed } from './blocks-elapsed.js';

describe('blocksElapsed', () => {
  it('blocksElapsed: whole blocks in a 365.25-day year', () => {
    // 6 h × 4,360,000 / 8,766 h = 2,984.26 → 2,984
    expect(blocksElapsed(new Date('2025-01-01T00:00:00Z'), new Date('2025-01-01T06:00:00Z'), 4_360_000)).toBe(
      2_984,
    );
    expect(blocksElapsed(new Date('2019-03-13T23:00:00Z'), new Date('2020-03-13T05:00:00Z'), 4_360_000)).toBe(
      4_360_000,
    );
    expect(blocksElapsed(new Date('2025-01-01T00:00:00Z'), new Date('2024-01-01T00:00:00Z'), 100)).toBe(0);
  });
});
