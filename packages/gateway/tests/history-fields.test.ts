import type { Interval, Observation } from '@tokenomics/core';
import { snapshotSource, stepInstant } from '@tokenomics/core';
import { exampleChain, exampleEconomy } from '@tokenomics/core/testing';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryReader, UpdateFeed } from '../src/context.js';
import { createGateway } from '../src/index.js';
import { type ServedGateway, serveOnLoopback } from './fixtures.js';

/** A history kept in an array, read as a store reads it (the store's own contract tests live in packages/history). */
function arrayHistory(): HistoryReader & { rows: Map<string, Observation[]> } {
  const rows = new Map<string, Observation[]>();
  return {
    rows,
    async range(protocolId, { from, to, interval, limit }) {
      const all = (rows.get(protocolId) ?? []).filter(
        (o) => o.at.getTime() >= from.getTime() && o.at.getTime() <= to.getTime(),
      );
      let picked = all;
      if (interval) {
        picked = [];
        for (
          let step = 0, at = from;
          at.getTime() <= to.getTime();
          at = stepInstant(from, interval as Interval, ++step)
        ) {
          const last = all.filter((o) => o.at.getTime() <= at.getTime()).at(-1);
          if (last && picked.at(-1) !== last) picked.push(last);
        }
      }
      return limit === undefined ? picked : picked.slice(0, limit);
    },
  };
}

