import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { momentaryInflation } from './momentary-inflation.js';

const d = (text: string | number) => new Decimal(String(text));

describe('momentaryInflation', () => {
  it('momentary inflation falls through the year', () => {
    expect(momentaryInflation(d('80000000'), d('1000000000')).toFixed()).toBe('0.08');
    expect(momentaryInflation(d('80000000'), d('1080000000')).toSignificantDigits(30).toFixed()).toBe(
      '0.0740740740740740740740740740741',
    );
  });
});
