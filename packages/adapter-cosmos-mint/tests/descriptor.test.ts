import { Decimal, isAdapterDescriptor } from '@tokenomics/core';
import { describeTokenEconomy } from '@tokenomics/core/testing';
import { describe, expect, it } from 'vitest';
import defaultExport, { adapter } from '../src/index.js';

describe('the cosmos-mint adapter descriptor', () => {
  it('is the named and the default export', () => {
    expect(defaultExport).toBe(adapter);
    expect(isAdapterDescriptor(adapter)).toBe(true);
    expect([adapter.id, adapter.name]).toEqual(['cosmos-mint', 'Cosmos SDK x/mint chain']);
  });

  it("refuses a typo'd key with the adapter's message, and a missing id", () => {
    const top = adapter.optionsSchema.safeParse({ id: 'hub', denon: 'uatom' });
    expect(top.error!.issues[0]!.message).toBe(
      'unknown cosmos-mint option(s) "denon"; valid: id, name, preset, parameters, denom, decimals, symbol, tokenName, live, bech32Prefix, nonCirculating',
    );
    const live = adapter.optionsSchema.safeParse({
      id: 'hub',
      live: { lcdUrl: 'https://lcd.example', url: 'x' },
    });
    expect(live.error!.issues[0]!.message).toBe(
      'unknown cosmos-mint live option(s) "url"; valid: lcdUrl, chainId',
    );
    const noId = adapter.optionsSchema.safeParse({ preset: 'cosmoshub' });
    expect(noId.error!.issues[0]!.message).toBe(
      'option "id" is required (e.g. "cosmoshub"): each instance names its chain',
    );
  });

  it('applies the environment to the instance its id names, and only that one', () => {
    const env = {
      COSMOS_MINT_TEST_CHAIN_LCD_URL: 'https://lcd.example',
      COSMOS_MINT_TEST_CHAIN_CHAIN_ID: 'testchain-1',
    };
    expect(adapter.optionsSchema.parse(adapter.fromEnv(env, { id: 'test-chain', denom: 'utest' }))).toEqual({
      id: 'test-chain',
      denom: 'utest',
      live: { lcdUrl: 'https://lcd.example', chainId: 'testchain-1' },
    });
    expect(adapter.fromEnv(env, { id: 'cosmoshub' })).toEqual({ id: 'cosmoshub' });
    expect(adapter.create(adapter.optionsSchema.parse({ id: 'hub' })).id).toBe('hub');
  });
});

describeTokenEconomy(
  'cosmos-mint (created by its descriptor)',
  () => adapter.create(adapter.optionsSchema.parse(adapter.fromEnv({}, { id: 'cosmoshub' }))),
  {
    instants: [new Date('2019-03-13T23:00:00Z'), new Date('2021-06-01T00:00:00Z')],
    overrideSets: [[{ key: 'bondedRatio', value: '0.5' }]],
    schedule: {
      from: new Date('2019-03-13T23:00:00Z'),
      to: new Date('2024-03-13T23:00:00Z'),
      interval: 'YEAR',
    },
    penaltyInputs: [{ rule: 'double-sign', stakes: [new Decimal('10000')], missedBlocks: null }],
  },
);
