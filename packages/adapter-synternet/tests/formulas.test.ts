import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { splitProtocolFee } from '../src/formulas/fee-split.js';
import { momentaryInflation } from '../src/formulas/momentary-inflation.js';
import { perUnitFee } from '../src/formulas/per-unit-fee.js';
import { percentWithMinimumFee } from '../src/formulas/percent-with-minimum-fee.js';
import { stakingApr } from '../src/formulas/staking-apr.js';
import { type SupplyAtInput, supplyAt } from '../src/formulas/supply-at.js';
import { validatorRateOfTotal } from '../src/formulas/validator-rate.js';
import { type InflationScheduleParams, inflationRatesForYear } from '../src/formulas/year-rates.js';

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

describe('inflationRatesForYear', () => {
  it('reads years 1–5 from the lists and 6+ from the long-term rates', () => {
    expect(inflationRatesForYear(2, chainRates)).toEqual({ validator: d('0.065'), treasury: d('0.055') });
    expect(inflationRatesForYear(6, chainRates)).toEqual({ validator: d('0.03'), treasury: d(0) });
    expect(() => inflationRatesForYear(0, chainRates)).toThrow(RangeError);
  });
});

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

describe('rates', () => {
  it('momentary inflation falls through the year', () => {
    expect(momentaryInflation(d('80000000'), d('1000000000')).toFixed()).toBe('0.08');
    expect(momentaryInflation(d('80000000'), d('1080000000')).toSignificantDigits(30).toFixed()).toBe(
      '0.0740740740740740740740740740741',
    );
  });

  it('APR = inflation / bonded × (1 − community tax)', () => {
    expect(stakingApr(d('0.08'), d('0.5'), d(0)).toFixed()).toBe('0.16');
    expect(stakingApr(d('0.08'), d('0.4'), d('0.02')).toFixed()).toBe('0.196'); // 0.2 × 0.98
  });
});

describe('fees', () => {
  it('pay-per-data adds a fixed fee per GB', () => {
    const fee = perUnitFee(d('2.5'), d('8'), d('4'));
    expect([fee.base, fee.protocolFee, fee.total].map((x) => x.toFixed())).toEqual(['20', '10', '30']);
  });

  it('pay-per-message adds max(minimum, rate × price) per message', () => {
    const cheap = percentWithMinimumFee(d('1000'), d('0.0005'), d('0.25'), d('0.001'));
    expect([cheap.base, cheap.protocolFee, cheap.total].map((x) => x.toFixed())).toEqual(['0.5', '1', '1.5']);
    const dear = percentWithMinimumFee(d('1'), d('0.01'), d('0.25'), d('0.001'));
    expect([dear.protocolFee, dear.total].map((x) => x.toFixed())).toEqual(['0.0025', '0.0125']);
    const free = percentWithMinimumFee(d('3'), d('0'), d('0.25'), d('0.001'));
    expect(free.total.toFixed()).toBe('0.003');
  });

  it('splits protocol revenue between treasury and burn, summing exactly', () => {
    expect(splitProtocolFee(d('4'), d('0.25'))).toEqual([
      { target: 'treasury', amount: d('3') },
      { target: 'burn', amount: d('1') },
    ]);
    const [treasury, burn] = splitProtocolFee(d('0.001'), d('0.333333333333'));
    expect(treasury!.amount.plus(burn!.amount).toFixed()).toBe('0.001');
  });
});

describe('validatorRateOfTotal (x/mint inflation read as the total, proposal 0008)', () => {
  it('takes the treasury’s rate off the total, never below 0', () => {
    expect(validatorRateOfTotal(d('0.12'), d('0.055')).toFixed()).toBe('0.065'); // year 2
    expect(validatorRateOfTotal(d('0.08'), d('0.025')).toFixed()).toBe('0.055'); // year 3
    expect(validatorRateOfTotal(d('0.03'), d('0')).toFixed()).toBe('0.03'); // year 5
    expect(validatorRateOfTotal(d('0.05'), d('0.055')).toFixed()).toBe('0');
  });
});
