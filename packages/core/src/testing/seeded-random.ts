/**
 * A deterministic pseudo-random sequence in [0, 1) (xorshift32): generated
 * test inputs that are the same on every run and machine, with no seed file.
 *
 * @example
 * ```ts
 * import { seededRandom } from '@tokenomics/core/testing';
 *
 * const random = seededRandom(2026);
 * const dice = Array.from({ length: 3 }, () => 1 + Math.floor(random() * 6));
 * dice.length; // 3, the same three numbers on every run
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed | 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}
