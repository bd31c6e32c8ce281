import { Decimal, resolveParameters } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  COSMOS_SDK_SLASHING_SOURCES,
  heldAmounts,
  slashingParameterSchema,
  slashingPenalties,
  stakingRates,
  strictOptions,
} from '../src/index.js';

const d = (text: string) => new Decimal(text);

describe('the Cosmos glue adapters share', () => {
  it('slashingPenalties: both rules and the simulation with the adapter’s token', () => {
    const values = {
      signedBlocksWindow: { value: '10000', source: 'test' },
      minSignedPerWindow: { value: '0.05', source: 'test' },
      downtimeJailSeconds: { value: '600s', source: 'test' },
      slashFractionDowntime: { value: '0', source: 'test' },
      slashFractionDoubleSign: { value: '0.05', source: 'test' },
    };
    const resolved = resolveParameters(slashingParameterSchema, [values]);
    const model = { params: resolved.values, parameters: resolved.list };
    const penalties = slashingPenalties({ symbol: 'ATOM', decimals: 6 }, COSMOS_SDK_SLASHING_SOURCES);
    expect(penalties.rules(model).map((rule) => rule.key)).toEqual(['downtime', 'double-sign']);
    const outcome = penalties.simulate(model, {
      rule: 'double-sign',
      stakes: [d('10000')],
      missedBlocks: null,
    });
    expect(outcome.slashedTotal.toFixed()).toBe('500');
  });

  it('heldAmounts: the state’s balances when live, the configured amounts for a snapshot', () => {
    const held = [{ address: 'cosmos1x', label: 'Vesting', amount: d('5'), source: 'chain: test' }];
    expect(heldAmounts({ nonCirculating: held }, [])).toBe(held);
    expect(heldAmounts(null, [{ address: 'cosmos1y', label: 'Bridge', amount: d('7') }])).toMatchObject([
      { address: 'cosmos1y', label: 'Bridge' },
    ]);
  });

  it('stakingRates: APR, daily-compounded APY, the bonded ratio and a delegator’s APR', () => {
    const rates = stakingRates(d('0.16'), d('0.5'), d('0.05'));
    expect(rates.stakingApy!.toFixed(10)).toBe('0.1734697305');
    expect([rates.delegatorApr?.toFixed(), rates.bondedRatio?.toFixed(), rates.participants]).toEqual([
      '0.152',
      '0.5',
      null,
    ]);
    expect(stakingRates(d('0.16'), d('0.5'), undefined).delegatorApr).toBeNull();
  });

  it('strictOptions: a typo’d key is refused with the adapter’s message, naming the valid keys', () => {
    const schema = strictOptions('Example', 'option(s)', {
      id: z.string().optional(),
      preset: z.string().optional(),
    });
    expect(schema.safeParse({ idd: 'x' }).error?.issues[0]?.message).toBe(
      'unknown Example option(s) "idd"; valid: id, preset',
    );
    expect(schema.parse({ id: 'x' })).toEqual({ id: 'x' });
  });
});
