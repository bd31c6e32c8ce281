import { sessionAdapter } from '@tokenomics/adapter-session';
import { synternetAdapter } from '@tokenomics/adapter-synternet';
import { createGateway } from '@tokenomics/gateway';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServedGateway, serveOnLoopback } from '../../gateway/tests/fixtures.js';

const silent = pino({ level: 'silent' });
const DASHBOARD = '{ protocols { id supply { total circulating } rewards { stakingApr } } }';
const JSON_ACCEPT = { accept: 'application/graphql-response+json' };
const graphqlGet = (base: string, query: string) =>
  `${new URL('/graphql', base)}?query=${encodeURIComponent(query)}`;
const KEPT_HEADERS = ['content-type', 'etag', 'cache-control', 'vary', 'access-control-allow-origin'];

describe('repeat GETs answered before yoga (the raw hit path)', () => {
  const clock = { ms: Date.parse('2026-03-01T12:00:00.250Z') };
  let served: ServedGateway;
  let limited: ServedGateway;
  const gateway = createGateway({
    adapters: [sessionAdapter(), synternetAdapter()],
    logger: silent,
    drainGraceMs: 0,
    now: () => new Date(clock.ms),
  });
  const rateLimited = createGateway({
    adapters: [sessionAdapter(), synternetAdapter()],
    logger: silent,
    drainGraceMs: 0,
    rateLimit: { perMinute: 1_000 },
    now: () => new Date(clock.ms),
  });
  beforeAll(async () => {
    served = await serveOnLoopback(gateway);
    limited = await serveOnLoopback(rateLimited);
  });
  afterAll(async () => {
    await served.close();
    await limited.close();
  });

  it('replays the same bytes and headers as the computed answer, and a 304 for its ETag', async () => {
    const url = graphqlGet(served.url, DASHBOARD);
    const first = await fetch(url, { headers: { ...JSON_ACCEPT, origin: 'https://a.example' } });
    const body = await first.text();
    expect(first.status).toBe(200);
    expect(JSON.parse(body).data.protocols).toHaveLength(2);
    expect(gateway.rawAnswers()).toEqual({ ok: 0, notModified: 0 });

    const replay = await fetch(url, { headers: { ...JSON_ACCEPT, origin: 'https://a.example' } });
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe(body);
    for (const name of KEPT_HEADERS) expect(replay.headers.get(name), name).toBe(first.headers.get(name));
    expect(replay.headers.get('access-control-allow-origin')).toBe('*');
    expect(replay.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(gateway.rawAnswers()).toEqual({ ok: 1, notModified: 0 });

    const etag = first.headers.get('etag')!;
    const notModified = await fetch(url, { headers: { ...JSON_ACCEPT, 'if-none-match': etag } });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(notModified.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
    expect(gateway.rawAnswers()).toEqual({ ok: 1, notModified: 1 });

    // Another Accept is another answer (computed, then replayed); no Origin: no CORS header.
    const plain = await fetch(url, { headers: { accept: 'application/json' } });
    expect(plain.headers.get('content-type')).toContain('application/json');
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    expect(gateway.rawAnswers()).toEqual({ ok: 1, notModified: 1 });
  });

  it('answers the liveness probe on Node before any other work (200, no body, not stored)', async () => {
    const live = await fetch(new URL('/health/live', served.url));
    expect(live.status).toBe(200);
    expect(await live.text()).toBe('');
    expect(live.headers.get('cache-control')).toBe('no-store');
  });

  it('computes again in the next second (nothing is replayed across seconds)', async () => {
    const url = graphqlGet(served.url, '{ protocol(id: "session") { supply { at total } } }');
    const first = await (await fetch(url, { headers: JSON_ACCEPT })).json();
    clock.ms += 1_000;
    const before = gateway.rawAnswers().ok;
    const next = await (await fetch(url, { headers: JSON_ACCEPT })).json();
    expect(gateway.rawAnswers().ok).toBe(before);
    expect(Date.parse(next.data.protocol.supply.at) - Date.parse(first.data.protocol.supply.at)).toBe(1_000);
  });

  it('is off under rate limits: every repeat is counted by the limiter (through yoga)', async () => {
    const url = graphqlGet(limited.url, DASHBOARD);
    for (let i = 0; i < 3; i++) {
      const response = await fetch(url, { headers: JSON_ACCEPT });
      expect(response.status).toBe(200);
      expect(
        response.headers.get('ratelimit-remaining') ?? response.headers.get('x-ratelimit-remaining'),
      ).not.toBeNull();
      await response.text();
    }
    expect(rateLimited.rawAnswers()).toEqual({ ok: 0, notModified: 0 });
  });
});
