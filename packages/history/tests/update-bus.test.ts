import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../gateway/tests/redis-server.js';
import { createUpdateBus, type ProtocolUpdate, type UpdateBus } from '../src/index.js';

let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis();
}, 30_000);

afterAll(async () => {
  await redis?.stop();
});

/** The next update, publishing with `publish` every 50 ms until it comes (a Redis SUBSCRIBE is asynchronous). */
async function nextWhilePublishing(
  updates: AsyncIterableIterator<ProtocolUpdate>,
  publish: () => void,
): Promise<ProtocolUpdate> {
  const next = updates.next();
  let received = false;
  void next.then(() => {
    received = true;
  });
  for (let i = 0; i < 200 && !received; i++) {
    publish();
    await Promise.race([next, new Promise((resolve) => setTimeout(resolve, 50))]);
  }
  const { value, done } = await next;
  expect(done).toBe(false);
  return value as ProtocolUpdate;
}

describe('the update bus', () => {
  it('delivers a protocol’s updates in process, to its own subscribers only', async () => {
    const bus = createUpdateBus();
    const session = bus.subscribe('session');
    const other = bus.subscribe('synternet');
    // A subscription listens from its first next() (graphql-yoga's Repeater starts lazily).
    const first = session.next();
    const otherFirst = other.next();
    bus.publish('session', { height: '1200', at: '2026-01-01T00:00:00.000Z' });
    bus.publish('session');
    expect((await first).value).toEqual({
      protocolId: 'session',
      height: '1200',
      at: '2026-01-01T00:00:00.000Z',
    });
    expect((await session.next()).value).toEqual({ protocolId: 'session', height: null, at: null });
    bus.publish('synternet', { height: '7' });
    expect((await otherFirst).value).toMatchObject({ protocolId: 'synternet', height: '7' });
    await bus.close();
    expect((await session.next()).done).toBe(true);
  });

  it('fans a publish on one instance out to a subscriber on another through a real Redis', async () => {
    const buses: UpdateBus[] = [
      createUpdateBus({ redisUrl: redis.url }),
      createUpdateBus({ redisUrl: redis.url }),
    ];
    const [recorder, reader] = buses as [UpdateBus, UpdateBus];
    try {
      const updates = reader.subscribe('session');
      const update = await nextWhilePublishing(updates, () =>
        recorder.publish('session', { height: '42', at: '2026-02-01T00:00:00.000Z' }),
      );
      expect(update).toEqual({ protocolId: 'session', height: '42', at: '2026-02-01T00:00:00.000Z' });
      // Each protocol has its topic: a subscriber to another one hears only its own.
      const others = reader.subscribe('synternet');
      const heard = await nextWhilePublishing(others, () => {
        recorder.publish('session', { height: '43' });
        recorder.publish('synternet', { height: '9' });
      });
      expect(heard).toMatchObject({ protocolId: 'synternet', height: '9' });
      await updates.return?.();
      await others.return?.();
    } finally {
      await Promise.all(buses.map((bus) => bus.close()));
    }
  });

  it('survives a Redis outage: failed commands are reported, never rejected, and updates flow again once Redis is back', async () => {
    const rejections: unknown[] = [];
    const record = (reason: unknown) => void rejections.push(reason);
    process.on('unhandledRejection', record);
    const errors: string[] = [];
    const buses: UpdateBus[] = [
      createUpdateBus({ redisUrl: redis.url, onError: (error) => errors.push(error.message) }),
      createUpdateBus({ redisUrl: redis.url, onError: (error) => errors.push(error.message) }),
    ];
    const [recorder, reader] = buses as [UpdateBus, UpdateBus];
    try {
      // A subscription made before the outage, and one that leaves during it.
      const before = reader.subscribe('session');
      expect(
        await nextWhilePublishing(before, () => recorder.publish('session', { height: '1' })),
      ).toMatchObject({ height: '1' });
      const leaving = reader.subscribe('leaving');
      await nextWhilePublishing(leaving, () => recorder.publish('leaving'));

      await redis.kill();
      recorder.publish('session', { height: '2' });
      const during = reader.subscribe('synternet');
      const duringNext = during.next(); // its SUBSCRIBE goes out while Redis is down
      await leaving.return?.(); // and this UNSUBSCRIBE
      for (let i = 0; i < 400 && (recorder.redisFailures === 0 || reader.redisFailures < 2); i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(recorder.redisFailures).toBeGreaterThan(0);
      expect(reader.redisFailures).toBeGreaterThanOrEqual(2);
      expect(errors.some((message) => message.includes('events are lost'))).toBe(true);

      await redis.restart();
      // ioredis reconnects; the subscription from before the outage hears again…
      const again = await nextWhilePublishing(before, () => recorder.publish('session', { height: '3' }));
      expect(again).toMatchObject({ protocolId: 'session', height: '3' });
      // …and so does the one whose SUBSCRIBE failed during it.
      let heard = false;
      void duringNext.then(() => {
        heard = true;
      });
      for (let i = 0; i < 200 && !heard; i++) {
        recorder.publish('synternet', { height: '9' });
        await Promise.race([duringNext, new Promise((resolve) => setTimeout(resolve, 50))]);
      }
      expect((await duringNext).value).toMatchObject({ protocolId: 'synternet', height: '9' });
      expect(rejections).toEqual([]);
      await before.return?.();
      await during.return?.();
    } finally {
      process.off('unhandledRejection', record);
      await Promise.all(buses.map((bus) => bus.close()));
    }
  }, 60_000);
});
