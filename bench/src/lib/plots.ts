/**
 * The bench's plots: an SVG built here, rasterized to PNG with resvg
 * (`@resvg/resvg-js`, a prebuilt native binary from npm: no browser, no
 * canvas, no system libraries; text in the machine's own fonts).
 */
import { writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

/** One bar: a label, its value and, when there is one, the goal it is judged against. */
export interface Bar {
  label: string;
  value: number;
  /** The target (a ratio): drawn as a tick; the bar is green when met. */
  goal?: number;
  /** true: the goal is an upper bound (met when value ≤ goal). */
  atMost?: boolean;
}

/** One line of a line chart. */
export interface Series {
  name: string;
  points: Array<{ x: number; y: number }>;
}

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c'];
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (value: number) =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);

/**
 * Horizontal bars (one per scenario), a dashed line at 1 (bare yoga, or `one`) and each goal as a tick.
 *
 * @example
 * ```ts
 * import { barChart } from './plots.js';
 * const svg = barChart('Throughput ÷ bare yoga', [{ label: 'hit', value: 3.1, goal: 2.5 }]);
 * ```
 */
export function barChart(
  title: string,
  bars: readonly Bar[],
  unit = '×',
  /** What the dashed line at 1 stands for. */
  one = 'bare yoga { hello }',
): string {
  const width = 900;
  const left = 300;
  const right = 70;
  const rowHeight = 30;
  const top = 50;
  const height = top + bars.length * rowHeight + 40;
  const max = Math.max(1, ...bars.map((bar) => Math.max(bar.value, bar.goal ?? 0))) * 1.08;
  const x = (value: number) => left + ((width - left - right) * value) / max;
  const parts: string[] = [
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="28" font-size="18" text-anchor="middle" font-family="DejaVu Sans, sans-serif">${escapeXml(title)}</text>`,
  ];
  bars.forEach((bar, i) => {
    const y = top + i * rowHeight;
    const met = bar.goal === undefined ? null : bar.atMost ? bar.value <= bar.goal : bar.value >= bar.goal;
    const fill = met === null ? '#64748b' : met ? '#16a34a' : '#dc2626';
    parts.push(
      `<text x="${left - 8}" y="${y + 19}" font-size="13" text-anchor="end" font-family="DejaVu Sans, sans-serif">${escapeXml(bar.label)}</text>`,
      `<rect x="${left}" y="${y + 5}" width="${Math.max(1, x(bar.value) - left)}" height="${rowHeight - 10}" fill="${fill}"/>`,
      `<text x="${x(bar.value) + 5}" y="${y + 19}" font-size="12" font-family="DejaVu Sans, sans-serif">${num(bar.value)}${unit}</text>`,
    );
    if (bar.goal !== undefined)
      parts.push(
        `<line x1="${x(bar.goal)}" x2="${x(bar.goal)}" y1="${y + 2}" y2="${y + rowHeight - 2}" stroke="#111827" stroke-width="3"/>`,
      );
  });
  const axisY = top + bars.length * rowHeight + 5;
  parts.push(
    `<line x1="${x(1)}" x2="${x(1)}" y1="${top}" y2="${axisY}" stroke="#111827" stroke-dasharray="4 3"/>`,
    `<text x="${x(1)}" y="${axisY + 16}" font-size="12" text-anchor="middle" font-family="DejaVu Sans, sans-serif">1 = ${one}; black tick = goal</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/**
 * Lines over a linear x axis, with axis labels and a legend.
 *
 * @example
 * ```ts
 * import { lineChart } from './plots.js';
 * const svg = lineChart('µs per point', 'years', 'µs', [{ name: 'schedule', points: [{ x: 1, y: 5 }, { x: 27, y: 6 }] }]);
 * ```
 */
export function lineChart(title: string, xLabel: string, yLabel: string, series: readonly Series[]): string {
  const width = 900;
  const height = 480;
  const left = 80;
  const right = 200;
  const top = 50;
  const bottom = 60;
  const all = series.flatMap((s) => s.points);
  const maxX = Math.max(1, ...all.map((p) => p.x));
  const maxY = Math.max(1e-9, ...all.map((p) => p.y)) * 1.1;
  const x = (value: number) => left + ((width - left - right) * value) / maxX;
  const y = (value: number) => height - bottom - ((height - top - bottom) * value) / maxY;
  const parts: string[] = [
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${(width - right + left) / 2}" y="28" font-size="18" text-anchor="middle" font-family="DejaVu Sans, sans-serif">${escapeXml(title)}</text>`,
    `<line x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}" stroke="#111827"/>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${height - bottom}" stroke="#111827"/>`,
    `<text x="${(width - right + left) / 2}" y="${height - 15}" font-size="13" text-anchor="middle" font-family="DejaVu Sans, sans-serif">${escapeXml(xLabel)}</text>`,
    `<text x="20" y="${(height - bottom + top) / 2}" font-size="13" text-anchor="middle" transform="rotate(-90 20 ${(height - bottom + top) / 2})" font-family="DejaVu Sans, sans-serif">${escapeXml(yLabel)}</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const value = (maxY * i) / 4;
    parts.push(
      `<line x1="${left - 4}" x2="${width - right}" y1="${y(value)}" y2="${y(value)}" stroke="#e5e7eb"/>`,
      `<text x="${left - 8}" y="${y(value) + 4}" font-size="11" text-anchor="end" font-family="DejaVu Sans, sans-serif">${num(value)}</text>`,
    );
  }
  const xs = [...new Set(all.map((p) => p.x))].sort((a, b) => a - b);
  for (const value of xs)
    parts.push(
      `<text x="${x(value)}" y="${height - bottom + 16}" font-size="11" text-anchor="middle" font-family="DejaVu Sans, sans-serif">${num(value)}</text>`,
    );
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const points = [...s.points].sort((a, b) => a.x - b.x);
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2.5" points="${points.map((p) => `${x(p.x)},${y(p.y)}`).join(' ')}"/>`,
      ...points.map(
        (p) =>
          `<circle cx="${x(p.x)}" cy="${y(p.y)}" r="4" fill="${color}"/><text x="${x(p.x) + 6}" y="${y(p.y) - 6}" font-size="11" font-family="DejaVu Sans, sans-serif">${num(p.y)}</text>`,
      ),
      `<rect x="${width - right + 15}" y="${top + i * 22}" width="14" height="14" fill="${color}"/>`,
      `<text x="${width - right + 35}" y="${top + i * 22 + 12}" font-size="12" font-family="DejaVu Sans, sans-serif">${escapeXml(s.name)}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** Rasterizes an SVG to a PNG file (white background, the system's fonts). */
export function writePng(path: string, svg: string): void {
  const png = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } })
    .render()
    .asPng();
  writeFileSync(path, png);
}
