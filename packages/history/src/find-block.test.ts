import { type BlockRef, prunedHeight } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { findBlockAt, isPrunedError } from './find-block.js';

const GENESIS = Date.parse('2026-01-01T00:00:00Z');

/** A chain of `length` blocks from height 1; times from `times` (seconds after genesis), never decreasing. */
function chain(times: number[], prunedBelow = 0n) {
  let calls = 0;
  const block = (height: bigint): BlockRef => ({
    height,
    time: new Date(GENESIS + (times[Number(height) - 1] as number) * 1000),
  });
  return {
    head: block(BigInt(times.length)),
    calls: () => calls,
    async blockAt(height: bigint) {
      calls++;
      if (height < 1n || height > BigInt(times.length)) throw new Error(`no block ${height}`);
      if (height < prunedBelow) throw prunedHeight(height, `the node keeps heights from ${prunedBelow}`);
      return block(height);
    },
  };
}

const at = (seconds: number) => new Date(GENESIS + seconds * 1000);

describe('findBlockAt', () => {
  it('finds the last block at or before every instant', async () => {
    // Times with equal neighbours and gaps.
    const times = [0, 6, 6, 12, 30, 31, 31, 31, 90, 91];
    for (let second = 0; second <= 100; second++) {
      const c = chain(times);
      const expected = times.reduce((found, time, index) => (time <= second ? index + 1 : found), 0);
      const found = await findBlockAt(at(second), c);
      expect(found?.height).toBe(BigInt(expected));
      expect(found?.time.getTime()).toBe(at(times[expected - 1] as number).getTime());
    }
  });

  it('answers null before the first block, and the head (without a call) after it', async () => {
    const c = chain([10, 20, 30]);
    expect(await findBlockAt(at(5), c)).toBeNull();
    const late = chain([10, 20, 30]);
    expect((await findBlockAt(at(1_000), late))?.height).toBe(3n);
    expect(late.calls()).toBe(0);
  });

  it('needs about log2(height) calls', async () => {
    const times = Array.from({ length: 1_000_000 }, (_, i) => i * 6);
    for (const second of [0, 7, 3_000_001, 5_999_993]) {
      const c = chain(times);
      const found = await findBlockAt(at(second), c);
      expect(found?.height).toBe(BigInt(Math.floor(second / 6) + 1));
      expect(c.calls()).toBeLessThanOrEqual(21);
    }
  });

  it('searches past a pruned prefix, and throws the pruned error when the answer is pruned', async () => {
    const times = Array.from({ length: 1_000 }, (_, i) => i * 6);
    const c = chain(times, 600n);
    expect((await findBlockAt(at(6 * 799), c))?.height).toBe(800n);
    const pruned = await findBlockAt(at(6 * 99), chain(times, 600n)).catch((error: unknown) => error);
    expect(isPrunedError(pruned)).toBe(true);
    // The block at the instant is somewhere in the pruned prefix: the error
    // names the newest pruned height (the node keeps heights from 600).
    expect((pruned as { details: { height: string } }).details.height).toBe('599');
  });

  it('passes other upstream errors on', async () => {
    const failing = {
      head: { height: 100n, time: at(600) },
      blockAt: async () => {
        throw new Error('connection refused');
      },
    };
    await expect(findBlockAt(at(60), failing)).rejects.toThrow('connection refused');
  });
});
