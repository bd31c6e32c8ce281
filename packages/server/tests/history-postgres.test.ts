import type { FakeLcd } from '@tokenomics/cosmos-rest/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../gateway/tests/redis-server.js';
import { startPostgres, type TestPostgres } from '../../history/tests/postgres-server.js';
import {
  configFolder,
  eventually,
  perBlock,
  query,
  SSE_BOUND_MS,
  START_HEIGHT,
  START_TIME,
  startHistoryServer,
  startSynternetChain,
  subscribe,
  synt,
} from './history-fixtures.js';

type Point = { at: string; height: string; total: string; staked: string };
const HISTORY = `{ protocol(id: "synternet") { history(from: "2025-12-01T00:00:00Z") { at height total staked } } }`;

describe('two gateway instances sharing one PostgreSQL history and one Redis', { timeout: 180_000 }, () => {
  let postgres: TestPostgres;
  let redis: TestRedis;
  let lcd: FakeLcd;
  let folder: ReturnType<typeof configFolder>;
  let servers: Array<Awaited<ReturnType<typeof startHistoryServer>>> = [];
  let ticker: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    // Each server kept as it starts: when one fails to start, afterAll still stops the others.
    const started = await Promise.allSettled([
      startPostgres().then((server) => (postgres = server)),
      startRedis().then((server) => (redis = server)),
      startSynternetChain().then((chain) => (lcd = chain)),
    ]);
    for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
    folder = configFolder({ history: { sampleSeconds: 1 } });
    const env = { SYNTERNET_LCD_URL: lcd.url, DATABASE_URL: postgres.url, CACHE_URL: redis.url };
    servers = [await startHistoryServer(folder.dir, env), await startHistoryServer(folder.dir, env)];
  }, 120_000);
  afterAll(async () => {
    clearInterval(ticker);
    await Promise.allSettled(servers.map((server) => server.close()));
    await Promise.allSettled([postgres?.stop(), redis?.stop(), lcd?.close()]);
    folder?.remove();
  });

  it('exactly one instance records (the advisory lock); both serve the same history, the fake’s values', async () => {
    ticker = setInterval(() => lcd.advance(1, perBlock), 250);
    const histories = await eventually(
      async () => {
        const answers = await Promise.all(
          servers.map((server) => query<{ protocol: { history: Point[] } }>(server.endpoint, HISTORY)),
        );
        const [first, second] = answers.map((answer) => answer.protocol.history);
        return first!.length >= 4 && JSON.stringify(first) === JSON.stringify(second) ? first : undefined;
      },
      90_000,
      'four observations served alike by both instances',
    );
    clearInterval(ticker);
    expect(servers.map((server) => server.history.recorder?.leading)).toEqual(
      expect.arrayContaining([true, false]),
    );
    expect(servers.filter((server) => server.history.recorder?.leading).length).toBe(1);
    for (const point of histories) {
      const height = BigInt(point.height);
      const state = lcd.stateAt(height)!;
      expect(point).toEqual({
        at: new Date(Date.parse(START_TIME) + Number(height - START_HEIGHT) * 6_000).toISOString(),
        height: point.height,
        total: synt(state.supply.find((coin) => coin.denom === 'usynt')!.amount),
        staked: synt(state.pool.bonded_tokens),
      });
    }
    expect(new Set(histories.map((point) => point.total)).size).toBe(histories.length);
  });

  it('a client on the instance that does not record hears protocolUpdated through Redis', async () => {
    const follower = servers.find((server) => server.history.recorder?.leading === false)!;
    const leader = servers.find((server) => server.history.recorder?.leading === true)!;
    expect(follower).toBeDefined();
    await eventually(
      async () =>
        (await leader.history.store!.latest('synternet'))?.height === lcd.height ? true : undefined,
      30_000,
      'the recorder to reach the head',
    );
    const client = await subscribe(
      follower.endpoint,
      'subscription { protocolUpdated(id: "synternet") { id token { symbol } } }',
    );
    try {
      // Let the subscription's SUBSCRIBE reach Redis before the chain moves (not a timing assertion).
      await new Promise((resolve) => setTimeout(resolve, 500));
      lcd.advance(1, perBlock);
      const advancedAt = Date.now();
      const changedAt = lcd.height;
      // One sample interval (1 s) plus the cache TTL (1 s) plus slack: SSE_BOUND_MS (22 s); 30 s ends the wait.
      expect(await client.next(30_000)).toEqual({
        data: { protocolUpdated: { id: 'synternet', token: { symbol: 'SYNT' } } },
      });
      expect(Date.now() - advancedAt).toBeLessThan(SSE_BOUND_MS);
      expect((await follower.history.store!.latest('synternet'))?.height).toBe(changedAt);
      // The follower never wrote: it still does not lead.
      expect(follower.history.recorder?.leading).toBe(false);
    } finally {
      client.close();
    }
  });
});
