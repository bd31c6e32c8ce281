import { sessionAdapter } from '@tokenomics/adapter-session';
import { synternetAdapter } from '@tokenomics/adapter-synternet';
import { createGateway } from '@tokenomics/gateway';
import { createSchema, createYoga } from 'graphql-yoga';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlFor, ifNoneMatchHits, useHttpCache } from '../../gateway/src/plugins/http-cache.js';
import { requestSeconds } from '../../gateway/src/plugins/response-cache.js';
import {
  countingLiveSource,
  fixedSupplyAdapter,
  type ServedGateway,
  serveOnLoopback,
} from '../../gateway/tests/fixtures.js';

const silent = pino({ level: 'silent' });
const AT_NOW = '{ protocol(id: "session") { supply { total circulating } } }';
const PAST = '{ protocol(id: "session") { supply(at: "2026-01-01T00:00:00Z") { total circulating } } }';
const JSON_ACCEPT = { accept: 'application/graphql-response+json' };
const graphqlGet = (base: string, query: string) =>
  `${new URL('/graphql', base)}?query=${encodeURIComponent(query)}`;

describe('HTTP caching over real HTTP', () => {
  const clock = { ms: Date.parse('2026-03-01T12:00:00.250Z') };
  let served: ServedGateway;
  beforeAll(async () => {
    served = await serveOnLoopback(
      createGateway({
        adapters: [sessionAdapter(), synternetAdapter()],
        logger: silent,
        drainGraceMs: 0,
        corsOrigins: '*',
        now: () => new Date(clock.ms),
      }),
    );
  });
  afterAll(() => served.close());

  it('answers a GraphQL GET with an ETag and Cache-Control, and the same GET with If-None-Match with 304 and no body', async () => {
    const url = graphqlGet(served.url, AT_NOW);
    const first = await fetch(url, { headers: JSON_ACCEPT });
    expect(first.status).toBe(200);
    const body = await first.text();
    expect(JSON.parse(body).data.protocol.supply.total).toMatch(/^\d+(\.\d+)?$/);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    // Session at "now" is a snapshot whose pool steps daily from TGE (midnight): the answer holds until
    // the next step, 2026-03-02T00:00:00Z, 43,200 s after 12:00:00.
    expect(first.headers.get('cache-control')).toBe('public, max-age=43200, stale-while-revalidate=30');
    expect(first.headers.get('vary')).toContain('Accept');

    // The repeat within the second is a replay; with If-None-Match it is a 304, CORS header kept.
    const replay = await fetch(url, { headers: JSON_ACCEPT });
    expect(replay.headers.get('etag')).toBe(etag);
    expect(await replay.text()).toBe(body);
    const notModified = await fetch(url, {
      headers: { ...JSON_ACCEPT, 'if-none-match': etag!, origin: 'https://a.example' },
    });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(notModified.headers.get('cache-control')).toBe('public, max-age=43200, stale-while-revalidate=30');
    expect(notModified.headers.get('access-control-allow-origin')).toBe('*');

    // Seconds later the answer is computed again: the same figures, the same ETag, still a 304.
    clock.ms += 5_000;
    const later = await fetch(url, { headers: { ...JSON_ACCEPT, 'if-none-match': `W/${etag}, "other"` } });
    expect(later.status).toBe(304);
    expect(await later.text()).toBe('');
    // Another ETag is not a match.
    const other = await fetch(url, { headers: { ...JSON_ACCEPT, 'if-none-match': '"other"' } });
    expect(other.status).toBe(200);
    expect(await other.text()).toBe(body);
  });

  it("keeps a stepped snapshot's answer at now until its next step, unless it shows the instant or mixes a continuous one", async () => {
    const get = (query: string) => fetch(graphqlGet(served.url, query), { headers: JSON_ACCEPT });
    const second = Math.floor(clock.ms / 1000) * 1000;
    const nextStep = Date.parse('2026-03-02T00:00:00Z');
    const stepped = await get('{ protocol(id: "session") { rewards { stakingApr perParticipantDaily } } }');
    expect(stepped.headers.get('cache-control')).toBe(
      `public, max-age=${(nextStep - second) / 1000}, stale-while-revalidate=30`,
    );
    // The same figures with the instant itself (`at`): the answer changes every second.
    const withAt = await get('{ protocol(id: "session") { supply { at circulating } } }');
    expect((await withAt.json()).data.protocol.supply.at).toBe(new Date(second).toISOString());
    expect(withAt.headers.get('cache-control')).toBe('public, max-age=1, stale-while-revalidate=30');
    // Synternet's supply grows with every block: no step to wait for.
    const continuous = await get('{ protocols { supply { total } } }');
    expect(continuous.headers.get('cache-control')).toBe('public, max-age=1, stale-while-revalidate=30');
  });

  it('keys answers by Accept: application/json and graphql-response+json are cached apart', async () => {
    const url = graphqlGet(served.url, AT_NOW);
    const a = await fetch(url, { headers: { accept: 'application/json' } });
    const b = await fetch(url, { headers: JSON_ACCEPT });
    expect(a.headers.get('content-type')).toContain('application/json');
    expect(b.headers.get('content-type')).toContain('application/graphql-response+json');
  });

  it('caches an answer for an explicit past `at` for a day', async () => {
    const response = await fetch(graphqlGet(served.url, PAST), { headers: JSON_ACCEPT });
    expect(response.status).toBe(200);
    expect((await response.json()).data.protocol.supply.total).toMatch(/^\d/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400, stale-while-revalidate=30');
  });

  it('caches a schedule with explicit from and to for a day, and one from "now" for a second', async () => {
    const fixed =
      '{ protocols { schedule(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", interval: DAY) { at total } } }';
    const fromNow = '{ protocols { schedule(to: "2036-02-01T00:00:00Z", interval: MONTH) { at total } } }';
    const a = await fetch(graphqlGet(served.url, fixed), { headers: JSON_ACCEPT });
    expect((await a.json()).data.protocols[0].schedule).toHaveLength(32);
    expect(a.headers.get('cache-control')).toBe('public, max-age=86400, stale-while-revalidate=30');
    const b = await fetch(graphqlGet(served.url, fromNow), { headers: JSON_ACCEPT });
    expect((await b.json()).errors).toBeUndefined();
    expect(b.headers.get('cache-control')).toBe('public, max-age=1, stale-while-revalidate=30');
  });

  it('sends no-store for errors and POSTs', async () => {
    const bad = await fetch(graphqlGet(served.url, '{ protocol(id: "nope") { id } }'), {
      headers: JSON_ACCEPT,
    });
    expect(bad.headers.get('cache-control')).toBe('no-store');
    expect(bad.headers.get('etag')).toBeNull();
    expect((await bad.json()).errors[0].extensions.code).toBe('NOT_FOUND');
    const invalid = await fetch(graphqlGet(served.url, '{ nope }'), { headers: JSON_ACCEPT });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('cache-control')).toBe('no-store');
    const post = await fetch(served.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...JSON_ACCEPT },
      body: JSON.stringify({ query: AT_NOW }),
    });
    expect(post.status).toBe(200);
    expect(post.headers.get('cache-control')).toBe('no-store');
    expect(post.headers.get('etag')).toBeNull();
  });

  it('gives the supply endpoints ETags, Cache-Control and 304s', async () => {
    const url = new URL('/supply/synt/circulating', served.url);
    const first = await fetch(url);
    const text = await first.text();
    expect(text).toMatch(/^\d+(\.\d+)?$/);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=1, stale-while-revalidate=30');
    const again = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const breakdown = await fetch(new URL('/supply/synternet', served.url));
    expect(breakdown.headers.get('etag')).toMatch(/^"/);
    const again2 = await fetch(new URL('/supply/synternet', served.url), {
      headers: { 'if-none-match': breakdown.headers.get('etag')! },
    });
    expect(again2.status).toBe(304);
  });
});

