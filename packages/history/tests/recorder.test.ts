import { Decimal, type HistoryStore, type Observation } from '@tokenomics/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecorder, postgresHistoryStore, type RecorderLog } from '../src/index.js';
import { fakeChain } from './fake-chain.js';
import { observation, plain } from './observations.js';
import { startPostgres, type TestPostgres } from './postgres-server.js';

let server: TestPostgres;
const opened: HistoryStore[] = [];

async function openStore(): Promise<HistoryStore> {
  const store = await postgresHistoryStore({ url: server.url });
  opened.push(store);
  return store;
}

beforeAll(async () => {
  server = await startPostgres();
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(opened.map((store) => store.close()));
  await server?.stop();
});

function collectingLog(): RecorderLog & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    warn: (details, message) => warnings.push(`${message}: ${String(details.error ?? '')}`),
  };
}

const ALL = { from: new Date('2000-01-01Z'), to: new Date('2100-01-01Z') };

describe('the recorder', () => {
  it('records exactly the chain figures at each sampled height, once per new height', async () => {
    const store = await openStore();
    const chain = fakeChain({ height: 100n });
    const seen: Array<[string, bigint, boolean]> = [];
    const recorder = createRecorder({
      store,
      protocols: [{ id: 'live', history: chain.history }, { id: 'snapshot' }],
      start: false,
      onObservation: (id, o, changed) => void seen.push([id, o.height, changed]),
    });
    for (const step of [0n, 1n, 0n, 3n, 2n]) {
      chain.advance(step);
      await recorder.sampleOnce();
    }
    expect(recorder.leading).toBe(true);
    const heights = [100n, 101n, 104n, 106n];
    expect((await store.range('live', ALL)).map(plain)).toEqual(
      heights.map((h) => plain(chain.figuresAt(h))),
    );
    expect(seen).toEqual(heights.map((h) => ['live', h, true]));
    // One read per sample, none for the snapshot protocol.
    expect(chain.calls.observe).toBe(5);
    expect(await store.latest('snapshot')).toBeNull();
    await recorder.stop();
    expect(recorder.leading).toBe(false);
  });

  it('reports unchanged figures as not changed, and continues from the stored history', async () => {
    const store = await openStore();
    const chain = fakeChain({ height: 10n });
    chain.freeze();
    const changes: boolean[] = [];
    const first = createRecorder({
      store,
      protocols: [{ id: 'still', history: chain.history }],
      start: false,
      onObservation: (_id, _o, changed) => void changes.push(changed),
    });
    await first.sampleOnce();
    chain.advance();
    await first.sampleOnce();
    await first.sampleOnce();
    await first.stop();
    expect(changes).toEqual([true, false]);
    // A new recorder compares with the stored observation: still unchanged, then a change.
    const second = createRecorder({
      store,
      protocols: [{ id: 'still', history: chain.history }],
      start: false,
      onObservation: (_id, _o, changed) => void changes.push(changed),
    });
    chain.advance();
    await second.sampleOnce();
    chain.freeze(false);
    chain.advance();
    await second.sampleOnce();
    await second.stop();
    expect(changes).toEqual([true, false, false, true]);
    expect((await store.range('still', ALL)).map((o) => o.height)).toEqual([10n, 11n, 12n, 13n]);
  });

  it('logs and skips a failing read without holding up the other protocols', async () => {
    const store = await openStore();
    const healthy = fakeChain({ height: 5n });
    const broken = fakeChain({ height: 7n });
    broken.fail(new Error('upstream https://user:secret@lcd.example/cosmos refused'));
    const hanging = { observe: () => new Promise<Observation>(() => {}) };
    const log = collectingLog();
    const recorder = createRecorder({
      store,
      protocols: [
        { id: 'broken', history: broken.history },
        { id: 'hanging', history: hanging },
        { id: 'healthy', history: healthy.history },
      ],
      intervalSeconds: 0.02,
      log,
    });
    for (let i = 0; i < 500 && (await store.range('healthy', ALL)).length < 3; i++) {
      healthy.advance();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await store.range('healthy', ALL)).length).toBeGreaterThanOrEqual(3);
    expect(await store.latest('broken')).toBeNull();
    expect(log.warnings.length).toBeGreaterThanOrEqual(1);
    expect(log.warnings[0]).toContain('sample failed');
    expect(log.warnings.join('\n')).not.toContain('secret');
    // The broken chain recovers: the next samples record it.
    broken.fail(null);
    for (let i = 0; i < 500 && (await store.latest('broken')) === null; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await store.latest('broken'))?.height).toBe(7n);
    await recorder.stop();
    const after = (await store.range('healthy', ALL)).length;
    healthy.advance();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await store.range('healthy', ALL)).length).toBe(after);
  });

  it('lets exactly one of two recorders on one PostgreSQL write; the other takes over when it stops', async () => {
    const [storeA, storeB] = [await openStore(), await openStore()];
    const chain = fakeChain({ height: 1_000n });
    const writes = { a: 0, b: 0 };
    const a = createRecorder({
      store: storeA,
      protocols: [{ id: 'two', history: chain.history }],
      start: false,
      onObservation: () => void writes.a++,
    });
    const b = createRecorder({
      store: storeB,
      protocols: [{ id: 'two', history: chain.history }],
      start: false,
      onObservation: () => void writes.b++,
    });
    for (let i = 0; i < 4; i++) {
      chain.advance();
      await Promise.all([a.sampleOnce(), b.sampleOnce()]);
    }
    expect([a.leading, b.leading].filter(Boolean)).toHaveLength(1);
    expect(writes.a + writes.b).toBe(4);
    expect(Math.min(writes.a, writes.b)).toBe(0);
    const [leader, follower] = a.leading ? [a, b] : [b, a];
    await leader.stop();
    chain.advance();
    await follower.sampleOnce();
    expect(follower.leading).toBe(true);
    expect(writes.a + writes.b).toBe(5);
    expect((await storeA.range('two', ALL)).map((o) => o.height)).toEqual([
      1001n,
      1002n,
      1003n,
      1004n,
      1005n,
    ]);
    await follower.stop();
  });

  it('hands the role over when the leader’s database session dies', async () => {
    const [storeA, storeB] = [await openStore(), await openStore()];
    const chain = fakeChain({ height: 2_000n });
    const a = createRecorder({
      store: storeA,
      protocols: [{ id: 'failover', history: chain.history }],
      start: false,
    });
    await a.sampleOnce();
    expect(a.leading).toBe(true);
    const b = createRecorder({
      store: storeB,
      protocols: [{ id: 'failover', history: chain.history }],
      start: false,
    });
    chain.advance();
    await b.sampleOnce();
    expect(b.leading).toBe(false);
    // An operator (or a network cut) ends the session holding the advisory lock.
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    const { rowCount } = await admin.query(
      "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted",
    );
    await admin.end();
    expect(rowCount).toBe(1);
    for (let i = 0; i < 200 && !b.leading; i++) {
      await b.sampleOnce();
      if (!b.leading) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(b.leading).toBe(true);
    expect(a.leading).toBe(false);
    chain.advance();
    await Promise.all([a.sampleOnce(), b.sampleOnce()]);
    expect(a.leading).toBe(false);
    expect((await storeA.range('failover', ALL)).map((o) => o.height)).toEqual([2_000n, 2_001n, 2_002n]);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('prunes observations older than the retention', async () => {
    const store = await openStore();
    const now = Date.now();
    await store.append('retained', [
      observation(1n, 0, { at: new Date(now - 40 * 86_400_000), total: new Decimal(1) }),
      observation(2n, 0, { at: new Date(now - 10 * 86_400_000), total: new Decimal(2) }),
    ]);
    const chain = fakeChain({ genesis: new Date(now - 60_000), height: 2n, blockSeconds: 1 });
    chain.advance(10n);
    const recorder = createRecorder({
      store,
      protocols: [{ id: 'retained', history: chain.history }],
      retentionDays: 30,
      start: false,
    });
    await recorder.sampleOnce();
    await recorder.stop();
    expect((await store.range('retained', ALL)).map((o) => o.height)).toEqual([2n, 12n]);
  });

  it('prunes old observations even while the chain’s height stands still', async () => {
    const store = await openStore();
    const now = Date.now();
    await store.append('standing', [
      observation(1n, 0, { at: new Date(now - 40 * 86_400_000), total: new Decimal(1) }),
      observation(2n, 0, { at: new Date(now - 10 * 86_400_000), total: new Decimal(2) }),
    ]);
    // The chain stays at the stored height 2: every sample returns before appending.
    const chain = fakeChain({ genesis: new Date(now - 60_000), height: 2n, blockSeconds: 1 });
    const recorder = createRecorder({
      store,
      protocols: [{ id: 'standing', history: chain.history }],
      retentionDays: 30,
      start: false,
    });
    await recorder.sampleOnce();
    await recorder.stop();
    expect(chain.calls.observe).toBe(1);
    expect((await store.range('standing', ALL)).map((o) => o.height)).toEqual([2n]);
  });

  it('confirms the lease on its own connection before writing: a dead session writes nothing', async () => {
    const store = await openStore();
    const lease = await store.tryLeadership('checked');
    expect(lease).not.toBeNull();
    expect(await lease?.check?.()).toBe(true);
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(
      "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted and objid = hashtext('checked')::oid",
    );
    await admin.end();
    expect(await lease?.check?.()).toBe(false);
    expect(lease?.lost).toBe(true);
    await lease?.release();
  });
});
