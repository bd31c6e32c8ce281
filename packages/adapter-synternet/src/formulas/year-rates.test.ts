import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { type InflationScheduleParams, inflationRatesForYear } from './year-rates.js';

const d = (text: string | number) => new Decimal(String(text));
const list = (text: string) => text.split(',').map(d);
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

describe('inflationRatesForYear', () => {
  it('reads years 1–5 from the lists and 6+ from the long-term rates', () => {
    expect(inflationRatesForYear(2, chainRates)).toEqual({ validator: d('0.065'), treasury: d('0.055') });
    expect(inflationRatesForYear(6, chainRates)).toEqual({ validator: d('0.03'), treasury: d(0) });
    expect(() => inflationRatesForYear(0, chainRates)).toThrow(RangeError);
  });
});
