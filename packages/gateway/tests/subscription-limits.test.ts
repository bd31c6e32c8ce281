import type { Observation } from '@tokenomics/core';
import { exampleChain, exampleEconomy } from '@tokenomics/core/testing';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryReader, UpdateFeed } from '../src/context.js';
import { createGateway } from '../src/index.js';
import { type ServedGateway, serveOnLoopback } from './fixtures.js';

/** A feed that never sends, counting the subscriptions open on it. */
function silentFeed(): UpdateFeed & { readonly open: number } {
  let open = 0;
  return {
    get open() {
      return open;
    },
    subscribe: () => ({
      [Symbol.asyncIterator]: () => {
        open += 1;
        let wake: (() => void) | null = null;
        let closed = false;
        return {
          next: () =>
            new Promise<IteratorResult<unknown>>((resolve) => {
              wake = () => resolve({ done: true, value: undefined });
              if (closed) wake();
            }),
          // Only return() ends a wait: the client leaving.
          return: async () => {
            if (!closed) {
              closed = true;
              open -= 1;
            }
            wake?.();
            return { done: true, value: undefined };
          },
        };
      },
    }),
  };
}

const servers: ServedGateway[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(options: Parameters<typeof createGateway>[0]) {
  const served = await serveOnLoopback(
    createGateway({ drainGraceMs: 0, logger: pino({ level: 'silent' }), responseCache: false, ...options }),
  );
  servers.push(served);
  return served;
}

/** Opens a subscription over server-sent events; `first()` reads until the first event, `close()` leaves. */
async function subscribe(url: string, query: string) {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query }),
    signal: controller.signal,
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    response,
    /** The first `next` event's payload, or null when the stream ends without one. */
    async first(): Promise<{ errors?: { extensions: Record<string, unknown>; message: string }[] } | null> {
      for (let i = 0; i < 100; i++) {
        const match = /event: next\ndata: (.*)\n\n/.exec(text);
        if (match) return JSON.parse(match[1] as string);
        const { value, done } = await reader.read();
        if (done) return null;
        text += decoder.decode(value, { stream: true });
      }
      throw new Error('no event');
    },
    close: () => controller.abort(),
  };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('the request budget of a subscription', () => {
  it('refuses an over-budget selection with LIMIT_EXCEEDED, as a query', async () => {
    const feed = silentFeed();
    const served = await serve({
      adapters: [exampleEconomy({ id: 'live', source: exampleChain({ height: 10n }).source })],
      updates: feed,
    });
    const schedules = Array.from(
      { length: 6 },
      (_, i) =>
        `a${i}: schedule(from: "2026-01-01T00:00:00Z", to: "2053-05-19T00:00:00Z", interval: DAY) { at }`,
    ).join(' ');
    const stream = await subscribe(
      served.url,
      `subscription { protocolUpdated(id: "live") { ${schedules} } }`,
    );
    const event = await stream.first();
    expect(event?.errors?.[0]?.extensions.code).toBe('LIMIT_EXCEEDED');
    expect(event?.errors?.[0]?.extensions.budget).toBe(50_000);
    expect(event?.errors?.[0]?.message).toContain('the budget is 50000');
    // Refused before the feed was asked.
    expect(feed.open).toBe(0);
    // Too many overrides in one field: refused the same way.
    const overrides = Array.from({ length: 51 }, (_, i) => `{ key: "p${i}", value: "1" }`).join(', ');
    const many = await subscribe(
      served.url,
      `subscription { protocolUpdated(id: "live") { supply(overrides: [${overrides}]) { total } } }`,
    );
    const refused = await many.first();
    expect(refused?.errors?.[0]?.extensions.code).toBe('LIMIT_EXCEEDED');
  });
});

describe('subscription stream limits', () => {
  it('refuses a client beyond its limit, and counts again once one leaves', async () => {
    const feed = silentFeed();
    const served = await serve({
      adapters: [exampleEconomy({ id: 'live', source: exampleChain({ height: 10n }).source })],
      updates: feed,
      limits: { maxSubscriptionsPerClient: 2 },
    });
    const query = 'subscription { protocolUpdated(id: "live") { id } }';
    const first = await subscribe(served.url, query);
    const second = await subscribe(served.url, query);
    await until(() => feed.open === 2);
    expect(feed.open).toBe(2);
    const third = await subscribe(served.url, query);
    expect(third.response.status).toBe(200);
    const refusal = await third.first();
    expect(refusal?.errors?.[0]?.extensions.code).toBe('LIMIT_EXCEEDED');
    expect(refusal?.errors?.[0]?.extensions.limit).toBe(2);
    expect(feed.open).toBe(2);
    // The client leaves one: its place is free again.
    first.close();
    await until(() => feed.open === 1);
    expect(feed.open).toBe(1);
    let fourth: Awaited<ReturnType<typeof subscribe>> | null = null;
    for (let i = 0; i < 50 && feed.open < 2; i++) {
      fourth = await subscribe(served.url, query);
      await until(() => feed.open === 2);
    }
    expect(feed.open).toBe(2);
    second.close();
    fourth?.close();
    await until(() => feed.open === 0);
    expect(feed.open).toBe(0);
  });

  it('refuses beyond the overall limit, and an unknown protocol holds no place', async () => {
    const feed = silentFeed();
    const served = await serve({
      adapters: [exampleEconomy({ id: 'live', source: exampleChain({ height: 10n }).source })],
      updates: feed,
      limits: { maxSubscriptions: 1 },
    });
    // Refused by its resolver (NOT_FOUND): counted and released at once.
    const unknown = await subscribe(served.url, 'subscription { protocolUpdated(id: "nope") { id } }');
    expect((await unknown.first())?.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const query = 'subscription { protocolUpdated(id: "live") { id } }';
    const open = await subscribe(served.url, query);
    await until(() => feed.open === 1);
    const over = await subscribe(served.url, query);
    const refusal = await over.first();
    expect(refusal?.errors?.[0]?.extensions.code).toBe('LIMIT_EXCEEDED');
    expect(refusal?.errors?.[0]?.message).toContain('1 subscriptions');
    open.close();
    await until(() => feed.open === 0);
    expect(feed.open).toBe(0);
  });
});

describe('GET of history with an explicit range', () => {
  it('is fresh for the cache TTL at most: the store keeps changing', async () => {
    const chain = exampleChain({ height: 10n, blockSeconds: 86_400 });
    const economy = exampleEconomy({ id: 'live', source: chain.source });
    const observation = (await economy.history?.observeAt?.(undefined, 2n)) as Observation;
    const history: HistoryReader = { range: async () => [observation] };
    const served = await serve({ adapters: [economy], history, cacheTtlSeconds: 30 });
    const query =
      '{ protocol(id: "live") { history(from: "2025-06-01T00:00:00Z", to: "2025-06-10T00:00:00Z") { height } drift: history(from: "2025-06-01T00:00:00Z", to: "2025-06-03T00:00:00Z") { at } } }';
    const response = await served.get(`/graphql?query=${encodeURIComponent(query)}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.protocol.history).toEqual([{ height: '2' }]);
    const cacheControl = response.headers.get('cache-control') ?? '';
    const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(1);
    expect(maxAge).toBeLessThanOrEqual(30);
  });
});
