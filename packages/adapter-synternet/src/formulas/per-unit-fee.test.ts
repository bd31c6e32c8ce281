import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { perUnitFee } from './per-unit-fee.js';

const d = (text: string | number) => new Decimal(String(text));

describe('perUnitFee', () => {
  it('pay-per-data adds a fixed fee per GB', () => {
    const fee = perUnitFee(d('2.5'), d('8'), d('4'));
    expect([fee.base, fee.protocolFee, fee.total].map((x) => x.toFixed())).toEqual(['20', '10', '30']);
  });
});
