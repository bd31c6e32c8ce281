import { describe, expect, it } from 'vitest';
import { type ControlRange, controlRange, sliderValue } from '../src/views/controls.js';

/** `text` (a plain decimal) as an integer count of 10^-scale. */
function units(text: string, scale: number): bigint {
  const [whole, fraction = ''] = text.split('.');
  expect(fraction.length).toBeLessThanOrEqual(scale);
  return BigInt(`${whole}${fraction.padEnd(scale, '0')}`);
}

const PLAIN = /^(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/** Decimal-valued parameters with awkward scales (the float steps of these were 1e-5 * 10 and the like). */
const AWKWARD = [
  '0.0002',
  '0.0007',
  '0.000123',
  '0.00002',
  '0.3',
  '0.15',
  '1.5',
  '123.456',
  '7.77',
  '0.000000001',
];

describe('controlRange', () => {
  it('keeps integer ranges and rates as they were', () => {
    expect(controlRange({ kind: 'INTEGER', value: '2000' })).toEqual({
      min: '1000',
      max: '5000',
      step: '100',
    });
    expect(controlRange({ kind: 'RATE', value: '0.5' })).toEqual({ min: '0', max: '1', step: '0.01' });
    expect(controlRange({ kind: 'DECIMAL', value: '240000000' })).toEqual({
      min: '120000000',
      max: '600000000',
      step: '20000000',
    });
    expect(controlRange({ kind: 'INTEGER', value: '3' })).toEqual({ min: '1', max: '8', step: '1' });
    expect(controlRange({ kind: 'INSTANT', value: '2025-05-21T00:00:00.000Z' })).toBeNull();
    expect(controlRange({ kind: 'DECIMAL', value: '0' })).toBeNull();
    expect(controlRange({ kind: 'DECIMAL', value: '-1.5' })).toBeNull();
  });

  it('gives decimal ranges as exact decimal text: a 1-2-5 step, a minimum on the step', () => {
    expect(controlRange({ kind: 'DECIMAL', value: '0.0002' })).toEqual({
      min: '0.0001',
      max: '0.0005',
      step: '0.00001',
    });
    expect(controlRange({ kind: 'DECIMAL', value: '0.0007' })).toEqual({
      min: '0.00035',
      max: '0.00175',
      step: '0.00005',
    });
    expect(controlRange({ kind: 'DECIMAL', value: '1.5' })).toEqual({ min: '0.7', max: '3.75', step: '0.1' });
    for (const value of AWKWARD) {
      const range = controlRange({ kind: 'DECIMAL', value })!;
      for (const text of [range.min, range.max, range.step]) expect(text).toMatch(PLAIN);
      expect(units(range.min, 30) % units(range.step, 30)).toBe(0n);
      expect(units(range.min, 30)).toBeLessThanOrEqual(units(value, 30));
      expect(units(range.max, 30)).toBeGreaterThan(units(value, 30));
    }
  });
});

describe('sliderValue: what a settled slider commits', () => {
  /** What a browser's slider may report at grid point n: min + n × step in floating point. */
  const floatAt = (range: ControlRange, n: number) => String(Number(range.min) + n * Number(range.step));

  it('is the nearest step as exact decimal text, whatever float noise the slider reports', () => {
    let noisy = 0;
    for (const value of AWKWARD) {
      const range = controlRange({ kind: 'DECIMAL', value })!;
      const step = units(range.step, 30);
      const min = units(range.min, 30);
      const last = Number((units(range.max, 30) - min) / step);
      for (let n = 0; n <= last; n++) {
        const reported = floatAt(range, n);
        if (/0{6,}\d$|9{6,}\d$|e-/.test(reported)) noisy += 1;
        const committed = sliderValue(reported, range);
        expect(committed).toMatch(PLAIN);
        expect(committed).not.toMatch(/0000000001|9999999/);
        // Exactly min + n steps: a multiple of the step (the minimum is one).
        expect(units(committed, 30)).toBe(min + BigInt(n) * step);
        expect(units(committed, 30) % step).toBe(0n);
      }
    }
    // The floats did carry noise (or exponents): the test exercises what it claims.
    expect(noisy).toBeGreaterThan(0);
  });

  it("takes the float's exponent form, rounds to the nearest step, and stays within the range", () => {
    const range = controlRange({ kind: 'DECIMAL', value: '0.0007' })!; // 0.00035–0.00175 by 0.00005
    expect(sliderValue('0.0007000000000000001', range)).toBe('0.0007');
    expect(sliderValue('6.999999999999999e-4', range)).toBe('0.0007');
    expect(sliderValue('7e-4', range)).toBe('0.0007');
    expect(sliderValue('0.000724', range)).toBe('0.0007');
    expect(sliderValue('0.000725', range)).toBe('0.00075');
    expect(sliderValue('0.0001', range)).toBe('0.00035');
    expect(sliderValue('0.5', range)).toBe('0.00175');
    const tiny = controlRange({ kind: 'DECIMAL', value: '0.000000001' })!;
    expect(tiny).toEqual({ min: '0.0000000005', max: '0.0000000025', step: '0.00000000005' });
    expect(sliderValue(String(0.0000000005 + 3 * 0.00000000005), tiny)).toBe('0.00000000065');
    // Rates and integers.
    const rate = controlRange({ kind: 'RATE', value: '0.5' })!;
    expect(sliderValue(String(0.1 + 0.2), rate)).toBe('0.3');
    expect(sliderValue('0.07', rate)).toBe('0.07');
    expect(sliderValue('1', rate)).toBe('1');
    const nodes = controlRange({ kind: 'INTEGER', value: '2000' })!;
    expect(sliderValue('2100', nodes)).toBe('2100');
    expect(sliderValue('2149.9999999999995', nodes)).toBe('2100');
    // Not a number at all: left as it is (the gateway says what is wrong with it).
    expect(sliderValue('', nodes)).toBe('');
  });
});
