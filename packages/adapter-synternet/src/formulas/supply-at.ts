import {
  addYears,
  cycleYearAt,
  Decimal,
  divideHalfEven,
  fromScaledInteger,
  toScaledInteger,
} from '@tokenomics/core';
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
  /** Momentary inflation: the year's validator allowance over `total`, rounded to RATE_PLACES. */
  inflation: Decimal;
  /** The amounts above × 10^AMOUNT_PLACES, as computed (no round trip through a Decimal's text). */
  units: { total: bigint; treasury: bigint; validatorEmitted: bigint; treasuryEmitted: bigint };
}

/** What {@link supplyAt} steps. */
export interface SupplyAtInput {
  /** Year 1 starts here; years start on its anniversaries. */
  inflationStart: Date;
  anchor: SupplyAnchor;
  rates(year: number): YearRates;
}

/** Decimal places of the amounts {@link supplyAt} returns (total, treasury, emitted): far below the usynt, within 60 digits. */
export const AMOUNT_PLACES = 40;
/** Decimal places of the momentary inflation rate {@link supplyAt} returns. */
export const RATE_PLACES = 60;

const AMOUNT_SCALE = 10n ** BigInt(AMOUNT_PLACES);
const RATE_SCALE = 10n ** BigInt(RATE_PLACES);
/** Places of the anchor's treasury offset (a constant of the schedule), far below AMOUNT_PLACES. */
const OFFSET_PLACES = 80;

function yearBounds(inflationStart: Date, number: number): { start: Date; end: Date } {
  return { start: addYears(inflationStart, number - 1), end: addYears(inflationStart, number) };
}

/**
 * One inflation year as exact integers: with every constant of the year
 * scaled by 10^K (K their most decimal places) and m the milliseconds into
 * the year of length L,
 * `total = (S·L + (V + T)·m) / (L·10^K)`, `validatorEmitted = (VB·L + V·m) / (L·10^K)`,
 * `treasuryEmitted = (TB·L + T·m) / (L·10^K)`: exact fractions, each rounded once.
 */
interface YearUnits {
  year: InflationYear;
  startMs: number;
  endMs: number;
  length: bigint;
  /** L·10^K / 10^AMOUNT_PLACES, the denominator of every amount of the year. */
  den: bigint;
  totalBase: bigint;
  totalSlope: bigint;
  validatorBase: bigint;
  validatorSlope: bigint;
  treasuryEmittedBase: bigint;
  treasuryEmittedSlope: bigint;
  /** The treasury (anchor's + emitted − anchor's emitted) over treasuryDen = den × 10^offsetPlaces. */
  treasuryBase: bigint;
  treasurySlope: bigint;
  treasuryDen: bigint;
  /** rate × 10^RATE_PLACES = rateNumerator / (rateScale × total × 10^AMOUNT_PLACES). */
  rateNumerator: bigint;
  rateScale: bigint;
  /** The treasury × 10^AMOUNT_PLACES for the whole year when the year mints nothing to it. */
  constantTreasury: bigint | null;
  /** Validator emissions since inflationStart when the year starts (exact). */
  validatorBefore: Decimal;
  treasuryBefore: Decimal;
}

/**
 * The figures at one instant that schedules need, from
 * {@link SupplySchedule.figuresAt}, as integers (amounts × 10^AMOUNT_PLACES,
 * the rate × 10^RATE_PLACES): {@link SupplySchedule.supplyAt} makes them Decimals.
 */
export interface SupplyFigures {
  year: InflationYear;
  /** Milliseconds into the year. */
  intoYear: number;
  totalUnits: bigint;
  /** The treasury (never below 0). */
  treasuryUnits: bigint;
  /** Validator emissions since inflationStart (exact, for differences between instants). */
  validatorEmittedUnits: bigint;
  /** Momentary inflation: the year's validator allowance over `total`; null when total is not positive. */
  inflationUnits: bigint | null;
}

/**
 * The yearly-allowance schedule of {@link supplyAt}, prepared once for an
 * input: the years (built on demand, each from its neighbour by one fixed
 * rule, so the same year always has the same digits) and their integer
 * forms. Supply, rewards and schedules that share one agree to the last digit.
 */
export interface SupplySchedule {
  /** The figures at `at` (clamped to inflationStart). */
  figuresAt(at: Date): SupplyFigures;
  /** The full {@link supplyAt} result at `at`. */
  supplyAt(at: Date): SupplyAtResult;
  /** How many years are prepared so far (each holds its constants): what the schedule's memory grows with. */
  preparedYears(): number;
}

