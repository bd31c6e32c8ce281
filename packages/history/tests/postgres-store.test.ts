import type { HistoryStore } from '@tokenomics/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresHistoryStore } from '../src/index.js';
import { observation, plain } from './observations.js';
import { startPostgres, type TestPostgres } from './postgres-server.js';
import { storeContract } from './store-contract.js';

let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('postgresHistoryStore (a real PostgreSQL on 127.0.0.1)', () => {
  storeContract({
    open: () => postgresHistoryStore({ url: server.url }),
    async reopen(store) {
      await store.close();
      return postgresHistoryStore({ url: server.url });
    },
  });

  it('shares one history between two stores', async () => {
    const a = await postgresHistoryStore({ url: server.url });
    const b = await postgresHistoryStore({ url: server.url });
    expect(await a.append('shared', [observation(100n, 0), observation(101n, 1)])).toBe(2);
    expect(await b.append('shared', [observation(101n, 1), observation(102n, 2)])).toBe(1);
    const fromA = await a.range('shared', { from: new Date(0), to: new Date('2027-01-01Z') });
    const fromB = await b.range('shared', { from: new Date(0), to: new Date('2027-01-01Z') });
    expect(fromA.map(plain)).toEqual(fromB.map(plain));
    expect(fromB.map((o) => o.height)).toEqual([100n, 101n, 102n]);
    await Promise.all([a.close(), b.close()]);
  });

  it('lets exactly one of two stores lead until it releases (an advisory lock)', async () => {
    const stores: HistoryStore[] = [
      await postgresHistoryStore({ url: server.url }),
      await postgresHistoryStore({ url: server.url }),
    ];
    const [a, b] = stores as [HistoryStore, HistoryStore];
    const leaseA = await a.tryLeadership('recorder');
    expect(leaseA).not.toBeNull();
    expect(await b.tryLeadership('recorder')).toBeNull();
    expect(await b.tryLeadership('recorder')).toBeNull();
    // Another role is free.
    const other = await b.tryLeadership('another-role');
    expect(other).not.toBeNull();
    await leaseA?.release();
    const leaseB = await b.tryLeadership('recorder');
    expect(leaseB).not.toBeNull();
    expect(await a.tryLeadership('recorder')).toBeNull();
    // Closing a store gives its roles up.
    await b.close();
    const back = await a.tryLeadership('recorder');
    expect(back).not.toBeNull();
    await a.close();
  });

  it('migrates a fresh database safely when several instances start at once', async () => {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('create database fresh_start');
    await admin.end();
    const url = server.url.replace(/\/postgres$/, '/fresh_start');
    const stores = await Promise.all([1, 2, 3].map(() => postgresHistoryStore({ url })));
    expect(await stores[0]?.append('fresh', [observation(1n, 0)])).toBe(1);
    expect((await stores[2]?.latest('fresh'))?.height).toBe(1n);
    await Promise.all(stores.map((store) => store.close()));
  });
});
