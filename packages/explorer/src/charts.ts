import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from './dom.js';
import { dateText, LOCALE } from './format.js';

/** One line of a chart: its exact values as served (one per x, null where it has none). */
export interface ChartSeries {
  /** A stable key (`total`, `circulating`…): the test state and the legend use it. */
  key: string;
  label: string;
  color: string;
  /** The values as the gateway served them (exact text); floats are made only for pixel positions. */
  values: (string | null)[];
  /** Formats one exact value for the legend (the "tooltip" under the cursor). */
  format: (value: string) => string;
  /** Points only, no line (observed readings over a modelled curve). */
  pointsOnly?: boolean;
  dash?: number[];
}

/** A vertical marker (an unlock event) at an instant. */
export interface ChartMarker {
  at: Date;
  label: string;
}

/** What a chart draws. */
export interface ChartSpec {
  /** A stable name (`supply`, `emission`): the test state is kept under it. */
  name: string;
  /** The chart's accessible name. */
  title: string;
  xs: Date[];
  series: ChartSeries[];
  markers?: ChartMarker[];
  /** The y axis's tick text (tick positions are floats chosen by uPlot, not served figures). */
  axis: (tick: number) => string;
}

/** What the page exposes for tests and tools: every chart's plotted exact values. */
export interface PlottedChart {
  at: string[];
  series: Record<string, (string | null)[]>;
  markers: { at: string; label: string }[];
}

/** The page's state for tests (`window.__explorer`): plotted data, the first chart's time. */
export interface ExplorerState {
  charts: Record<string, PlottedChart>;
  /** Milliseconds from navigation start to the first chart drawn. */
  firstChartMs?: number;
  locale: string;
  /** Requests in flight: 0 when the page has settled. */
  pending: number;
  /** Each shown protocol's live updates: the watch's state, events received, the last event's height. */
  live: Record<string, { state: 'live' | 'retrying' | 'off'; events: number; height?: string | null }>;
}

declare global {
  interface Window {
    __explorer: ExplorerState;
  }
}

/**
 * The page's test state, created on first use.
 *
 * @example
 * ```ts
 * import { explorerState } from './charts.js';
 *
 * explorerState().pending; // 0 when no request is in flight
 * ```
 */
export function explorerState(): ExplorerState {
  window.__explorer ??= { charts: {}, locale: LOCALE, pending: 0, live: {} };
  return window.__explorer;
}

const monthFormat = new Intl.DateTimeFormat(LOCALE, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthText = (at: Date) => monthFormat.format(at);

const compact = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumSignificantDigits: 3 });

/**
 * Axis ticks of amounts in compact form ("240M"): a tick is a position uPlot chose, not a figure.
 *
 * @example
 * ```ts
 * import { compactTick } from './charts.js';
 *
 * compactTick(240_000_000); // '240M' in en-US
 * ```
 */
export function compactTick(tick: number): string {
  return compact.format(tick);
}

/**
 * Axis ticks of rates as percentages ("15%").
 *
 * @example
 * ```ts
 * import { percentTick } from './charts.js';
 *
 * percentTick(0.151); // '15.1%' in en-US
 * ```
 */
export function percentTick(tick: number): string {
  return new Intl.NumberFormat(LOCALE, { style: 'percent', maximumSignificantDigits: 3 }).format(tick);
}

/** A drawn chart: redraw on resize, destroy when replaced. */
export interface Chart {
  plot: uPlot;
  destroy(): void;
}

/**
 * Draws a line chart of exact values into `container` (replacing what it held): floats only for
 * pixel positions; the legend under the cursor shows each value's exact text; markers are dashed
 * vertical lines with their labels; the plotted values are kept in `window.__explorer.charts`.
 * The chart follows its container's width.
 *
 * @example
 * ```ts
 * import { drawChart, compactTick } from './charts.js';
 *
 * drawChart(document.body, {
 *   name: 'demo',
 *   title: 'Supply',
 *   xs: [new Date('2026-01-01Z'), new Date('2027-01-01Z')],
 *   series: [{ key: 'total', label: 'Total', color: '#1f4e9c', values: ['10', '12.5'], format: (v) => v }],
 *   axis: compactTick,
 * });
 * ```
 */
