import { describe, expect, it } from 'vitest';
import { Decimal } from './decimal.js';
import { formatFigure, ScaledDecimal } from './scaled-decimal.js';
import { RATE_PLACES, servedFigure } from './served-figure.js';

const served = (figure: Decimal | ScaledDecimal, places: number) =>
  formatFigure(servedFigure(figure, places));

describe('servedFigure', () => {
  it('rounds amounts half to even at the base unit (MODEL.md vectors)', () => {
    // Session, pool 40,000,000: network reward per day and per node per day.
    const daily = new Decimal('40000000').times('0.151').div(365);
    expect(served(daily, 9)).toBe('16547.945205479');
    expect(served(daily.div(2000), 9)).toBe('8.273972603');
  });

  it('rounds rates to 18 places', () => {
    const released = new Decimal(1).minus(new Decimal(1).minus(new Decimal('0.151').div(365)).pow(365));
    expect(served(released, RATE_PLACES)).toBe('0.140179165025531211');
    const momentary = new Decimal('0.08').div(new Decimal('1.04'));
    expect(served(momentary, RATE_PLACES)).toBe('0.076923076923076923');
  });

  it('breaks ties to even, in Decimals and in scaled integers alike', () => {
    for (const [units, expected] of [
      [25n, '2'],
      [35n, '4'],
      [-25n, '-2'],
      [26n, '3'],
    ] as const) {
      expect(served(new ScaledDecimal(units, 1), 0)).toBe(expected);
      expect(served(new Decimal(`${units}e-1`), 0)).toBe(expected);
    }
  });

  it('leaves a figure with few enough places untouched (same instance)', () => {
    const exact = new Decimal('240000000');
    expect(servedFigure(exact, 9)).toBe(exact);
    const scaled = new ScaledDecimal(1510n, 4);
    expect(servedFigure(scaled, 9)).toBe(scaled);
  });

  it('writes no exponent and no trailing zeros', () => {
    expect(served(new Decimal('1e-30'), 18)).toBe('0');
    expect(served(new Decimal('1.2300000000000000001'), 18)).toBe('1.23');
    expect(served(new ScaledDecimal(123_000_000_000n, 12), 9)).toBe('0.123');
    expect(served(new Decimal('1e25'), 9)).toBe('10000000000000000000000000');
  });

  it('rounds a Decimal once per places, out of sight of equality and JSON', () => {
    const rate = new Decimal('0.0769230769230769230769230769');
    const first = servedFigure(rate, RATE_PLACES);
    expect(servedFigure(rate, RATE_PLACES)).toBe(first);
    expect(formatFigure(first)).toBe('0.076923076923076923');
    // Another number of places is rounded anew, and rounded right.
    expect(formatFigure(servedFigure(rate, 9))).toBe('0.076923077');
    expect(formatFigure(servedFigure(rate, RATE_PLACES))).toBe('0.076923076923076923');
    expect(JSON.stringify(rate)).toBe('"0.0769230769230769230769230769"');
    expect(Object.keys(rate)).toEqual(Object.keys(new Decimal('0.0769230769230769230769230769')));
    expect(rate).toEqual(new Decimal('0.0769230769230769230769230769'));
    // A frozen Decimal is rounded each time, never written to.
    const frozen = Object.freeze(new Decimal('1.25'));
    expect(formatFigure(servedFigure(frozen, 1))).toBe('1.2');
  });
});
