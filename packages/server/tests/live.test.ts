import { type FakeArbitrum, startFakeArbitrum } from '@tokenomics/adapter-session/testing';
import { SYNTERNET_GENESIS_STATE } from '@tokenomics/adapter-synternet/testing';
import { Decimal } from '@tokenomics/core';
import { type FakeLcd, startFakeLcd } from '@tokenomics/cosmos-rest/testing';
import { createGateway, type Gateway, keyvStore } from '@tokenomics/gateway';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { post } from '../../gateway/tests/fixtures.js';
import { startRedis, type TestRedis } from '../../gateway/tests/redis-server.js';
import { createAdapters, loadConfig } from './server-config.js';

const TREASURY = 'synt1nwhx5p30n9xw88czjq4j45tuz53qw50yllrg5d';
const BLOCK_TIME = '2026-11-01T00:00:00Z';
/** Served chain state, every figure different from the seed preset. */
const LCD_STATE = {
  supply: [{ denom: 'usynt', amount: '1250000000000000' }], // 1,250,000,000 SYNT
  balances: { [TREASURY]: [{ denom: 'usynt', amount: '850000000000000' }] }, // 850,000,000 SYNT
  pool: { bonded_tokens: '500000000000000', not_bonded_tokens: '2000000000000' }, // 500,000,000 bonded
  slashingParams: {
    signed_blocks_window: '20000',
    min_signed_per_window: '0.950000000000000000',
    downtime_jail_duration: '1800s',
    slash_fraction_double_sign: '0.100000000000000000',
    slash_fraction_downtime: '0.001000000000000000',
  },
  latestBlock: { height: '5000000', time: BLOCK_TIME },
};
const LCD_PATHS = [
  '/cosmos/bank/v1beta1/supply/by_denom',
  `/cosmos/bank/v1beta1/balances/${TREASURY}`,
  '/cosmos/staking/v1beta1/pool',
  '/cosmos/slashing/v1beta1/params',
  '/cosmos/distribution/v1beta1/params',
  '/cosmos/base/tendermint/v1beta1/blocks/latest',
  '/cosmos/mint/v1beta1/inflation',
];

const DASHBOARD = `{
  protocols {
    id
    source { kind fetchedAt stale }
    supply { total circulating staked }
    rewards { participants bondedRatio stakingApr }
    fees { key }
  }
  synternet: protocol(id: "synternet") {
    atBlock: supply(at: "${BLOCK_TIME}") { total circulating }
    rewards(at: "${BLOCK_TIME}") { bondedRatio }
    simulatePenalty(input: { rule: "downtime", stakes: ["10000", "250000"], missedBlocks: 1001 }) {
      triggered jailedSeconds stakes { after }
    }
  }
  session: protocol(id: "session") {
    simulatePenalty(input: { rule: "liquidation", stakes: ["20000"] }) { allocations { target amount } }
  }
}`;

let chain: FakeArbitrum;
let lcd: FakeLcd;

async function liveGateway(
  extra: Parameters<typeof createGateway>[0] extends infer O ? Partial<O> : never = {},
): Promise<Gateway> {
  const config = loadConfig({
    cwd: process.cwd(),
    env: { SESSION_RPC_URL: chain.url, SYNTERNET_LCD_URL: lcd.url },
  });
  return createGateway({ adapters: await createAdapters(config), ...extra });
}

function lcdCounts(): Record<string, number> {
  return Object.fromEntries(LCD_PATHS.map((path) => [path, lcd.requestCount(path)]));
}

const once = Object.fromEntries(LCD_PATHS.map((path) => [path, 1]));

beforeAll(async () => {
  chain = await startFakeArbitrum({
    state: {
      serviceNodeRewards: {
        totalNodes: 1_234n,
        stakingRequirement: 20_000n * 1_000_000_000n,
        liquidatorRewardRatio: 5n,
        poolShareOfLiquidationRatio: 15n,
      },
    },
  });
  lcd = await startFakeLcd({ base: SYNTERNET_GENESIS_STATE, state: LCD_STATE });
});
afterAll(async () => {
  await Promise.all([chain.close(), lcd.close()]);
});
beforeEach(() => {
  chain.fail(null);
  chain.resetCounts();
  lcd.setFault('*', null);
  lcd.resetCounts();
});

