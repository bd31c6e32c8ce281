import { seededRandom } from '@tokenomics/core/testing';
import { describe, expect, it } from 'vitest';
import { ITEMS_PER_PIECE, jsonPieces } from './json-pieces.js';

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

  it('writes a long list of rows in pieces of ITEMS_PER_PIECE rows', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => ({
      at: `2026-01-${i}`,
      total: `${i}.5`,
      pool: null,
    }));
    const pieces = [...jsonPieces({ data: { protocols: [{ schedule: rows }] } })];
    expect(pieces.join('')).toBe(JSON.stringify({ data: { protocols: [{ schedule: rows }] } }));
    // Every piece of rows holds ITEMS_PER_PIECE of them (the last one the rest): a writer can stop between them.
    const rowCounts = pieces
      .filter((piece) => piece.includes('{"at"'))
      .map((piece) => piece.split('{"at"').length - 1);
    expect(rowCounts).toHaveLength(Math.ceil(5_000 / ITEMS_PER_PIECE));
    expect(rowCounts.slice(0, -1).every((count) => count === ITEMS_PER_PIECE)).toBe(true);
    expect(rowCounts.reduce((sum, count) => sum + count, 0)).toBe(5_000);
  });

  it('writes lists mixing flat and nested items, and holes and undefined, as JSON.stringify does', () => {
    const mixed = [1, { a: [2] }, 'x', undefined, null, { b: 3 }, [4, [5]], ...Array(3)];
    for (const value of [
      mixed,
      { list: mixed },
      Array.from({ length: 200 }, (_, i) => (i % 70 === 0 ? { n: [i] } : { n: i })),
    ]) {
      expect([...jsonPieces(value)].join('')).toBe(JSON.stringify(value));
    }
  });
});
