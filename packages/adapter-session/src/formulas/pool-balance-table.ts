import { type Decimal, divideHalfEven, fromScaledInteger, toScaledInteger } from '@tokenomics/core';

/**
 * Fixed-point digits of the power table: `q^n` is held as the integer
 * `q^n × 10^POWER_DIGITS`. 100 digits leave 60 guard digits below the
 * 40 decimal places the model keeps, so a pool rounded from the table is the
 * exact closed form rounded (barring a tie closer than ~10⁻⁹⁰, never met in practice).
 */
export const POWER_DIGITS = 100;

/** Digits per table level: each level holds 64 powers (n = 0…63 times 64^level). */
const RADIX_BITS = 6;
const RADIX = 1 << RADIX_BITS;
const ONE = 10n ** BigInt(POWER_DIGITS);

/**
 * The closed form of the stepped pool, `pool × q^days + inflow × (1 − q^days) / (1 − q)`
 * with `q = 1 − rate / 365`, prepared once for a pool, rate and inflow so that
 * each instant costs one or two integer products instead of a `Decimal.pow`.
 */
export interface PoolBalanceTable {
  /** `levels[k][n] = q^(n × 64^k) × 10^POWER_DIGITS`, truncated; built on demand, each entry by one fixed rule. */
  readonly levels: bigint[][];
  /** pool × 10^scale (exact). */
  readonly pool: bigint;
  /** inflow × 10^scale (exact). */
  readonly inflow: bigint;
  /** rate = rateUnits / 10^rateScale (exact). */
  readonly rateUnits: bigint;
  /** 365 × 10^rateScale, so that 1 / (1 − q) = inflowFactor / rateUnits. */
  readonly inflowFactor: bigint;
  /** The decimal places of the results. */
  readonly places: number;
  /** 10^(places − scale) when places ≥ scale, else 1. */
  readonly up: bigint;
  /** 10^(scale − places) when scale > places, else 1. */
  readonly down: bigint;
}

/**
 * Prepares {@link poolBalanceFromTable} for a pool, a yearly release rate, a
 * daily inflow and the decimal places of the results.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { poolBalanceTable } from './pool-balance-table.js';
 *
 * const table = poolBalanceTable(new Decimal(40_000_000), new Decimal('0.151'), new Decimal(0), 40);
 * ```
 */
export function poolBalanceTable(
  pool: Decimal,
  rate: Decimal,
  inflow: Decimal,
  places: number,
): PoolBalanceTable {
  const scale = Math.max(pool.decimalPlaces(), inflow.decimalPlaces());
  const rateScale = rate.decimalPlaces();
  const rateUnits = toScaledInteger(rate, rateScale);
  const inflowFactor = 365n * 10n ** BigInt(rateScale);
  // q × 10^D = 10^D − rate × 10^D / 365, rounded once.
  const q = ONE - divideHalfEven(rateUnits * ONE, inflowFactor);
  return {
    levels: [powersOf(q)],
    pool: toScaledInteger(pool, scale),
    inflow: toScaledInteger(inflow, scale),
    rateUnits,
    inflowFactor,
    places,
    up: 10n ** BigInt(Math.max(places - scale, 0)),
    down: 10n ** BigInt(Math.max(scale - places, 0)),
  };
}

function powersOf(base: bigint): bigint[] {
  const powers = [ONE, base];
  for (let n = 2; n < RADIX; n++) powers.push((powers[n - 1]! * base) / ONE);
  return powers;
}

/** `q^n × 10^POWER_DIGITS` for n ≥ 0: one table entry per base-64 digit of n, multiplied from the lowest level up. */
function power(table: PoolBalanceTable, n: number): bigint {
  const { levels } = table;
  let result = levels[0]![n % RADIX]!;
  let rest = Math.floor(n / RADIX);
  for (let level = 1; rest > 0; level++) {
    if (levels.length <= level) {
      const below = levels[level - 1]!;
      levels.push(powersOf((below[RADIX - 1]! * below[1]!) / ONE));
    }
    const digit = rest % RADIX;
    if (digit !== 0) result = (result * levels[level]![digit]!) / ONE;
    rest = Math.floor(rest / RADIX);
  }
  return result;
}

/**
 * The pool after `days` daily steps of `pool ← pool − pool × rate / 365 + inflow`
 * (negative days step back by the same law), by the closed form of
 * {@link poolBalanceAfterDays} with `q^|days|` from the table, as one exact
 * fraction rounded half-even to the table's decimal places.
 *
 * Exactness: every table entry is fixed by one rule (its level's base raised
 * by repeated products, the base of level k+1 = entry 63 × entry 1 of level k),
 * whatever order entries are first needed in, and `q^n` multiplies the entries
 * of n's base-64 digits in one fixed order; so the same (table, days) always
 * gives the same digits, and supply, rewards and schedules that share a table
 * agree to the last digit.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { poolBalanceFromTable, poolBalanceTable } from './pool-balance-table.js';
 *
 * const table = poolBalanceTable(new Decimal(40_000_000), new Decimal('0.151'), new Decimal(0), 40);
 * poolBalanceFromTable(table, 1).toFixed(); // '39983452.0547945205479452054794520547945205479452'
 * ```
 */
export function poolBalanceFromTable(table: PoolBalanceTable, days: number): Decimal {
  return fromScaledInteger(poolUnitsFromTable(table, days), table.places);
}

/**
 * {@link poolBalanceFromTable} as the integer `pool × 10^places`, for
 * arithmetic that stays in integers (schedules write it without a Decimal).
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { poolBalanceTable, poolUnitsFromTable } from './pool-balance-table.js';
 *
 * const table = poolBalanceTable(new Decimal(40_000_000), new Decimal('0.151'), new Decimal(0), 40);
 * poolUnitsFromTable(table, 1); // 399834520547945205479452054794520547945205479452n
 * ```
 */
export function poolUnitsFromTable(table: PoolBalanceTable, days: number): bigint {
  const { pool, inflow, rateUnits, inflowFactor } = table;
  const qn = power(table, Math.abs(days));
  // With q^days = qn / ONE (days ≥ 0) or ONE / qn (days < 0), and 1 / (1 − q) = inflowFactor / rateUnits:
  // pool_days = [pool × q^days × rateUnits + inflow × (1 − q^days) × inflowFactor] / (rateUnits × 10^scale),
  // rescaled to 10^places (× up / down) and rounded once.
  if (inflow === 0n) {
    return days >= 0
      ? divideHalfEven(pool * qn * table.up, ONE * table.down)
      : divideHalfEven(pool * ONE * table.up, qn * table.down);
  }
  if (days >= 0) {
    const num = pool * qn * rateUnits + inflow * (ONE - qn) * inflowFactor;
    return divideHalfEven(num * table.up, ONE * rateUnits * table.down);
  }
  const num = pool * ONE * rateUnits + inflow * (qn - ONE) * inflowFactor;
  return divideHalfEven(num * table.up, qn * rateUnits * table.down);
}
