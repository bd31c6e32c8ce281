import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  Decimal,
  ExactSchedulePoint,
  formatDecimal,
  formatFigure,
  formatScaledInteger,
  fromScaledInteger,
  SCHEDULE_FIGURES,
  ScaledDecimal,
  type SchedulePoint,
  scheduleFigure,
} from '../src/index.js';
import { seededRandom } from '../src/testing/index.js';

describe('formatScaledInteger', () => {
  it.each([
    [0n, 0, '0'],
    [0n, 40, '0'],
    [1510n, 4, '0.151'],
    [-25_000_000n, 6, '-25'],
    [5n, 3, '0.005'],
    [-5n, 3, '-0.005'],
    [1000n, 3, '1'],
    [1001n, 3, '1.001'],
    [240_000_000n, 0, '240000000'],
    [10n, 1, '1'],
    [
      399834520547945205479452054794520547945205479452n,
      40,
      '39983452.0547945205479452054794520547945205479452',
    ],
  ])('writes %s × 10^-%i as %s', (units, places, text) => {
    expect(formatScaledInteger(units, places)).toBe(text);
  });

  it('agrees with formatDecimal on 5,000 values of up to 90 digits, signs and scales mixed', () => {
    const random = seededRandom(20261121);
    for (let i = 0; i < 5_000; i++) {
      const digits = 1 + Math.floor(random() * 90);
      let text = String(1 + Math.floor(random() * 9));
      while (text.length < digits) text += String(Math.floor(random() * 10));
      // Trailing zeros are where the formatter trims: make them common.
      if (random() < 0.3) text = text.slice(0, -3).padEnd(text.length, '0');
      const units = (random() < 0.5 ? -1n : 1n) * BigInt(text);
      const places = Math.floor(random() * 80);
      expect(formatScaledInteger(units, places), `${units}e-${places}`).toBe(
        formatDecimal(fromScaledInteger(units, places)),
      );
    }
  });

  it('refuses places that are not a whole number ≥ 0', () => {
    expect(() => formatScaledInteger(1n, -1)).toThrow(/places must be a whole number ≥ 0, got -1/);
    expect(() => formatScaledInteger(1n, 1.5)).toThrow(/got 1.5/);
  });

  it('writes one flat string, not a concatenation of its parts', () => {
    // V8 tells a flat string from a concatenation only to a process run with --allow-natives-syntax: the
    // function's own (compiled) source is run there, on long texts with a fraction and a sign.
    const script = `const format = ${formatScaledInteger.toString()};
for (const [units, places] of [[34020451061123456789n, 10], [-399834520547945205479452054794520547945205479452n, 40]]) {
  %DebugPrint(format(units, places));
}`;
    const { stdout, status } = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], {
      encoding: 'utf8',
    });
    expect(status).toBe(0);
    const types = [...stdout.matchAll(/- type: (\w+)/g)].map((match) => match[1]);
    expect(types).toEqual(['ONE_BYTE_STRING_TYPE', 'ONE_BYTE_STRING_TYPE']);
  });
});

describe('ScaledDecimal', () => {
  it('makes its Decimal once, and writes what that Decimal reads', () => {
    const pool = new ScaledDecimal(399834520547945205479452054794520547945205479452n, 40);
    const decimal = pool.toDecimal();
    expect(pool.toDecimal()).toBe(decimal);
    expect(decimal.eq('39983452.0547945205479452054794520547945205479452')).toBe(true);
    expect(pool.toText()).toBe(formatDecimal(decimal));
  });

  it('stays exact beyond 60 significant digits, as a constructed Decimal does', () => {
    // Decimal arithmetic rounds to 60 digits; a constructed Decimal (fromScaledInteger) never does.
    const units = BigInt(`1${'0'.repeat(59)}5`);
    const scaled = new ScaledDecimal(-units, 61);
    expect(scaled.toText()).toBe(`-0.1${'0'.repeat(59)}5`);
    expect(scaled.toText()).toBe(formatDecimal(scaled.toDecimal()));
  });
});

describe('formatFigure', () => {
  it('writes a ScaledDecimal from its integer and a Decimal as formatDecimal does', () => {
    expect(formatFigure(new ScaledDecimal(1510n, 4))).toBe('0.151');
    expect(formatFigure(new Decimal('1.50'))).toBe('1.5');
    expect(formatFigure(new Decimal('-0'))).toBe('0');
  });

  it('gives the same text for the same Decimal every time (kept per instance)', () => {
    const rate = new Decimal('0.151');
    expect(formatFigure(rate)).toBe('0.151');
    expect(formatFigure(rate)).toBe('0.151');
  });
});

describe('ExactSchedulePoint', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  const point = new ExactSchedulePoint(at, {
    total: new Decimal(240_000_000),
    circulating: new ScaledDecimal(34_020_451_061n, 3),
    emitted: new ScaledDecimal(0n, 40),
    emissionRate: new Decimal('0.151'),
    poolBalance: null,
  });

  it('reads every figure as a Decimal, made once', () => {
    expect(point.at).toBe(at);
    expect(point.total.toFixed()).toBe('240000000');
    expect(point.circulating.toFixed()).toBe('34020451.061');
    expect(point.circulating).toBe(point.circulating);
    expect(point.emitted.isZero()).toBe(true);
    expect(point.emissionRate.toFixed()).toBe('0.151');
    expect(point.poolBalance).toBeNull();
  });

  it('reads liquid where the adapter knows it: undefined when absent, null when unknown', () => {
    expect(point.liquid).toBeUndefined();
    const figures = { ...point.figures };
    const known = new ExactSchedulePoint(at, { ...figures, liquid: new ScaledDecimal(4_020_451_061n, 3) });
    expect(known.liquid?.toFixed()).toBe('4020451.061');
    expect(known.liquid).toBe(known.liquid);
    expect(new ExactSchedulePoint(at, { ...figures, liquid: null }).liquid).toBeNull();
  });

  it('hands scheduleFigure the figure as computed, a plain point its Decimals', () => {
    expect(scheduleFigure(point, 'circulating')).toBeInstanceOf(ScaledDecimal);
    expect(scheduleFigure(point, 'poolBalance')).toBeNull();
    const plain: SchedulePoint = {
      at,
      total: point.total,
      circulating: point.circulating,
      emitted: point.emitted,
      emissionRate: point.emissionRate,
      poolBalance: null,
    };
    for (const figure of SCHEDULE_FIGURES) {
      const fromPlain = scheduleFigure(plain, figure);
      const fromExact = scheduleFigure(point, figure);
      expect(fromPlain === null ? null : formatFigure(fromPlain), figure).toBe(
        fromExact === null ? null : formatFigure(fromExact),
      );
    }
  });

  it('carries liquid where given, exact; absent reads as undefined and writes as null', () => {
    expect(point.liquid).toBeUndefined();
    expect(scheduleFigure(point, 'liquid')).toBeNull();
    const withLiquid = new ExactSchedulePoint(at, {
      ...point.figures,
      liquid: new ScaledDecimal(30_000_000_5n, 1),
    });
    expect(withLiquid.liquid?.toFixed()).toBe('30000000.5');
    expect(formatFigure(scheduleFigure(withLiquid, 'liquid')!)).toBe('30000000.5');
    expect(new ExactSchedulePoint(at, { ...point.figures, liquid: null }).liquid).toBeNull();
  });
});
