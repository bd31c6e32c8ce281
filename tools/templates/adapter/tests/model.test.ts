import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { circulatingSupply, createAdapter } from '../src/index.js';

describe('the fixed-supply model', () => {
  it('circulating = total − treasury', async () => {
    expect(circulatingSupply(new Decimal('1000000000'), new Decimal('100000000')).toFixed()).toBe(
      '900000000',
    );
    const supply = await createAdapter().supply!({ at: new Date('2026-01-01T00:00:00Z') });
    expect([supply.max?.toFixed(), supply.total.toFixed(), supply.circulating.toFixed()]).toEqual([
      '1000000000',
      '1000000000',
      '900000000',
    ]);
  });

  it('refuses a treasury above the supply and an unknown preset', async () => {
    await expect(
      createAdapter().supply!({ overrides: [{ key: 'treasury', value: '2000000000' }] }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(() => createAdapter({ preset: 'nope' })).toThrow(/unknown preset "nope"; valid presets: default/);
  });

  it('refuses an amount finer than the base unit (6 decimals), naming the rule', async () => {
    for (const key of ['supply', 'treasury']) {
      await expect(
        createAdapter().supply!({ overrides: [{ key, value: '100.0000001' }] }),
      ).rejects.toMatchObject({ code: 'BAD_INPUT', details: { violation: 'BASE_UNIT', limit: 6, key } });
    }
  });
});
