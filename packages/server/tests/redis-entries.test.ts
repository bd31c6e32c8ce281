import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import { type FakeArbitrum, startFakeArbitrum } from '@tokenomics/adapter-session/testing';
import { createGateway, keyvStore } from '@tokenomics/gateway';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ServedGateway, serveOnLoopback } from '../../gateway/tests/fixtures.js';
import { startRedis, type TestRedis } from '../../gateway/tests/redis-server.js';
import { createAdapters, loadConfig } from './server-config.js';

/**
 * Entries edited in Redis are not trusted: one of the wrong shape or dated in
 * the future is ignored by every instance (read upstream instead) and reported.
 * Each instance is asked over real HTTP on 127.0.0.1.
 */
const QUERY = '{ protocol(id: "session") { source { stale } rewards { participants } } }';

let chain: FakeArbitrum;
let redis: TestRedis;
const raw = () => createClient({ url: redis.url });
const gateways: ServedGateway[] = [];

beforeAll(async () => {
  [chain, redis] = await Promise.all([
    startFakeArbitrum({ state: { serviceNodeRewards: { totalNodes: 1_234n } } }),
    startRedis(),
  ]);
});
afterAll(async () => {
  await Promise.all([chain.close(), redis?.stop()]);
});
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
  const client = raw();
  await client.connect();
  await client.flushAll();
  client.destroy();
});

/** A gateway instance on the shared Redis, listening on 127.0.0.1. */
async function instance(): Promise<ServedGateway> {
  const config = loadConfig({
    cwd: mkdtempSync(join(tmpdir(), 'tokenomics-entries-')),
    env: { SESSION_RPC_URL: chain.url },
  });
  const gateway = createGateway({
    adapters: (await createAdapters(config)).filter((economy) => economy.id === 'session'),
    cacheStore: keyvStore(redis.url),
    cacheTtlSeconds: 60,
    logger: pino({ level: 'silent' }),
    responseCache: false,
    drainGraceMs: 0,
  });
  const served = await serveOnLoopback(gateway);
  gateways.push(served);
  return served;
}

/** How many store entries a gateway ignored, as its /metrics says. */
async function ignored(gateway: ServedGateway): Promise<number> {
  const text = await (await gateway.get('/metrics')).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('tokenomics_cache_events_total{type="invalid-entry"}'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Rewrites the Redis entry that holds the ServiceNodeRewards reading. */
async function editNodesEntry(edit: (entry: { v: Record<string, unknown>; t: number }) => unknown) {
  const client = raw();
  await client.connect();
  try {
    const keys = await client.keys('tokenomics:v2:*');
    const entries = await Promise.all(keys.map(async (key) => [key, await client.get(key)] as const));
    const found = entries.find(([, text]) => text?.includes('"totalNodes"'));
    if (!found?.[1]) throw new Error('no ServiceNodeRewards entry in Redis');
    await client.set(found[0], JSON.stringify(edit(JSON.parse(found[1]))));
  } finally {
    client.destroy();
  }
}

describe('a Redis entry edited by hand', () => {
  it.each([
    [
      'to a number where the chain answers an integer string',
      (v: Record<string, unknown>) => ({ ...v, totalNodes: 7 }),
    ],
    ['to a negative count', (v: Record<string, unknown>) => ({ ...v, totalNodes: '-7' })],
    ['with a field the reading does not have', (v: Record<string, unknown>) => ({ ...v, admin: '1' })],
  ])('is ignored by every instance when edited %s', async (_name, editValue) => {
    const first = await instance();
    expect((await first.post(QUERY)).body.data.protocol.rewards.participants).toBe(1234);
    await editNodesEntry((entry) => ({ v: editValue(entry.v), t: entry.t }));
    const calls = chain.callCount('totalNodes');
    const second = await instance();
    const { body } = await second.post(QUERY);
    expect(body.errors).toBeUndefined();
    expect(body.data.protocol).toEqual({ source: { stale: false }, rewards: { participants: 1234 } });
    expect(chain.callCount('totalNodes')).toBe(calls + 1);
    expect(await ignored(second)).toBe(1);
  });

  it('is ignored when dated in the future, even with a well-formed value', async () => {
    const first = await instance();
    await first.post(QUERY);
    await editNodesEntry((entry) => ({ v: { ...entry.v, totalNodes: '7' }, t: Date.now() + 3_600_000 }));
    const calls = chain.callCount('totalNodes');
    const second = await instance();
    expect((await second.post(QUERY)).body.data.protocol.rewards.participants).toBe(1234);
    expect(chain.callCount('totalNodes')).toBe(calls + 1);
    expect(await ignored(second)).toBe(1);
    // The first instance does not take it either.
    expect((await first.post(QUERY)).body.data.protocol.rewards.participants).toBe(1234);
  });
});
