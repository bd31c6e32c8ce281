import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { inflationAfterBlocks } from './inflation-after-blocks.js';
import { inflationChangePerBlock } from './inflation-change-per-block.js';
import { nextInflationRate } from './next-inflation-rate.js';
import { supplyAfterBlocks } from './supply-after-blocks.js';

const d = (text: string | number) => new Decimal(String(text));
const SDK_BOUNDS = { min: d('0.07'), max: d('0.2') };

/** The product Π (1 + i_k / B) by brute force, one block at a time. */
function supplyByLoop(
  start: Decimal,
  inflation0: Decimal,
  step: Decimal,
  blocksPerYear: number,
  n: number,
): Decimal {
  let supply = start;
  let inflation = inflation0;
  for (let k = 1; k <= n; k++) {
    inflation = nextInflationRate(inflation, step, SDK_BOUNDS);
    supply = supply.times(inflation.div(blocksPerYear).plus(1));
  }
  return supply;
}

describe('supplyAfterBlocks: the closed form of the per-block product', () => {
  it('a year at a constant 7 % with 4,360,000 blocks: 1,000,000 × (1 + 0.07/4,360,000)^4,360,000', () => {
    // (1 + 0.07/4,360,000)^4,360,000 = 1.07250818065154560400495767609889… (Python decimal, 60 digits), just under e^0.07
    const path = inflationAfterBlocks(d('0.07'), d(0), SDK_BOUNDS, 4_360_000);
    const result = supplyAfterBlocks(d('1000000'), path, d(0), 4_360_000, 4_360_000);
    expect(result.total.toSignificantDigits(30).toFixed()).toBe('1072508.1806515456040049576761');
    expect(result.minted.toSignificantDigits(12).toFixed()).toBe('72508.1806515');
    expect(result.seriesErrorBound.lt('1e-30')).toBe(true);
  });

  it('matches the loop through a bound with large steps (B = 1,000), within its own error bound', () => {
    const step = inflationChangePerBlock(d('0.1'), d('0.67'), d('0.13'), 1_000); // reaches 0.2 after ~630 blocks
    const path = inflationAfterBlocks(d('0.13'), step, SDK_BOUNDS, 3_000);
    expect(path.bound?.toFixed()).toBe('0.2');
    const closed = supplyAfterBlocks(d('1000000'), path, step, 1_000, 3_000);
    const loop = supplyByLoop(d('1000000'), d('0.13'), step, 1_000, 3_000);
    const relative = closed.total.div(loop).minus(1).abs();
    expect(relative.lte(closed.seriesErrorBound.plus('1e-50'))).toBe(true);
    expect(closed.seriesErrorBound.lt('1e-15')).toBe(true);
  });

  it('matches the loop to 30 digits at a real block rate (20,000 blocks at 4,360,000 a year, inflation rising)', () => {
    const step = inflationChangePerBlock(d('0.5'), d('0.67'), d('0.13'), 4_360_000);
    const path = inflationAfterBlocks(d('0.13'), step, SDK_BOUNDS, 20_000);
    const closed = supplyAfterBlocks(d('236200000'), path, step, 4_360_000, 20_000);
    const loop = supplyByLoop(d('236200000'), d('0.13'), step, 4_360_000, 20_000);
    expect(closed.total.toSignificantDigits(30).toFixed()).toBe(loop.toSignificantDigits(30).toFixed());
  });

  it('no blocks, no growth', () => {
    const path = inflationAfterBlocks(d('0.13'), d(0), SDK_BOUNDS, 0);
    expect(supplyAfterBlocks(d('5'), path, d(0), 100, 0).total.toFixed()).toBe('5');
  });
});
