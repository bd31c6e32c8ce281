import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SESH } from '@tokenomics/adapter-session/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, buildExplorer, launchChromium } from './browser.js';
import { type LiveExplorerGateway, startLiveGateway } from './gateway.js';

// Real Chromium against a real gateway on loopback, Session live on a fake Arbitrum with recorded
// history: generous limits, never timing assertions.
const BROWSER_TIMEOUT = 180_000;

/** What the page exposes for tests (window.__explorer). */
interface PageState {
  charts: Record<string, { at: string[]; series: Record<string, (string | null)[]> }>;
  pending: number;
  live: Record<string, { state: string; events: number; height?: string | null }>;
}

let dist: string;
let gateway: LiveExplorerGateway;
let browser: Browser;
/** The heights recorded before the page opens, oldest first. */
const recorded: bigint[] = [];

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

/** Waits until `ready(arg)` holds in the page, then until no request is in flight. */
async function settled<Arg>(page: Page, ready: (arg: Arg) => unknown, arg: Arg): Promise<void> {
  await page.waitForFunction(ready as (arg: unknown) => unknown, arg as unknown, {
    timeout: 60_000,
    polling: 50,
  });
  await page.waitForFunction(
    () => (window as unknown as { __explorer?: PageState }).__explorer?.pending === 0,
    undefined,
    { timeout: 60_000, polling: 50 },
  );
}

/** In the page: the supply chart of `id` is drawn. */
const supplyDrawn = (id: string) =>
  Boolean((window as unknown as { __explorer?: PageState }).__explorer?.charts[`supply:${id}`]);

/** Polls `check` in Node (bounded: 400 × 50 ms), then asserts it. */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await check()).toBe(true);
}

/** A day's date as the range form's date inputs take it. */
const day = (date: Date) => date.toISOString().slice(0, 10);

beforeAll(async () => {
  dist = await buildExplorer();
  gateway = await startLiveGateway(dist);
  // Five days of the chain, one block a day, each changing the network: recorded as the recorder
  // would, from the economy's own reading at each height.
  for (let i = 1; i <= 5; i++) {
    gateway.chain.advance(1n, {
      serviceNodeRewards: { totalNodes: 1_800n + 25n * BigInt(i) },
      rewardRatePool: { totalPaidOut: (3_000_000n + 10_000n * BigInt(i)) * SESH },
    });
    const observation = await gateway.session.history?.observeAt?.(undefined, gateway.chain.head);
    if (!observation) throw new Error('the live Session economy reads no history');
    await gateway.store.append('session', [observation]);
    recorded.push(gateway.chain.head);
  }
  browser = await launchChromium();
}, BROWSER_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  if (dist) await rm(dist, { recursive: true, force: true });
});

