import type { Parameter } from '../api.js';
import { h, uid } from '../dom.js';
import { isDecimal, parameterText } from '../format.js';

/**
 * A what-if control's range: slider bounds derived from the parameter's kind and value, as exact
 * decimal text (never a float's `toString`: no `0.00010000000000000002`).
 */
export interface ControlRange {
  min: string;
  max: string;
  step: string;
}

/** An exact decimal: `units × 10^-scale`. */
interface Fixed {
  units: bigint;
  scale: number;
}

const FLOAT_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A decimal or a float's text (`7e-4`, as a slider may report it) as an exact decimal; null if neither. */
function fixed(text: string): Fixed | null {
  const match = FLOAT_TEXT.exec(text.trim());
  if (!match || `${match[2]}${match[3] ?? ''}` === '') return null;
  const fraction = match[3] ?? '';
  const exponent = Number(match[4] ?? '0');
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return null;
  let units = BigInt(`${match[2]}${fraction}` || '0');
  let scale = fraction.length - exponent;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: match[1] === '-' ? -units : units, scale };
}

/** `x`'s units at a scale at least its own. */
function at(x: Fixed, scale: number): bigint {
  return x.units * 10n ** BigInt(scale - x.scale);
}

/** Floor division for a positive divisor. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/** Plain decimal text, trailing fraction zeros dropped. */
function text(x: Fixed): string {
  const negative = x.units < 0n;
  const digits = (negative ? -x.units : x.units).toString().padStart(x.scale + 1, '0');
  const whole = digits.slice(0, digits.length - x.scale);
  const fraction = digits.slice(digits.length - x.scale).replace(/0+$/, '');
  const body = fraction ? `${whole}.${fraction}` : whole;
  return negative && body !== '0' ? `-${body}` : body;
}

/** The first of 1, 2, 5, 10 × 10^floor(log10 raw) at least `raw` (raw > 0), exactly. */
function niceStep(raw: Fixed): Fixed {
  const exponent = raw.units.toString().length - 1 - raw.scale;
  const scale = Math.max(raw.scale, -exponent, 0);
  const power = 10n ** BigInt(scale + exponent);
  const target = at(raw, scale);
  const multiple = [1n, 2n, 5n, 10n].find((m) => m * power >= target) ?? 10n;
  return { units: multiple * power, scale };
}

/**
 * The slider range of a parameter, from its kind and served value alone (the schema has no bounds,
 * so any adapter's parameters get controls): a RATE from 0 to 1 in steps of 0.01; an INTEGER or a
 * DECIMAL from half to two and a half times its value (Session's 2,000 nodes: 1,000–5,000) in a
 * 1-2-5 step near a fortieth of that span (a decimal's minimum rounded down onto the step); null
 * for kinds a slider cannot vary (instants, durations, lists, addresses, words) and for a zero
 * amount (no scale to vary it on). All in exact decimal arithmetic, as decimal text.
 *
 * @example
 * ```ts
 * import { controlRange } from './controls.js';
 *
 * controlRange({ kind: 'INTEGER', value: '2000' }); // { min: '1000', max: '5000', step: '100' }
 * controlRange({ kind: 'RATE', value: '0.5' }); // { min: '0', max: '1', step: '0.01' }
 * controlRange({ kind: 'DECIMAL', value: '0.0007' }); // { min: '0.00035', max: '0.00175', step: '0.00005' }
 * controlRange({ kind: 'INSTANT', value: '2025-05-21T00:00:00.000Z' }); // null
 * ```
 */
export function controlRange(parameter: Pick<Parameter, 'kind' | 'value'>): ControlRange | null {
  if (!isDecimal(parameter.value)) return null;
  if (parameter.kind === 'RATE') return { min: '0', max: '1', step: '0.01' };
  if (parameter.kind !== 'INTEGER' && parameter.kind !== 'DECIMAL') return null;
  const value = fixed(parameter.value);
  if (!value || value.units <= 0n) return null;
  const one = 10n ** BigInt(value.scale);
  if (parameter.kind === 'INTEGER' || value.units % one === 0n) {
    // Whole numbers: min ⌊v/2⌋ (at least 1), max ⌈2.5 v⌉, a whole step.
    const min = floorDiv(value.units, 2n * one) > 1n ? floorDiv(value.units, 2n * one) : 1n;
    const max = -floorDiv(-value.units * 5n, 2n * one);
    const span = max - min;
    const nice = span > 0n ? niceStep({ units: span * 25n, scale: 3 }) : { units: 1n, scale: 0 };
    const whole = nice.units / 10n ** BigInt(nice.scale);
    return { min: min.toString(), max: max.toString(), step: (whole > 1n ? whole : 1n).toString() };
  }
  // v/2 to 2.5 v (a span of 2 v), stepped near v/20, the minimum rounded down onto the step.
  const half: Fixed = { units: value.units * 5n, scale: value.scale + 1 };
  const max: Fixed = { units: value.units * 25n, scale: value.scale + 1 };
  const step = niceStep({ units: value.units * 5n, scale: value.scale + 2 });
  const scale = Math.max(half.scale, step.scale);
  const steps = floorDiv(at(half, scale), at(step, scale));
  return { min: text({ units: steps * step.units, scale: step.scale }), max: text(max), step: text(step) };
}

