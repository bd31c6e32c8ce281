import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../src/index.js';
import { requestSeconds, useSecondResponseCache } from '../src/plugins/response-cache.js';
import { useStreamedAnswers } from '../src/plugins/streamed-answers.js';
import { countingLiveSource, fixedSupplyAdapter } from './fixtures.js';

const QUERY = '{ protocols { id source { fetchedAt } supply { at circulating } } }';

async function fetchBody(gateway: ReturnType<typeof createGateway>) {
  const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
  });
  return { body: await response.json() };
}

describe('the per-second response cache', () => {
  it('answers a repeat within the same second from the first answer, and recomputes in the next second', async () => {
    const clock = { ms: Date.parse('2026-01-01T00:00:00.100Z') };
    const live = countingLiveSource('response-cache');
    const gateway = createGateway({
      adapters: [fixedSupplyAdapter('a', live.source)],
      cacheTtlSeconds: 0.001,
      now: () => new Date(clock.ms),
    });
    const first = await fetchBody(gateway);
    clock.ms += 800; // 00:00:00.900, same second
    const repeat = await fetchBody(gateway);
    expect(repeat).toEqual(first);
    expect(Object.fromEntries(live.counter.loads)).toEqual({ supply: 1, treasury: 1 });
    expect(first.body.data.protocols[0].supply.at).toBe('2026-01-01T00:00:00.000Z');

    clock.ms += 200; // 00:00:01.000, the next second
    const next = await fetchBody(gateway);
    expect(next.body.data.protocols[0].supply.at).toBe('2026-01-01T00:00:01.000Z');
  });

  it('never keeps an answer with errors', async () => {
    const clock = { ms: Date.parse('2026-01-01T00:00:00Z') };
    const live = countingLiveSource('response-cache-errors');
    live.counter.fail = true;
    const gateway = createGateway({
      adapters: [fixedSupplyAdapter('a', live.source)],
      now: () => new Date(clock.ms),
    });
    expect(
      (await fetchBody(gateway)).body.errors.map((e: { extensions: { code: string } }) => e.extensions.code),
    ).toEqual(['UPSTREAM_UNAVAILABLE']); // supply's; source reports it as data (source.error)
    live.counter.fail = false;
    const recovered = await fetchBody(gateway);
    expect(recovered.body.errors).toBeUndefined();
    expect(recovered.body.data.protocols[0].supply.circulating).toBe('750');
  });
});

describe('a POST answer through the response cache', () => {
  // Non-ASCII text, as derivations have (×, ’, ₀): the bytes must be UTF-8 of the very text.
  const WORDS = 'rate × pool₀, today’s release';
  /** A yoga answering `words`, with the response cache (or bare: what yoga itself writes). */
  function wordsYoga(options: { cache: boolean; maxTextBytes?: number }) {
    let runs = 0;
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { words(n: Int!): [String!]! }',
        resolvers: {
          Query: {
            words: (_root: unknown, args: { n: number }) => {
              runs++;
              return Array.from({ length: args.n }, (_, i) => `${WORDS} ${i}`);
            },
          },
        },
      }),
      plugins: options.cache
        ? [
            useSecondResponseCache(
              requestSeconds(() => new Date('2026-01-01T00:00:00Z')),
              {
                ...(options.maxTextBytes === undefined ? {} : { maxTextBytes: options.maxTextBytes }),
              },
            ),
          ]
        : [],
      logging: false,
    });
    const post = async (accept: string, n: number) => {
      const response = await yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({ query: `{ words(n: ${n}) }` }),
      });
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        bytes: Buffer.from(await response.arrayBuffer()),
      };
    };
    return { post, runs: () => runs };
  }
  const ACCEPTS = [
    'application/json',
    'application/graphql-response+json',
    '*/*',
    'application/graphql-response+json;q=0.5, application/json',
  ];

  it('is what yoga writes, byte for byte and with its media type, and its repeat is the same', async () => {
    const cached = wordsYoga({ cache: true });
    const bare = wordsYoga({ cache: false });
    for (const [index, accept] of ACCEPTS.entries()) {
      const n = 2 + index; // a document of its own per Accept: the first answer is a miss
      const expected = await bare.post(accept, n);
      expect(expected.bytes.toString()).toContain('pool₀');
      const miss = await cached.post(accept, n);
      expect(miss).toEqual(expected);
      expect(await cached.post(accept, n)).toEqual(expected);
    }
    expect(cached.runs()).toBe(ACCEPTS.length);
  });

  it('is written as yoga writes it where no bytes are kept: an answer larger than the bound', async () => {
    const cached = wordsYoga({ cache: true, maxTextBytes: 1_000 });
    const bare = wordsYoga({ cache: false });
    for (const accept of ACCEPTS)
      expect(await cached.post(accept, 100)).toEqual(await bare.post(accept, 100));
    expect(cached.runs()).toBe(ACCEPTS.length);
  });
});

