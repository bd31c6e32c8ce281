import { describe, expect, it } from 'vitest';
import { workGate } from './work-gate.js';

describe('workGate', () => {
  it('lets `concurrency` in, queues the next in order, and turns away beyond the queue', async () => {
    const gate = workGate(2, 2);
    const first = await gate.enter()!;
    const second = await gate.enter()!;
    const order: string[] = [];
    const third = gate.enter()!.then((release) => {
      order.push('third');
      return release;
    });
    const fourth = gate.enter()!.then((release) => {
      order.push('fourth');
      return release;
    });
    expect(gate.enter()).toBeNull();
    expect(gate.stats()).toEqual({ running: 2, waiting: 2 });

    first();
    first(); // a second call does nothing
    const thirdRelease = await third;
    expect(order).toEqual(['third']);
    expect(gate.stats()).toEqual({ running: 2, waiting: 1 });

    second();
    const fourthRelease = await fourth;
    expect(order).toEqual(['third', 'fourth']);
    thirdRelease();
    fourthRelease();
    expect(gate.stats()).toEqual({ running: 0, waiting: 0 });
    // Free again: a new caller gets in at once.
    (await gate.enter()!)();
    expect(gate.stats()).toEqual({ running: 0, waiting: 0 });
  });

  it('with no queue, refuses as soon as every slot is held', async () => {
    const gate = workGate(1, 0);
    const release = await gate.enter()!;
    expect(gate.enter()).toBeNull();
    release();
    expect(gate.enter()).not.toBeNull();
  });
});