/**
 * Prepares {@link supplyAt} for many instants: the anchor's year is solved
 * once, earlier years are stepped back from it and later ones forward, and
 * each year's constants are turned into integers, so that an instant costs a
 * few integer products and one rounding per figure.
 *
 * Exactness: every figure at an instant is an exact fraction of the year's
 * constants and the milliseconds into the year, rounded once (half-even) to
 * AMOUNT_PLACES (amounts) or RATE_PLACES (the rate); the only other rounding
 * is the anchor's treasury offset, a constant held to 80 places. So the
 * figures depend only on the instant, never on which instants were asked
 * for before.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { supplySchedule } from './supply-at.js';
 *
 * const schedule = supplySchedule({ inflationStart: new Date('2024-08-01T00:00:00Z'),
 *   anchor: { at: new Date('2024-08-01T00:00:00Z'), total: new Decimal('1000000000'), treasury: new Decimal(0) },
 *   rates: () => ({ validator: new Decimal('0.08'), treasury: new Decimal(0) }) });
 * schedule.supplyAt(new Date('2025-01-30T12:00:00Z')).total.toFixed(); // '1040000000'
 * ```
 */
export function supplySchedule(input: SupplyAtInput): SupplySchedule {
  const { inflationStart, anchor } = input;
  const startMs = inflationStart.getTime();
  const anchorAt = anchor.at.getTime() < startMs ? inflationStart : anchor.at;
  const anchorCycle = cycleYearAt(inflationStart, anchorAt);

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

  // years[n − 1] is year n; years before the anchor's are stepped back once, later ones on demand.
  const years: InflationYear[] = [];
  years[a - 1] = anchorYear;
  for (let n = a - 1; n >= 1; n--) {
    const next = years[n]!;
    const rates = input.rates(n);
    const startTotal = next.startTotal.div(rates.validator.plus(rates.treasury).plus(1));
    years[n - 1] = {
      number: n,
      ...yearBounds(inflationStart, n),
      startTotal,
      rates,
      validatorAllowance: rates.validator.times(startTotal),
      treasuryAllowance: rates.treasury.times(startTotal),
      allowanceFromChain: false,
    };
  }
  const year = (n: number): InflationYear => {
    for (let k = years.length + 1; k <= n; k++) {
      const previous = years[k - 2]!;
      const startTotal = previous.startTotal
        .plus(previous.validatorAllowance)
        .plus(previous.treasuryAllowance);
      const rates = input.rates(k);
      years[k - 1] = {
        number: k,
        ...yearBounds(inflationStart, k),
        startTotal,
        rates,
        validatorAllowance: rates.validator.times(startTotal),
        treasuryAllowance: rates.treasury.times(startTotal),
        allowanceFromChain: false,
      };
    }
    return years[n - 1]!;
  };

  // Emissions before each year: exact sums of the allowances of the years before.
  const validatorBefore: Decimal[] = [new Decimal(0)];
  const treasuryBefore: Decimal[] = [new Decimal(0)];
  const before = (n: number): { validator: Decimal; treasury: Decimal } => {
    for (let k = validatorBefore.length + 1; k <= n; k++) {
      const previous = year(k - 1);
      validatorBefore.push(exactSum(validatorBefore[k - 2]!, previous.validatorAllowance));
      treasuryBefore.push(exactSum(treasuryBefore[k - 2]!, previous.treasuryAllowance));
    }
    return { validator: validatorBefore[n - 1]!, treasury: treasuryBefore[n - 1]! };
  };

  // treasury(t) = anchor.treasury + treasuryEmitted(t) − treasuryEmitted(anchor): the constant part
  // (anchor.treasury − the anchor's treasury emissions) once, rounded to offsetPlaces.
  const anchorMs = BigInt(anchorAt.getTime() - anchorYear.start.getTime());
  const anchorLength = BigInt(anchorYear.end.getTime() - anchorYear.start.getTime());
  const aBefore = before(a).treasury;
  const aPlaces = Math.max(aBefore.decimalPlaces(), anchorYear.treasuryAllowance.decimalPlaces());
  const offsetPlaces = Math.max(anchor.treasury.decimalPlaces(), OFFSET_PLACES);
  const offsetScale = 10n ** BigInt(offsetPlaces);
  const offsetUnits =
    toScaledInteger(anchor.treasury, offsetPlaces) -
    divideHalfEven(
      (toScaledInteger(aBefore, aPlaces) * anchorLength +
        toScaledInteger(anchorYear.treasuryAllowance, aPlaces) * anchorMs) *
        offsetScale,
      anchorLength * 10n ** BigInt(aPlaces),
    );

  const table: YearUnits[] = [];
  const unitsOf = (n: number): YearUnits => {
    const cached = table[n - 1];
    if (cached) return cached;
    const y = year(n);
    const b = before(n);
    const sum = exactSum(y.validatorAllowance, y.treasuryAllowance);
    const places = Math.max(
      y.startTotal.decimalPlaces(),
      sum.decimalPlaces(),
      y.validatorAllowance.decimalPlaces(),
      y.treasuryAllowance.decimalPlaces(),
      b.validator.decimalPlaces(),
      b.treasury.decimalPlaces(),
    );
    const startMsOf = y.start.getTime();
    const length = BigInt(y.end.getTime() - startMsOf);
    // Amount numerators are scaled so that numerator / den = amount × 10^AMOUNT_PLACES.
    const scale = 10n ** BigInt(places);
    const den = length * scale;
    const u = (value: Decimal) => toScaledInteger(value, places) * AMOUNT_SCALE;
    const entry: YearUnits = {
      year: y,
      startMs: startMsOf,
      endMs: y.end.getTime(),
      length,
      den,
      totalBase: u(y.startTotal) * length,
      totalSlope: u(sum),
      validatorBase: u(b.validator) * length,
      validatorSlope: u(y.validatorAllowance),
      treasuryEmittedBase: u(b.treasury) * length,
      treasuryEmittedSlope: u(y.treasuryAllowance),
      treasuryBase: u(b.treasury) * length * offsetScale + offsetUnits * length * scale * AMOUNT_SCALE,
      treasurySlope: u(y.treasuryAllowance) * offsetScale,
      treasuryDen: den * offsetScale,
      rateNumerator: toScaledInteger(y.validatorAllowance, places) * AMOUNT_SCALE * RATE_SCALE,
      rateScale: scale,
      constantTreasury: null,
      validatorBefore: b.validator,
      treasuryBefore: b.treasury,
    };
    if (y.treasuryAllowance.isZero()) entry.constantTreasury = treasuryAt(entry, 0n);
    table[n - 1] = entry;
    return entry;
  };

  // Years start on anniversaries of inflationStart; a year's bounds are addYears, as cycleYearAt's.
  const yearIndexAt = (t: number): number => {
    let n = Math.max(1, new Date(t).getUTCFullYear() - inflationStart.getUTCFullYear());
    while (n > 1 && year(n).start.getTime() > t) n--;
    while (year(n).end.getTime() <= t) n++;
    return n;
  };

  let last: YearUnits | null = null;
  const figuresAt = (at: Date): SupplyFigures => {
    const t = Math.max(at.getTime(), startMs);
    const entry = last !== null && t >= last.startMs && t < last.endMs ? last : unitsOf(yearIndexAt(t));
    last = entry;
    const m = BigInt(t - entry.startMs);
    const totalUnits = divideHalfEven(entry.totalBase + entry.totalSlope * m, entry.den);
    return {
      year: entry.year,
      intoYear: t - entry.startMs,
      totalUnits,
      treasuryUnits: entry.constantTreasury ?? treasuryAt(entry, m),
      validatorEmittedUnits: divideHalfEven(entry.validatorBase + entry.validatorSlope * m, entry.den),
      inflationUnits:
        totalUnits > 0n ? divideHalfEven(entry.rateNumerator, totalUnits * entry.rateScale) : null,
    };
  };

  return {
    figuresAt,
    preparedYears: () => years.length,
    supplyAt(at) {
      const figures = figuresAt(at);
      const entry = unitsOf(figures.year.number);
      const m = BigInt(figures.intoYear);
      const treasuryEmitted = divideHalfEven(
        entry.treasuryEmittedBase + entry.treasuryEmittedSlope * m,
        entry.den,
      );
      return new SupplyAtValue(at, figures, entry.endMs - entry.startMs, treasuryEmitted);
    },
  };
}

