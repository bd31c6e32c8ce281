import type { UpstreamReader } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { newFreshness } from './plugins/http-cache.js';
import { RequestEconomy } from './request-economy.js';

const reader: UpstreamReader = {
  read: async () => ({ value: null, fetchedAt: new Date(0), stale: false }) as never,
};

describe('RequestEconomy', () => {
  it('notes each read of now, and only reads', () => {
    const record = newFreshness();
    const events: unknown[] = [];
    const economy = new RequestEconomy(
      { onSourceEvent: (event) => events.push(event), snapshotWindowMs: 5_000 },
      reader,
      record,
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(economy.reader).toBe(reader);
    expect(economy.snapshotWindowMs).toBe(5_000);
    expect('now' in economy).toBe(true);
    expect(record.usedNow).toBe(false);
    expect(economy.now).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(economy.now).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(record).toMatchObject({ usedNow: true, nowReads: 2 });
  });

  it('notes the next changes, also when its noteNow is called as a copied function', () => {
    const record = newFreshness();
    const economy = new RequestEconomy({}, reader, record, new Date(0));
    const { noteNow } = economy;
    noteNow(new Date(5_000));
    noteNow(new Date(2_000));
    expect(record).toMatchObject({ nowNotes: 2, nextChange: 2_000, continuous: false });
    economy.noteNow(null);
    expect(record).toMatchObject({ nowNotes: 3, continuous: true });
    expect(economy.onSourceEvent).toBeUndefined();
    expect(economy.snapshotWindowMs).toBeUndefined();
  });
});
