import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { stakingApr } from './staking-apr.js';

describe('stakingApr', () => {
  it('inflation × (1 − communityTax) / bondedRatio', () => {
    // 0.07 × 0.98 / 0.67 = 0.0686 / 0.67 = 0.102388059701492537313…
    expect(stakingApr(new Decimal('0.07'), new Decimal('0.67'), new Decimal('0.02')).toFixed(21)).toBe(
      '0.102388059701492537313',
    );
  });
});
