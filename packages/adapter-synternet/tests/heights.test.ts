import { createDirectReader, Decimal } from '@tokenomics/core';
import { codedFailure, type FakeLcd, startFakeLcd } from '@tokenomics/cosmos-rest/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTERNET_TREASURY_ADDRESS, synternetAdapter } from '../src/index.js';
import { synternetLiveSource } from '../src/sources/live.js';
import { SYNTERNET_GENESIS_STATE } from '../src/testing/index.js';

const reader = createDirectReader({ timeoutMs: 5_000 });
const START = 2_000_000n;
const STATE = {
  chainId: 'synternet-1',
  supply: [{ denom: 'usynt', amount: '1250000000000000' }],
  balances: { [SYNTERNET_TREASURY_ADDRESS]: [{ denom: 'usynt', amount: '850000000000000' }] },
  pool: { bonded_tokens: '500000000000000', not_bonded_tokens: '2000000000000' },
  latestBlock: { height: START.toString(), time: '2025-11-01T00:00:00Z' },
  mint: null,
};
/** Each block mints 7 SYNT and bonds 3 more. */
const change = (height: bigint) => ({
  supply: [{ denom: 'usynt', amount: (1_250_000_000_000_000n + (height - START) * 7_000_000n).toString() }],
  pool: {
    bonded_tokens: (500_000_000_000_000n + (height - START) * 3_000_000n).toString(),
    not_bonded_tokens: '2000000000000',
  },
});

describe('Synternet live reads one block at a time (fake LCD with heights)', () => {
  let lcd: FakeLcd;
  beforeAll(async () => {
    lcd = await startFakeLcd({ base: SYNTERNET_GENESIS_STATE, state: STATE, blockSeconds: 6 });
  });
  afterAll(() => lcd.close());

  it("gives every live answer the fake's height and block time, and reads supply and bonded as they change per block", async () => {
    const economy = synternetAdapter({ live: { lcdUrl: lcd.url } });
    lcd.advance(10, change);
    const now = new Date('2025-11-01T00:01:00Z');
    const info = await economy.source({ reader, now });
    expect([info.height, info.blockTime]).toEqual([2_000_010n, new Date('2025-11-01T00:01:00Z')]);
    const supply = await economy.supply!({}, { reader, now });
    expect(supply.total.toFixed()).toBe('1250000070');
    lcd.advance(5, change);
    const later = new Date('2025-11-01T00:01:30Z');
    const next = await economy.supply!({}, { reader, now: later });
    expect([next.total.toFixed(), (await economy.source({ reader, now: later })).height]).toEqual([
      '1250000105',
      2_000_015n,
    ]);
    const rewards = await economy.rewards!({}, { reader, now: later });
    // bonded 500,000,045 of 1,250,000,105
    expect(rewards.bondedRatio!.toFixed()).toBe(new Decimal('500000045').div('1250000105').toFixed());
  });

  it("readAt(h) returns the fake's state at h; blockAt and head its blocks; a pruned height is PRUNED", async () => {
    const source = synternetLiveSource({ lcdUrl: lcd.url });
    const ctx = { reader, now: new Date('2025-11-01T00:02:00Z') };
    const head = await source.blocks!.head(ctx);
    expect(head.height).toBe(lcd.height);
    const past = await source.blocks!.readAt(ctx, 2_000_004n);
    expect([past.state!.total.toFixed(), past.state!.bonded.toFixed(), past.state!.height]).toEqual([
      '1250000028',
      '500000012',
      '2000004',
    ]);
    expect([past.info.height, past.info.blockTime]).toEqual([2_000_004n, new Date('2025-11-01T00:00:24Z')]);
    expect(await source.blocks!.blockAt(ctx, 2_000_001n)).toEqual({
      height: 2_000_001n,
      time: new Date('2025-11-01T00:00:06Z'),
    });
    lcd.setLowestHeight(2_000_003n);
    const pruned = await codedFailure(source.blocks!.readAt(ctx, 2_000_002n));
    expect(pruned.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(pruned.details).toEqual({ reason: 'PRUNED', height: '2000002' });
  });
});
