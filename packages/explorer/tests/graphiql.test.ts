import { join } from 'node:path';
import { sessionAdapter } from '@tokenomics/adapter-session';
import { synternetAdapter } from '@tokenomics/adapter-synternet';
import { createGateway, createLogger, type RunningGateway } from '@tokenomics/gateway';
import { EXAMPLE_TABS } from '@tokenomics/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium } from './browser.js';

let running: RunningGateway;
let close: () => Promise<void>;
let browser: Browser;

beforeAll(async () => {
  const gateway = createGateway({
    adapters: [sessionAdapter(), synternetAdapter()],
    exampleTabs: EXAMPLE_TABS,
    logger: createLogger('silent'),
    drainGraceMs: 0,
  });
  running = await gateway.listen(0, '127.0.0.1');
  close = async () => {
    await running.close();
    await gateway.close();
  };
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
});

describe('GraphiQL at /graphql in Chromium', () => {
  it("selects each example tab on a mouse click from the first load (the editor shows that tab's document)", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(running.url);
    const tabs = page.locator('.graphiql-tab');
    await expect.poll(() => tabs.count(), { timeout: 30_000 }).toBe(EXAMPLE_TABS.length);
    const editor = page.locator('.graphiql-query-editor .view-lines').first();
    // Every tab, in an order that leaves each one from another: the last first, then the rest.
    const order = [EXAMPLE_TABS.length - 1, ...EXAMPLE_TABS.keys()].slice(0, EXAMPLE_TABS.length);
    for (const index of [...order, 0]) {
      const tab = tabs.nth(index);
      await tab.locator('.graphiql-tab-button').click();
      await expect.poll(() => tab.getAttribute('aria-selected'), { timeout: 5_000 }).toBe('true');
      const firstLine = EXAMPLE_TABS[index]!.query.split('\n')[0]!;
      // Monaco shows spaces as no-break spaces in its view lines.
      await expect
        // biome-ignore lint/performance/useDomNodeTextContent: Playwright's locator, read as rendered
        .poll(async () => ((await editor.innerText()).split('\n')[0] ?? '').replace(/\u00a0/g, ' '), {
          timeout: 5_000,
        })
        .toBe(firstLine);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'graphiql-tabs.png') });
    await page.close();
  }, 120_000);
});