/** A feed a test pushes events into. */
function pushFeed(): UpdateFeed & { push(id: string): void; listeners: number } {
  const waiting = new Map<string, Set<() => void>>();
  let listeners = 0;
  return {
    get listeners() {
      return listeners;
    },
    push(id) {
      for (const wake of waiting.get(id) ?? []) wake();
    },
    subscribe(id) {
      return {
        async *[Symbol.asyncIterator]() {
          listeners += 1;
          try {
            while (true) {
              await new Promise<void>((resolve) => {
                const set = waiting.get(id) ?? new Set();
                const wake = () => {
                  set.delete(wake);
                  resolve();
                };
                set.add(wake);
                waiting.set(id, set);
              });
              yield id;
            }
          } finally {
            listeners -= 1;
          }
        },
      };
    },
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

describe('DataSource.height and blockTime', () => {
  it('give a live answer the block it was read at, and null for a snapshot', async () => {
    const chain = exampleChain({ height: 42n });
    const served = await serve({
      adapters: [exampleEconomy({ id: 'live', source: chain.source }), exampleEconomy({ id: 'snap' })],
    });
    const { body } = await served.post('{ protocols { id source { kind height blockTime } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.protocols).toEqual([
      {
        id: 'live',
        source: { kind: 'LIVE', height: '42', blockTime: chain.blockAt(42n).time.toISOString() },
      },
      { id: 'snap', source: { kind: 'SNAPSHOT', height: null, blockTime: null } },
    ]);
  });
});

/** The example economy `live` on `chain`, with the published preset as its model to compare with. */
function liveWithPublished(chain: ReturnType<typeof exampleChain>) {
  const economy = exampleEconomy({
    id: 'live',
    source: chain.source,
    publishedSource: snapshotSource('the published preset'),
  });
  return { chain, economy };
}

describe('Protocol.history and Protocol.drift', () => {
  it('answer the recorded observations at the served precision, stepped by an interval', async () => {
    const chain = exampleChain({ height: 10n, blockSeconds: 86_400 });
    const economy = exampleEconomy({ id: 'live', source: chain.source });
    const history = arrayHistory();
    const observed: Observation[] = [];
    for (const height of [2n, 3n, 5n]) {
      const observation = await economy.history?.observeAt?.(undefined, height);
      if (observation)
        observed.push({ ...observation, stakingApr: observation.stakingApr?.plus('1e-30') ?? null });
    }
    history.rows.set('live', observed);
    const served = await serve({ adapters: [economy], history });
    const { body } = await served.post(
      `{ protocol(id: "live") {
          all: history(from: "2025-06-01T00:00:00Z", to: "2025-06-10T00:00:00Z") { at height total circulating stakingApr participants }
          daily: history(from: "2025-06-02T00:00:00Z", to: "2025-06-05T00:00:00Z", interval: DAY) { height }
        } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.protocol.all.map((o: { height: string }) => o.height)).toEqual(['2', '3', '5']);
    expect(body.data.protocol.all[0]).toMatchObject({
      at: '2025-06-02T00:00:00.000Z',
      total: chain.stateAt(2n).supply,
      circulating: String(Number(chain.stateAt(2n).supply) - 250),
    });
    // 1e-30 more than the model's APR: served to 18 decimals, it is gone.
    expect(body.data.protocol.all[0].stakingApr).toBe(observed[0]?.stakingApr?.toDecimalPlaces(18).toFixed());
    // The last observation at or before each day: day 4 repeats none (height 3 stays the last until day 5).
    expect(body.data.protocol.daily.map((o: { height: string }) => o.height)).toEqual(['2', '3', '5']);
  });

  it('is empty for a snapshot, refuses `to` before `from`, and counts against the request budget', async () => {
    const served = await serve({ adapters: [exampleEconomy({ id: 'snap' })], history: arrayHistory() });
    const empty = await served.post(
      '{ protocol(id: "snap") { history(from: "2025-06-01T00:00:00Z") { height } } }',
    );
    expect(empty.body.data.protocol.history).toEqual([]);
    const backwards = await served.post(
      '{ protocol(id: "snap") { history(from: "2025-06-02T00:00:00Z", to: "2025-06-01T00:00:00Z") { height } } }',
    );
    expect(backwards.body.errors[0].extensions.code).toBe('BAD_INPUT');
    const aliases = Array.from(
      { length: 60 },
      (_, i) => `h${i}: history(from: "2025-06-01T00:00:00Z") { height }`,
    );
    const expensive = await served.post(`{ protocol(id: "snap") { ${aliases.join(' ')} } }`);
    expect(expensive.body.errors[0].extensions.code).toBe('LIMIT_EXCEEDED');
  });

  it('drift over more observations than one slice answers every one, in order', async () => {
    const { economy } = liveWithPublished(exampleChain({ height: 80n, blockSeconds: 3_600 }));
    const history = arrayHistory();
    const observed: Observation[] = [];
    for (let height = 1n; height <= 60n; height++) {
      const observation = await economy.history?.observeAt?.(undefined, height);
      if (observation) observed.push(observation);
    }
    history.rows.set('live', observed);
    const served = await serve({ adapters: [economy], history });
    const { body } = await served.post(
      '{ protocol(id: "live") { drift(from: "2025-06-01T00:00:00Z") { height figures { figure observed modelled } } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.protocol.drift.map((p: { height: string }) => p.height)).toEqual(
      Array.from({ length: 60 }, (_, i) => String(i + 1)),
    );
    const totals = body.data.protocol.drift.map(
      (p: { figures: Array<{ figure: string; observed: string }> }) =>
        p.figures.find((f) => f.figure === 'total')?.observed,
    );
    expect(totals).toEqual(observed.map((o) => o.total?.toFixed()));
  });

  it('drift puts the published model beside each observation, with the difference', async () => {
    const { chain, economy } = liveWithPublished(exampleChain({ height: 10n, blockSeconds: 86_400 }));
    const history = arrayHistory();
    const observation = await economy.history?.observeAt?.(undefined, 4n);
    history.rows.set('live', observation ? [observation] : []);
    const served = await serve({
      adapters: [economy, exampleEconomy({ id: 'nomodel', source: chain.source })],
      history,
    });
    const { body } = await served.post(
      '{ protocol(id: "live") { drift(from: "2025-06-01T00:00:00Z") { at height figures { figure observed modelled difference relative } } } }',
    );
    expect(body.errors).toBeUndefined();
    const [point] = body.data.protocol.drift;
    expect(point.height).toBe('4');
    // The chain holds 1,003 EX at height 4; the published preset, 1,000.
    expect(point.figures.find((f: { figure: string }) => f.figure === 'total')).toEqual({
      figure: 'total',
      observed: '1003',
      modelled: '1000',
      difference: '3',
      relative: '0.003',
    });
    expect(point.figures.find((f: { figure: string }) => f.figure === 'circulating')).toMatchObject({
      observed: '753',
      modelled: '750',
      difference: '3',
    });
    history.rows.set('nomodel', observation ? [observation] : []);
    const refused = await served.post(
      '{ protocol(id: "nomodel") { drift(from: "2025-06-01T00:00:00Z") { height } } }',
    );
    expect(refused.body.errors[0].extensions.code).toBe('NOT_SUPPORTED');
  });
});

describe('Subscription.protocolUpdated over server-sent events', () => {
  it('sends the protocol at each change, computed at the new block', async () => {
    const chain = exampleChain({ height: 10n });
    const feed = pushFeed();
    const served = await serve({
      adapters: [exampleEconomy({ id: 'live', source: chain.source })],
      updates: feed,
      cacheTtlSeconds: 1,
      // Every plugin of a production gateway on: the response cache and compiled plans must let events through.
      responseCache: true,
      compiledExecution: true,
    });
    const controller = new AbortController();
    const response = await fetch(served.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: 'subscription { protocolUpdated(id: "live") { id source { height } } }',
      }),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const nextEvent = async (): Promise<unknown> => {
      for (let i = 0; i < 100; i++) {
        const match = /event: next\ndata: (.*)\n\n/.exec(text);
        if (match) {
          text = text.slice((match.index ?? 0) + match[0].length);
          return JSON.parse(match[1] as string);
        }
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended: ${text}`);
        text += decoder.decode(value, { stream: true });
      }
      throw new Error('no event');
    };
    for (let i = 0; i < 50 && feed.listeners === 0; i++) await new Promise((r) => setTimeout(r, 20));
    feed.push('live');
    expect(await nextEvent()).toEqual({
      data: { protocolUpdated: { id: 'live', source: { height: '10' } } },
    });
    chain.advance(3);
    feed.push('live');
    expect(await nextEvent()).toEqual({
      data: { protocolUpdated: { id: 'live', source: { height: '13' } } },
    });
    controller.abort();
  });

  it('closes the feed as soon as the client goes, with no event needed to notice', async () => {
    const chain = exampleChain({ height: 10n });
    let returned = 0;
    let pending: (() => void) | null = null;
    // A feed that never sends: only return() can end a wait on it.
    const feed: UpdateFeed = {
      subscribe: () => ({
        [Symbol.asyncIterator]: () => ({
          next: () =>
            new Promise<IteratorResult<unknown>>((resolve) => {
              pending = () => resolve({ done: true, value: undefined });
            }),
          return: async () => {
            returned += 1;
            pending?.();
            return { done: true, value: undefined };
          },
        }),
      }),
    };
    const served = await serve({
      adapters: [exampleEconomy({ id: 'live', source: chain.source })],
      updates: feed,
    });
    const controller = new AbortController();
    const response = await fetch(served.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { protocolUpdated(id: "live") { id } }' }),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    for (let i = 0; i < 50 && pending === null; i++) await new Promise((r) => setTimeout(r, 20));
    expect(pending).not.toBeNull();
    controller.abort();
    for (let i = 0; i < 100 && returned === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(returned).toBe(1);
  });

  it('refuses an unknown protocol and a gateway without a feed, with codes', async () => {
    const served = await serve({ adapters: [exampleEconomy({ id: 'snap' })] });
    const ask = async (query: string) => {
      const response = await fetch(served.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query }),
      });
      return response.text();
    };
    expect(await ask('subscription { protocolUpdated(id: "nope") { id } }')).toContain('NOT_FOUND');
    expect(await ask('subscription { protocolUpdated(id: "snap") { id } }')).toContain('NOT_SUPPORTED');
  });
});
