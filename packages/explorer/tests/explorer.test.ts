import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatAmount, formatPercent } from '@tokenomics/client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, buildExplorer, launchChromium } from './browser.js';
import { type ExplorerGateway, startGateway } from './gateway.js';

// Real Chromium against a real gateway on loopback: generous limits, never timing assertions.
const BROWSER_TIMEOUT = 120_000;

let dist: string;
let gateway: ExplorerGateway;
let browser: Browser;

/** What the page exposes for tests (window.__explorer). */
interface PageState {
  charts: Record<string, { at: string[]; series: Record<string, (string | null)[]>; markers: unknown[] }>;
  firstChartMs?: number;
  locale: string;
  pending: number;
}

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are read by shape in tests
async function graphql(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(gateway.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  expect(body.errors).toBeUndefined();
  return body.data;
}

const state = (page: Page) =>
  page.evaluate(() => (window as unknown as { __explorer: PageState }).__explorer);

/**
 * Waits until `ready(arg)` holds in the page, then until no request is in flight. Predicates are
 * functions (sent over CDP): the page's CSP forbids eval, so string expressions cannot run there.
 */
async function settled<Arg>(page: Page, ready: (arg: Arg) => unknown, arg: Arg): Promise<void> {
  await page.waitForFunction(ready as (arg: unknown) => unknown, arg as unknown, {
    timeout: 30_000,
    polling: 50,
  });
  await page.waitForFunction(
    () => (window as unknown as { __explorer?: PageState }).__explorer?.pending === 0,
    undefined,
    {
      timeout: 30_000,
      polling: 50,
    },
  );
}

/** In the page: both charts of a protocol drawn and its figures shown. */
const chartsDrawn = (id: string) => {
  const charts = (window as unknown as { __explorer?: PageState }).__explorer?.charts ?? {};
  return Boolean(
    charts[`supply:${id}`] &&
      charts[`emission:${id}`] &&
      document.querySelector(`#panel-${id} [data-figure="apr"]`),
  );
};

/** In the page: an element matches `selector` (and its text contains `text`, when given). */
const present = ([selector, text]: [string, string?]) => {
  const element = document.querySelector(selector);
  return Boolean(element && (text === undefined || element.textContent?.includes(text)));
};

/** A headline figure as shown: its exact value, its text, and the instant it is for. */
async function figureValue(
  page: Page,
  id: string,
  figure: string,
): Promise<{ value: string; text: string; at: string }> {
  const element = page.locator(`#panel-${id} [data-figure="${figure}"]`);
  return {
    value: (await element.getAttribute('data-value')) ?? '',
    text: (await element.textContent()) ?? '',
    at: (await element.getAttribute('data-at')) ?? '',
  };
}

/** The API's staking APR of a protocol at an instant with overrides. */
async function aprAt(
  id: string,
  at: string,
  overrides: { key: string; value: string }[] = [],
): Promise<string> {
  const data = await graphql(
    'query($id: ID!, $at: DateTime, $overrides: [ParameterOverride!]) { protocol(id: $id) { rewards(at: $at, overrides: $overrides) { stakingApr } } }',
    { id, at, overrides },
  );
  return data.protocol.rewards.stakingApr;
}

/** In the page: the protocol's APR figure is no longer `value`. */
const aprChanged = ([id, value]: [string, string]) => {
  const shown = document.querySelector<HTMLElement>(`#panel-${id} [data-figure="apr"]`)?.dataset.value;
  return shown !== undefined && shown !== value;
};

beforeAll(async () => {
  dist = await buildExplorer();
  gateway = await startGateway(dist);
  browser = await launchChromium();
}, BROWSER_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  if (dist) await rm(dist, { recursive: true, force: true });
});

