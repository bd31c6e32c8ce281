import type { ProtocolSummary } from '../api.js';
import { h } from '../dom.js';
import { ratio } from '../exact.js';
import { amountText, percentText } from '../format.js';

interface Column {
  key: 'apr' | 'emission' | 'share';
  label: string;
  value(protocol: ProtocolSummary): string | null;
}

const COLUMNS: Column[] = [
  { key: 'apr', label: 'Staking APR', value: (p) => p.rewards?.stakingApr ?? null },
  { key: 'emission', label: 'Emission rate', value: (p) => p.rewards?.emissionRate ?? null },
  {
    key: 'share',
    label: 'Circulating share of total',
    value: (p) => (p.supply ? ratio(p.supply.circulating, p.supply.total, 18) : null),
  },
];

/**
 * Renders the comparison of every configured protocol (one row each, from `protocols { … }`, so an
 * added adapter appears without changes here): staking APR, emission rate and circulating share,
 * each exact as text with a bar scaled to the largest value of its column.
 *
 * @example
 * ```ts
 * import { renderCompare } from './compare.js';
 *
 * renderCompare(document.body, []);
 * ```
 */
export function renderCompare(panel: HTMLElement, protocols: readonly ProtocolSummary[]): void {
  const largest = new Map(
    COLUMNS.map((column) => [column.key, Math.max(0, ...protocols.map((p) => Number(column.value(p) ?? 0)))]),
  );
  const cell = (column: Column, protocol: ProtocolSummary) => {
    const value = column.value(protocol);
    if (value === null) return h('td', { 'data-col': column.key }, 'not served');
    // The bar's width is a pixel position (a float is fine there); the text is exact.
    const top = largest.get(column.key) ?? 0;
    const width = top > 0 ? Math.max(1, Math.round((Number(value) / top) * 100)) : 0;
    return h(
      'td',
      { 'data-col': column.key, 'data-value': value },
      h('span', { class: 'bar-text' }, percentText(value)),
      h(
        'span',
        { class: 'bar', 'aria-hidden': 'true' },
        h('span', { class: `bar-fill bar-${column.key}`, style: `width:${width}%` }),
      ),
    );
  };
  panel.replaceChildren(
    h('h2', {}, 'Compare protocols'),
    h(
      'p',
      { class: 'hint' },
      'Every protocol this gateway serves, at this instant, as the model has them with no what-ifs.',
    ),
    h(
      'div',
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Comparison table' },
      h(
        'table',
        { class: 'compare' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Protocol'),
            ...COLUMNS.map((c) => h('th', { scope: 'col' }, c.label)),
            h('th', { scope: 'col' }, 'Circulating / total'),
          ),
        ),
        h(
          'tbody',
          {},
          ...protocols.map((protocol) =>
            h(
              'tr',
              {
                'data-protocol': protocol.id,
                'data-rewards-at': protocol.rewards?.at,
                'data-supply-at': protocol.supply?.at,
              },
              h(
                'th',
                { scope: 'row' },
                `${protocol.name} (${protocol.token.symbol})`,
                protocol.source.error ? h('br') : null,
                protocol.source.error
                  ? h(
                      'span',
                      { class: 'error-text' },
                      `${protocol.source.error.code}: ${protocol.source.error.message}`,
                    )
                  : null,
              ),
              ...COLUMNS.map((column) => cell(column, protocol)),
              h(
                'td',
                { class: 'num' },
                protocol.supply
                  ? `${amountText(protocol.supply.circulating, protocol.token.symbol, 0)} / ${amountText(protocol.supply.total, protocol.token.symbol, 0)}`
                  : 'not served',
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