describe('the explorer with recorded history and live updates (Session on a fake Arbitrum)', () => {
  it(
    "draws the observed points over the modelled lines (their count and last value are the API's history), the drift, and says a snapshot observed nothing",
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      await page.goto(`${gateway.origin}/#session`);
      await settled(page, supplyDrawn, 'session');

      // One observation per day: ask the chart by day, from its default start (three months back) to
      // three months on.
      const panel = page.locator('#panel-session');
      const from = await panel.locator('form.range input[type="date"]').first().inputValue();
      const to = day(new Date(Date.now() + 90 * 86_400_000));
      await panel.locator('form.range input[type="date"]').nth(1).fill(to);
      await panel.locator('form.range select').selectOption('DAY');
      await page.evaluate(() => {
        delete (window as unknown as { __explorer: PageState }).__explorer.charts['supply:session'];
      });
      await panel.locator('form.range button[type="submit"]').click();
      await settled(page, supplyDrawn, 'session');

      const history = await graphql(
        `query($from: DateTime!, $to: DateTime) { protocol(id: "session") {
          history(from: $from, to: $to, interval: DAY) { at height total circulating liquid poolBalance }
          drift(from: $from, to: $to, interval: DAY) { height figures { figure difference } }
        } }`,
        { from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z` },
      );
      const observations: { at: string; height: string; total: string; circulating: string }[] =
        history.protocol.history;
      expect(observations.map((o) => o.height)).toEqual(recorded.map(String));

      const supply = (await state(page)).charts['supply:session']!;
      const drawn = (key: string) =>
        supply.series[key]!.flatMap((value, i) => (value === null ? [] : [{ at: supply.at[i], value }]));
      for (const [key, figure] of [
        ['observedTotal', 'total'],
        ['observedCirculating', 'circulating'],
        ['observedPool', 'poolBalance'],
      ] as const) {
        const points = drawn(key);
        expect(points).toHaveLength(observations.length);
        expect(points.at(-1)).toEqual({
          at: observations.at(-1)!.at,
          value: (observations.at(-1) as unknown as Record<string, string>)[figure],
        });
      }
      // The modelled lines are still drawn beside them.
      expect(supply.series.total!.filter((value) => value !== null).length).toBeGreaterThan(100);
      await expect
        .poll(() => panel.locator('[data-observed="session"]').textContent())
        .toContain(`${observations.length} observed on chain in this range`);

      // The drift at the latest observation: observed − published model, as the API computes it.
      const latestDrift = history.protocol.drift.at(-1);
      expect(latestDrift.height).toBe(String(recorded.at(-1)));
      const totalDrift = latestDrift.figures.find((f: { figure: string }) => f.figure === 'total');
      expect(
        await panel.locator('[data-drift-figure="total"] td[data-value]').getAttribute('data-value'),
      ).toBe(totalDrift.difference);

      await page.screenshot({ path: join(ARTIFACTS, 'explorer-observed.png'), fullPage: true });
      await panel
        .locator('section', { has: page.locator('h3', { hasText: 'Supply over time' }) })
        .screenshot({ path: join(ARTIFACTS, 'explorer-observed-supply.png') });
      // The README's picture: the live panel, observed points over the modelled lines.
      await page.screenshot({
        path: join(ARTIFACTS, 'explorer.png'),
        fullPage: true,
        clip: { x: 0, y: 0, width: 1280, height: 1560 },
      });

      // A snapshot protocol draws no points and says why.
      await page.locator('#tab-synternet').click();
      await settled(page, supplyDrawn, 'synternet');
      expect(await page.locator('[data-observed="synternet"]').textContent()).toBe(
        'A snapshot: nothing observed on chain.',
      );
      const synternet = (await state(page)).charts['supply:synternet']!;
      expect(Object.keys(synternet.series).filter((key) => key.startsWith('observed'))).toEqual([]);
      expect(await page.locator('#page-alert').textContent()).toBe('');
      expect(consoleErrors).toEqual([]);
      await page.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'shows "live · block N"; when the recorder samples a new block, the protocolUpdated event brings it to the headline and the chart; unsubscribes when another tab is shown',
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${gateway.origin}/#session`);
      await settled(page, supplyDrawn, 'session');
      const badge = page.locator('#panel-session [data-live="session"]');
      await expect.poll(() => badge.getAttribute('data-state')).toBe('live');
      const before = String(gateway.chain.head);
      expect(await badge.textContent()).toBe(`live · block ${before}`);
      // (A subscription an earlier page closed may linger on the gateway until the next event.)
      await until(() => gateway.listeners('session') >= 1);
      const aprBefore = await page.locator('#panel-session [data-figure="apr"]').getAttribute('data-value');

      // The chain moves on: one more block, more nodes. The recorder samples it (through the
      // gateway's reads, cached for a second: sampled again until it reads the new block), stores it
      // and publishes on the bus; the gateway sends the event to the page.
      gateway.chain.advance(1n, { serviceNodeRewards: { totalNodes: 2_400n } });
      const after = String(gateway.chain.head);
      expect(after).not.toBe(before);
      for (let i = 0; i < 100 && String((await gateway.store.latest('session'))?.height) !== after; i++) {
        await gateway.recorder.sampleOnce();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(String((await gateway.store.latest('session'))?.height)).toBe(after);
      await page.waitForFunction(
        ([height]) => document.querySelector('[data-live="session"]')?.getAttribute('data-height') === height,
        [after],
        { timeout: 60_000, polling: 50 },
      );
      expect(await badge.getAttribute('data-height')).toBe(after);
      expect(await badge.textContent()).toBe(`live · block ${after}`);
      expect(await page.locator('#panel-session p.source').textContent()).toContain(`Block ${after}`);
      const live = (await state(page)).live.session!;
      expect(live.events).toBeGreaterThan(0);
      expect(live.height).toBe(after);
      // The headline was refreshed from the event: more nodes share the rewards, so the APR moved.
      const aprFigure = page.locator('#panel-session [data-figure="apr"]');
      const apr = await aprFigure.getAttribute('data-value');
      expect(apr).not.toBe(aprBefore);
      const served = await graphql(
        'query($at: DateTime) { protocol(id: "session") { source { height } rewards(at: $at) { stakingApr } } }',
        { at: await aprFigure.getAttribute('data-at') },
      );
      expect(served.protocol.source.height).toBe(after);
      expect(apr).toBe(served.protocol.rewards.stakingApr);
      // The supply chart was drawn again: its last observed point is the new observation.
      const recordedNow = await gateway.store.latest('session');
      await page.waitForFunction(
        ([at]) => {
          const explorer = (window as unknown as { __explorer: PageState }).__explorer;
          const chart = explorer.charts['supply:session'];
          const observed = chart?.series.observedTotal ?? [];
          const last = observed.findLastIndex((value) => value !== null);
          return explorer.pending === 0 && last >= 0 && chart?.at[last] === at;
        },
        [recordedNow?.at.toISOString()],
        { timeout: 60_000, polling: 50 },
      );
      await page.screenshot({ path: join(ARTIFACTS, 'explorer-live.png') });

      // Another tab: the subscription closes (the gateway's side ends at its next event).
      await page.locator('#tab-compare').click();
      await until(() => {
        gateway.bus.publish('session', { height: after });
        return gateway.listeners('session') === 0;
      });
      await page.close();
    },
    BROWSER_TIMEOUT,
  );
});
