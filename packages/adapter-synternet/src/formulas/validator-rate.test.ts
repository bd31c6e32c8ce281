import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { validatorRateOfTotal } from './validator-rate.js';

const d = (text: string | number) => new Decimal(String(text));

describe('validatorRateOfTotal (x/mint inflation read as the total, proposal 0008)', () => {
  it('takes the treasury’s rate off the total, never below 0', () => {
    expect(validatorRateOfTotal(d('0.12'), d('0.055')).toFixed()).toBe('0.065'); // year 2
    expect(validatorRateOfTotal(d('0.08'), d('0.025')).toFixed()).toBe('0.055'); // year 3
    expect(validatorRateOfTotal(d('0.03'), d('0')).toFixed()).toBe('0.03'); // year 5
    expect(validatorRateOfTotal(d('0.05'), d('0.055')).toFixed()).toBe('0');
  });
});
