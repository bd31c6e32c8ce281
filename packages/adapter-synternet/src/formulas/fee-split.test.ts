import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { splitProtocolFee } from './fee-split.js';

const d = (text: string | number) => new Decimal(String(text));

describe('splitProtocolFee', () => {
  it('splits protocol revenue between treasury and burn, summing exactly', () => {
    expect(splitProtocolFee(d('4'), d('0.25'))).toEqual([
      { target: 'treasury', amount: d('3') },
      { target: 'burn', amount: d('1') },
    ]);
    const [treasury, burn] = splitProtocolFee(d('0.001'), d('0.333333333333'));
    expect(treasury!.amount.plus(burn!.amount).toFixed()).toBe('0.001');
  });
});