/**
 * A {@link SupplyAtResult} whose Decimals are made when first read (then the
 * same instance on every read): a request reads a few of them (supply's
 * total and treasury, rewards' inflation), the rest only when a derivation
 * is asked for. Making a Decimal parses its text; the year's elapsed
 * fraction is a 60-digit division.
 */
class SupplyAtValue implements SupplyAtResult {
  readonly year: InflationYear;
  readonly units: SupplyAtResult['units'];
  private elapsedValue: Decimal | undefined;
  private totalValue: Decimal | undefined;
  private treasuryValue: Decimal | undefined;
  private validatorEmittedValue: Decimal | undefined;
  private treasuryEmittedValue: Decimal | undefined;
  private inflationValue: Decimal | undefined;

  constructor(
    readonly at: Date,
    private readonly figures: SupplyFigures,
    private readonly yearLength: number,
    treasuryEmitted: bigint,
  ) {
    this.year = figures.year;
    this.units = {
      total: figures.totalUnits,
      treasury: figures.treasuryUnits,
      validatorEmitted: figures.validatorEmittedUnits,
      treasuryEmitted,
    };
  }

  get elapsed(): Decimal {
    if (this.elapsedValue === undefined) {
      this.elapsedValue = new Decimal(this.figures.intoYear).div(this.yearLength);
    }
    return this.elapsedValue;
  }