describe('the response cache bounds', () => {
  // A bare yoga with the cache alone: what is kept depends only on the requests.
  function cachedYoga(options: { maxTextBytes: number; maxDocumentBytes: number }) {
    const clock = { ms: Date.parse('2026-01-01T00:00:00Z') };
    const cache = useSecondResponseCache(
      requestSeconds(() => new Date(clock.ms)),
      options,
    );
    let executions = 0;
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { echo(text: String!, times: Int!): String! }',
        resolvers: {
          Query: {
            echo: (_root: unknown, args: { text: string; times: number }) => {
              executions++;
              return args.text.repeat(args.times);
            },
          },
        },
      }),
      plugins: [cache],
      logging: false,
    });
    const send = (query: string, variables?: Record<string, unknown>, accept?: string) =>
      yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
        body: JSON.stringify({ query, variables }),
      });
    const ask = async (query: string, variables?: Record<string, unknown>) =>
      (await (await send(query, variables)).json()) as { data: { echo: string } };
    return { cache, ask, send, clock, executions: () => executions };
  }

  it('keeps response texts within their bytes in one second, the least recently used dropped', async () => {
    const maxTextBytes = 200_000;
    const { cache, ask, executions } = cachedYoga({ maxTextBytes, maxDocumentBytes: 1_000_000 });
    const query = 'query ($t: String!) { echo(text: $t, times: 1000) }';
    // 60 answers of ~10,000 ASCII characters (10 KB each, kept as UTF-8): 600 KB asked of a 200 KB bound.
    for (let i = 0; i < 60; i++) {
      expect((await ask(query, { t: String(i).padStart(10, 'x') })).data.echo).toHaveLength(10_000);
      expect(cache.stats().texts.bytes).toBeLessThanOrEqual(maxTextBytes);
    }
    // 200,000 / (10,031 bytes + 128 + 2 × a 22-character key) = 19 answers.
    expect(cache.stats().texts.entries).toBe(19);
    // The latest answer is a hit; the first was dropped and is computed again.
    const before = executions();
    await ask(query, { t: '59'.padStart(10, 'x') });
    expect(executions()).toBe(before);
    await ask(query, { t: '0'.padStart(10, 'x') });
    expect(executions()).toBe(before + 1);
  });

  it("writes a hit as the first answer's UTF-8 bytes, counted as bytes, for each media type", async () => {
    const { cache, send, executions } = cachedYoga({ maxTextBytes: 1_000_000, maxDocumentBytes: 1_000_000 });
    // Two-byte and three-byte characters, and one that JSON escapes.
    const query = '{ echo(text: "é−€\\"", times: 1000) }';
    for (const accept of ['application/graphql-response+json', 'application/json']) {
      const first = await send(query, undefined, accept);
      const firstBytes = Buffer.from(await first.arrayBuffer());
      const hit = await send(query, undefined, accept);
      expect(hit.status).toBe(200);
      expect(hit.headers.get('content-type')).toBe(`${accept}; charset=utf-8`);
      expect(first.headers.get('content-type')).toBe(`${accept}; charset=utf-8`);
      const hitBytes = Buffer.from(await hit.arrayBuffer());
      expect(hitBytes.equals(firstBytes)).toBe(true);
      expect(JSON.parse(hitBytes.toString()).data.echo).toBe('é−€"'.repeat(1000));
    }
    // The key does not depend on Accept: one execution for both media types.
    expect(executions()).toBe(1);
    // é 2 bytes, − and € 3 each, \" 2: 10 bytes a repeat, kept once.
    const text = `{"data":{"echo":"${'é−€\\"'.repeat(1000)}"}}`;
    expect(Buffer.byteLength(text)).toBe(10_000 + 20);
    expect(cache.stats().texts.entries).toBe(1);
    expect(cache.stats().texts.bytes).toBeGreaterThanOrEqual(10_020);
    expect(cache.stats().texts.bytes).toBeLessThan(10_020 + 128 + 200);
  });

  it('keeps documents (for their short ids) within their bytes', async () => {
    const maxDocumentBytes = 300_000;
    const { cache, ask } = cachedYoga({ maxTextBytes: 1_000_000, maxDocumentBytes });
    // 50 distinct documents of ~20,000 characters (a comment pads them): 2 MB asked of a 300 KB bound.
    for (let i = 0; i < 50; i++) {
      const query = `{ echo(text: "a", times: ${i + 1}) } # ${'x'.repeat(20_000)}`;
      expect((await ask(query)).data.echo).toBe('a'.repeat(i + 1));
      expect(cache.stats().documents.bytes).toBeLessThanOrEqual(maxDocumentBytes);
    }
    expect(cache.stats().documents.entries).toBeGreaterThan(3);
    expect(cache.stats().documents.entries).toBeLessThan(10);
  });

  it('empties the texts when the next second starts', async () => {
    const { cache, ask, clock, executions } = cachedYoga({
      maxTextBytes: 1_000_000,
      maxDocumentBytes: 1_000_000,
    });
    await ask('{ echo(text: "a", times: 3) }');
    await ask('{ echo(text: "a", times: 3) }');
    expect(executions()).toBe(1);
    clock.ms += 1_000;
    await ask('{ echo(text: "b", times: 3) }');
    expect(cache.stats().texts.entries).toBe(1);
    await ask('{ echo(text: "a", times: 3) }');
    expect(executions()).toBe(3);
  });
});

