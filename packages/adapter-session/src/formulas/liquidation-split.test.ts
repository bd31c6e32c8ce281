import { Decimal } from '@tokenomics/core';
import { describe, expect, test } from 'vitest';
import { liquidationSplit } from './liquidation-split.js';

describe('liquidation split', () => {
  const ratios = { liquidator: 3, pool: 17, recipient: 9980 };

  test('25,000 deposit: 7.5 liquidator, 42.5 pool, 24,950 returned (public vector)', () => {
    const split = liquidationSplit(new Decimal(25_000), ratios, 9);
    expect([split.liquidator, split.pool, split.returned].map((d) => d.toFixed())).toEqual([
      '7.5',
      '42.5',
      '24950',
    ]);
  });

  test('the pool share rounds up and the liquidator share down, in base units', () => {
    // 1 base unit × 3 / 10000 = 0 (floor); × 17 / 10000 → 1 base unit (ceil)
    const tiny = liquidationSplit(new Decimal('0.000000001'), ratios, 9);
    expect([tiny.liquidator, tiny.pool, tiny.returned].map((d) => d.toFixed())).toEqual([
      '0',
      '0.000000001',
      '0',
    ]);
    // 12,345.678901234 SESH = 12,345,678,901,234 units: liquidator floor(× 3 / 10000) = 3,703,703,670;
    // pool ceil(× 17 / 10000) = ceil(20,987,654,132.0978) = 20,987,654,133; returned 12,320,987,543,431
    const odd = liquidationSplit(new Decimal('12345.678901234'), ratios, 9);
    expect(odd.liquidator.toFixed()).toBe('3.70370367');
    expect(odd.pool.toFixed()).toBe('20.987654133');
    expect(odd.returned.toFixed()).toBe('12320.987543431');
  });
});
