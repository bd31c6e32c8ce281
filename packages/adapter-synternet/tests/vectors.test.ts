import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { synternetAdapter } from '../src/index.js';

// The Synternet public test vectors of MODEL.md, through the adapter (seed preset, snapshot).
const economy = synternetAdapter();
const YEAR1 = new Date('2024-08-01T00:00:00Z');
// Year 1 runs 2024-08-01 → 2025-08-01, 365 days; half-way is 182.5 days later.
const HALF_YEAR1 = new Date('2025-01-30T12:00:00Z');
const END_YEAR2 = new Date('2026-08-01T00:00:00Z');
const d = (text: string) => new Decimal(text);

describe('MODEL.md Synternet vectors', () => {
  it('year 1 allowance on 1,000,000,000 is 80,000,000', async () => {
    const rewards = await economy.rewards!({ at: YEAR1 });
    expect(rewards.annualEmission.toFixed()).toBe('80000000');
    // The allowance is fixed for the year: the same half-way through.
    expect((await economy.rewards!({ at: HALF_YEAR1 })).annualEmission.toFixed()).toBe('80000000');
  });

  it('half-way through year 1 the momentary inflation is 80,000,000 / 1,040,000,000 = 1/13', async () => {
    const supply = await economy.supply!({ at: HALF_YEAR1 });
    expect(supply.total.toFixed()).toBe('1040000000');
    const rewards = await economy.rewards!({ at: HALF_YEAR1 });
    // 1/13 = 0.076923076923076923076923076923… (30 significant digits compared)
    expect(rewards.emissionRate.toSignificantDigits(30).toFixed()).toBe('0.0769230769230769230769230769231');
    expect(rewards.emissionRate.times(13).minus(1).abs().lt('1e-55')).toBe(true);
  });

  it('end of year 2 (validator inflation only): total 1,150,200,000', async () => {
    // 1e9 × 1.08 × 1.065
    const supply = await economy.supply!({ at: END_YEAR2 });
    expect(supply.total.toFixed()).toBe('1150200000');
  });

  it('APR at 8 % and bonding 0.5 is 0.16', async () => {
    const rewards = await economy.rewards!({ at: YEAR1 });
    expect(rewards.emissionRate.toFixed()).toBe('0.08');
    expect(rewards.bondedRatio?.toFixed()).toBe('0.5');
    expect(rewards.stakingApr.toFixed()).toBe('0.16');
  });

  it('downtime, 8,001 of 16,000 missed: 10,000 → 9,999; 250,000 → 249,975; jailed 600 s', async () => {
    const outcome = await economy.simulatePenalty!({
      rule: 'downtime',
      stakes: [d('10000'), d('250000')],
      missedBlocks: 8001,
    });
    expect(outcome.triggered).toBe(true);
    expect(outcome.stakes.map((stake) => stake.after.toFixed())).toEqual(['9999', '249975']);
    expect(outcome.stakes.map((stake) => stake.slashed.toFixed())).toEqual(['1', '25']);
    expect(outcome.slashedTotal.toFixed()).toBe('26');
    expect(outcome.jailedSeconds).toBe(600);
    expect(outcome.tombstoned).toBe(false);
    expect(outcome.allocations).toEqual([{ target: 'burn', amount: d('26') }]);
  });

  it('8,000 of 16,000 missed: not triggered', async () => {
    const outcome = await economy.simulatePenalty!({
      rule: 'downtime',
      stakes: [d('10000'), d('250000')],
      missedBlocks: 8000,
    });
    expect(outcome.triggered).toBe(false);
    expect(outcome.slashedTotal.toFixed()).toBe('0');
    expect(outcome.stakes.map((stake) => stake.after.toFixed())).toEqual(['10000', '250000']);
    expect(outcome.jailedSeconds).toBeNull();
  });

  it('pay-per-data, agent 8 SYNT/GB, 1 GB: total 12', async () => {
    const quote = await economy.quoteFee!({ fee: 'pay-per-data', quantity: d('1'), unitPrice: d('8') });
    expect([quote.base.toFixed(), quote.protocolFee.toFixed(), quote.total.toFixed()]).toEqual([
      '8',
      '4',
      '12',
    ]);
  });

  it('pay-per-message, price 0.0005: total 0.0015 per message', async () => {
    const quote = await economy.quoteFee!({
      fee: 'pay-per-message',
      quantity: d('1'),
      unitPrice: d('0.0005'),
    });
    expect([quote.base.toFixed(), quote.protocolFee.toFixed(), quote.total.toFixed()]).toEqual([
      '0.0005',
      '0.001',
      '0.0015',
    ]);
  });
});
