/** Attributes of {@link h}: strings set as attributes, `text` as text content, `on*` functions as listeners. */
export type Attributes = Record<
  string,
  string | number | boolean | null | undefined | ((event: Event) => void)
>;

/**
 * Creates an element with attributes and children (strings become text nodes): the page's only
 * templating, so no HTML is ever parsed from data (API text cannot inject markup).
 *
 * @example
 * ```ts
 * import { h } from './dom.js';
 *
 * const cell = h('td', { class: 'num', 'data-value': '12.5' }, '12.5 SESH');
 * ```
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

let nextId = 0;

/**
 * A page-unique element id with a readable prefix (labels and `aria-describedby` need ids).
 *
 * @example
 * ```ts
 * import { uid } from './dom.js';
 *
 * uid('fee'); // 'fee-1'
 * ```
 */
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