  get total(): Decimal {
    if (this.totalValue === undefined) this.totalValue = fromScaledInteger(this.units.total, AMOUNT_PLACES);
    return this.totalValue;
  }

  get treasury(): Decimal {
    if (this.treasuryValue === undefined) {
      this.treasuryValue = fromScaledInteger(this.units.treasury, AMOUNT_PLACES);
    }
    return this.treasuryValue;
  }

  get validatorEmitted(): Decimal {
    if (this.validatorEmittedValue === undefined) {
      this.validatorEmittedValue = fromScaledInteger(this.units.validatorEmitted, AMOUNT_PLACES);
    }
    return this.validatorEmittedValue;
  }

  get treasuryEmitted(): Decimal {
    if (this.treasuryEmittedValue === undefined) {
      this.treasuryEmittedValue = fromScaledInteger(this.units.treasuryEmitted, AMOUNT_PLACES);
    }
    return this.treasuryEmittedValue;
  }

  get inflation(): Decimal {
    if (this.inflationValue === undefined) this.inflationValue = inflationOf(this.figures);
    return this.inflationValue;
  }
}

/** Treasury × 10^AMOUNT_PLACES at m ms into the year: anchor.treasury + treasuryEmitted − the anchor's, never below 0. */
function treasuryAt(entry: YearUnits, m: bigint): bigint {
  const value = divideHalfEven(entry.treasuryBase + entry.treasurySlope * m, entry.treasuryDen);
  return value < 0n ? 0n : value;
}

/**
 * The momentary inflation of {@link SupplyFigures} as a Decimal (RATE_PLACES);
 * with no positive total, the allowance over 0 (not finite), as Decimal division gives it.
 *
 * @example
 * ```ts
 * import { inflationOf, type SupplySchedule } from './supply-at.js';
 *
 * declare const schedule: SupplySchedule; // the one of supplySchedule's example: 8 % from 2024-08-01
 *
 * inflationOf(schedule.figuresAt(new Date('2024-08-01T00:00:00Z'))).toFixed(); // '0.08' (8 % of 1,000,000,000)
 * ```
 */
export function inflationOf(figures: SupplyFigures): Decimal {
  return figures.inflationUnits === null
    ? figures.year.validatorAllowance.div(0)
    : fromScaledInteger(figures.inflationUnits, RATE_PLACES);
}

/** a + b without rounding (the sum may exceed the 60 digits of Decimal arithmetic). */
function exactSum(a: Decimal, b: Decimal): Decimal {
  const places = Math.max(a.decimalPlaces(), b.decimalPlaces());
  return fromScaledInteger(toScaledInteger(a, places) + toScaledInteger(b, places), places);
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
 * anchor's. Amounts are exact fractions rounded once to AMOUNT_PLACES
 * ({@link supplySchedule}, which this prepares and evaluates once).
 *
 * Source: MODEL.md Synternet "Inflation schedule (ruling)"; specification, Incentives.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { supplyAt } from './supply-at.js';
 *
 * const input = { inflationStart: new Date('2024-08-01T00:00:00Z'),
 *   anchor: { at: new Date('2024-08-01T00:00:00Z'), total: new Decimal('1000000000'), treasury: new Decimal('899985000') },
 *   rates: (y: number) => ({ validator: new Decimal(['0.08', '0.065'][y - 1] ?? '0.03'), treasury: new Decimal(0) }) };
 * supplyAt(input, new Date('2026-08-01T00:00:00Z')).total.toFixed(); // '1150200000'
 * ```
 */
export function supplyAt(input: SupplyAtInput, at: Date): SupplyAtResult {
  return supplySchedule(input).supplyAt(at);
}
