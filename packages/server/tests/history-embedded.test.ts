import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { synternetAdapter } from '@tokenomics/adapter-synternet';
import { Decimal, servedFigure } from '@tokenomics/core';
import type { FakeLcd } from '@tokenomics/cosmos-rest/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configFolder,
  eventually,
  perBlock,
  query,
  SSE_BOUND_MS,
  START_HEIGHT,
  START_TIME,
  startHistoryServer,
  startSynternetChain,
  subscribe,
  synt,
} from './history-fixtures.js';

type Point = { at: string; height: string; total: string; staked: string; bondedRatio: string };
const HISTORY = `{ protocol(id: "synternet") { history(from: "2025-12-01T00:00:00Z") { at height total staked bondedRatio } } }`;

/** What the fake chain held at a height, as the gateway prints it. */
function expected(lcd: FakeLcd, height: bigint) {
  const state = lcd.stateAt(height);
  if (!state) throw new Error(`the fake has no state at ${height}`);
  const total = state.supply.find((coin) => coin.denom === 'usynt')!.amount;
  return {
    at: new Date(Date.parse(START_TIME) + Number(height - START_HEIGHT) * 6_000).toISOString(),
    height: height.toString(),
    total: synt(total),
    staked: synt(state.pool.bonded_tokens),
  };
}

