import { request as httpRequest } from 'node:http';
import { countTurns, exampleEconomy } from '@tokenomics/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/index.js';
import { type ServedGateway, serveOnLoopback } from './fixtures.js';

/** `days` daily points of the example economy from 2025-01-01 (its genesis), every figure, aliased `a<i>`. */
function schedules(count: number, days: number, from = 1): string {
  const to = new Date(Date.UTC(2025, 0, from + days - 1)).toISOString();
  const fields = Array.from(
    { length: count },
    (_, i) =>
      `a${i}: schedule(from: "${new Date(Date.UTC(2025, 0, from)).toISOString()}", to: "${to}", interval: DAY) { at total circulating emitted emissionRate poolBalance liquid }`,
  );
  return `{ protocol(id: "example") { ${fields.join(' ')} } }`;
}

const postRaw = (url: string, query: string, accept = 'application/graphql-response+json') =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query }),
  });

/**
 * POSTs `query` to a gateway running in this process and counts the event
 * loop's turns (not time: the machine may be busy) until the answer's
 * headers arrive, i.e. while the answer is computed and completed.
 */
async function turnsUntilHeaders(
  url: string,
  query: string,
): Promise<{ status: number; turnsAtHeaders: number; text: string }> {
  const counter = countTurns();
  const body = JSON.stringify({ query });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const turnsAtHeaders = counter.turns;
        counter.stop();
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            turnsAtHeaders,
            text: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('large answers are streamed, byte for byte', () => {
  const servers: ServedGateway[] = [];
  afterAll(async () => {
    for (const server of servers) await server.close();
  });

  it('writes exactly the bytes of the unstreamed answer, without a Content-Length, for both media types', async () => {
    const streamed = await serveOnLoopback(createGateway({ adapters: [exampleEconomy({ id: 'example' })] }));
    const whole = await serveOnLoopback(
      createGateway({ adapters: [exampleEconomy({ id: 'example' })], streamLargeAnswers: false }),
    );
    servers.push(streamed, whole);
    for (const [index, accept] of [
      'application/graphql-response+json',
      'application/json',
      '*/*',
    ].entries()) {
      // 2 × 3,000 points (over the 2,000-item threshold), a window of its own each time (no kept text answers it).
      const query = schedules(2, 3_000, 1 + index);
      const [a, b] = await Promise.all([
        postRaw(streamed.url, query, accept),
        postRaw(whole.url, query, accept),
      ]);
      expect(a.status).toBe(200);
      expect(a.headers.get('content-type')).toBe(b.headers.get('content-type'));
      expect(a.headers.get('content-length')).toBeNull();
      expect(b.headers.get('content-length')).not.toBeNull();
      const [textA, textB] = [await a.text(), await b.text()];
      expect(textA.length).toBeGreaterThan(500_000);
      expect(textA).toBe(textB);
    }
    // A short answer is written whole, as before.
    const short = await postRaw(streamed.url, schedules(1, 30));
    expect(short.headers.get('content-length')).not.toBeNull();
    expect(JSON.parse(await short.text()).data.protocol.a0).toHaveLength(30);
  });

  it('keeps a streamed answer for the rest of its second: a repeat is the kept text, the same bytes', async () => {
    const server = await serveOnLoopback(createGateway({ adapters: [exampleEconomy({ id: 'example' })] }));
    servers.push(server);
    let checked = false;
    // Both requests must fall in one second (the response cache keeps texts for the current second).
    for (let attempt = 0; attempt < 5 && !checked; attempt++) {
      // A window of its own each time: an earlier attempt's kept text cannot answer it.
      const query = schedules(1, 2_500, 1 + attempt);
      const second = Math.floor(Date.now() / 1000);
      const first = await postRaw(server.url, query);
      const firstText = await first.text();
      const repeat = await postRaw(server.url, query);
      const repeatText = await repeat.text();
      if (Math.floor(Date.now() / 1000) !== second) continue;
      expect(first.headers.get('content-length')).toBeNull(); // streamed
      expect(repeat.headers.get('content-length')).toBe(String(Buffer.byteLength(repeatText))); // the kept text
      expect(repeatText).toBe(firstText);
      checked = true;
    }
    expect(checked).toBe(true);
  });

  it('keeps the event loop turning while a heavy request is computed', async () => {
    const server = await serveOnLoopback(createGateway({ adapters: [exampleEconomy({ id: 'example' })] }));
    servers.push(server);
    // Once first, on another window: a shape's first run is on the standard executor (compiled the second time).
    expect((await postRaw(server.url, schedules(4, 10_000, 2))).status).toBe(200);
    const { status, turnsAtHeaders, text } = await turnsUntilHeaders(server.url, schedules(4, 10_000));
    expect(status).toBe(200);
    expect(text.startsWith('{"data":')).toBe(true);
    // 4 × 10,000 points, 500 a slice, computed then written: about 40 turns at least (the four
    // fields' slices share turns). Held in one piece, a request takes a handful.
    expect(turnsAtHeaders).toBeGreaterThan(30);
  });

  it('completes a kept list of up to 10,000 rows in one piece, with no promise per row', async () => {
    const server = await serveOnLoopback(createGateway({ adapters: [exampleEconomy({ id: 'example' })] }));
    servers.push(server);
    const first = await turnsUntilHeaders(server.url, schedules(4, 10_000));
    expect(first.status).toBe(200);
    // The same four windows under other aliases: the points and their written rows are kept (the model's
    // memo, the rows beside it), the response cache has no answer for this document. What is left is the
    // executor completing 4 × 10,000 rows: in one piece, a handful of turns (500 rows a turn took 20 or more).
    const again = await turnsUntilHeaders(server.url, schedules(4, 10_000).replace(/\ba(\d): /g, 'b$1: '));
    expect(again.status).toBe(200);
    expect(again.text.replace(/"b(\d)":/g, '"a$1":')).toBe(first.text);
    expect(again.turnsAtHeaders).toBeLessThan(10);
  });

  it('completes a longer list 10,000 rows a turn', async () => {
    const server = await serveOnLoopback(
      createGateway({ adapters: [exampleEconomy({ id: 'example' })], limits: { maxSchedulePoints: 32_000 } }),
    );
    servers.push(server);
    // 32,000 points: kept by the model's memo (32 MiB at 1,024 bytes a point), so asked again, only the
    // executor's completion is left.
    const first = await turnsUntilHeaders(server.url, schedules(1, 32_000));
    expect(first.status).toBe(200);
    expect(first.text.startsWith('{"data":{"protocol":{"a0":[')).toBe(true);
    // 32,000 rows completed 10,000 a turn take 3 turns more than in one piece (2 turns, as above).
    const again = await turnsUntilHeaders(server.url, schedules(1, 32_000).replace(/\ba(\d): /g, 'b$1: '));
    expect(again.status).toBe(200);
    expect(again.text.replace(/"b(\d)":/g, '"a$1":')).toBe(first.text);
    expect(again.turnsAtHeaders).toBeGreaterThanOrEqual(5);
    expect(again.turnsAtHeaders).toBeLessThan(10);
  });
});

describe('heavy requests take turns', () => {
  it('runs at most maxHeavyRequests at once, queues maxQueuedHeavyRequests, refuses the next with 429 RATE_LIMITED', async () => {
    const server = await serveOnLoopback(
      createGateway({
        adapters: [exampleEconomy({ id: 'example' })],
        limits: { heavyRequestCost: 5_000, maxHeavyRequests: 1, maxQueuedHeavyRequests: 1 },
      }),
    );
    try {
      // Distinct windows: none is answered from another's memo or the response cache.
      const bodies = await Promise.all(
        [1, 2, 3].map(async (from) => {
          const response = await postRaw(server.url, schedules(1, 6_000, from));
          return {
            status: response.status,
            retryAfter: response.headers.get('retry-after'),
            body: await response.json(),
          };
        }),
      );
      const refused = bodies.filter((answer) => answer.status === 429);
      const answered = bodies.filter((answer) => answer.status === 200);
      expect(answered).toHaveLength(2);
      expect(answered.every((answer) => answer.body.data.protocol.a0.length === 6_000)).toBe(true);
      expect(refused).toHaveLength(1);
      expect(refused[0]!.retryAfter).toBe('1');
      expect(refused[0]!.body.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/heavy requests run one slot at a time and 1 already wait/),
          extensions: expect.objectContaining({ code: 'RATE_LIMITED', cost: 6_001 }),
        }),
      ]);
      // A light request is never queued, and once the heavy ones are done their slots are free again.
      expect((await server.post('{ protocols { id } }')).status).toBe(200);
      const again = await postRaw(server.url, schedules(1, 6_000, 4));
      expect(again.status).toBe(200);
      expect((await again.json()).data.protocol.a0).toHaveLength(6_000);
    } finally {
      await server.close();
    }
  });

  it('frees the slot of a heavy request that fails', async () => {
    const server = await serveOnLoopback(
      createGateway({
        adapters: [exampleEconomy({ id: 'example' })],
        limits: { heavyRequestCost: 100, maxHeavyRequests: 1, maxQueuedHeavyRequests: 0 },
      }),
    );
    try {
      // Before genesis: BAD_INPUT from the resolver, after the slot was taken.
      const bad = `{ protocol(id: "example") { schedule(from: "2020-01-01T00:00:00Z", to: "2020-12-31T00:00:00Z", interval: DAY) { at } } }`;
      for (let i = 0; i < 3; i++) {
        const response = await postRaw(server.url, bad);
        expect((await response.json()).errors[0].extensions.code).toBe('BAD_INPUT');
      }
      const good = await postRaw(server.url, schedules(1, 200));
      expect(good.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('a heavy result lives only in its slot', () => {
  type Post = (query: string) => Promise<Response>;
  /** Runs `test` against a gateway with one heavy slot (from 1,000 units), held at most `holdMs` per answer. */
  async function withOneSlot(holdMs: number, test: (post: Post) => Promise<void>): Promise<void> {
    const gateway = createGateway({
      adapters: [exampleEconomy({ id: 'example' })],
      limits: {
        heavyRequestCost: 1_000,
        maxHeavyRequests: 1,
        maxQueuedHeavyRequests: 4,
        heavyAnswerHoldMs: holdMs,
      },
    });
    try {
      await test(async (query) =>
        gateway.yoga.fetch('http://gateway.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body: JSON.stringify({ query }),
        }),
      );
    } finally {
      await gateway.close();
    }
  }
  /** Turns of the event loop until `pending` settles, or `max` (then null). */
  async function turnsUntil(pending: Promise<unknown>, max: number): Promise<number | null> {
    let settled = false;
    const settle = () => {
      settled = true;
    };
    void pending.then(settle, settle);
    for (let turn = 0; turn < max; turn++) {
      if (settled) return turn;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return settled ? max : null;
  }

  it('keeps the slot while the long answer is written, so the next heavy request waits for it', () =>
    withOneSlot(60_000, async (post) => {
      // A streamed answer (3,000 rows): its body is read only when this test reads it.
      const first = await post(schedules(1, 3_000, 1));
      expect(first.status).toBe(200);
      const second = post(schedules(1, 3_000, 2));
      // Without the hold, the second runs as soon as the first's execution ended: a few dozen turns.
      expect(await turnsUntil(second, 400)).toBeNull();
      expect(JSON.parse(await first.text()).data.protocol.a0).toHaveLength(3_000);
      // The first answer written, its slot passes to the second.
      const answered = await second;
      expect(answered.status).toBe(200);
      expect((await answered.json()).data.protocol.a0).toHaveLength(3_000);
    }));

  it('gives the slot up after heavyAnswerHoldMs when the client does not read the answer', () =>
    withOneSlot(50, async (post) => {
      const unread = await post(schedules(1, 3_000, 1));
      expect(unread.status).toBe(200);
      // Never read: after 50 ms the slot is free all the same.
      const next = await post(schedules(1, 3_000, 2));
      expect(next.status).toBe(200);
      expect((await next.json()).data.protocol.a0).toHaveLength(3_000);
      await unread.body?.cancel();
    }));

  it('frees the slot at once when a heavy answer is not streamed', () =>
    withOneSlot(60_000, async (post) => {
      // 1,500 rows: heavy (1,501 units) but shorter than a streamed answer's 2,000 rows.
      const first = await post(schedules(1, 1_500, 1));
      expect(first.status).toBe(200);
      const second = post(schedules(1, 1_500, 2));
      expect(await turnsUntil(second, 2_000)).not.toBeNull();
      expect((await first.json()).data.protocol.a0).toHaveLength(1_500);
      expect((await (await second).json()).data.protocol.a0).toHaveLength(1_500);
    }));
});
