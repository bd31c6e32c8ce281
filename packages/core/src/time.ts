import { clip } from './clip.js';
import { Decimal } from './decimal.js';
import { TokenomicsError } from './errors.js';

/** Seconds in a day, the Session pool's step. */
const SECONDS_PER_DAY = 86_400;
/** Milliseconds in a day. */
export const MS_PER_DAY = SECONDS_PER_DAY * 1000;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** The longest instant text read: `2026-01-01T00:00:00.123456789+05:30` is 35 characters. */
const MAX_INSTANT_LENGTH = 64;

/** The number `count` ASCII digits at `from` spell (the caller has checked they are digits). */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/** Days in `month` (1–12) of `year`, proleptic Gregorian. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parses an ISO-8601 instant strictly: a date, or a date and time with a zone
 * (`Z` or `±hh:mm`). A date alone means midnight UTC. Text over
 * {@link MAX_INSTANT_LENGTH} characters (blanks around it aside) is refused
 * unread; errors echo the text clipped.
 *
 * @throws TokenomicsError BAD_INPUT for anything else, including impossible dates
 * @example
 * ```ts
 * import { parseInstant } from '@tokenomics/core';
 *
 * parseInstant('2025-05-21T00:00:00Z').toISOString(); // '2025-05-21T00:00:00.000Z'
 * parseInstant('2025-05-21').getTime() === Date.UTC(2025, 4, 21); // true
 * ```
 */
export function parseInstant(text: string, what = 'instant'): Date {
  const trimmed = text.trim();
  if (trimmed.length > MAX_INSTANT_LENGTH) {
    const value = clip(text);
    throw new TokenomicsError(
      'BAD_INPUT',
      `${what} is longer than ${MAX_INSTANT_LENGTH} characters, got ${JSON.stringify(value)}`,
      { details: { violation: 'MAX_LENGTH', limit: MAX_INSTANT_LENGTH, value } },
    );
  }
  if (!ISO_INSTANT.test(trimmed)) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `${what} must be an ISO-8601 instant such as "2026-01-01T00:00:00Z", got ${JSON.stringify(clip(text))}`,
      { details: { value: clip(text) } },
    );
  }
  const date = new Date(trimmed.length === 10 ? `${trimmed}T00:00:00Z` : trimmed);
  // The calendar date as written (the regex has checked its digits): a day the month has.
  const year = digitsAt(trimmed, 0, 4);
  const month = digitsAt(trimmed, 5, 2);
  const day = digitsAt(trimmed, 8, 2);
  if (Number.isNaN(date.getTime()) || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new TokenomicsError('BAD_INPUT', `${what} is not a real date: ${JSON.stringify(trimmed)}`);
  }
  return date;
}

/**
 * The instant `days` whole days (86,400 s each) after `from`.
 *
 * @example
 * ```ts
 * import { addDays } from '@tokenomics/core';
 *
 * addDays(new Date('2025-05-21T00:00:00Z'), 365).toISOString(); // '2026-05-21T00:00:00.000Z'
 * ```
 */
export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * MS_PER_DAY);
}

/**
 * The same day-of-month and time `months` calendar months later (UTC),
 * clamped to the month's last day (Jan 31 + 1 month = Feb 28 or 29).
 *
 * @example
 * ```ts
 * import { addMonths } from '@tokenomics/core';
 *
 * addMonths(new Date('2025-01-31T00:00:00Z'), 1).toISOString(); // '2025-02-28T00:00:00.000Z'
 * ```
 */
export function addMonths(from: Date, months: number): Date {
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(from.getTime());
  result.setUTCFullYear(year, month, Math.min(from.getUTCDate(), lastDay));
  return result;
}

/**
 * The same date and time `years` calendar years later (UTC); Feb 29 becomes
 * Feb 28 in a common year.
 *
 * @example
 * ```ts
 * import { addYears } from '@tokenomics/core';
 *
 * addYears(new Date('2024-08-01T00:00:00Z'), 1).toISOString(); // '2025-08-01T00:00:00.000Z'
 * ```
 */
export function addYears(from: Date, years: number): Date {
  return addMonths(from, years * 12);
}

/**
 * Whole days elapsed from `from` to `to` (floor; negative before `from`).
 *
 * @example
 * ```ts
 * import { wholeDaysBetween } from '@tokenomics/core';
 *
 * wholeDaysBetween(new Date('2025-05-21T00:00:00Z'), new Date('2025-05-22T23:59:59Z')); // 1
 * ```
 */
export function wholeDaysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / MS_PER_DAY);
}

/** The calendar year of a yearly cycle that an instant falls in. */
export interface CycleYear {
  /** 1 for the first year after the cycle's start. */
  number: number;
  start: Date;
  end: Date;
  /** How far through the year the instant is, in [0, 1), as an exact ratio of milliseconds. */
  elapsed: Decimal;
}

/**
 * Finds the year of a cycle that starts at `start` and renews at each
 * anniversary (the Synternet inflation year), and how far through it `at` is.
 *
 * @throws TokenomicsError BAD_INPUT when `at` is before `start`
 * @example
 * ```ts
 * import { cycleYearAt } from '@tokenomics/core';
 *
 * const year = cycleYearAt(new Date('2024-08-01T00:00:00Z'), new Date('2025-01-30T12:00:00Z'));
 * year.number; // 1
 * year.elapsed.toFixed(); // '0.5'
 * ```
 */
export function cycleYearAt(start: Date, at: Date): CycleYear {
  if (at.getTime() < start.getTime()) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `${at.toISOString()} is before the cycle starts at ${start.toISOString()}`,
    );
  }
  let index = Math.max(0, at.getUTCFullYear() - start.getUTCFullYear() - 1);
  while (addYears(start, index + 1).getTime() <= at.getTime()) index++;
  const yearStart = addYears(start, index);
  const yearEnd = addYears(start, index + 1);
  const elapsed = new Decimal(at.getTime() - yearStart.getTime()).div(
    yearEnd.getTime() - yearStart.getTime(),
  );
  return { number: index + 1, start: yearStart, end: yearEnd, elapsed };
}
