import { describe, expect, it } from 'vitest';
import { INTERVALS, scheduleInstants } from './schedule.js';
import { countScheduleInstants } from './schedule-count.js';

const at = (text: string) => new Date(text);

describe('countScheduleInstants', () => {
  it.each([
    ['DAY', '2026-01-01Z', '2036-01-01Z', 3_653],
    ['DAY', '2026-01-01Z', '2026-01-01Z', 1],
    ['DAY', '2026-01-01T00:00:00Z', '2026-01-02T12:00:00Z', 3],
    ['DAY', '2025-05-21Z', '2052-05-21Z', 9_863],
    ['WEEK', '2026-01-01Z', '2026-12-31Z', 53],
    ['WEEK', '2026-01-01Z', '2027-01-01Z', 54],
    ['MONTH', '2026-01-31Z', '2026-03-15Z', 3],
    ['MONTH', '2026-01-31Z', '2026-03-31Z', 3],
    ['MONTH', '2024-01-31T12:00:00Z', '2024-02-29T11:59:59Z', 2],
    ['MONTH', '2026-01-01Z', '2036-01-01Z', 121],
    ['YEAR', '2024-02-29Z', '2028-02-28Z', 5],
    ['YEAR', '2024-02-29Z', '2028-02-29Z', 5],
    ['YEAR', '2026-01-01Z', '2036-01-01Z', 11],
    ['YEAR', '2026-06-01Z', '2027-05-31Z', 2],
  ] as const)('%s from %s to %s: %i points', (interval, from, to, points) => {
    expect(countScheduleInstants(at(from), at(to), interval)).toBe(points);
    expect(scheduleInstants(at(from), at(to), interval, { maxPoints: 100_000 })).toHaveLength(points);
  });

  it('is 0 when `to` is before `from`', () => {
    expect(countScheduleInstants(at('2026-02-01Z'), at('2026-01-01Z'), 'DAY')).toBe(0);
  });

  it('counts what scheduleInstants makes, for every interval over random ranges', () => {
    // A fixed-seed generator: the same 400 ranges on every run.
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const base = Date.UTC(2020, 0, 1);
    for (let i = 0; i < 400; i++) {
      const interval = INTERVALS[i % INTERVALS.length]!;
      const from = new Date(
        base + Math.floor(random() * 3_000) * 86_400_000 + Math.floor(random() * 86_400) * 1000,
      );
      const span = interval === 'DAY' ? 400 : interval === 'WEEK' ? 2_000 : 12_000;
      const to = new Date(
        from.getTime() + Math.floor(random() * span) * 86_400_000 + Math.floor(random() * 3) * 3_600_000,
      );
      expect(
        countScheduleInstants(from, to, interval),
        `${interval} ${from.toISOString()} ${to.toISOString()}`,
      ).toBe(scheduleInstants(from, to, interval, { maxPoints: 100_000 }).length);
    }
  });
});
