import { describe, expect, it } from 'vitest';
import { dateTime, decimal } from '../src/index.js';

describe('decimal', () => {
  it('brands plain decimal strings and refuses the rest', () => {
    expect(decimal('12.5')).toBe('12.5');
    expect(decimal('-0.000000000000000000000000000001')).toBe('-0.000000000000000000000000000001');
    expect(decimal(`1${'0'.repeat(25)}`)).toBe(`1${'0'.repeat(25)}`);
    for (const bad of ['1e3', '12,5', '', '.5', '5.', '007', '+1', ' 1', 'NaN']) {
      expect(() => decimal(bad), bad).toThrow(TypeError);
    }
  });
});

describe('dateTime', () => {
  it('writes a Date in ISO-8601 UTC and brands zoned instants or bare dates', () => {
    expect(dateTime(new Date(Date.UTC(2026, 0, 1)))).toBe('2026-01-01T00:00:00.000Z');
    expect(dateTime('2026-01-01')).toBe('2026-01-01');
    expect(dateTime('2026-01-01T12:30:00Z')).toBe('2026-01-01T12:30:00Z');
    expect(dateTime('2026-01-01T12:30:00.250+02:00')).toBe('2026-01-01T12:30:00.250+02:00');
  });

  it('refuses an instant without a zone, or an invalid one', () => {
    for (const bad of ['2026-01-01T12:30:00', 'yesterday', '2026-13-45', '']) {
      expect(() => dateTime(bad), bad).toThrow(TypeError);
    }
    expect(() => dateTime(new Date(Number.NaN))).toThrow(TypeError);
  });
});
