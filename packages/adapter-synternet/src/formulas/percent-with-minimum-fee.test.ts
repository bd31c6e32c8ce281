import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { percentWithMinimumFee } from './percent-with-minimum-fee.js';

const d = (text: string | number) => new Decimal(String(text));

describe('percentWithMinimumFee', () => {
  it('pay-per-message adds max(minimum, rate × price) per message', () => {
    const cheap = percentWithMinimumFee(d('1000'), d('0.0005'), d('0.25'), d('0.001'));
    expect([cheap.base, cheap.protocolFee, cheap.total].map((x) => x.toFixed())).toEqual(['0.5', '1', '1.5']);
    const dear = percentWithMinimumFee(d('1'), d('0.01'), d('0.25'), d('0.001'));
    expect([dear.protocolFee, dear.total].map((x) => x.toFixed())).toEqual(['0.0025', '0.0125']);
    const free = percentWithMinimumFee(d('3'), d('0'), d('0.25'), d('0.001'));
    expect(free.total.toFixed()).toBe('0.003');
  });
});
