import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { stakingApr } from './staking-apr.js';

const d = (text: string | number) => new Decimal(String(text));

describe('stakingApr', () => {
  it('APR = inflation / bonded × (1 − community tax)', () => {
    expect(stakingApr(d('0.08'), d('0.5'), d(0)).toFixed()).toBe('0.16');
    expect(stakingApr(d('0.08'), d('0.4'), d('0.02')).toFixed()).toBe('0.196'); // 0.2 × 0.98
  });
});
