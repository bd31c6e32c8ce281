import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { legacyDec } from './legacy-dec.js';

describe('legacyDec', () => {
  it('rounds to 18 places half to even, as the SDK LegacyDec', () => {
    expect(legacyDec(new Decimal('0.5').div('0.67')).toFixed()).toBe('0.74626865671641791');
    expect(legacyDec(new Decimal('0.0000000000000000005')).toFixed()).toBe('0');
    expect(legacyDec(new Decimal('0.0000000000000000015')).toFixed()).toBe('0.000000000000000002');
  });
});
