import type { Parameter } from '../api.js';
import { h, uid } from '../dom.js';
import { isDecimal, parameterText } from '../format.js';

/** A what-if control's range: slider bounds derived from the parameter's kind and value. */
export interface ControlRange {
  min: number;
  max: number;
  step: number;
}

function niceStep(span: number, integer: boolean): number {
  const raw = span / 40;
  if (raw <= 0) return integer ? 1 : 0.01;
  const power = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw) ?? raw;
  return integer ? Math.max(1, Math.round(nice)) : nice;
}

/**
 * The slider range of a parameter, from its kind and served value alone (the schema has no bounds,
 * so any adapter's parameters get controls): a RATE from 0 to 1 in steps of 0.01; an INTEGER or a
 * DECIMAL from half to two and a half times its value (Session's 2,000 nodes: 1,000–5,000); null
 * for kinds a slider cannot vary (instants, durations, lists, addresses, words) and for a zero
 * amount (no scale to vary it on).
 *
 * @example
 * ```ts
 * import { controlRange } from './controls.js';
 *
 * controlRange({ kind: 'INTEGER', value: '2000' }); // { min: 1000, max: 5000, step: 100 }
 * controlRange({ kind: 'RATE', value: '0.5' }); // { min: 0, max: 1, step: 0.01 }
 * controlRange({ kind: 'INSTANT', value: '2025-05-21T00:00:00.000Z' }); // null
 * ```
 */
export function controlRange(parameter: Pick<Parameter, 'kind' | 'value'>): ControlRange | null {
  if (!isDecimal(parameter.value)) return null;
  if (parameter.kind === 'RATE') return { min: 0, max: 1, step: 0.01 };
  if (parameter.kind !== 'INTEGER' && parameter.kind !== 'DECIMAL') return null;
  const value = Number(parameter.value);
  if (!(value > 0)) return null;
  const integer = parameter.kind === 'INTEGER' || Number.isInteger(value);
  const min = integer ? Math.max(1, Math.floor(value / 2)) : value / 2;
  const max = integer ? Math.ceil(value * 2.5) : value * 2.5;
  const step = niceStep(max - min, integer);
  return { min: integer ? min : Math.floor(min / step) * step, max, step };
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
  slider.addEventListener('input', () => {
    field.value = slider.value;
    describe(slider.value);
  });
  slider.addEventListener('change', () => commit(slider.value));
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
