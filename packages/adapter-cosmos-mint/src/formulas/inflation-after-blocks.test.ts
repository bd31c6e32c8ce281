import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { inflationAfterBlocks } from './inflation-after-blocks.js';
import { inflationChangePerBlock } from './inflation-change-per-block.js';
import { nextInflationRate } from './next-inflation-rate.js';

const d = (text: string | number) => new Decimal(String(text));
const SDK_BOUNDS = { min: d('0.07'), max: d('0.2') };

describe('inflationAfterBlocks: the closed form of many steps', () => {
  const change = d('0.000000005226169707');

  it('is linear in blocks until a bound: a year, two years, three years at 6,311,520 blocks a year', () => {
    // 0.13 + 6,311,520 × 0.000000005226169707 = 0.13 + 0.03298507462912464
    expect(inflationAfterBlocks(d('0.13'), change, SDK_BOUNDS, 6_311_520).inflation.toFixed()).toBe(
      '0.16298507462912464',
    );
    // 0.13 + 12,623,040 × Δ = 0.19597014925824928, still under 0.2
    const two = inflationAfterBlocks(d('0.13'), change, SDK_BOUNDS, 12_623_040);
    expect(two.inflation.toFixed()).toBe('0.19597014925824928');
    expect(two.bound).toBeNull();
    // (0.2 − 0.130000005226169707) / Δ = 13,394,129.68 → block 13,394,131 is the first at 0.2
    const three = inflationAfterBlocks(d('0.13'), change, SDK_BOUNDS, 18_934_560);
    expect(three.inflation.toFixed()).toBe('0.2');
    expect(three.linearBlocks).toBe(13_394_130);
    expect(inflationAfterBlocks(d('0.13'), change, SDK_BOUNDS, 13_394_130).inflation.lt('0.2')).toBe(true);
    expect(inflationAfterBlocks(d('0.13'), change, SDK_BOUNDS, 13_394_131).inflation.toFixed()).toBe('0.2');
  });

  it('equals n steps of nextInflationRate, block by block, through a bound and back inside from outside', () => {
    for (const [start, bonded] of [
      ['0.13', '0.1'],
      ['0.19', '0.1'],
      ['0.08', '0.9'],
      ['0.25', '0.9'],
      ['0.05', '0.2'],
    ] as const) {
      const step = inflationChangePerBlock(d(bonded), d('0.67'), d('0.13'), 100);
      let inflation = d(start);
      for (let n = 1; n <= 400; n++) {
        inflation = nextInflationRate(inflation, step, SDK_BOUNDS);
        expect(
          inflationAfterBlocks(d(start), step, SDK_BOUNDS, n).inflation.toFixed(),
          `${start}/${bonded}@${n}`,
        ).toBe(inflation.toFixed());
      }
    }
    expect(inflationAfterBlocks(d('0.13'), change, SDK_BOUNDS, 0).inflation.toFixed()).toBe('0.13');
  });
});
