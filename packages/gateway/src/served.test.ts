import { Decimal, derive, formatFigure, type Rewards, type TokenEconomy } from '@tokenomics/core';
import { exampleEconomy } from '@tokenomics/core/testing';
import { describe, expect, it } from 'vitest';
import { servedEconomy } from './served.js';

/**
 * The example's rewards with figures that need rounding, as an adapter memoizes one day's: each
 * instant a copy with its own `at`, the figures shared.
 */
async function dailyRewards(): Promise<TokenEconomy> {
  const economy = exampleEconomy({ id: 'example' });
  const apr = new Decimal(1).div(3);
  const emission = new Decimal('1000.0000004');
  const example = await economy.rewards!({});
  const day: Rewards = {
    ...example,
    annualEmission: emission,
    emissionRate: apr,
    stakingApr: apr,
    derivation: derive('emission / supply', { emission, rate: apr }, apr, 'test'),
  };
  const copied: TokenEconomy = Object.create(economy);
  copied.rewards = async (query) => ({ ...day, at: query?.at ?? day.at });
  return copied;
}

describe('servedEconomy', () => {
  it('serves the figures and derivation one day shares once, for every instant of the day', async () => {
    const served = servedEconomy(await dailyRewards());
    const first = await served.rewards!({ at: new Date(Date.UTC(2026, 0, 1, 0, 0, 1)) });
    const second = await served.rewards!({ at: new Date(Date.UTC(2026, 0, 1, 0, 0, 2)) });
    expect(second).not.toBe(first);
    expect(second.at).not.toEqual(first.at);
    // The same rounded figures and the same served derivation, not new ones per instant.
    expect(second.stakingApr).toBe(first.stakingApr);
    expect(second.derivation).toBe(first.derivation);
    // Rounded as served: rates to 18 places, the amount to the token's base unit (6 places), and
    // inputs given without a kind as rates are (never more than 18 places).
    expect(served.token.decimals).toBe(6);
    expect(formatFigure(first.annualEmission)).toBe('1000');
    expect(formatFigure(first.stakingApr)).toBe('0.333333333333333333');
    expect(formatFigure(first.derivation.result)).toBe('0.333333333333333333');
    expect(first.derivation.inputs.map((input) => input.value)).toEqual([
      '1000.0000004',
      '0.333333333333333333',
    ]);
  });
});
