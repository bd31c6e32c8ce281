import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { type SupplyAtInput, supplyAt } from './supply-at.js';
import { type InflationScheduleParams, inflationRatesForYear } from './year-rates.js';

const d = (text: string | number) => new Decimal(String(text));
const list = (text: string) => text.split(',').map(d);
const START = new Date('2024-08-01T00:00:00Z');

const seedRates: InflationScheduleParams = {
  inflationSchedule: list('0.08,0.065,0.055,0.045,0.03'),
  longTermInflation: d('0.03'),
  treasuryInflationSchedule: list('0,0,0,0,0'),
  longTermTreasuryInflation: d(0),
};
const chainRates: InflationScheduleParams = {
  ...seedRates,
  treasuryInflationSchedule: list('0,0.055,0.025,0.01,0'),
};

function input(rates: InflationScheduleParams, anchor: SupplyAtInput['anchor']): SupplyAtInput {
  return { inflationStart: START, anchor, rates: (year) => inflationRatesForYear(year, rates) };
}
const genesis = { at: START, total: d('1000000000'), treasury: d('899985000') };

describe('supplyAt (yearly-allowance ruling)', () => {
  it('grows linearly within a year and by exactly the rate over it', () => {
    const quarter = supplyAt(input(seedRates, genesis), new Date('2024-10-31T06:00:00Z')); // 91.25 of 365 days
    expect(quarter.elapsed.toFixed()).toBe('0.25');
    expect(quarter.total.toFixed()).toBe('1020000000'); // 1e9 + 80e6 / 4
    expect(quarter.validatorEmitted.toFixed()).toBe('20000000');
    const endYear1 = supplyAt(input(seedRates, genesis), new Date('2025-08-01T00:00:00Z'));
    expect(endYear1.year.number).toBe(2);
    expect(endYear1.total.toFixed()).toBe('1080000000');
  });

  it('compounds across years: 1e9 × 1.08 × 1.065 × 1.055 × 1.045 × 1.03 × 1.03 at the start of year 7', () => {
    const start7 = supplyAt(input(seedRates, genesis), new Date('2030-08-01T00:00:00Z'));
    expect(start7.year.number).toBe(7);
    // 1e9 × 1.08 = 1.08e9; × 1.065 = 1.1502e9; × 1.055 = 1.213461e9; × 1.045 = 1.268066745e9;
    // × 1.03 = 1.30610874735e9; × 1.03 = 1.3452920097705e9
    expect(start7.total.toFixed()).toBe('1345292009.7705');
    expect(start7.validatorEmitted.toFixed()).toBe('345292009.7705');
  });

  it('adds treasury inflation to total and treasury (proposal 0008, chain-2025)', () => {
    const endYear2 = supplyAt(input(chainRates, genesis), new Date('2026-08-01T00:00:00Z'));
    // year 1: 1e9 → 1.08e9; year 2: + 6.5 % (70.2e6) to stakers + 5.5 % (59.4e6) to the treasury
    expect(endYear2.total.toFixed()).toBe('1209600000');
    expect(endYear2.treasury.toFixed()).toBe('959385000');
    expect(endYear2.validatorEmitted.toFixed()).toBe('150200000');
    expect(endYear2.treasuryEmitted.toFixed()).toBe('59400000');
  });

  it('passes through a mid-year anchor and steps back and forward from it', () => {
    // The chain reads 1.04e9 half-way through year 1: year 1 started at 1.04e9 / 1.04 = 1e9.
    const anchor = { at: new Date('2025-01-30T12:00:00Z'), total: d('1040000000'), treasury: d('900000000') };
    const atAnchor = supplyAt(input(seedRates, anchor), anchor.at);
    expect(atAnchor.total.toFixed()).toBe('1040000000');
    expect(atAnchor.treasury.toFixed()).toBe('900000000');
    expect(atAnchor.year.startTotal.toFixed()).toBe('1000000000');
    expect(supplyAt(input(seedRates, anchor), START).total.toFixed()).toBe('1000000000');
    expect(supplyAt(input(seedRates, anchor), new Date('2026-08-01T00:00:00Z')).total.toFixed()).toBe(
      '1150200000',
    );
  });

  it('steps back over whole years by dividing by (1 + rate)', () => {
    const anchor = { at: new Date('2026-08-01T00:00:00Z'), total: d('1150200000'), treasury: d('0') };
    expect(supplyAt(input(seedRates, anchor), START).total.toFixed()).toBe('1000000000');
    const odd = { at: new Date('2026-08-01T00:00:00Z'), total: d('1000000000'), treasury: d('0') };
    // 1e9 / 1.065 / 1.08 = 869414014.9539210572074421839680055642496957050947661276299…
    expect(supplyAt(input(seedRates, odd), START).total.toSignificantDigits(40).toFixed()).toBe(
      '869414014.9539210572074421839680055642497',
    );
  });

  it('uses a chain-reported validator allowance for the anchor year', () => {
    // x/mint inflation 0.1 × 1.05e9 at a quarter through year 1: allowance 105e6, start total 1.05e9 − 26.25e6
    const anchor = {
      at: new Date('2024-10-31T06:00:00Z'),
      total: d('1050000000'),
      treasury: d(0),
      validatorAllowance: d('105000000'),
    };
    const atAnchor = supplyAt(input(seedRates, anchor), anchor.at);
    expect(atAnchor.year.startTotal.toFixed()).toBe('1023750000');
    expect(atAnchor.year.allowanceFromChain).toBe(true);
    const endYear1 = supplyAt(input(seedRates, anchor), new Date('2025-08-01T00:00:00Z'));
    expect(endYear1.total.toFixed()).toBe('1128750000'); // 1,023,750,000 + 105,000,000
    expect(endYear1.year.validatorAllowance.toFixed()).toBe('73368750'); // 6.5 % of 1,128,750,000
  });

  it('holds supply at the anchor before inflation starts', () => {
    const early = { at: new Date('2024-06-11T08:14:53Z'), total: d('1000000000'), treasury: d('1') };
    expect(supplyAt(input(seedRates, early), START).total.toFixed()).toBe('1000000000');
  });
});

describe('supplyAt: Decimals made when read', () => {
  it('each figure is its integer at AMOUNT_PLACES, the same instance on every read, over 500 instants', () => {
    let state = 16;
    const next = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    const scaled = (units: bigint) => new Decimal(`${units}e-40`).toFixed();
    for (let i = 0; i < 500; i++) {
      const at = new Date(START.getTime() + Math.floor(next() * 40 * 365.25 * 86_400_000));
      const s = supplyAt(input(chainRates, genesis), at);
      expect(s.total.toFixed()).toBe(scaled(s.units.total));
      expect(s.treasury.toFixed()).toBe(scaled(s.units.treasury));
      expect(s.validatorEmitted.toFixed()).toBe(scaled(s.units.validatorEmitted));
      expect(s.treasuryEmitted.toFixed()).toBe(scaled(s.units.treasuryEmitted));
      expect(s.total).toBe(s.total);
      expect(s.elapsed).toBe(s.elapsed);
      expect(s.inflation).toBe(s.inflation);
      const yearMs = s.year.end.getTime() - s.year.start.getTime();
      expect(s.elapsed.toFixed()).toBe(
        new Decimal(at.getTime() - s.year.start.getTime()).div(yearMs).toFixed(),
      );
      // Every year of this schedule inflates.
      expect(s.inflation.gt(0)).toBe(true);
    }
  });
});
