import { describe, expect, it } from 'vitest';
import { scheduleInSlices } from './schedule-slices.js';

const days = (count: number) => Array.from({ length: count }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)));

/** A path-aware schedule: each point is its day number and the days since the instant before it (0 first). */
function points(instants: Date[]) {
  return instants.map((at, i) => ({
    at: at.toISOString(),
    since: i === 0 ? 0 : (at.getTime() - instants[i - 1]!.getTime()) / 86_400_000,
  }));
}

describe('scheduleInSlices', () => {
  it('equals one call for every length around the slice size', async () => {
    for (const count of [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 23]) {
      expect(await scheduleInSlices(days(count), points, 3), `count ${count}`).toEqual(points(days(count)));
    }
  });

  it('computes a long schedule in slices that overlap by one instant', async () => {
    const calls: number[] = [];
    const result = await scheduleInSlices(
      days(1_200),
      (part) => {
        calls.push(part.length);
        return points(part);
      },
      500,
    );
    // 500, then 499 new + 1 overlap, then the remaining 201 + 1.
    expect(calls).toEqual([500, 500, 202]);
    expect(result).toHaveLength(1_200);
    expect(result).toEqual(points(days(1_200)));
  });

  it('lets other work run between slices', async () => {
    const order: string[] = [];
    const long = scheduleInSlices(
      days(10),
      (part) => {
        order.push(`slice of ${part.length}`);
        return points(part);
      },
      4,
    ).then(() => order.push('done'));
    // A macrotask queued now runs before the schedule ends: the schedule yields to it.
    setImmediate(() => order.push('other work'));
    await long;
    expect(order.indexOf('other work')).toBeGreaterThan(-1);
    expect(order.indexOf('other work')).toBeLessThan(order.indexOf('done'));
    expect(order.filter((entry) => entry.startsWith('slice'))).toHaveLength(3);
  });

  it('computes a short schedule in one call, without waiting', async () => {
    const calls: number[] = [];
    await scheduleInSlices(days(5), (part) => {
      calls.push(part.length);
      return points(part);
    });
    expect(calls).toEqual([5]);
  });
});
