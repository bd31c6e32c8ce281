import { sessionAdapter } from '@tokenomics/adapter-session';
import { synternetAdapter } from '@tokenomics/adapter-synternet';
import { createGateway, type Gateway } from '@tokenomics/gateway';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServedGateway, serveOnLoopback } from '../../gateway/tests/fixtures.js';

const silent = pino({ level: 'silent' });
const DASHBOARD = '{ protocols { id supply { total circulating } rewards { stakingApr } } }';
const JSON_ACCEPT = { accept: 'application/graphql-response+json' };
const graphqlGet = (base: string, query: string) =>
  `${new URL('/graphql', base)}?query=${encodeURIComponent(query)}`;
const KEPT_HEADERS = ['content-type', 'etag', 'cache-control', 'vary', 'access-control-allow-origin'];

/** Requests yoga answered on /graphql (the latency histogram sees only those, never a raw answer). */
async function yogaAnswers(target: Gateway): Promise<number> {
  const text = await target.metrics.registry.metrics();
  const line = text
    .split('\n')
    .find((entry) => entry.startsWith('tokenomics_http_request_duration_seconds_count{path="/graphql"} '));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}

/** The value of `tokenomics_http_requests_total{path, status}` in the gateway's registry (0 when absent). */
async function requestsTotal(target: Gateway, path: string, status: number): Promise<number> {
  const text = await target.metrics.registry.metrics();
  const line = text
    .split('\n')
    .find((entry) => entry.startsWith(`tokenomics_http_requests_total{path="${path}",status="${status}"} `));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}

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

  it('counts raw answers and liveness probes in tokenomics_http_requests_total', async () => {
    clock.ms += 1_000;
    const url = graphqlGet(served.url, '{ protocols { id } }');
    const before = {
      ok: await requestsTotal(gateway, '/graphql', 200),
      notModified: await requestsTotal(gateway, '/graphql', 304),
      live: await requestsTotal(gateway, '/health/live', 200),
    };
    const first = await fetch(url, { headers: JSON_ACCEPT });
    await first.text();
    for (let i = 0; i < 3; i++) await (await fetch(url, { headers: JSON_ACCEPT })).text();
    const etag = first.headers.get('etag')!;
    await (await fetch(url, { headers: { ...JSON_ACCEPT, 'if-none-match': etag } })).text();
    for (let i = 0; i < 2; i++) await (await fetch(new URL('/health/live', served.url))).text();
    // One through yoga, three raw 200s; one raw 304; two probes.
    expect(await requestsTotal(gateway, '/graphql', 200)).toBe(before.ok + 4);
    expect(await requestsTotal(gateway, '/graphql', 304)).toBe(before.notModified + 1);
    expect(await requestsTotal(gateway, '/health/live', 200)).toBe(before.live + 2);
  });

  it('concurrent GETs of a new second: one computes, the others get its answer on the raw path', async () => {
    clock.ms += 1_000;
    const url = graphqlGet(served.url, DASHBOARD);
    const before = gateway.rawAnswers().ok;
    const throughYoga = await yogaAnswers(gateway);
    const answers = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const response = await fetch(url, { headers: JSON_ACCEPT });
        return { status: response.status, etag: response.headers.get('etag'), body: await response.text() };
      }),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(new Set(answers.map((answer) => answer.etag)).size).toBe(1);
    expect(JSON.parse(answers[0]!.body).data.protocols).toHaveLength(2);
    // Each of the nine either waited for the first answer or came after it: all raw, one computed.
    expect(gateway.rawAnswers().ok).toBe(before + 9);
    expect(await yogaAnswers(gateway)).toBe(throughYoga + 1);
  });

  it('concurrent GETs whose first answer is not kept (an error) are each answered by yoga', async () => {
    clock.ms += 1_000;
    const url = graphqlGet(served.url, '{ protocol(id: "nope") { id supply { total } } }');
    const before = gateway.rawAnswers();
    const answers = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const response = await fetch(url, { headers: JSON_ACCEPT });
        return {
          status: response.status,
          cacheControl: response.headers.get('cache-control'),
          body: await response.text(),
        };
      }),
    );
    expect(new Set(answers.map((answer) => `${answer.status} ${answer.body}`)).size).toBe(1);
    expect(answers[0]!.cacheControl).toBe('no-store');
    expect(JSON.parse(answers[0]!.body).errors.length).toBeGreaterThan(0);
    expect(gateway.rawAnswers()).toEqual(before);
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
