import { describe, expect, it } from 'vitest';
import { mapInTurns } from './map-in-turns.js';

describe('mapInTurns', () => {
  it('maps like Array.prototype.map, index included, for every length around the slice', async () => {
    for (const count of [0, 1, 2, 3, 4, 5, 7, 8, 9]) {
      const items = Array.from({ length: count }, (_, i) => i * 10);
      expect(await mapInTurns(items, (n, i) => `${i}:${n}`, 3)).toEqual(items.map((n, i) => `${i}:${n}`));
    }
  });

  it('lets other work run between slices, and maps a short list at once', async () => {
    const order: string[] = [];
    const long = mapInTurns([1, 2, 3, 4, 5], (n) => order.push(`item ${n}`), 2).then(() =>
      order.push('done'),
    );
    setImmediate(() => order.push('other work'));
    await long;
    // The first slice runs at once; the other work runs before the map ends.
    expect(order.slice(0, 2)).toEqual(['item 1', 'item 2']);
    expect(order.indexOf('other work')).toBeLessThan(order.indexOf('done'));

    const short: string[] = [];
    const done = mapInTurns([1, 2], (n) => short.push(`item ${n}`), 2).then(() => short.push('done'));
    setImmediate(() => short.push('other work'));
    await done;
    expect(short).toEqual(['item 1', 'item 2', 'done']);
    await new Promise((resolve) => setImmediate(resolve));
  });
});