describe('recorded history on the embedded store (a Synternet chain whose supply and bonded tokens change every block)', {
  timeout: 120_000,
}, () => {
  let lcd: FakeLcd;
  let folder: ReturnType<typeof configFolder>;
  let ticker: NodeJS.Timeout | undefined;
  let recorded: Point[] = [];

  beforeAll(async () => {
    lcd = await startSynternetChain();
    // The history section of gateway.config.json: a 1-second sample (tests), a data dir beside the file.
    folder = configFolder({ history: { sampleSeconds: 1, dataDir: './history-data' } });
  });
  afterAll(async () => {
    clearInterval(ticker);
    await lcd.close();
    folder.remove();
  });

  it('records the fake chain, and `history` returns exactly its values at the recorded heights', async () => {
    const server = await startHistoryServer(folder.dir, { SYNTERNET_LCD_URL: lcd.url });
    try {
      expect(server.history.store).not.toBeNull();
      expect(existsSync(join(folder.dir, 'history-data'))).toBe(true);
      ticker = setInterval(() => lcd.advance(1, perBlock), 250);
      recorded = await eventually(
        async () => {
          const data = await query<{ protocol: { history: Point[] } }>(server.endpoint, HISTORY);
          return data.protocol.history.length >= 4 ? data.protocol.history : undefined;
        },
        60_000,
        'four recorded observations',
      );
      clearInterval(ticker);
      const heights = recorded.map((point) => BigInt(point.height));
      // Oldest first, each height once, every one a height the chain had.
      expect([...heights].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(heights);
      expect(new Set(heights).size).toBe(heights.length);
      for (const point of recorded) {
        const want = expected(lcd, BigInt(point.height));
        expect({ at: point.at, height: point.height, total: point.total, staked: point.staked }).toEqual(
          want,
        );
        expect(point.bondedRatio).toBe(
          new Decimal(want.staked).div(want.total).toFixed(18).replace(/0+$/, '').replace(/\.$/, ''),
        );
      }
      // The figures changed between the recorded heights (they change every block).
      expect(new Set(recorded.map((point) => point.total)).size).toBe(recorded.length);
      expect(new Set(recorded.map((point) => point.staked)).size).toBe(recorded.length);
    } finally {
      await server.close();
    }
  });

  it('after a restart on the same data dir the history is still there', async () => {
    expect(recorded.length).toBeGreaterThanOrEqual(4);
    // HISTORY_SAMPLE_SECONDS=0 over the file's 1: this instance records nothing, so the answer is exactly what was kept.
    const server = await startHistoryServer(folder.dir, {
      SYNTERNET_LCD_URL: lcd.url,
      HISTORY_SAMPLE_SECONDS: '0',
    });
    try {
      expect(server.history.recorder).toBeNull();
      const data = await query<{ protocol: { history: Point[] } }>(server.endpoint, HISTORY);
      expect(data.protocol.history).toEqual(recorded);
    } finally {
      await server.close();
    }
  });

  it('an SSE client subscribed to protocolUpdated hears the change of the fake chain within a sample interval', async () => {
    const server = await startHistoryServer(folder.dir, { SYNTERNET_LCD_URL: lcd.url });
    let client: Awaited<ReturnType<typeof subscribe>> | undefined;
    try {
      // The recorder catches up with the (still) chain first: nothing changes until the advance.
      await eventually(
        async () =>
          (await server.history.store!.latest('synternet'))?.height === lcd.height ? true : undefined,
        30_000,
        'the recorder to reach the head',
      );
      client = await subscribe(
        server.endpoint,
        'subscription { protocolUpdated(id: "synternet") { id name } }',
      );
      // Let the subscription's listener settle before the chain moves (not a timing assertion).
      await new Promise((resolve) => setTimeout(resolve, 300));
      lcd.advance(1, perBlock);
      const advancedAt = Date.now();
      const changedAt = lcd.height;
      // One sample interval is 1 s, plus the 1 s cache TTL of the shared reads: within SSE_BOUND_MS (22 s, slack included).
      expect(await client.next(30_000)).toEqual({
        data: { protocolUpdated: { id: 'synternet', name: 'Synternet' } },
      });
      expect(Date.now() - advancedAt).toBeLessThan(SSE_BOUND_MS);
      const latest = await server.history.store!.latest('synternet');
      expect(latest?.height).toBe(changedAt);
      expect(latest?.total?.toFixed()).toBe(expected(lcd, changedAt).total);
    } finally {
      client?.close();
      await server.close();
    }
  });

  it('drift puts the published model beside each observation, with the exact difference', async () => {
    const server = await startHistoryServer(folder.dir, {
      SYNTERNET_LCD_URL: lcd.url,
      HISTORY_SAMPLE_SECONDS: '0',
    });
    try {
      const data = await query<{
        protocol: {
          drift: Array<{
            at: string;
            height: string;
            figures: Array<{ figure: string; observed: string; modelled: string; difference: string }>;
          }>;
        };
      }>(
        server.endpoint,
        '{ protocol(id: "synternet") { drift(from: "2025-12-01T00:00:00Z") { at height figures { figure observed modelled difference } } } }',
      );
      const published = synternetAdapter({ live: { lcdUrl: lcd.url } }).history!.published!;
      expect(data.protocol.drift.length).toBeGreaterThanOrEqual(recorded.length);
      for (const point of data.protocol.drift) {
        const supply = await published.supply!({ at: new Date(point.at) });
        // The gateway serves amounts at the token's 6 decimals (half-even), the difference of the served figures.
        const model = {
          total: servedFigure(supply.total, 6) as Decimal,
          staked: servedFigure(supply.staked!, 6) as Decimal,
        };
        const want = expected(lcd, BigInt(point.height));
        const total = point.figures.find((figure) => figure.figure === 'total');
        const staked = point.figures.find((figure) => figure.figure === 'staked');
        expect(total).toEqual({
          figure: 'total',
          observed: want.total,
          modelled: model.total.toFixed(),
          difference: new Decimal(want.total).minus(model.total).toFixed(),
        });
        expect(staked?.observed).toBe(want.staked);
        expect(staked?.modelled).toBe(model.staked.toFixed());
        expect(staked?.difference).toBe(new Decimal(want.staked).minus(model.staked).toFixed());
      }
      // The chain runs ahead of the published model: the difference is not zero.
      expect(data.protocol.drift.some((point) => point.figures.some((f) => f.difference !== '0'))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
