import { describe, expect, it } from 'vitest';
import { CLIP_LENGTH, clip } from './clip.js';

describe('clip', () => {
  it('returns text within the limit as is', () => {
    expect(clip('12.5')).toBe('12.5');
    expect(clip('x'.repeat(CLIP_LENGTH))).toBe('x'.repeat(CLIP_LENGTH));
  });

  it('keeps the start and the end of longer text around an ellipsis, at exactly the limit', () => {
    const text = `${'1'.repeat(300)}e10000000`;
    const clipped = clip(text);
    expect(clipped).toHaveLength(CLIP_LENGTH);
    expect(clipped).toBe(`${'1'.repeat(150)}…${'1'.repeat(40)}e10000000`);
    expect(clip('1234567890e10000000', 12)).toBe('123456789…00');
  });

  it('clips ten megabytes without copying them', () => {
    expect(clip('x'.repeat(10_000_000))).toHaveLength(CLIP_LENGTH);
  });

  it('never splits a character made of two code units', () => {
    // Limit 13: a head of 9 code units and a tail of 3, each cut inside a 😀 (two code units).
    const clipped = clip(`abcdefgh😀${'c'.repeat(20)}😀😀`, 13);
    expect(clipped).toBe('abcdefgh…😀');
  });

  it('gives at least the ellipsis for tiny limits', () => {
    expect(clip('abcdef', 1)).toBe('…');
    expect(clip('abcdef', 2)).toBe('a…');
  });
});
