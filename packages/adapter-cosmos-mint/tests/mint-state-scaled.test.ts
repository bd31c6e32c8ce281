import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { inflationAfterBlocks } from '../src/formulas/inflation-after-blocks.js';
import { inflationChangePerBlock } from '../src/formulas/inflation-change-per-block.js';
import { supplyAfterBlocks } from '../src/formulas/supply-after-blocks.js';
import { supplyAfterBlocksScaled } from '../src/model/mint-state.js';

/**
 * The scaled-integer series of the mint state (issue 16) against the
 * decimal.js path it replaced (`supplyAfterBlocks`, 60-digit exp/ln), kept as
 * the reference: the same figures at the served precision (amounts at 18
 * places, beyond any token's base unit; the error bound at 18 places, as a
 * rate is served), and within 10⁻⁴⁵ relative before rounding.
 */
const d = (text: string | number) => new Decimal(String(text));

interface Case {
  name: string;
  start: Decimal;
  anchorInflation: Decimal;
  bondedRatio: Decimal;
  blocksPerYear: number;
  bounds: { min: Decimal; max: Decimal };
}

const CASES: Case[] = [
  {
    name: 'Cosmos Hub preset (at the goal: inflation holds at 7 %)',
    start: d('236200000'),
    anchorInflation: d('0.07'),
    bondedRatio: d('0.67'),
    blocksPerYear: 4_360_000,
    bounds: { min: d('0.07'), max: d('0.2') },
  },
  {
    name: 'under-bonded: inflation rises to the 20 % ceiling',
    start: d('236200000.123456'),
    anchorInflation: d('0.13'),
    bondedRatio: d('0.5'),
    blocksPerYear: 6_311_520,
    bounds: { min: d('0.07'), max: d('0.2') },
  },
  {
    name: 'over-bonded: inflation falls to the 7 % floor',
    start: d('1000000000'),
    anchorInflation: d('0.19'),
    bondedRatio: d('0.9'),
    blocksPerYear: 4_360_000,
    bounds: { min: d('0.07'), max: d('0.2') },
  },
  {
    name: 'large steps (1,000 blocks a year) through a bound',
    start: d('1000000'),
    anchorInflation: d('0.13'),
    bondedRatio: d('0.1'),
    blocksPerYear: 1_000,
    bounds: { min: d('0.07'), max: d('0.2') },
  },
];

/** Block counts from 0 to 30 years: the first blocks one by one, then a spread, then pseudo-random ones. */
function blockCounts(blocksPerYear: number): number[] {
  const counts = [0, 1, 2, 3, 10, 1_000];
  for (let year = 1; year <= 30; year++) counts.push(Math.floor(year * blocksPerYear));
  let seed = 20_261_202;
  for (let i = 0; i < 60; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    counts.push(seed % (30 * blocksPerYear));
  }
  return counts;
}

describe('supplyAfterBlocksScaled: the same figures as the decimal.js series', () => {
  for (const test of CASES) {
    it(`${test.name}: total, minted and the error bound over ${blockCounts(test.blocksPerYear).length} block counts`, () => {
      const change = inflationChangePerBlock(test.bondedRatio, d('0.67'), d('0.13'), test.blocksPerYear);
      let checked = 0;
      for (const n of blockCounts(test.blocksPerYear)) {
        const path = inflationAfterBlocks(test.anchorInflation, change, test.bounds, n);
        const reference = supplyAfterBlocks(test.start, path, change, test.blocksPerYear, n);
        const scaled = supplyAfterBlocksScaled(test.start, path, change, test.blocksPerYear, n);
        const context = `${n} blocks`;
        expect(scaled.total.toFixed(18), context).toBe(reference.total.toFixed(18));
        expect(scaled.minted.toFixed(18), context).toBe(reference.minted.toFixed(18));
        expect(scaled.seriesErrorBound.toFixed(18), context).toBe(reference.seriesErrorBound.toFixed(18));
        if (!reference.total.eq(scaled.total)) {
          expect(scaled.total.div(reference.total).minus(1).abs().lt('1e-45'), context).toBe(true);
        }
        if (!reference.seriesErrorBound.isZero()) {
          const relative = scaled.seriesErrorBound.div(reference.seriesErrorBound).minus(1).abs();
          expect(relative.lt('1e-20'), context).toBe(true);
        }
        checked++;
      }
      expect(checked).toBe(blockCounts(test.blocksPerYear).length);
    });
  }

  it('refuses a block count that is not a whole number ≥ 0, as the reference does', () => {
    const path = { first: d('0.07'), linearBlocks: 10, bound: null };
    expect(() => supplyAfterBlocksScaled(d('1'), path, d(0), 100, -1)).toThrow(RangeError);
    expect(() => supplyAfterBlocksScaled(d('1'), path, d(0), 100, 1.5)).toThrow(RangeError);
  });

  it('no blocks, no growth: the start exactly', () => {
    const path = inflationAfterBlocks(d('0.13'), d(0), CASES[0]!.bounds, 0);
    const scaled = supplyAfterBlocksScaled(d('5.25'), path, d(0), 100, 0);
    expect(scaled.total.toFixed()).toBe('5.25');
    expect(scaled.minted.toFixed()).toBe('0');
  });
});