export function drawChart(container: HTMLElement, spec: ChartSpec): Chart {
  container.replaceChildren();
  container.setAttribute('role', 'img');
  container.setAttribute('aria-label', spec.title);
  const markers = spec.markers ?? [];
  const xs = spec.xs.map((at) => at.getTime() / 1000);
  const data: uPlot.AlignedData = [
    xs,
    ...spec.series.map((series) => series.values.map((value) => (value === null ? null : Number(value)))),
  ];
  const width = Math.max(280, Math.floor(container.clientWidth || 600));
  const options: uPlot.Options = {
    width,
    height: width < 500 ? 220 : 300,
    scales: { x: { time: true } },
    axes: [
      {
        values: (_u, ticks) => ticks.map((tick) => monthText(new Date(tick * 1000))),
        space: 70,
        stroke: '#333',
      },
      { values: (_u, ticks) => ticks.map(spec.axis), size: 64, stroke: '#333' },
    ],
    series: [
      { label: 'Date', value: (_u, raw) => (raw === null ? '—' : dateText(new Date(raw * 1000))) },
      ...spec.series.map(
        (series): uPlot.Series => ({
          label: series.label,
          stroke: series.color,
          width: 2,
          spanGaps: true,
          ...(series.dash ? { dash: series.dash } : {}),
          ...(series.pointsOnly
            ? { paths: () => null, points: { show: true, size: 7, fill: series.color } }
            : {}),
          // The legend shows the served text, never the float.
          value: (_u, _raw, _seriesIndex, index) => {
            const exact = index === null ? null : series.values[index];
            return exact === null || exact === undefined ? '—' : series.format(exact);
          },
        }),
      ),
    ],
    hooks: {
      draw: [
        (u) => {
          const { ctx } = u;
          const { top, height } = u.bbox;
          ctx.save();
          ctx.setLineDash([6, 4]);
          ctx.strokeStyle = '#8a3b00';
          ctx.fillStyle = '#8a3b00';
          ctx.lineWidth = 1.5 * uPlot.pxRatio;
          ctx.font = `${12 * uPlot.pxRatio}px system-ui, sans-serif`;
          for (const marker of markers) {
            const x = u.valToPos(marker.at.getTime() / 1000, 'x', true);
            if (!Number.isFinite(x) || x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
            ctx.fillText(marker.label, x + 4, top + 14 * uPlot.pxRatio);
          }
          ctx.restore();
        },
      ],
    },
  };
  const plot = new uPlot(options, data, container);
  const resize = new ResizeObserver(() => {
    const next = Math.max(280, Math.floor(container.clientWidth));
    if (next !== plot.width) plot.setSize({ width: next, height: next < 500 ? 220 : 300 });
  });
  resize.observe(container);
  const state = explorerState();
  state.charts[spec.name] = {
    at: spec.xs.map((at) => at.toISOString()),
    series: Object.fromEntries(spec.series.map((series) => [series.key, series.values])),
    markers: markers.map((marker) => ({ at: marker.at.toISOString(), label: marker.label })),
  };
  state.firstChartMs ??= performance.now();
  return {
    plot,
    destroy() {
      resize.disconnect();
      plot.destroy();
    },
  };
}

/**
 * Puts an error in words where a chart would be, so a failed query never leaves a blank chart.
 *
 * @example
 * ```ts
 * import { chartUnavailable } from './charts.js';
 *
 * chartUnavailable(document.body, 'supply', 'The gateway answered BAD_INPUT: `to` is before `from`');
 * ```
 */
export function chartUnavailable(container: HTMLElement, name: string, message: string): void {
  container.removeAttribute('role');
  container.removeAttribute('aria-label');
  container.replaceChildren(h('p', { class: 'chart-error' }, `Chart unavailable. ${message}`));
  delete explorerState().charts[name];
}
