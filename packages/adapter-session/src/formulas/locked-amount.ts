import { addDays, addMonths, Decimal } from '@tokenomics/core';
import type { LockupTerms, Span } from '../kinds.js';

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
  const { cliffEnd, end } = unlockWindow(terms, tge);
  const t = at.getTime();
  if (t < cliffEnd.getTime()) return terms.amount;
  if (t >= end.getTime()) return new Decimal(0);
  return terms.amount.times(end.getTime() - t).div(end.getTime() - cliffEnd.getTime());
}