describe('the explorer in Chromium, against a gateway on loopback', () => {
  it(
    "draws the supply and emission charts with the API's numbers (the last plotted point is the GraphQL figure at that instant), within a second",
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      await page.goto(`${gateway.origin}/`);
      await settled(page, chartsDrawn, 'session');
      const shown = await state(page);

      // Load time: navigation start → first chart drawn (measured in the page; asserted generously).
      const firstChartMs = shown.firstChartMs ?? Number.POSITIVE_INFINITY;
      await writeFile(
        join(ARTIFACTS, 'load-time.txt'),
        `navigation start → first chart drawn: ${firstChartMs.toFixed(0)} ms\n`,
      );
      console.info(`explorer: first chart drawn ${firstChartMs.toFixed(0)} ms after navigation start`);
      expect(firstChartMs).toBeLessThan(15_000);

      const supply = shown.charts['supply:session']!;
      expect(supply.at.length).toBeGreaterThan(12);
      const last = supply.at.length - 1;
      const lastAt = supply.at[last]!;
      const data = await graphql(
        'query($at: DateTime) { protocol(id: "session") { supply(at: $at) { total circulating liquid } } }',
        { at: lastAt },
      );
      expect(supply.series.total![last]).toBe(data.protocol.supply.total);
      expect(supply.series.circulating![last]).toBe(data.protocol.supply.circulating);
      expect(supply.series.liquid![last]).toBe(data.protocol.supply.liquid);
      // The first point is the range's start, today at midnight UTC.
      const today = new Date();
      expect(supply.at[0]).toBe(
        new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())).toISOString(),
      );
      expect(supply.series.pool![0]).not.toBeNull();

      // The unlock events of the range, marked on the chart and listed in words.
      const scheduled = await graphql(
        'query($from: DateTime, $to: DateTime) { protocol(id: "session") { unlocks(from: $from, to: $to) { bucket start } } }',
        { from: supply.at[0], to: lastAt },
      );
      expect(scheduled.protocol.unlocks.length).toBeGreaterThan(0);
      expect(supply.markers).toEqual(
        scheduled.protocol.unlocks.map((unlock: { bucket: string; start: string }) => ({
          at: unlock.start,
          label: `${unlock.bucket} unlock`,
        })),
      );
      expect(await page.locator('#panel-session .unlocks li').count()).toBe(
        scheduled.protocol.unlocks.length,
      );

      const emission = shown.charts['emission:session']!;
      const rates = await graphql(
        'query($at: DateTime) { protocol(id: "session") { rewards(at: $at) { stakingApr emissionRate } } }',
        { at: emission.at[emission.at.length - 1] },
      );
      expect(emission.series.emissionRate!.at(-1)).toBe(rates.protocol.rewards.emissionRate);
      expect(emission.series.stakingApr!.at(-1)).toBe(rates.protocol.rewards.stakingApr);

      // The headline figures: the API's exact values, shown through the client's formatting.
      const circulating = await figureValue(page, 'session', 'circulating');
      const apr = await figureValue(page, 'session', 'apr');
      const now = await graphql(
        'query($s: DateTime, $r: DateTime) { protocol(id: "session") { supply(at: $s) { circulating } rewards(at: $r) { stakingApr } } }',
        { s: circulating.at, r: apr.at },
      );
      expect(circulating.value).toBe(now.protocol.supply.circulating);
      expect(circulating.text).toBe(
        `${formatAmount(now.protocol.supply.circulating, { maxFractionDigits: 2, locale: shown.locale })} SESH`,
      );
      expect(apr.value).toBe(now.protocol.rewards.stakingApr);
      expect(apr.text).toBe(
        `${formatPercent(now.protocol.rewards.stakingApr, { locale: shown.locale })} per year`,
      );

      // The page as a first visitor sees it (the README's picture, docs/explorer.png, is live.test.ts's:
      // observed points over the modelled lines).
      await page.screenshot({
        path: join(ARTIFACTS, 'explorer-first-visit.png'),
        fullPage: true,
        clip: { x: 0, y: 0, width: 1280, height: 1560 },
      });

      // Each figure explains itself: the tooltip is the derivation, shown on focus.
      const how = page.locator('#panel-session [data-figure="circulating"] + button.how');
      await how.focus();
      const tip = page.locator(`#${await how.getAttribute('aria-describedby')}`);
      await expect.poll(() => tip.isVisible()).toBe(true);
      expect(await tip.textContent()).toContain('circulating = total');

      // The parameters table: values, units, sources, assumption flags.
      expect(
        await page.locator('#panel-session tr[data-parameter="networkSize"] td').first().textContent(),
      ).toBe(`${formatAmount('2000', { maxFractionDigits: 0, locale: shown.locale })} nodes`);
      expect(await page.locator('#panel-session tr[data-parameter]').count()).toBeGreaterThan(10);

      expect(await page.locator('#page-alert').textContent()).toBe('');
      await page.screenshot({ path: join(ARTIFACTS, 'explorer-session.png'), fullPage: true });
      expect(consoleErrors).toEqual([]);
      await page.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    "what-if controls re-query with the override and show the API's figure for it (keyboard and pointer)",
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${gateway.origin}/#session`);
      await settled(page, chartsDrawn, 'session');
      const before = await figureValue(page, 'session', 'apr');

      // Session's network size by keyboard: one step right on the slider (1,000–5,000, steps of 100).
      const slider = page.locator('#panel-session input[type="range"][data-key="networkSize"]');
      expect(await slider.getAttribute('min')).toBe('1000');
      expect(await slider.getAttribute('max')).toBe('5000');
      await slider.focus();
      await page.keyboard.press('ArrowRight');
      await settled(page, aprChanged, ['session', before.value]);
      const at2100 = await figureValue(page, 'session', 'apr');
      expect(at2100.value).toBe(await aprAt('session', at2100.at, [{ key: 'networkSize', value: '2100' }]));

      // An exact value typed into the field.
      const field = page.locator('#panel-session input[type="number"][data-key="networkSize"]');
      await field.fill('3000');
      await field.press('Enter');
      await settled(page, aprChanged, ['session', at2100.value]);
      const at3000 = await figureValue(page, 'session', 'apr');
      expect(at3000.value).toBe(await aprAt('session', at3000.at, [{ key: 'networkSize', value: '3000' }]));
      expect(await page.locator('#panel-session .overrides').textContent()).toContain('networkSize = 3000');
      // The charts were asked again with the override: the APR plotted at the start is the new one.
      const redrawn = (await state(page)).charts['emission:session']!;
      expect(redrawn.series.stakingApr![0]).toBe(
        await aprAt('session', redrawn.at[0]!, [{ key: 'networkSize', value: '3000' }]),
      );

      // Synternet's bonded ratio and community tax (RATE sliders, 0–1).
      await page.getByRole('tab', { name: 'Synternet' }).click();
      await settled(page, chartsDrawn, 'synternet');
      const published = await figureValue(page, 'synternet', 'apr');
      await page.locator('#panel-synternet input[type="range"][data-key="bondedRatio"]').fill('0.3');
      await settled(page, aprChanged, ['synternet', published.value]);
      const bonded = await figureValue(page, 'synternet', 'apr');
      expect(bonded.value).toBe(await aprAt('synternet', bonded.at, [{ key: 'bondedRatio', value: '0.3' }]));
      await page.locator('#panel-synternet input[type="range"][data-key="communityTax"]').fill('0.1');
      await settled(page, aprChanged, ['synternet', bonded.value]);
      const taxed = await figureValue(page, 'synternet', 'apr');
      expect(taxed.value).toBe(
        await aprAt('synternet', taxed.at, [
          { key: 'bondedRatio', value: '0.3' },
          { key: 'communityTax', value: '0.1' },
        ]),
      );
      // At the same instant, the tax lowers the APR by exactly 10 %.
      expect(
        await aprAt('synternet', taxed.at, [
          { key: 'bondedRatio', value: '0.3' },
          { key: 'communityTax', value: '0.1' },
        ]),
      ).not.toBe(await aprAt('synternet', taxed.at, [{ key: 'bondedRatio', value: '0.3' }]));
      // A decimal slider with an awkward step (the 0.001 SYNT fee minimum: 0.0005–0.0025 by 0.00005),
      // one step right by keyboard: the override sent is exact decimal text, not the slider's float.
      const sent: string[] = [];
      page.on('request', (request) => {
        const body = request.postData();
        if (request.url() === gateway.graphqlUrl && body?.includes('messageFeeMinimum')) sent.push(body);
      });
      const minimum = page.locator('#panel-synternet input[type="range"][data-key="messageFeeMinimum"]');
      expect(await minimum.getAttribute('step')).toBe('0.00005');
      expect(await minimum.getAttribute('min')).toBe('0.0005');
      await minimum.focus();
      await page.keyboard.press('ArrowRight');
      await settled(page, present, ['#panel-synternet .overrides', 'messageFeeMinimum = 0.00105']);
      expect(sent.length).toBeGreaterThan(0);
      for (const body of sent) {
        const overrides = (JSON.parse(body) as { variables: { overrides: { key: string; value: string }[] } })
          .variables.overrides;
        expect(overrides.find((override) => override.key === 'messageFeeMinimum')?.value).toBe('0.00105');
      }
      expect(
        await page.locator('#panel-synternet input[data-exact][data-key="messageFeeMinimum"]').inputValue(),
      ).toBe('0.00105');
      await page.screenshot({ path: join(ARTIFACTS, 'explorer-what-if.png'), fullPage: true });

      // Reset: back to the published model.
      await page.locator('#panel-synternet button', { hasText: 'Reset what-ifs' }).click();
      await settled(page, aprChanged, ['synternet', taxed.value]);
      const reset = await figureValue(page, 'synternet', 'apr');
      expect(reset.value).toBe(await aprAt('synternet', reset.at));
      expect(await page.locator('#panel-synternet .overrides').textContent()).toBe(
        'Model as published: no what-ifs.',
      );
      await page.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    "the fee calculator shows quoteFee's total, the slashing simulator simulatePenalty's outcome",
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${gateway.origin}/#synternet`);
      await settled(page, chartsDrawn, 'synternet');
      const panel = page.locator('#panel-synternet');
      await panel.getByLabel('Fee', { exact: true }).selectOption('pay-per-message');
      await panel.getByLabel('Quantity (units bought)').fill('3');
      await panel.getByLabel(/^Unit price/).fill('0.0123');
      await panel.getByRole('button', { name: 'Quote' }).click();
      await settled(page, present, ['#panel-synternet [data-out="total"]']);
      const quote = await graphql(
        '{ protocol(id: "synternet") { quoteFee(input: { fee: "pay-per-message", quantity: "3", unitPrice: "0.0123" }) { total } } }',
      );
      expect(await panel.locator('[data-out="total"]').getAttribute('data-value')).toBe(
        quote.protocol.quoteFee.total,
      );

      await panel.getByLabel('Rule').selectOption('double-sign');
      await panel.getByLabel(/^Stakes/).fill('10000, 250000.5');
      await panel.getByRole('button', { name: 'Simulate' }).click();
      await settled(page, present, ['#panel-synternet [data-out="slashedTotal"]']);
      const outcome = await graphql(
        '{ protocol(id: "synternet") { simulatePenalty(input: { rule: "double-sign", stakes: ["10000", "250000.5"] }) { slashedTotal tombstoned } } }',
      );
      expect(await panel.locator('[data-out="slashedTotal"]').getAttribute('data-value')).toBe(
        outcome.protocol.simulatePenalty.slashedTotal,
      );
      expect(await panel.locator('[data-result="penalty"]').textContent()).toContain('tombstoned');

      // A bad input is said in words, in the alert region.
      await panel.getByLabel('Quantity (units bought)').fill('-1');
      await panel.getByRole('button', { name: 'Quote' }).click();
      await settled(page, present, ['[data-alert="synternet"]', 'Fee calculator']);
      expect(await page.locator('[data-alert="synternet"]').textContent()).toMatch(
        /Fee calculator: .*BAD_INPUT/,
      );
      await page.screenshot({ path: join(ARTIFACTS, 'explorer-calculators.png'), fullPage: true });
      await page.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'an API error is shown in words where the chart would be, never a blank chart',
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${gateway.origin}/#session`);
      await settled(page, chartsDrawn, 'session');
      const panel = page.locator('#panel-session');
      await panel.getByLabel('From', { exact: true }).fill('2020-01-01');
      await panel.getByRole('button', { name: 'Draw' }).click();
      await settled(page, present, ['#panel-session [data-chart="supply"] .chart-error']);
      expect(await panel.locator('[data-chart="supply"]').textContent()).toMatch(
        /^Chart unavailable\. The gateway answered BAD_INPUT: /,
      );
      expect(await page.locator('[data-alert="session"]').textContent()).toMatch(
        /Supply chart: The gateway answered BAD_INPUT/,
      );
      await page.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'compares every configured protocol (APR, emission rate, circulating share), tabs by keyboard',
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${gateway.origin}/`);
      await settled(page, chartsDrawn, 'session');
      // Keyboard: the arrow keys move between tabs (WAI-ARIA tabs).
      await page.getByRole('tab', { name: 'Session' }).focus();
      await page.keyboard.press('ArrowRight');
      await expect
        .poll(() => page.getByRole('tab', { name: 'Synternet' }).getAttribute('aria-selected'))
        .toBe('true');
      await page.keyboard.press('End');
      await expect
        .poll(() => page.getByRole('tab', { name: 'Compare' }).getAttribute('aria-selected'))
        .toBe('true');
      const data = await graphql(
        '{ protocols { id rewards { stakingApr emissionRate } supply { circulating total } } }',
      );
      expect(await page.locator('#panel-compare tbody tr').count()).toBe(data.protocols.length);
      for (const listed of data.protocols) {
        const row = page.locator(`#panel-compare tr[data-protocol="${listed.id}"]`);
        const at = await graphql(
          'query($id: ID!, $r: DateTime, $s: DateTime) { protocol(id: $id) { rewards(at: $r) { stakingApr emissionRate } supply(at: $s) { circulating total } } }',
          {
            id: listed.id,
            r: await row.getAttribute('data-rewards-at'),
            s: await row.getAttribute('data-supply-at'),
          },
        );
        const protocol = at.protocol;
        expect(await row.locator('[data-col="apr"]').getAttribute('data-value')).toBe(
          protocol.rewards.stakingApr,
        );
        expect(await row.locator('[data-col="emission"]').getAttribute('data-value')).toBe(
          protocol.rewards.emissionRate,
        );
        const share = await row.locator('[data-col="share"]').getAttribute('data-value');
        // circulating / total to 18 places, truncated: 0 ≤ circulating × 10^18 − share × 10^18 × total < total.
        expect(share).toMatch(/^0\.\d{1,18}$/);
        const units = (value: string, places: number) => {
          const [whole = '0', fraction = ''] = value.split('.');
          return BigInt(whole + fraction.padEnd(places, '0'));
        };
        const places = Math.max(
          ...[protocol.supply.total, protocol.supply.circulating].map(
            (v: string) => v.split('.')[1]?.length ?? 0,
          ),
        );
        const total = units(protocol.supply.total, places);
        const gap = units(protocol.supply.circulating, places) * 10n ** 18n - units(share!, 18) * total;
        expect(gap >= 0n && gap < total).toBe(true);
      }
      await page.screenshot({ path: join(ARTIFACTS, 'explorer-compare.png'), fullPage: true });
      await page.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'is usable at phone width (360 px): no horizontal scroll, charts drawn',
    async () => {
      const context = await browser.newContext({
        viewport: { width: 360, height: 780 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      await page.goto(`${gateway.origin}/`);
      await settled(page, chartsDrawn, 'session');
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(widths.client).toBe(360);
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      const chartWidth = await page
        .locator('#panel-session [data-chart="supply"] canvas')
        .evaluate((canvas) => canvas.getBoundingClientRect().width);
      expect(chartWidth).toBeGreaterThan(250);
      expect(chartWidth).toBeLessThanOrEqual(360);
      await page.screenshot({ path: join(ARTIFACTS, 'explorer-phone.png'), fullPage: true });
      await context.close();
    },
    BROWSER_TIMEOUT,
  );
});