/**
 * The value a slider settled on, as the override to send: the slider's reported value (a float's
 * text, noise and exponents included: `0.0007000000000000001`, `7e-4`) snapped to the nearest step
 * of `range` from its minimum (ties up), kept within the range, as exact decimal text. A value that
 * is not a number at all comes back as it is.
 *
 * @example
 * ```ts
 * import { controlRange, sliderValue } from './controls.js';
 *
 * const range = controlRange({ kind: 'DECIMAL', value: '0.0007' })!; // 0.00035–0.00175 by 0.00005
 * sliderValue('0.0007000000000000001', range); // '0.0007'
 * sliderValue('7.5e-4', range); // '0.00075'
 * sliderValue(String(0.1 + 0.2), { min: '0', max: '1', step: '0.01' }); // '0.3'
 * ```
 */
export function sliderValue(reported: string, range: ControlRange): string {
  const value = fixed(reported);
  const min = fixed(range.min);
  const max = fixed(range.max);
  const step = fixed(range.step);
  if (!value || !min || !max || !step || step.units <= 0n) return reported;
  const scale = Math.max(value.scale, min.scale, max.scale, step.scale);
  const size = at(step, scale);
  const offset = at(value, scale) - at(min, scale);
  // Nearest step, ties up: ⌊(2·offset + size) / (2·size)⌋, within 0 … the last whole step below max.
  const nearest = offset > 0n ? floorDiv(2n * offset + size, 2n * size) : 0n;
  const last = floorDiv(at(max, scale) - at(min, scale), size);
  const steps = nearest < last ? nearest : last > 0n ? last : 0n;
  const exact = Math.max(min.scale, step.scale);
  return text({ units: at(min, exact) + steps * at(step, exact), scale: exact });
}

/** A what-if control on the page. */
export interface WhatIfControl {
  key: string;
  element: HTMLElement;
  /** Shows a value (after a reload, or a reset) without committing it. */
  show(value: string): void;
}

/**
 * A labelled what-if control for one parameter: a slider over {@link controlRange} and a number
 * field for an exact value (both labelled, keyboard-operable), and the value in words. `commit`
 * runs when the user settles on a value (slider released or stepped by keyboard, field changed).
 *
 * @example
 * ```ts
 * import { whatIfControl } from './controls.js';
 *
 * const control = whatIfControl(
 *   { key: 'networkSize', label: 'Network size', kind: 'INTEGER', value: '2000', unit: 'nodes', assumption: false, description: '', source: '' },
 *   (value) => console.log(value),
 * );
 * document.body.append(control!.element);
 * ```
 */
export function whatIfControl(parameter: Parameter, commit: (value: string) => void): WhatIfControl | null {
  const range = controlRange(parameter);
  if (!range) return null;
  const sliderId = uid(`whatif-${parameter.key}`);
  const fieldId = uid(`whatif-${parameter.key}-exact`);
  const outputId = uid(`whatif-${parameter.key}-shown`);
  const slider = h('input', {
    type: 'range',
    id: sliderId,
    min: range.min,
    max: range.max,
    step: range.step,
    value: parameter.value,
    'data-key': parameter.key,
    'aria-describedby': outputId,
  });
  const field = h('input', {
    type: 'number',
    id: fieldId,
    min: parameter.kind === 'RATE' ? 0 : undefined,
    max: parameter.kind === 'RATE' ? 1 : undefined,
    step: 'any',
    value: parameter.value,
    inputmode: 'decimal',
    'data-key': parameter.key,
    'data-exact': 'true',
  });
  const output = h('output', { id: outputId, for: `${sliderId} ${fieldId}` }, parameterText(parameter));
  const describe = (value: string) => {
    output.textContent = isDecimal(value) ? parameterText({ ...parameter, value }) : value;
  };
  // The slider reports floats (0.0007000000000000001): what is shown and sent is the exact step.
  slider.addEventListener('input', () => {
    const value = sliderValue(slider.value, range);
    field.value = value;
    describe(value);
  });
  slider.addEventListener('change', () => commit(sliderValue(slider.value, range)));
  field.addEventListener('change', () => {
    const value = field.value.trim();
    slider.value = value;
    describe(value);
    commit(value);
  });
  const element = h(
    'div',
    { class: 'control' },
    h(
      'label',
      { for: sliderId },
      parameter.label,
      parameter.assumption ? h('span', { class: 'badge' }, 'assumption') : null,
    ),
    h(
      'div',
      { class: 'control-inputs' },
      slider,
      h('label', { class: 'visually-hidden', for: fieldId }, `${parameter.label}, exact value`),
      field,
    ),
    output,
  );
  return {
    key: parameter.key,
    element,
    show(value) {
      slider.value = value;
      field.value = value;
      describe(value);
    },
  };
}
