import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { delegatorApr } from './delegator-apr.js';

const d = (text: string | number) => new Decimal(String(text));

describe('delegatorApr', () => {
  it('a delegator nets APR × (1 − commission)', () => {
    expect(delegatorApr(d('0.16'), d('0.05')).toFixed()).toBe('0.152');
    expect(delegatorApr(d('0.16'), d(1)).isZero()).toBe(true);
  });
  it('refuses a commission outside [0, 1] with a coded error', () => {
    expect(() => delegatorApr(d('0.16'), d('1.5'))).toThrow(
      expect.objectContaining({
        code: 'BAD_INPUT',
        message: 'commission must be a fraction in [0, 1], got 1.5',
        details: { commission: '1.5' },
      }),
    );
    expect(() => delegatorApr(d('0.16'), d('-0.1'))).toThrow(/got -0.1$/);
  });
});
