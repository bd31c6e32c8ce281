import type { Decimal } from '@tokenomics/core';

/** The inflation rates of one inflation year. */
export interface YearRates {
  /** Minted to stakers (validators and delegators). */
  validator: Decimal;
  /** Minted to the treasury (proposal 0008); 0 in the seed. */
  treasury: Decimal;
}

/** The schedule parameters {@link inflationRatesForYear} reads. */
export interface InflationScheduleParams {
  /** Validator rates of years 1–5. */
  inflationSchedule: readonly Decimal[];
  /** Validator rate of years 6+. */
  longTermInflation: Decimal;
  /** Treasury rates of years 1–5. */
  treasuryInflationSchedule: readonly Decimal[];
  /** Treasury rate of years 6+. */
  longTermTreasuryInflation: Decimal;
}

/**
 * The validator and treasury inflation rates of inflation year `year` (1 for
 * the first): the listed rate for years 1–5, the long-term rate after.
 *
 * Source: Synternet tokenomics specification, Incentives (the yearly table);
 * proposal 0008 for the treasury share.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { inflationRatesForYear } from './year-rates.js';
 *
 * const rates = inflationRatesForYear(2, {
 *   inflationSchedule: ['0.08', '0.065', '0.055', '0.045', '0.03'].map((r) => new Decimal(r)),
 *   longTermInflation: new Decimal('0.03'),
 *   treasuryInflationSchedule: ['0', '0.055', '0.025', '0.01', '0'].map((r) => new Decimal(r)),
 *   longTermTreasuryInflation: new Decimal(0),
 * });
 * rates.validator.toFixed(); // '0.065'
 * rates.treasury.toFixed(); // '0.055'
 * ```
 */
export function inflationRatesForYear(year: number, params: InflationScheduleParams): YearRates {
  if (!Number.isInteger(year) || year < 1)
    throw new RangeError(`inflation year must be an integer ≥ 1, got ${year}`);
  return {
    validator: params.inflationSchedule[year - 1] ?? params.longTermInflation,
    treasury: params.treasuryInflationSchedule[year - 1] ?? params.longTermTreasuryInflation,
  };
}
