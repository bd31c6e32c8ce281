import { createDirectReader } from '@tokenomics/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bankSupplyByDenom,
  blockAtHeight,
  cosmosBlockSource,
  readBlock,
  readStandardChainState,
  stakingPool,
  standardChainRequests,
} from '../src/index.js';
import { codedFailure, type FakeLcd, startFakeLcd } from '../src/testing/index.js';
import { EXAMPLE_CHAIN_STATE } from './example-chain.js';

const reader = createDirectReader({ timeoutMs: 5_000 });
const token = { denom: 'usynt', decimals: 6, symbol: 'SYNT' };
let lcd: FakeLcd;

beforeAll(async () => {
  lcd = await startFakeLcd({ base: EXAMPLE_CHAIN_STATE, blockSeconds: 5 });
  // 838 is the first block; each later one mints 1 SYNT and bonds 0.5 more.
  lcd.advance(20, (height) => ({
    supply: [{ denom: 'usynt', amount: (1_000_000_000_000_000n + (height - 838n) * 1_000_000n).toString() }],
    pool: {
      not_bonded_tokens: '1000000000000',
      bonded_tokens: (504_000_000_000_000n + (height - 838n) * 500_000n).toString(),
    },
  }));
});
afterAll(() => lcd.close());

describe('the fake LCD learns heights', () => {
  it('advances with a block time per height and serves each height its state', async () => {
    expect(lcd.height).toBe(858n);
    const latest = await readBlock(reader, lcd.url);
    expect([latest.height, latest.time.toISOString()]).toEqual([858n, '2024-08-01T00:01:40.000Z']);
    const at845 = await readBlock(reader, lcd.url, 845n);
    expect([at845.height, at845.time.toISOString()]).toEqual([845n, '2024-08-01T00:00:35.000Z']);
    const supply = await reader.read(bankSupplyByDenom(lcd.url, 'usynt', { height: 845n }));
    expect(supply.value.amount.amount).toBe('1000000007000000');
    const pool = await reader.read(stakingPool(lcd.url, { height: 840n }));
    expect(pool.value.pool.bonded_tokens).toBe('504000001000000');
    // Without the header: the latest state.
    expect((await reader.read(stakingPool(lcd.url))).value.pool.bonded_tokens).toBe('504000010000000');
  });

  it('reads a whole standard state at one height, consistent with its block', async () => {
    const block = await readBlock(reader, lcd.url, 850n);
    const requests = standardChainRequests(lcd.url, 'usynt', { height: block.height, block: block.request });
    expect(requests.pool.key).toBe(`GET ${lcd.url}/cosmos/staking/v1beta1/pool @850`);
    const state = await readStandardChainState(reader, requests, token, block.answer);
    expect([state.height, state.total.toFixed(), state.bonded.toFixed()]).toEqual([
      '850',
      '1000000012',
      '504000006',
    ]);
  });

  it('answers a pruned height as a cosmos-sdk node does, and readers refuse it with PRUNED', async () => {
    lcd.setLowestHeight(845n);
    try {
      const error = await codedFailure(reader.read(stakingPool(lcd.url, { height: 844n })));
      expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(error.details).toEqual({ reason: 'PRUNED', height: '844' });
      expect(error.message).toContain('height 844 is not available, lowest height is 845');
      const block = await codedFailure(reader.read(blockAtHeight(lcd.url, 800n)));
      expect(block.details).toEqual({ reason: 'PRUNED', height: '800' });
      expect((await reader.read(stakingPool(lcd.url, { height: 845n }))).value.pool.bonded_tokens).toBe(
        '504000003500000',
      );
    } finally {
      lcd.setLowestHeight(1n);
    }
  });

  it('cosmosBlockSource gives head, blockAt and readAt over one readAt', async () => {
    const source = cosmosBlockSource(lcd.url, async (ctx, height) => {
      const block = await readBlock(ctx.reader, lcd.url, height);
      const requests = standardChainRequests(lcd.url, 'usynt', {
        height: block.height,
        block: block.request,
      });
      const chain = await readStandardChainState(ctx.reader, requests, token, block.answer);
      return {
        state: chain.total.toFixed(),
        info: {
          kind: 'LIVE',
          description: 'test',
          height: block.height,
          blockTime: block.time,
          fetchedAt: block.answer.fetchedAt,
          stale: false,
        },
        parameters: {},
      };
    });
    const ctx = { reader, now: new Date('2024-08-01T00:02:00Z') };
    expect(await source.blocks!.head(ctx)).toEqual({
      height: 858n,
      time: new Date('2024-08-01T00:01:40.000Z'),
    });
    expect(await source.blocks!.blockAt(ctx, 839n)).toEqual({
      height: 839n,
      time: new Date('2024-08-01T00:00:05.000Z'),
    });
    const past = await source.blocks!.readAt(ctx, 848n);
    expect([past.state, past.info.height, past.info.blockTime]).toEqual([
      '1000000010',
      848n,
      new Date('2024-08-01T00:00:50.000Z'),
    ]);
    expect((await source.read(ctx)).state).toBe('1000000020');
  });
});
