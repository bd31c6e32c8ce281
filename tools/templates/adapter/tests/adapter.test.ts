import { describe, expect, it } from 'vitest';
import adapter, { __CAMEL_NAME__Economy, fromEnv, optionsSchema } from '../src/index.js';

describe('the fixed-supply adapter', () => {
  it('circulating = total − treasury', async () => {
    const supply = await __CAMEL_NAME__Economy().supply!({ at: new Date('2026-01-01T00:00:00Z') });
    expect([supply.max?.toFixed(), supply.total.toFixed(), supply.circulating.toFixed()]).toEqual([
      '1000000000',
      '1000000000',
      '900000000',
    ]);
  });

  it('refuses a treasury above the supply and an unknown preset', async () => {
    await expect(
      __CAMEL_NAME__Economy().supply!({ overrides: [{ key: 'treasury', value: '2000000000' }] }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(() => __CAMEL_NAME__Economy({ preset: 'nope' })).toThrow(
      /unknown preset "nope"; valid presets: default/,
    );
  });

  it('refuses an amount finer than the base unit (6 decimals), naming the rule', async () => {
    for (const key of ['supply', 'treasury']) {
      await expect(
        __CAMEL_NAME__Economy().supply!({ overrides: [{ key, value: '100.0000001' }] }),
      ).rejects.toMatchObject({ code: 'BAD_INPUT', details: { violation: 'BASE_UNIT', limit: 6, key } });
    }
  });

  it('is a descriptor: a typo’d option key fails with the adapter’s message; the environment sets the preset', () => {
    expect(adapter).toMatchObject({ id: '__ADAPTER_ID__', name: '__DISPLAY_NAME__' });
    const typo = optionsSchema.safeParse({ presett: 'default' });
    expect(typo.success).toBe(false);
    expect(typo.error?.issues.map((issue) => issue.message)).toEqual([
      '__DISPLAY_NAME__ adapter: unknown option "presett"; valid options: id, preset',
    ]);
    expect(optionsSchema.parse(fromEnv({ __ENV_PREFIX___PRESET: 'default' }, { id: 'mine' }))).toEqual({
      id: 'mine',
      preset: 'default',
    });
    expect(fromEnv({}, { preset: 'x' })).toEqual({ preset: 'x' });
    expect(adapter.env.map((variable) => variable.name)).toEqual(['__ENV_PREFIX___PRESET']);
    expect(adapter.create(optionsSchema.parse({ id: 'mine' })).id).toBe('mine');
  });
});
