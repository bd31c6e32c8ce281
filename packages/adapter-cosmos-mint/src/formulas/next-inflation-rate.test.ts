import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { inflationChangePerBlock } from './inflation-change-per-block.js';
import { nextInflationRate } from './next-inflation-rate.js';

const d = (text: string | number) => new Decimal(String(text));
const SDK_BOUNDS = { min: d('0.07'), max: d('0.2') };

describe('nextInflationRate: the x/mint inflation step', () => {
  it('above the goal inflation falls: bonded 0.8', () => {
    // 0.8 / 0.67 = 1.194029850746268656|7164… → 1.194029850746268657; 1 − that = −0.194029850746268657
    // × 0.13 = −0.025223880597014925|41 → −0.025223880597014925; ÷ 6,311,520 = −0.000000003996482717|1… → −0.000000003996482717
    const change = inflationChangePerBlock(d('0.8'), d('0.67'), d('0.13'), 6_311_520);
    expect(change.toFixed()).toBe('-0.000000003996482717');
    expect(nextInflationRate(d('0.13'), change, SDK_BOUNDS).toFixed()).toBe('0.129999996003517283');
  });

  it('at the goal nothing changes; the bounds clamp', () => {
    expect(inflationChangePerBlock(d('0.67'), d('0.67'), d('0.13'), 6_311_520).isZero()).toBe(true);
    expect(nextInflationRate(d('0.2'), d('0.000000005226169707'), SDK_BOUNDS).toFixed()).toBe('0.2');
    expect(nextInflationRate(d('0.07'), d('-0.000000003996482717'), SDK_BOUNDS).toFixed()).toBe('0.07');
    // a start outside the bounds (after a governance change) is brought inside by the first block
    expect(nextInflationRate(d('0.25'), d('-0.000000003996482717'), SDK_BOUNDS).toFixed()).toBe('0.2');
  });
});
