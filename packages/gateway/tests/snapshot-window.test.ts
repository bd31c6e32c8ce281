import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore } from '../src/cache.js';
import { cacheKey } from '../src/cache-key.js';
import { createGateway } from '../src/index.js';
import { countingLiveSource, fixedSupplyAdapter, type ServedGateway, serveOnLoopback } from './fixtures.js';

/**
 * A live source with no last good state takes reads all served stale as one
 * earlier snapshot only when their fetch times lie within a window, which the
 * gateway derives from its cache TTL (half of it, at most 5 s): with a 1 s
 * TTL, two entries read 2 s apart can be of different refreshes, a mix.
 */
const QUERY = '{ protocol(id: "win") { source { stale } supply { total circulating } } }';

const servers: ServedGateway[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A new gateway over a store holding the source's two entries, read 60 s and 58 s ago; the upstream down. */
async function coldGatewayOverOldEntries(cacheTtlSeconds: number) {
  const store = memoryStore();
  const now = Date.now();
  const entry = (amount: string, ageMs: number) => JSON.stringify({ v: { amount }, t: now - ageMs });
  await store.set(cacheKey('win:supply'), entry('1000', 60_000), 86_400_000);
  await store.set(cacheKey('win:treasury'), entry('250', 58_000), 86_400_000);
  const { source, counter } = countingLiveSource('win');
  counter.fail = true;
  const gateway = createGateway({
    adapters: [fixedSupplyAdapter('win', source)],
    cacheStore: store,
    cacheTtlSeconds,
    upstreamTimeoutMs: 300,
    responseCache: false,
    drainGraceMs: 0,
    logger: pino({ level: 'silent' }),
  });
  const served = await serveOnLoopback(gateway);
  servers.push(served);
  return served;
}

describe("the guard's snapshot window follows the cache TTL", () => {
  it('TTL 1 s: stale reads 2 s apart are a mix, a coded error, not a state', async () => {
    const gateway = await coldGatewayOverOldEntries(1);
    const { body } = await gateway.post(QUERY);
    expect(body.data.protocol.supply).toBeNull();
    expect(body.errors[0].extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', protocol: 'win' });
    expect(body.errors[0].message).toMatch(/no whole state was read earlier to serve instead$/);
  });

  it('TTL 30 s: stale reads 2 s apart are one earlier snapshot, served stale', async () => {
    const gateway = await coldGatewayOverOldEntries(30);
    const { body } = await gateway.post(QUERY);
    expect(body.errors).toBeUndefined();
    expect(body.data.protocol).toEqual({
      source: { stale: true },
      supply: { total: '1000', circulating: '750' },
    });
  });
});