describe('HTTP caching of a live source', () => {
  it('derives max-age from what is left of the live read TTL', async () => {
    const live = countingLiveSource('http-cache-live');
    const served = await serveOnLoopback(
      createGateway({
        adapters: [fixedSupplyAdapter('live', live.source)],
        logger: silent,
        drainGraceMs: 0,
        cacheTtlSeconds: 60,
      }),
    );
    try {
      const response = await served.get('/supply/live/circulating');
      expect(await response.text()).toBe('750');
      const maxAge = Number(/max-age=(\d+)/.exec(response.headers.get('cache-control') ?? '')?.[1]);
      // The read has just been made: nearly the whole TTL is left (a generous bound for a slow machine).
      expect(maxAge).toBeGreaterThanOrEqual(30);
      expect(maxAge).toBeLessThanOrEqual(60);
      expect(response.headers.get('cache-control')).toContain('stale-while-revalidate=60');
    } finally {
      await served.close();
    }
  });

  it('cacheControlFor: stale reads and answers at now are 1 s; neither now nor live is a day', () => {
    const options = { nowMs: 100_000, ttlSeconds: 30 };
    expect(cacheControlFor({ usedNow: true, oldestRead: 90_000, stale: false }, options)).toBe(
      'public, max-age=20, stale-while-revalidate=30',
    );
    expect(cacheControlFor({ usedNow: true, oldestRead: 0, stale: false }, options)).toContain('max-age=1,');
    expect(cacheControlFor({ usedNow: false, oldestRead: 99_000, stale: true }, options)).toContain(
      'max-age=1,',
    );
    expect(cacheControlFor({ usedNow: false, oldestRead: null, stale: false }, options)).toContain(
      'max-age=86400,',
    );
    expect(cacheControlFor(undefined, options)).toContain('max-age=1,');
    expect(ifNoneMatchHits('*', '"a"')).toBe(true);
    expect(ifNoneMatchHits('"b", W/"a"', '"a"')).toBe(true);
    expect(ifNoneMatchHits('"b"', '"a"')).toBe(false);
    expect(ifNoneMatchHits(null, '"a"')).toBe(false);
  });
});

describe('the answers of the current second, before yoga parses anything', () => {
  it('replays a repeated GET without executing it, per Accept, and recomputes the next second', async () => {
    const clock = { ms: Date.parse('2026-01-01T00:00:00.100Z') };
    let runs = 0;
    const secondOf = requestSeconds(() => new Date(clock.ms));
    const yoga = createYoga({
      schema: createSchema({ typeDefs: 'type Query { n: Int! }', resolvers: { Query: { n: () => ++runs } } }),
      plugins: [useHttpCache({ secondOf, freshnessOf: () => undefined, ttlSeconds: 30 })],
    });
    const get = (accept = 'application/json') =>
      yoga.fetch('http://x.test/graphql?query=%7Bn%7D', { headers: { accept } });
    const first = await (await get()).json();
    expect(first).toEqual({ data: { n: 1 } });
    clock.ms += 800;
    expect(await (await get()).json()).toEqual({ data: { n: 1 } });
    expect(runs).toBe(1);
    expect(await (await get('application/graphql-response+json')).json()).toEqual({ data: { n: 2 } });
    clock.ms += 200;
    expect(await (await get()).json()).toEqual({ data: { n: 3 } });
    expect(runs).toBe(3);
  });
});
