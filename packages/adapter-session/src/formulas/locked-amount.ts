import { addDays, addMonths, Decimal, divideHalfEven } from '@tokenomics/core';
import type { LockupTerms, Span } from '../kinds.js';

const ZERO = new Decimal(0);

function after(from: Date, span: Span): Date {
  return span.unit === 'mo' ? addMonths(from, span.count) : addDays(from, span.count);
}

/** When a lockup's tokens unlock: all at `cliffEnd`, or linearly from `cliffEnd` to `end`. */
export interface UnlockWindow {
  cliffEnd: Date;
  end: Date;
}

/**
 * The instants of a lockup counted from the TGE: the cliff's end and the end
 * of the linear period (the same instant when there is none).
 *
 * @example
 * ```ts
 * unlockWindow(lockupKind().parse('38000000; cliff 12mo; linear 24mo'), new Date('2025-05-21T00:00:00Z')).end.toISOString(); // '2028-05-21T00:00:00.000Z'
 * ```
 */
export function unlockWindow(terms: LockupTerms, tge: Date): UnlockWindow {
  const cliffEnd = after(tge, terms.cliff);
  if (!terms.linear) return { cliffEnd, end: cliffEnd };
  const end =
    terms.cliff.unit === 'mo' && terms.linear.unit === 'mo'
      ? addMonths(tge, terms.cliff.count + terms.linear.count)
      : after(cliffEnd, terms.linear);
  return { cliffEnd, end };
}

/**
 * The tokens of a lockup still locked at `at`: everything before the cliff's
 * end; nothing from the end of the linear period (or from the cliff's end when
 * there is none); in between, `amount × (end − at) / (end − cliffEnd)`, an
 * exact ratio of milliseconds.
 *
 * @example
 * ```ts
 * const b = lockupKind().parse('39332750; cliff 12mo; linear 12mo');
 * lockedAmount(b, new Date('2025-05-21T00:00:00Z'), new Date('2026-05-21T00:00:00Z')).toFixed(); // '39332750'
 * lockedAmount(b, new Date('2025-05-21T00:00:00Z'), new Date('2027-05-21T00:00:00Z')).toFixed(); // '0'
 * ```
 */
export function lockedAmount(terms: LockupTerms, tge: Date, at: Date): Decimal {
  return lockedAmountIn(terms, unlockWindow(terms, tge), at.getTime());
}

/**
 * {@link lockedAmount} with the unlock window already computed, at an instant
 * in milliseconds: the same arithmetic, for callers that evaluate one lockup
 * at many instants (a schedule) and keep its window.
 *
 * @example
 * ```ts
 * const b = lockupKind().parse('39332750; cliff 12mo; linear 12mo');
 * const window = unlockWindow(b, new Date('2025-05-21T00:00:00Z'));
 * lockedAmountIn(b, window, Date.UTC(2026, 4, 21)).toFixed(); // '39332750'
 * ```
 */
export function lockedAmountIn(terms: LockupTerms, window: UnlockWindow, t: number): Decimal {
  const cliffEnd = window.cliffEnd.getTime();
  const end = window.end.getTime();
  if (t < cliffEnd) return terms.amount;
  if (t >= end) return ZERO;
  return terms.amount.times(end - t).div(end - cliffEnd);
}

/**
 * {@link lockedAmountIn} rounded to `places` decimal places, as an integer
 * count of 10^−places: the exact ratio `amount × (end − t) / (end − cliffEnd)`
 * rounded once, half to even (the project's rounding), with integer
 * arithmetic, for a model that sums many lockups at many instants.
 *
 * @example
 * ```ts
 * const b = lockupKind().parse('39332750; cliff 12mo; linear 12mo');
 * const window = unlockWindow(b, new Date('2025-05-21T00:00:00Z'));
 * lockedUnitsIn(b, window, Date.UTC(2026, 10, 19, 12), 0); // 19666375n (half-way)
 * ```
 */
export function lockedUnitsIn(terms: LockupTerms, window: UnlockWindow, t: number, places: number): bigint {
  return lockedUnitsAt(lockupUnits(terms, window, places), t);
}

/** A lockup prepared for {@link lockedUnitsAt}: its amount as an integer and its window in milliseconds. */
export interface LockupUnits {
  cliffEnd: number;
  end: number;
  /** amount × 10^scale (exact). */
  amount: bigint;
  /** 10^(scale − places): from the amount's scale to the result's. */
  down: bigint;
  /** The amount rounded to the result's places. */
  whole: bigint;
}

/**
 * Prepares a lockup for {@link lockedUnitsAt}, which then costs one integer
 * division per instant.
 *
 * @example
 * ```ts
 * const b = lockupKind().parse('39332750; cliff 12mo; linear 12mo');
 * lockupUnits(b, unlockWindow(b, new Date('2025-05-21T00:00:00Z')), 40).whole; // 39332750n × 10n ** 40n
 * ```
 */
export function lockupUnits(terms: LockupTerms, window: UnlockWindow, places: number): LockupUnits {
  const scale = Math.max(places, terms.amount.decimalPlaces());
  const amount = BigInt(terms.amount.toFixed(scale).replace('.', ''));
  const down = 10n ** BigInt(scale - places);
  return {
    cliffEnd: window.cliffEnd.getTime(),
    end: window.end.getTime(),
    amount,
    down,
    whole: divideHalfEven(amount, down),
  };
}

/**
 * {@link lockedUnitsIn} of a prepared lockup: the same arithmetic.
 *
 * @example
 * ```ts
 * const b = lockupKind().parse('39332750; cliff 12mo; linear 12mo');
 * lockedUnitsAt(lockupUnits(b, unlockWindow(b, new Date('2025-05-21T00:00:00Z')), 0), Date.UTC(2026, 10, 19, 12)); // 19666375n
 * ```
 */
export function lockedUnitsAt(lockup: LockupUnits, t: number): bigint {
  if (t >= lockup.end) return 0n;
  if (t < lockup.cliffEnd) return lockup.whole;
  return divideHalfEven(
    lockup.amount * BigInt(lockup.end - t),
    BigInt(lockup.end - lockup.cliffEnd) * lockup.down,
  );
}
