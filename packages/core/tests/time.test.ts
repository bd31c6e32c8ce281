import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  cycleYearAt,
  formatDecimal,
  parseInstant,
  scheduleInstants,
  stepInstant,
  wholeDaysBetween,
} from '../src/index.js';

const iso = (dates: Date[]) => dates.map((date) => date.toISOString().slice(0, 10));

describe('instants', () => {
  it('parses ISO-8601 with a zone, or a bare date as midnight UTC', () => {
    expect(parseInstant('2025-05-21T02:00:00+02:00').toISOString()).toBe('2025-05-21T00:00:00.000Z');
    expect(parseInstant('2025-05-21').toISOString()).toBe('2025-05-21T00:00:00.000Z');
  });

  it.each(['2024-02-29', '2000-02-29T12:00:00Z', '2025-04-30', '2025-12-31T23:59:59.999Z'])(
    'reads the calendar day %j',
    (text) => {
      expect(parseInstant(text).toISOString().slice(0, 10)).toBe(text.slice(0, 10));
    },
  );

  it.each([
    '2025-05-21T00:00:00',
    '21/05/2025',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-04-31',
    '2023-02-29',
    '2100-02-29',
    '2025-01-01T24:30:00Z',
    'now',
    '',
  ])('refuses %j', (text) => {
    expect(() => parseInstant(text)).toThrowError(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('refuses text over 64 characters unread, echoing it clipped', () => {
    const longest = '2026-01-01T00:00:00.123456789+05:30';
    expect(parseInstant(`  ${longest}  `).toISOString()).toBe('2025-12-31T18:30:00.123Z');
    const text = '2'.repeat(1_000_000);
    expect(() => parseInstant(text, 'DateTime')).toThrowError(
      expect.objectContaining({
        code: 'BAD_INPUT',
        message: `DateTime is longer than 64 characters, got "${'2'.repeat(150)}…${'2'.repeat(49)}"`,
        details: { violation: 'MAX_LENGTH', limit: 64, value: `${'2'.repeat(150)}…${'2'.repeat(49)}` },
      }),
    );
  });

  it('steps days, months (clamped) and years in UTC', () => {
    expect(addDays(new Date('2025-05-21T00:00:00Z'), 90).toISOString()).toBe('2025-08-19T00:00:00.000Z');
    expect(addMonths(new Date('2024-01-31T00:00:00Z'), 1).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(addMonths(new Date('2025-05-21T00:00:00Z'), 12).toISOString()).toBe('2026-05-21T00:00:00.000Z');
    expect(addYears(new Date('2024-02-29T12:00:00Z'), 1).toISOString()).toBe('2025-02-28T12:00:00.000Z');
  });

  it('counts whole days, flooring partial days', () => {
    const tge = new Date('2025-05-21T00:00:00Z');
    expect(wholeDaysBetween(tge, new Date('2025-05-21T23:59:59Z'))).toBe(0);
    expect(wholeDaysBetween(tge, new Date('2026-05-21T00:00:00Z'))).toBe(365);
  });
});

describe('cycleYearAt', () => {
  const start = new Date('2024-08-01T00:00:00Z');

  it('puts an anniversary in the new year and measures progress exactly', () => {
    // Year 1 is 2024-08-01 .. 2025-08-01: 365 days. Half-way is 182.5 days in: 2025-01-30T12:00Z.
    const half = cycleYearAt(start, new Date('2025-01-30T12:00:00Z'));
    expect(half.number).toBe(1);
    expect(formatDecimal(half.elapsed)).toBe('0.5');
    const second = cycleYearAt(start, new Date('2025-08-01T00:00:00Z'));
    expect(second.number).toBe(2);
    expect(formatDecimal(second.elapsed)).toBe('0');
    expect(second.end.toISOString()).toBe('2026-08-01T00:00:00.000Z');
    expect(cycleYearAt(start, new Date('2031-07-31T23:59:59Z')).number).toBe(7);
  });

  it('refuses an instant before the cycle starts', () => {
    expect(() => cycleYearAt(start, new Date('2024-07-31T00:00:00Z'))).toThrowError(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    );
  });
});

describe('scheduleInstants', () => {
  it('steps from the origin so month-ends do not drift', () => {
    expect(stepInstant(new Date('2026-01-31T00:00:00Z'), 'MONTH', 2).toISOString()).toBe(
      '2026-03-31T00:00:00.000Z',
    );
    expect(iso(scheduleInstants(new Date('2026-01-31Z'), new Date('2026-04-30Z'), 'MONTH'))).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
    ]);
  });

  it('includes both ends, adding `to` when it falls between steps', () => {
    expect(iso(scheduleInstants(new Date('2026-01-01Z'), new Date('2026-01-20Z'), 'WEEK'))).toEqual([
      '2026-01-01',
      '2026-01-08',
      '2026-01-15',
      '2026-01-20',
    ]);
    expect(scheduleInstants(new Date('2026-01-01Z'), new Date('2026-01-01Z'), 'YEAR')).toHaveLength(1);
  });

  it('gives 3,653 daily points over ten years', () => {
    expect(scheduleInstants(new Date('2026-01-01Z'), new Date('2036-01-01Z'), 'DAY')).toHaveLength(3653);
  });

  it('refuses a reversed range and too many points', () => {
    expect(() => scheduleInstants(new Date('2026-02-01Z'), new Date('2026-01-01Z'), 'DAY')).toThrowError(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    );
    expect(() =>
      scheduleInstants(new Date('2026-01-01Z'), new Date('2026-12-31Z'), 'DAY', { maxPoints: 100 }),
    ).toThrowError(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }));
  });
});
