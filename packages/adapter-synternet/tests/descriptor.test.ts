import { Decimal, isAdapterDescriptor } from '@tokenomics/core';
import { describeTokenEconomy } from '@tokenomics/core/testing';
import { describe, expect, it } from 'vitest';
import defaultExport, { adapter, type SynternetAdapterOptions } from '../src/index.js';

describe('the Synternet adapter descriptor', () => {
  it('is the named and the default export, with id synternet', () => {
    expect(defaultExport).toBe(adapter);
    expect(isAdapterDescriptor(adapter)).toBe(true);
    expect([adapter.id, adapter.name]).toEqual(['synternet', 'Synternet']);
    expect(adapter.env.map((variable) => variable.name)).toEqual([
      'SYNTERNET_LCD_URL',
      'SYNTERNET_PRESET',
      'SYNTERNET_TREASURY_ADDRESS',
      'SYNTERNET_CHAIN_ID',
    ]);
  });

  it("refuses a typo'd key with Synternet's message, naming the valid keys", () => {
    const top = adapter.optionsSchema.safeParse({ prest: 'seed' });
    expect(top.success).toBe(false);
    expect(top.error!.issues[0]!.message).toBe(
      'unknown Synternet option(s) "prest"; valid: id, preset, live, nonCirculating',
    );
    const live = adapter.optionsSchema.safeParse({ live: { lcdUrl: 'https://lcd.example', chainID: 'x' } });
    expect(live.error!.issues[0]!.message).toBe(
      'unknown Synternet live option(s) "chainID"; valid: lcdUrl, treasuryAddress, chainId',
    );
    const preset = adapter.optionsSchema.safeParse({ preset: 'seeds' });
    expect(preset.error!.issues[0]!.message).toBe(
      'unknown Synternet preset "seeds"; valid presets: seed, chain-2025',
    );
  });

  it('applies the environment over the configuration, then validates', () => {
    const options = adapter.optionsSchema.parse(
      adapter.fromEnv(
        {
          SYNTERNET_LCD_URL: ' https://lcd.example ',
          SYNTERNET_PRESET: 'seed',
          SYNTERNET_CHAIN_ID: 'amber-2',
        },
        { id: 'synt', live: { lcdUrl: 'https://other.example', treasuryAddress: 'synt1x' } },
      ),
    );
    expect(options).toEqual({
      id: 'synt',
      preset: 'seed',
      live: { lcdUrl: 'https://lcd.example', treasuryAddress: 'synt1x', chainId: 'amber-2' },
    } satisfies SynternetAdapterOptions);
    expect(adapter.fromEnv({}, { preset: 'chain-2025' })).toEqual({ preset: 'chain-2025' });
    expect(adapter.create(adapter.optionsSchema.parse({ id: 'synt' })).id).toBe('synt');
  });
});

describeTokenEconomy(
  'synternet (created by its descriptor)',
  () => adapter.create(adapter.optionsSchema.parse(adapter.fromEnv({ SYNTERNET_PRESET: 'chain-2025' }, {}))),
  {
    instants: [new Date('2024-08-01T00:00:00Z'), new Date('2027-03-01T00:00:00Z')],
    overrideSets: [[{ key: 'bondedRatio', value: '0.67' }]],
    schedule: {
      from: new Date('2024-08-01T00:00:00Z'),
      to: new Date('2030-08-01T00:00:00Z'),
      interval: 'YEAR',
    },
    penaltyInputs: [{ rule: 'double-sign', stakes: [new Decimal('10000')], missedBlocks: null }],
    feeQuotes: [
      { fee: 'pay-per-data', quantity: new Decimal('2.5'), unitPrice: new Decimal('8') },
      { fee: 'pay-per-message', quantity: new Decimal('3'), unitPrice: new Decimal('0.0005') },
    ],
  },
);
