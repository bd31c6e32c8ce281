import { seededRandom } from '@tokenomics/core/testing';
import { describe, expect, it } from 'vitest';
import { jsonPieces } from './json-pieces.js';

/** A seeded generator of JSON-like values (nested objects and arrays, odd strings and numbers, undefined). */
function generator(seed: number) {
  const random = seededRandom(seed);
  const next = () => Math.floor(random() * 2 ** 32);
  const leaves: unknown[] = [
    null,
    true,
    false,
    0,
    -0,
    1.5,
    1e21,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '',
    'plain',
    'quote " backslash \\ newline \n tab \t',
    'unicode é ☃ \u2028 \u0000',
    '12345.678901234567890123',
    undefined,
  ];
  const value = (depth: number): unknown => {
    const roll = next() % 10;
    if (depth > 4 || roll < 4) return leaves[next() % leaves.length];
    if (roll < 7) return Array.from({ length: next() % 6 }, () => value(depth + 1));
    const object: Record<string, unknown> = {};
    for (let i = next() % 6; i > 0; i--)
      object[['a', 'b', 'key "q"', '0', '__proto_', 'é'][next() % 6]!] = value(depth + 1);
    return object;
  };
  return value;
}

describe('jsonPieces', () => {
  it('joins to exactly JSON.stringify for a thousand generated values', () => {
    const value = generator(20261202);
    for (let i = 0; i < 1_000; i++) {
      const v = { data: value(0) };
      expect([...jsonPieces(v)].join(''), `value ${i}`).toBe(JSON.stringify(v));
    }
  });

  it('writes a long list of rows one row a piece', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => ({
      at: `2026-01-${i}`,
      total: `${i}.5`,
      pool: null,
    }));
    const pieces = [...jsonPieces({ data: { protocols: [{ schedule: rows }] } })];
    expect(pieces.join('')).toBe(JSON.stringify({ data: { protocols: [{ schedule: rows }] } }));
    // Each row is one piece (plus a comma between rows): no piece holds two rows.
    expect(pieces.filter((piece) => piece.startsWith('{"at"'))).toHaveLength(5_000);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(60);
  });
});
