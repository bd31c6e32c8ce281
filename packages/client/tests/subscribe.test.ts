import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, createLogger, type Gateway, type RunningGateway } from '@tokenomics/gateway';
import { createServerAdapters, loadServerConfig } from '@tokenomics/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, GatewayError, graphql, parseServerSentEvents } from '../src/index.js';

const Updated = graphql(`
  subscription Updated($id: ID!) { protocolUpdated(id: $id) { id supply { total } } }
`);

/** An update feed the test pushes into, counting the subscriptions listening. */
function pushFeed() {
  const waiting = new Map<string, Set<() => void>>();
  let listeners = 0;
  return {
    get listeners() {
      return listeners;
    },
    push(id: string) {
      for (const wake of waiting.get(id) ?? []) wake();
    },
    subscribe(id: string): AsyncIterable<string> {
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

/** Polls `check` (bounded: 200 × 25 ms) until it holds. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(check()).toBe(true);
}

const feed = pushFeed();

/**
 * The gateway's subscription ended with the connection: its resolver, parked on the feed, returns at
 * the feed's next event once the server has seen the connection close (so events are pushed until then).
 */
async function closedOnTheGateway(id: string): Promise<void> {
  await until(() => {
    feed.push(id);
    return feed.listeners === 0;
  });
}
let gateway: Gateway;
let running: RunningGateway;
let bare: Gateway;
let bareRunning: RunningGateway;

beforeAll(async () => {
  const adapters = await createServerAdapters(
    loadServerConfig({ env: {}, cwd: mkdtempSync(join(tmpdir(), 'client-sse-')) }),
    {},
  );
  gateway = createGateway({ adapters, updates: feed, logger: createLogger('silent'), drainGraceMs: 0 });
  running = await gateway.listen(0, '127.0.0.1');
  bare = createGateway({ adapters, logger: createLogger('silent'), drainGraceMs: 0 });
  bareRunning = await bare.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await running?.close();
  await gateway?.close();
  await bareRunning?.close();
  await bare?.close();
});

describe('parseServerSentEvents', () => {
  it('splits events, skips comments (pings), joins data lines, takes CRLF, and keeps the unfinished rest', () => {
    const text = ':\n\nevent: next\ndata: {"a":\ndata: 1}\n\r\nevent:complete\r\ndata:\r\n\r\nevent: ne';
    expect(parseServerSentEvents(text)).toEqual({
      events: [
        { event: 'next', data: '{"a":\n1}' },
        { event: 'complete', data: '' },
      ],
      rest: 'event: ne',
    });
    // An event split across chunks comes out once its blank line arrives.
    const first = parseServerSentEvents('event: next\ndata: {"data":');
    expect(first.events).toEqual([]);
    expect(parseServerSentEvents(`${first.rest}{"x":1}}\n\n`).events).toEqual([
      { event: 'next', data: '{"data":{"x":1}}' },
    ]);
  });
});

describe('client.subscribe over server-sent events, against a gateway on loopback', () => {
  it('yields each event as typed data, and leaving the loop closes the stream', async () => {
    const client = createClient({ url: running.url });
    const { protocol } = await client.query(
      graphql(`query Total($id: ID!) { protocol(id: $id) { supply { total } } }`),
      { id: 'session' },
    );
    const seen: (string | undefined)[] = [];
    const pushing = (async () => {
      await until(() => feed.listeners === 1);
      feed.push('session');
      await until(() => seen.length === 1);
      feed.push('session');
    })();
    for await (const event of client.subscribe(Updated, { id: 'session' })) {
      expect(event.protocolUpdated.id).toBe('session');
      seen.push(event.protocolUpdated.supply?.total);
      if (seen.length === 2) break;
    }
    await pushing;
    expect(seen).toEqual([protocol?.supply?.total, protocol?.supply?.total]);
    await closedOnTheGateway('session');
  });

  it('closes on the signal: the iteration ends without an error', async () => {
    const client = createClient({ url: running.url });
    const controller = new AbortController();
    const events: unknown[] = [];
    const reading = (async () => {
      for await (const event of client.subscribe(Updated, { id: 'synternet' }, { signal: controller.signal }))
        events.push(event);
    })();
    await until(() => feed.listeners === 1);
    controller.abort();
    await reading;
    expect(events).toEqual([]);
    await closedOnTheGateway('synternet');
  });

  it("throws the gateway's errors with their codes: an unknown protocol, a gateway that streams no updates", async () => {
    const subscribeOnce = async (url: string, id: string) => {
      for await (const _event of createClient({ url }).subscribe(Updated, { id })) return;
    };
    const unknown = await subscribeOnce(running.url, 'nope').catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(GatewayError);
    expect((unknown as GatewayError).code).toBe('NOT_FOUND');
    const unsupported = await subscribeOnce(bareRunning.url, 'session').catch((error: unknown) => error);
    expect((unsupported as GatewayError).code).toBe('NOT_SUPPORTED');
  });

  it('says when the answer is not an event stream', async () => {
    const server: Server = createServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<h1>Bad gateway</h1>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = createClient({ url: `http://127.0.0.1:${port}/graphql` });
      const error = await (async () => {
        for await (const _event of client.subscribe(Updated, { id: 'session' })) return null;
      })().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(GatewayError);
      expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 502 });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('gives up on an event that never ends (no blank line): EVENT_TOO_LARGE, and the connection is closed', async () => {
    // An event stream whose one event never ends: `data: xxx…` in 16 KiB chunks with no blank line,
    // 4 MiB at most (bounded), and the connection left open: only the client can close it.
    const chunk = 'x'.repeat(16 * 1024);
    const streams: { written: number; closed: boolean }[] = [];
    const server: Server = createServer((_request, response) => {
      const stream = { written: 0, closed: false };
      streams.push(stream);
      response.on('close', () => {
        stream.closed = true;
      });
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('event: next\ndata: ');
      const more = () => {
        while (!stream.closed && stream.written < 4 * 1024 * 1024) {
          stream.written += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', more);
        }
      };
      more();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = createClient({ url: `http://127.0.0.1:${port}/graphql` });
      const first = async (options: { maxEventBytes?: number }) => {
        for await (const _event of client.subscribe(Updated, { id: 'session' }, options)) return null;
        return 'ended';
      };
      // A cap of 64 KiB, asked for.
      const small = await first({ maxEventBytes: 64 * 1024 }).catch((caught: unknown) => caught);
      expect(small).toBeInstanceOf(GatewayError);
      expect(small).toMatchObject({ code: 'EVENT_TOO_LARGE', status: 200, errors: [] });
      expect((small as GatewayError).message).toBe(
        'the gateway sent an event longer than 65536 bytes (maxEventBytes) without ending it',
      );
      // The default: 1 MiB.
      const byDefault = await first({}).catch((caught: unknown) => caught);
      expect(byDefault).toMatchObject({ code: 'EVENT_TOO_LARGE', status: 200 });
      expect((byDefault as GatewayError).message).toContain('longer than 1048576 bytes');
      // Both connections were closed by the client.
      expect(streams.length).toBe(2);
      await until(() => streams.every((stream) => stream.closed));
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('counts the cap in UTF-8 bytes, and an event under it still arrives', async () => {
    const id = 'é'.repeat(300);
    const server: Server = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      // /open: 300 'é' of an event that never ends (the connection stays open until the client leaves).
      if (request.url === '/open') response.write(`event: next\ndata: ${id}`);
      else {
        const data = JSON.stringify({ data: { protocolUpdated: { id } } });
        response.end(`event: next\ndata: ${data}\n\nevent: complete\ndata:\n\n`);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const read = async (path: string, maxEventBytes: number) => {
        const ids: string[] = [];
        const client = createClient({ url: `http://127.0.0.1:${port}${path}` });
        for await (const event of client.subscribe(Updated, { id: 'session' }, { maxEventBytes }))
          ids.push(event.protocolUpdated.id);
        return ids;
      };
      // 300 'é' are 300 characters but 600 bytes in UTF-8: over a 400-byte cap.
      const refused = await read('/open', 400).catch((caught: unknown) => caught);
      expect(refused).toMatchObject({ code: 'EVENT_TOO_LARGE', status: 200 });
      expect(await read('/whole', 1024)).toEqual([id]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
