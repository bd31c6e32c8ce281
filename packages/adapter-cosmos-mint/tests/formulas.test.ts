import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { annualProvisions } from '../src/formulas/annual-provisions.js';
import { blocksElapsed } from '../src/formulas/blocks-elapsed.js';
import { inflationAfterBlocks } from '../src/formulas/inflation-after-blocks.js';
import { inflationChangePerBlock } from '../src/formulas/inflation-change-per-block.js';
import { legacyDec } from '../src/formulas/legacy-dec.js';
import { nextInflationRate } from '../src/formulas/next-inflation-rate.js';
import { stakingApr } from '../src/formulas/staking-apr.js';
import { supplyAfterBlocks } from '../src/formulas/supply-after-blocks.js';

const d = (text: string | number) => new Decimal(String(text));
const SDK_BOUNDS = { min: d('0.07'), max: d('0.2') };

describe('the x/mint inflation step (minter.go NextInflationRate), worked by hand', () => {
  it('one block at goal 0.67, bonded 0.5, rate change 0.13, 6,311,520 blocks a year, inflation 0.13', () => {
    // By hand, exactly: (1 − 0.5/0.67) × 0.13 / 6,311,520
    //   = (17/67) × (13/100) / 6,311,520 = 221 / (6,700 × 6,311,520) = 221 / 42,287,184,000
    //   = 0.000000005226169706642088061479809107175…
    // The chain computes in 18-decimal LegacyDec, rounding each Quo and Mul half to even:
    //   0.5 / 0.67 = 0.746268656716417910|4477… → 0.746268656716417910
    //   1 − that   = 0.253731343283582090
    //   × 0.13     = 0.032985074626865671|70   → 0.032985074626865672
    //   ÷ 6,311,520 = 0.000000005226169706|642… → 0.000000005226169707
    const exact = d(221).div('42287184000');
    expect(exact.toSignificantDigits(30).toFixed()).toBe('0.00000000522616970664208806147980910718');
    expect(legacyDec(d('0.5').div('0.67')).toFixed()).toBe('0.74626865671641791');
    const change = inflationChangePerBlock(d('0.5'), d('0.67'), d('0.13'), 6_311_520);
    expect(change.toFixed()).toBe('0.000000005226169707');
    expect(change.minus(exact).abs().lt('1e-18')).toBe(true);
    // next inflation = 0.13 + 0.000000005226169707
    expect(nextInflationRate(d('0.13'), change, SDK_BOUNDS).toFixed()).toBe('0.130000005226169707');
  });

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

describe('the other formulas', () => {
  it('blocksElapsed: whole blocks in a 365.25-day year', () => {
    // 6 h × 4,360,000 / 8,766 h = 2,984.26 → 2,984
    expect(blocksElapsed(new Date('2025-01-01T00:00:00Z'), new Date('2025-01-01T06:00:00Z'), 4_360_000)).toBe(
      2_984,
    );
    expect(blocksElapsed(new Date('2019-03-13T23:00:00Z'), new Date('2020-03-13T05:00:00Z'), 4_360_000)).toBe(
      4_360_000,
    );
    expect(blocksElapsed(new Date('2025-01-01T00:00:00Z'), new Date('2024-01-01T00:00:00Z'), 100)).toBe(0);
  });

  it('annual provisions and APR', () => {
    expect(annualProvisions(d('0.07'), d('236200000')).toFixed()).toBe('16534000');
    // 0.07 × 0.98 / 0.67 = 0.0686 / 0.67 = 0.102388059701492537313…
    expect(stakingApr(d('0.07'), d('0.67'), d('0.02')).toFixed(21)).toBe('0.102388059701492537313');
  });
});