describe('live sources through the gateway', () => {
  it('follows the served chain state, not the presets', async () => {
    const gateway = await liveGateway();
    const { body } = await post(gateway, DASHBOARD);
    expect(body.errors).toBeUndefined();
    const [session, synternet] = body.data.protocols;
    expect(session.source).toMatchObject({ kind: 'LIVE', stale: false });
    expect(synternet.source).toMatchObject({ kind: 'LIVE', stale: false });
    expect(Date.parse(session.source.fetchedAt)).toBeGreaterThan(Date.now() - 60_000);

    // Session: 1,234 nodes (not 2,000), requirement 20,000 (not 25,000), the pool's balance of 60,000,000
    // (not 40,000,000): APR = 0.151 × 60,000,000 / (1,234 × 20,000) = 9,060,000 / 24,680,000.
    expect(session.rewards.participants).toBe(1234);
    // Served as a rate: half-even to 18 places.
    expect(session.rewards.stakingApr).toBe(
      new Decimal(9_060_000).div(24_680_000).toDecimalPlaces(18, Decimal.ROUND_HALF_EVEN).toFixed(),
    );
    // Liquidation of 20,000 with the chain's 5 : 15 ratios: 20,000 × 5/10000 = 10 liquidator, 20,000 × 15/10000 = 30 pool.
    expect(body.data.session.simulatePenalty.allocations).toEqual([
      { target: 'liquidator', amount: '10' },
      { target: 'staking-reward-pool', amount: '30' },
    ]);

    // Synternet at the block: total 1,250,000,000; circulating 1,250,000,000 − 850,000,000 = 400,000,000;
    // bonded 500,000,000 / 1,250,000,000 = 0.4.
    expect(body.data.synternet.atBlock).toEqual({ total: '1250000000', circulating: '400000000' });
    expect(body.data.synternet.rewards.bondedRatio).toBe('0.4');
    // Window 20,000 at 0.95: at most 20,000 − 19,000 = 1,000 missed; the 1,001st slashes 0.1 % and jails 1,800 s.
    expect(body.data.synternet.simulatePenalty).toEqual({
      triggered: true,
      jailedSeconds: 1800,
      stakes: [{ after: '9990' }, { after: '249750' }],
    });
  });

  it('reads each upstream resource once for a query that touches every figure of both protocols', async () => {
    const gateway = await liveGateway();
    await post(gateway, DASHBOARD);
    expect(lcdCounts()).toEqual(once);
    for (const fn of ['totalNodes', 'stakingRequirement', 'balanceOf']) expect(chain.callCount(fn)).toBe(1);
  });

  it('serves repeated queries from the cache within the TTL', async () => {
    const gateway = await liveGateway({ cacheTtlSeconds: 60 });
    await post(gateway, DASHBOARD);
    const calls = chain.callCount();
    await post(gateway, DASHBOARD);
    await post(gateway, DASHBOARD);
    expect(lcdCounts()).toEqual(once);
    expect(chain.callCount()).toBe(calls);
  });

  it('coalesces 100 concurrent cold queries into one read per resource', async () => {
    const gateway = await liveGateway();
    const responses = await Promise.all(Array.from({ length: 100 }, () => post(gateway, DASHBOARD)));
    expect(responses.every(({ body }) => body.errors === undefined)).toBe(true);
    expect(new Set(responses.map(({ body }) => body.data.synternet.atBlock.total))).toEqual(
      new Set(['1250000000']),
    );
    expect(lcdCounts()).toEqual(once);
    expect(chain.callCount('totalNodes')).toBe(1);
  });

  it("keeps answering for one protocol when the other one's node fails", async () => {
    lcd.setFault('*', { kind: 'status', status: 500 });
    const gateway = await liveGateway();
    const { body } = await post(gateway, '{ protocols { id supply { total } rewards { participants } } }');
    expect(body.data.protocols[0]).toMatchObject({ id: 'session', rewards: { participants: 1234 } });
    expect(body.data.protocols[1]).toEqual({ id: 'synternet', supply: null, rewards: null });
    expect(
      body.errors.map((error: { extensions: { code: string; protocol: string } }) => error.extensions),
    ).toEqual([
      expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', protocol: 'synternet' }),
      expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', protocol: 'synternet' }),
    ]);
  });
});

describe('two gateway instances over one real Redis', () => {
  let redis: TestRedis;
  const gateways: Gateway[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('one upstream read serves both instances', async () => {
    const first = await liveGateway({ cacheStore: keyvStore(redis.url), cacheTtlSeconds: 60 });
    const second = await liveGateway({ cacheStore: keyvStore(redis.url), cacheTtlSeconds: 60 });
    gateways.push(first, second);
    const fromFirst = await post(first, DASHBOARD);
    const calls = chain.callCount();
    const fromSecond = await post(second, DASHBOARD);
    expect(fromSecond.body.errors).toBeUndefined();
    expect(lcdCounts()).toEqual(once);
    expect(chain.callCount()).toBe(calls);
    // The second instance answers from the first one's reads: same figures, same read instant.
    expect(fromSecond.body.data.synternet).toEqual(fromFirst.body.data.synternet);
    expect(fromSecond.body.data.protocols[1].source.fetchedAt).toBe(
      fromFirst.body.data.protocols[1].source.fetchedAt,
    );
  });

  it('serves the last good state, stale, from Redis when the node fails later', async () => {
    const first = await liveGateway({ cacheStore: keyvStore(redis.url), cacheTtlSeconds: 1 });
    gateways.push(first);
    await post(first, DASHBOARD);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    lcd.setFault('*', { kind: 'status', status: 500 });
    const second = await liveGateway({ cacheStore: keyvStore(redis.url), cacheTtlSeconds: 1 });
    gateways.push(second);
    const query = `{ protocol(id: "synternet") { source { stale } supply(at: "${BLOCK_TIME}") { total } } }`;
    // At once: the expired state, being refreshed (younger than TTL + budget, no failure known yet).
    const { body } = await post(second, query);
    expect(body.errors).toBeUndefined();
    expect(body.data.protocol).toEqual({ source: { stale: false }, supply: { total: '1250000000' } });
    // Once the refresh has failed: the same state, flagged stale.
    await vi.waitFor(
      async () =>
        expect((await post(second, query)).body.data.protocol).toEqual({
          source: { stale: true },
          supply: { total: '1250000000' },
        }),
      { timeout: 5_000, interval: 100 },
    );
  });
});
