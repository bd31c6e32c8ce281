import { describe, expect, it } from 'vitest';
import { itemsInTurns } from './items-in-turns.js';
import { countTurns } from './testing/turn-counter.js';

describe('itemsInTurns', () => {
  it('gives every item back in order, for every length around the slice', async () => {
    for (const count of [0, 1, 2, 3, 4, 5, 7, 8, 9]) {
      const items = Array.from({ length: count }, (_, i) => ({ i }));
      const out = itemsInTurns(items, 3);
      expect(out).toHaveLength(count);
      // The first slice as it is (the same objects); the rest settle to the same objects.
      for (let i = 0; i < Math.min(3, count); i++) expect(out[i]).toBe(items[i]);
      const settled = await Promise.all(out);
      expect(settled).toEqual(items);
      for (let i = 0; i < count; i++) expect(settled[i]).toBe(items[i]);
    }
  });

  it('settles one slice per turn of the event loop', async () => {
    // A clock of turns: one tick per check phase, while the items settle.
    const counter = countTurns();
    const out = itemsInTurns([1, 2, 3, 4, 5, 6, 7], 2);
    expect(out.slice(0, 2)).toEqual([1, 2]);
    const settledAt = await Promise.all(
      out.slice(2).map((item) => Promise.resolve(item).then(() => counter.turns)),
    );
    counter.stop();
    const [a, b, c, d, e] = settledAt as [number, number, number, number, number];
    // Items 3 and 4 share a turn, 5 and 6 the next one, 7 the one after: other work ran between slices.
    expect([b - a, d - c]).toEqual([0, 0]);
    expect(c).toBeGreaterThan(a);
    expect(e).toBeGreaterThan(c);
    expect(a).toBeGreaterThanOrEqual(1);
  });

  it('returns a short list as a copy, with no promise in it', () => {
    const items = [1, 2];
    const out = itemsInTurns(items, 2);
    expect(out).toEqual([1, 2]);
    expect(out).not.toBe(items);
  });
});
