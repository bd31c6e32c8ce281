import type { HistoryStore } from '@tokenomics/core';
import { TokenomicsError } from '@tokenomics/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfill, postgresHistoryStore } from '../src/index.js';
import { fakeChain } from './fake-chain.js';
import { plain } from './observations.js';
import { startPostgres, type TestPostgres } from './postgres-server.js';

let server: TestPostgres;
let store: HistoryStore;

beforeAll(async () => {
  server = await startPostgres();
  store = await postgresHistoryStore({ url: server.url });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await server?.stop();
});

const DAY = 86_400_000;
const day = (n: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + n * DAY);

describe('backfill over a fake archive', () => {
  it('fills every instant but the pruned ones, reports those, and a rerun adds nothing', async () => {
    // A block a minute from 2026-01-01: day n starts at height 1440n + 1.
    const chain = fakeChain({ prunedState: [1440n * 10n + 1n, 1440n * 15n] });
    chain.advanceTo(day(30));
    const progress: Array<[number, number]> = [];
    const first = await backfill({
      store,
      protocolId: 'archive',
      history: chain.history,
      from: new Date(day(0).getTime() + 30_000),
      to: new Date(day(29).getTime() + 30_000),
      interval: 'DAY',
      onProgress: (done, total) => progress.push([done, total]),
    });
    // Days 10..14 read blocks 1440n*10+1 .. 1440n*14+1: pruned (5 days).
    expect(first.total).toBe(30);
    expect(first.added).toBe(25);
    expect(first.skipped).toBe(0);
    expect(first.pruned.map((p) => p.at.toISOString())).toEqual(
      [10, 11, 12, 13, 14].map((n) => new Date(day(n).getTime() + 30_000).toISOString()),
    );
    expect(first.pruned.map((p) => p.height)).toEqual([14401n, 15841n, 17281n, 18721n, 20161n]);
    expect(first.pruned[0]?.message).toContain('height 14401 is pruned');
    expect(progress).toHaveLength(30);
    expect(progress.at(-1)).toEqual([30, 30]);

    // The store has exactly the chain's figures at the block of each instant.
    const stored = await store.range('archive', { from: day(0), to: day(30) });
    const days = [...Array(30).keys()].filter((n) => n < 10 || n > 14);
    expect(stored.map(plain)).toEqual(days.map((n) => plain(chain.figuresAt(1440n * BigInt(n) + 1n))));

    const observeAtBefore = chain.calls.observeAt;
    const rerun = await backfill({
      store,
      protocolId: 'archive',
      history: chain.history,
      from: new Date(day(0).getTime() + 30_000),
      to: new Date(day(29).getTime() + 30_000),
      interval: 'DAY',
      concurrency: 2,
    });
    expect(rerun.added).toBe(0);
    expect(rerun.skipped).toBe(25);
    expect(rerun.pruned).toHaveLength(5);
    // Skipped instants read no state: only the pruned ones were tried again.
    expect(chain.calls.observeAt - observeAtBefore).toBe(5);
  });

  it('resumes: an hourly run over a filled day adds only the missing hours', async () => {
    const chain = fakeChain();
    chain.advanceTo(day(3));
    const daily = await backfill({
      store,
      protocolId: 'resume',
      history: chain.history,
      from: day(1),
      to: day(2),
    });
    expect(daily.added).toBe(2);
    const hourly = await backfill({
      store,
      protocolId: 'resume',
      history: chain.history,
      from: day(1),
      to: new Date(day(1).getTime() + 5 * 3_600_000),
      interval: 'HOUR',
      concurrency: 64,
    });
    // 00:00 is the daily instant already stored; 01:00..05:00 are new.
    expect(hourly).toMatchObject({ total: 6, added: 5, skipped: 1, beforeGenesis: 0, pruned: [] });
  });

  it('counts instants before the first block, and collapses instants on one block', async () => {
    const chain = fakeChain({ genesis: day(2), blockSeconds: 3 * 86_400 });
    chain.advanceTo(day(9));
    const result = await backfill({
      store,
      protocolId: 'sparse',
      history: chain.history,
      from: day(0),
      to: day(8),
    });
    // Blocks at days 2, 5, 8: days 0-1 precede the chain; days 2-8 hit 3 blocks.
    expect(result).toMatchObject({ total: 9, added: 3, skipped: 4, beforeGenesis: 2, pruned: [] });
  });

  it('stops at the first upstream error that is not pruning, keeping what it filled', async () => {
    const chain = fakeChain();
    chain.advanceTo(day(10));
    const history = {
      ...chain.history,
      observeAt: async (_ctx: unknown, height: bigint) => {
        if (height > 1440n * 5n)
          throw new TokenomicsError('UPSTREAM_UNAVAILABLE', 'the archive node timed out');
        return chain.history.observeAt?.(undefined, height) as never;
      },
    };
    await expect(
      backfill({ store, protocolId: 'failing', history, from: day(0), to: day(9), concurrency: 1 }),
    ).rejects.toThrow('the archive node timed out');
    expect((await store.range('failing', { from: day(0), to: day(10) })).length).toBe(5);
  });

  it('refuses a history without an archive, and honours an abort', async () => {
    const chain = fakeChain();
    chain.advanceTo(day(3));
    await expect(
      backfill({
        store,
        protocolId: 'x',
        history: { observe: chain.history.observe },
        from: day(0),
        to: day(1),
      }),
    ).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
    const controller = new AbortController();
    const run = backfill({
      store,
      protocolId: 'aborted',
      history: chain.history,
      from: day(0),
      to: day(2),
      interval: 'HOUR',
      concurrency: 1,
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 3) controller.abort(new Error('stopped by the user'));
      },
    });
    await expect(run).rejects.toThrow('stopped by the user');
    expect((await store.range('aborted', { from: day(0), to: day(3) })).length).toBe(3);
  });
});
