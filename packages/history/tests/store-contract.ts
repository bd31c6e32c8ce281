import { Decimal, type HistoryStore } from '@tokenomics/core';
import { expect, it } from 'vitest';
import { observation, plain } from './observations.js';

/** How a contract test gets a store: a fresh one, and the same data reopened (a restart). */
export interface StoreHarness {
  /** A store over an empty history (each call: a new protocol id keeps tests apart). */
  open(): Promise<HistoryStore>;
  /** Closes `store` and opens the same data again. */
  reopen(store: HistoryStore): Promise<HistoryStore>;
}

let counter = 0;
const protocol = () => `p${++counter}-${process.pid}`;
const LONG = 120_000;

/** The HistoryStore contract: every implementation must pass it. */
export function storeContract(harness: StoreHarness): void {
  it(
    'appends, reads a range oldest first and the latest, exactly',
    async () => {
      const store = await harness.open();
      const id = protocol();
      expect(await store.latest(id)).toBeNull();
      const written = [observation(12n, 2), observation(10n, 0), observation(11n, 1)];
      expect(await store.append(id, written)).toBe(3);
      const read = await store.range(id, {
        from: new Date('2026-01-01T00:00Z'),
        to: new Date('2026-01-01T00:05Z'),
      });
      expect(read.map(plain)).toEqual(
        [observation(10n, 0), observation(11n, 1), observation(12n, 2)].map(plain),
      );
      expect(read[0]?.total?.toFixed()).toBe('240000000.01');
      expect(read[0]?.emissionRate).toBeNull();
      expect(typeof read[0]?.height).toBe('bigint');
      const latest = await store.latest(id);
      expect(latest && plain(latest)).toEqual(plain(observation(12n, 2)));
      const inner = await store.range(id, {
        from: new Date('2026-01-01T00:01Z'),
        to: new Date('2026-01-01T00:01Z'),
      });
      expect(inner.map((o) => o.height)).toEqual([11n]);
      expect(await store.range(protocol(), { from: new Date(0), to: new Date() })).toEqual([]);
      await store.close();
    },
    LONG,
  );

  it(
    'is idempotent on (protocol, height): appending again adds nothing',
    async () => {
      const store = await harness.open();
      const id = protocol();
      expect(await store.append(id, [observation(1n, 0), observation(2n, 1)])).toBe(2);
      expect(
        await store.append(id, [observation(2n, 1, { total: new Decimal(9) }), observation(3n, 2)]),
      ).toBe(1);
      expect(await store.append(id, [observation(1n, 0), observation(2n, 1), observation(3n, 2)])).toBe(0);
      expect(await store.append(id, [])).toBe(0);
      const all = await store.range(id, { from: new Date(0), to: new Date('2027-01-01Z') });
      expect(all.map((o) => o.height)).toEqual([1n, 2n, 3n]);
      expect(all[1]?.total?.toFixed()).toBe('240000000.002');
      expect(await store.heights(id, 2n, 10n)).toEqual([2n, 3n]);
      expect(await store.heights(id, 4n, 10n)).toEqual([]);
      // Another protocol's heights are its own.
      expect(await store.append(protocol(), [observation(1n, 0)])).toBe(1);
      await store.close();
    },
    LONG,
  );

  it(
    'steps by interval: the last observation at or before each step, each once',
    async () => {
      const store = await harness.open();
      const id = protocol();
      // Observations at 00:10, 00:50, 01:20, 03:05 (none between 01:20 and 03:05).
      await store.append(id, [
        observation(1n, 10),
        observation(2n, 50),
        observation(3n, 80),
        observation(4n, 185),
      ]);
      const hourly = await store.range(id, {
        from: new Date('2026-01-01T00:00Z'),
        to: new Date('2026-01-01T04:00Z'),
        interval: 'HOUR',
      });
      // 00:00 nothing yet; 01:00 → #2; 02:00 → #3; 03:00 → #3 again (left out); 04:00 → #4.
      expect(hourly.map((o) => o.height)).toEqual([2n, 3n, 4n]);
      const fromBefore = await store.range(id, {
        from: new Date('2026-01-01T01:30Z'),
        to: new Date('2026-01-01T01:30Z'),
        interval: 'HOUR',
      });
      expect(fromBefore.map((o) => o.height)).toEqual([3n]);
      const daily = await store.range(id, {
        from: new Date('2025-12-30Z'),
        to: new Date('2026-01-03Z'),
        interval: 'DAY',
      });
      expect(daily.map((o) => o.height)).toEqual([4n]);
      await store.close();
    },
    LONG,
  );

  it(
    'prunes observations older than the retention instant',
    async () => {
      const store = await harness.open();
      const id = protocol();
      await store.append(id, [observation(1n, 0), observation(2n, 60), observation(3n, 120)]);
      expect(await store.prune(id, new Date('2026-01-01T01:00Z'))).toBe(1);
      expect(await store.prune(id, new Date('2026-01-01T01:00Z'))).toBe(0);
      const left = await store.range(id, { from: new Date(0), to: new Date('2027-01-01Z') });
      expect(left.map((o) => o.height)).toEqual([2n, 3n]);
      await store.close();
    },
    LONG,
  );

  it(
    'keeps 60-digit decimals, heights beyond 2^53 and participants exact, and across a restart',
    async () => {
      let store = await harness.open();
      const id = protocol();
      const sixty = '123456789012345678901234567890.123456789012345678901234567891';
      const height = 9_007_199_254_740_993n; // 2^53 + 1
      const written = observation(height, 0, {
        total: new Decimal(sixty),
        stakingApr: new Decimal('0.000000000000000000000000000000000000000000000000000000000001'),
        participants: 2_147_483_647,
      });
      await store.append(id, [written]);
      store = await harness.reopen(store);
      const read = await store.latest(id);
      expect(read?.total?.toFixed()).toBe(sixty);
      expect(read && plain(read)).toEqual(plain(written));
      expect(read?.height).toBe(height);
      await store.close();
    },
    LONG,
  );

  it(
    'always lets one leader take a role it already released',
    async () => {
      const store = await harness.open();
      const lease = await store.tryLeadership('recorder-contract');
      expect(lease).not.toBeNull();
      expect(lease?.lost).toBe(false);
      await lease?.release();
      expect(lease?.lost).toBe(true);
      const again = await store.tryLeadership('recorder-contract');
      expect(again).not.toBeNull();
      await store.close();
      expect(again?.lost).toBe(true);
    },
    LONG,
  );
}
