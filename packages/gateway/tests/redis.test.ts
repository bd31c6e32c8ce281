import type { JsonValue, UpstreamRequest } from '@tokenomics/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCachedReader, keyvStore } from '../src/cache.js';
import { startRedis, type TestRedis } from './redis-server.js';

describe('the upstream cache over a real Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('lets a second gateway instance serve what the first one read', async () => {
    let reads = 0;
    const request: UpstreamRequest<JsonValue> = {
      key: `test:supply:${Date.now()}`,
      load: async () => {
        reads++;
        return { amount: { denom: 'usynt', amount: '1080000000000000' } };
      },
    };
    const storeA = keyvStore(redis.url);
    const storeB = keyvStore(redis.url);
    const instanceA = createCachedReader({ store: storeA, ttlSeconds: 30 });
    const instanceB = createCachedReader({ store: storeB, ttlSeconds: 30 });
    const fromA = await instanceA.read(request);
    const fromB = await instanceB.read(request);
    expect(reads).toBe(1);
    expect(fromB).toEqual({ ...fromA, stale: false });
    await Promise.all([storeA.close(), storeB.close()]);
  });
});
