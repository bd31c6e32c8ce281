import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { annualProvisions } from './annual-provisions.js';

const d = (text: string | number) => new Decimal(String(text));

describe('annualProvisions', () => {
  it('inflation × total', () => {
    expect(annualProvisions(d('0.07'), d('236200000')).toFixed()).toBe('16534000');
  });
});