describe('identical requests in flight', () => {
  /** A bare yoga with the cache (and, optionally, streamed answers): `rows` waits for `release` and counts its runs. */
  function slowYoga(options: { streamed?: boolean; fail?: () => boolean } = {}) {
    const clock = { ms: Date.parse('2026-01-01T00:00:00Z') };
    let runs = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { rows(n: Int!): [String!]! }',
        resolvers: {
          Query: {
            rows: async (_root: unknown, args: { n: number }) => {
              runs++;
              await released;
              if (options.fail?.()) throw new Error('failed');
              return Array.from({ length: args.n }, (_, i) => `row ${i}`);
            },
          },
        },
      }),
      plugins: [
        useSecondResponseCache(requestSeconds(() => new Date(clock.ms))),
        ...(options.streamed ? [useStreamedAnswers({ minListItems: 100 })] : []),
      ],
      logging: false,
      maskedErrors: false,
    });
    const ask = async (n: number) => {
      const response = await yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ rows(n: ${n}) }` }),
      });
      return response.text();
    };
    return { ask, release, runs: () => runs };
  }

  it("wait for the first one's text instead of running again, whole or streamed", async () => {
    for (const streamed of [false, true]) {
      const { ask, release, runs } = slowYoga({ streamed });
      const answers = Array.from({ length: 5 }, () => ask(500));
      // Let every request reach the cache before the first one's answer exists.
      await new Promise((resolve) => setTimeout(resolve, 20));
      release();
      const texts = await Promise.all(answers);
      expect(runs(), `streamed: ${streamed}`).toBe(1);
      expect(new Set(texts).size).toBe(1);
      expect(JSON.parse(texts[0]!).data.rows).toHaveLength(500);
    }
  });

  it('run on their own when the first one fails', async () => {
    let failures = 1;
    const { ask, release, runs } = slowYoga({ fail: () => failures-- > 0 });
    const answers = Array.from({ length: 3 }, () => ask(10));
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    const bodies = (await Promise.all(answers)).map((text) => JSON.parse(text));
    // The first failed (not kept); the two waiting ran again: one of them is kept, or both ran.
    expect(bodies[0].errors[0].message).toBe('failed');
    expect(bodies.slice(1).every((body) => body.data?.rows.length === 10)).toBe(true);
    expect(runs()).toBeGreaterThanOrEqual(2);
    expect(runs()).toBeLessThanOrEqual(3);
  });
});
