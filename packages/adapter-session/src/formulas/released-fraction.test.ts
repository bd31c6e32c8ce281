import { Decimal } from '@tokenomics/core';
import { describe, expect, test } from 'vitest';
import { releasedFraction } from './released-fraction.js';

const rate = new Decimal('0.151');

describe('releasedFraction', () => {
  test('one year of daily releases (public vector)', () => {
    expect(releasedFraction(rate, 365).toSignificantDigits(30).toFixed()).toBe(
      '0.140179165025531210554280204139',
    );
  });
});
