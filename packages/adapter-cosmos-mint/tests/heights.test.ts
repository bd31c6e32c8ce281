import { createDirectReader } from '@tokenomics/core';
import {
  codedFailure,
  type FakeLcd,
  STANDARD_MINT_STATE,
  startFakeLcd,
} from '@tokenomics/cosmos-rest/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosmosMintAdapter } from '../src/index.js';
import { cosmosMintLiveSource } from '../src/sources/live.js';

const reader = createDirectReader({ timeoutMs: 5_000 });
const START = 26_000_000n;
const STATE = {
  chainId: 'testchain-1',
  supply: [{ denom: 'ustake', amount: '390000000000000' }],
  pool: { bonded_tokens: '250000000000000', not_bonded_tokens: '5000000000000' },
  latestBlock: { height: START.toString(), time: '2025-09-01T00:00:00Z' },
  mint: { ...STANDARD_MINT_STATE, params: { ...STANDARD_MINT_STATE.params, mint_denom: 'ustake' } },
};
/** Each block mints 11 tokens and bonds 2 more. */
const change = (height: bigint) => ({
  supply: [{ denom: 'ustake', amount: (390_000_000_000_000n + (height - START) * 11_000_000n).toString() }],
  pool: {
    bonded_tokens: (250_000_000_000_000n + (height - START) * 2_000_000n).toString(),
    not_bonded_tokens: '5000000000000',
  },
});

describe('cosmos-mint live reads one block at a time (fake LCD with heights)', () => {
  let lcd: FakeLcd;
  beforeAll(async () => {
    lcd = await startFakeLcd({ state: STATE, blockSeconds: 5 });
  });
  afterAll(() => lcd.close());

  it("gives live answers the fake's height and block time; supply follows the chain block by block; readAt, blockAt, PRUNED", async () => {
    const options = { id: 'testchain', denom: 'ustake', decimals: 6, symbol: 'STAKE' };
    const economy = cosmosMintAdapter({ ...options, live: { lcdUrl: lcd.url, chainId: 'testchain-1' } });
    lcd.advance(8, change);
    const now = new Date('2025-09-01T00:00:40Z');
    const info = await economy.source({ reader, now });
    expect([info.height, info.blockTime]).toEqual([26_000_008n, new Date('2025-09-01T00:00:40Z')]);
    expect((await economy.supply!({}, { reader, now })).total.toFixed()).toBe('390000088');
    lcd.advance(2, change);
    expect(
      (await economy.supply!({}, { reader, now: new Date('2025-09-01T00:00:50Z') })).total.toFixed(),
    ).toBe('390000110');

    const source = cosmosMintLiveSource({ lcdUrl: lcd.url, denom: 'ustake', decimals: 6 });
    const ctx = { reader, now };
    const past = await source.blocks!.readAt(ctx, 26_000_003n);
    expect([past.state!.total.toFixed(), past.state!.bonded.toFixed(), past.info.height]).toEqual([
      '390000033',
      '250000006',
      26_000_003n,
    ]);
    expect(past.parameters!.anchorTime!.value).toBe('2025-09-01T00:00:15.000Z');
    expect(await source.blocks!.blockAt(ctx, 26_000_001n)).toEqual({
      height: 26_000_001n,
      time: new Date('2025-09-01T00:00:05Z'),
    });
    lcd.setLowestHeight(26_000_005n);
    expect((await codedFailure(source.blocks!.readAt(ctx, 26_000_004n))).details).toEqual({
      reason: 'PRUNED',
      height: '26000004',
    });
  });
});
