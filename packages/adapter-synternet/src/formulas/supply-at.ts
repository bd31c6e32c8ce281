import { addYears, cycleYearAt, Decimal } from '@tokenomics/core';
import type { YearRates } from './year-rates.js';

/** A known state the schedule is stepped from: genesis (snapshot) or the latest block (live). */
export interface SupplyAnchor {
  at: Date;
  /** Total supply at `at`. */
  total: Decimal;
  /** Treasury balance at `at`. */
  treasury: Decimal;
  /**
   * The validator allowance of the anchor's year when the chain reports it
   * (x/mint inflation × total at the anchor); otherwise rate × year-start total.
   */
  validatorAllowance?: Decimal | null;
}

/** One inflation year of the stepped schedule. */
export interface InflationYear {
  /** 1 for the year starting at `inflationStart`. */
  number: number;
  start: Date;
  end: Date;
  /** Total supply when the year starts. */
  startTotal: Decimal;
  rates: YearRates;
  /** Tokens minted to stakers over the year: fixed when the year starts. */
  validatorAllowance: Decimal;
  /** Tokens minted to the treasury over the year. */
  treasuryAllowance: Decimal;
  /** True when the validator allowance is the anchor's (chain-reported), not rate × start total. */
  allowanceFromChain: boolean;
}

/** Supply at an instant, with the year it falls in. */
export interface SupplyAtResult {
  at: Date;
  year: InflationYear;
  /** How far through the year, in [0, 1). */
  elapsed: Decimal;
  total: Decimal;
  /** Treasury balance: the anchor's plus treasury inflation since (never below 0). */
  treasury: Decimal;
  /** Tokens minted to stakers from `inflationStart` to `at`. */
  validatorEmitted: Decimal;
  /** Tokens minted to the treasury from `inflationStart` to `at`. */
  treasuryEmitted: Decimal;
}

/** What {@link supplyAt} steps. */
export interface SupplyAtInput {
  /** Year 1 starts here; years start on its anniversaries. */
  inflationStart: Date;
  anchor: SupplyAnchor;
  rates(year: number): YearRates;
}

function yearBounds(inflationStart: Date, number: number): { start: Date; end: Date } {
  return { start: addYears(inflationStart, number - 1), end: addYears(inflationStart, number) };
}

/**
 * Total and treasury supply at `at` under the yearly-allowance ruling: year
 * y's allowance is fixed when it starts (`rate_y × total(start of y)`) and
 * emitted evenly, so total grows linearly within a year and by exactly
 * `rate_y` over it. Years run between anniversaries of `inflationStart`.
 *
 * The schedule passes through the anchor: for a snapshot the anchor is
 * genesis (year 1 starts from it); for a live read it is the chain's total at
 * the latest block, from which the year-start total is solved
 * (`start = total_anchor / (1 + rate × elapsed)`) and later and earlier years
 * are stepped (× or ÷ (1 + rate)). Before `inflationStart` supply is the
 * anchor's.
 *
 * Source: MODEL.md Synternet "Inflation schedule (ruling)"; specification, Incentives.
 *
 * @example
 * ```ts
 * const input = { inflationStart: new Date('2024-08-01T00:00:00Z'),
 *   anchor: { at: new Date('2024-08-01T00:00:00Z'), total: new Decimal('1000000000'), treasury: new Decimal('899985000') },
 *   rates: (y: number) => ({ validator: new Decimal(['0.08', '0.065'][y - 1] ?? '0.03'), treasury: new Decimal(0) }) };
 * supplyAt(input, new Date('2026-08-01T00:00:00Z')).total.toFixed(); // '1150200000'
 * ```
 */
export function supplyAt(input: SupplyAtInput, at: Date): SupplyAtResult {
  const { inflationStart, anchor } = input;
  const anchorAt = anchor.at.getTime() < inflationStart.getTime() ? inflationStart : anchor.at;
  const anchorCycle = cycleYearAt(inflationStart, anchorAt);
  const target = at.getTime() < inflationStart.getTime() ? inflationStart : at;
  const targetCycle = cycleYearAt(inflationStart, target);

  // The anchor's year: solve its start total so the schedule passes through the anchor.
  const a = anchorCycle.number;
  const aRates = input.rates(a);
  const f = anchorCycle.elapsed;
  let anchorYear: InflationYear;
  if (anchor.validatorAllowance) {
    const startTotal = anchor.total
      .minus(anchor.validatorAllowance.times(f))
      .div(aRates.treasury.times(f).plus(1));
    anchorYear = {
      number: a,
      ...yearBounds(inflationStart, a),
      startTotal,
      rates: aRates,
      validatorAllowance: anchor.validatorAllowance,
      treasuryAllowance: aRates.treasury.times(startTotal),
      allowanceFromChain: true,
    };
  } else {
    const startTotal = f.isZero()
      ? anchor.total
      : anchor.total.div(aRates.validator.plus(aRates.treasury).times(f).plus(1));
    anchorYear = {
      number: a,
      ...yearBounds(inflationStart, a),
      startTotal,
      rates: aRates,
      validatorAllowance: aRates.validator.times(startTotal),
      treasuryAllowance: aRates.treasury.times(startTotal),
      allowanceFromChain: false,
    };
  }

  const years = new Map<number, InflationYear>([[a, anchorYear]]);
  const last = Math.max(a, targetCycle.number);
  for (let n = a + 1; n <= last; n++) {
    const previous = years.get(n - 1)!;
    const startTotal = previous.startTotal.plus(previous.validatorAllowance).plus(previous.treasuryAllowance);
    const rates = input.rates(n);
    years.set(n, {
      number: n,
      ...yearBounds(inflationStart, n),
      startTotal,
      rates,
      validatorAllowance: rates.validator.times(startTotal),
      treasuryAllowance: rates.treasury.times(startTotal),
      allowanceFromChain: false,
    });
  }
  for (let n = a - 1; n >= 1; n--) {
    const next = years.get(n + 1)!;
    const rates = input.rates(n);
    const startTotal = next.startTotal.div(rates.validator.plus(rates.treasury).plus(1));
    years.set(n, {
      number: n,
      ...yearBounds(inflationStart, n),
      startTotal,
      rates,
      validatorAllowance: rates.validator.times(startTotal),
      treasuryAllowance: rates.treasury.times(startTotal),
      allowanceFromChain: false,
    });
  }

  const emittedBefore = (n: number, which: 'validatorAllowance' | 'treasuryAllowance'): Decimal => {
    let sum = new Decimal(0);
    for (let k = 1; k < n; k++) sum = sum.plus(years.get(k)![which]);
    return sum;
  };
  const year = years.get(targetCycle.number)!;
  const elapsed = targetCycle.elapsed;
  const validatorEmitted = emittedBefore(year.number, 'validatorAllowance').plus(
    year.validatorAllowance.times(elapsed),
  );
  const treasuryEmitted = emittedBefore(year.number, 'treasuryAllowance').plus(
    year.treasuryAllowance.times(elapsed),
  );
  const anchorTreasuryEmitted = emittedBefore(a, 'treasuryAllowance').plus(
    anchorYear.treasuryAllowance.times(f),
  );
  const treasury = Decimal.max(0, anchor.treasury.plus(treasuryEmitted).minus(anchorTreasuryEmitted));
  const total = year.startTotal.plus(year.validatorAllowance.plus(year.treasuryAllowance).times(elapsed));
  return { at, year, elapsed, total, treasury, validatorEmitted, treasuryEmitted };
}
