import { createDirectReader, Decimal, OVERRIDE_SOURCE } from '@tokenomics/core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  SESSION_ADDRESSES,
  sessionAdapter,
  sessionLiveSource,
  sessionOptionsFromEnv,
  TGE_PRESET,
} from '../src/index.js';
import { sessionObserved } from '../src/model/observed.js';
import { type FakeArbitrum, SESH, startFakeArbitrum } from '../src/testing/fake-arbitrum.js';
import { context, recordingReader, rejectsWithCode } from './helpers.js';

// Chain values that differ from both presets:
// pool balance 55,555,555.123456789 with 1,000 SESH accrued but unpaid → unreleased pool 55,554,555.123456789;
// 1,234 nodes; requirement 20,000; ratios 5 : 15 : 9980; rate 160 / 1000; L1 total supply 239,999,999.5.
const chainState = {
  token: { balances: { [SESSION_ADDRESSES.rewardRatePool]: 55_555_555_123_456_789n } },
  rewardRatePool: {
    totalPaidOut: 2_000_000n * SESH,
    releasedAmount: 2_001_000n * SESH,
    annualSimplePayoutRate: 160n,
    rewardRate: 33_817n * SESH,
  },
  serviceNodeRewards: {
    totalNodes: 1234n,
    stakingRequirement: 20_000n * SESH,
    liquidatorRewardRatio: 5n,
    poolShareOfLiquidationRatio: 15n,
  },
};

let chain: FakeArbitrum;
let l1: FakeArbitrum;

beforeAll(async () => {
  chain = await startFakeArbitrum({ state: chainState });
  l1 = await startFakeArbitrum({ state: { chainId: 1, token: { totalSupply: 239_999_999_500_000_000n } } });
});
afterAll(async () => {
  await chain.close();
  await l1.close();
});
afterEach(() => {
  chain.reset();
  l1.reset();
});

function live(extra: { l1?: boolean; preset?: 'seed' | 'tge-2025-05-21' } = {}) {
  return sessionAdapter({
    preset: extra.preset ?? 'tge-2025-05-21',
    live: { rpcUrl: chain.url, ...(extra.l1 ? { l1RpcUrl: l1.url } : {}) },
  });
}

describe('the live source against a JSON-RPC server on 127.0.0.1', () => {
  test('source: LIVE with fetchedAt and the block', async () => {
    const reader = recordingReader();
    const info = await live().source(context(reader));
    expect(info.kind).toBe('LIVE');
    expect(info.stale).toBe(false);
    expect(info.fetchedAt).toBeInstanceOf(Date);
    expect(info.description).toContain('block 340000000');
    expect(info.description).toContain(SESSION_ADDRESSES.rewardRatePool);
  });

  test('parameters come from the chain, with chain sources', async () => {
    const reader = recordingReader();
    const parameters = await live().parameters({}, context(reader));
    const value = (key: string) => parameters.find((p) => p.key === key)!;
    expect(value('stakingRewardPool').value).toBe('55554555.123456789');
    expect(value('networkSize').value).toBe('1234');
    expect(value('stakingRequirement').value).toBe('20000');
    expect(value('poolReleaseRate').value).toBe('0.16');
    expect(value('liquidatorRewardRatio').value).toBe('5');
    expect(value('poolShareOfLiquidationRatio').value).toBe('15');
    expect(value('stakingRequirement').source).toBe(
      `chain: ServiceNodeRewards.stakingRequirement() on Arbitrum One (0xC2B9…1c00), block 340000000, read ${value('poolBalanceAt').value}`,
    );
    expect(value('networkSize').source).toContain('ServiceNodeRewards.totalNodes()');
    expect(value('stakingRewardPool').source).toContain('SESH.balanceOf(RewardRatePool)');
    // without an L1 RPC the preset's max supply stands (L2 totalSupply counts only bridged SESH)
    expect(value('maxSupply').value).toBe('240000000');
    expect(value('lockedUnscheduled').value).toBe('0');
  });

  test('rewards use the chain values', async () => {
    const reader = recordingReader();
    const economy = live();
    const at = (await economy.source(context(reader))).fetchedAt!;
    const rewards = await economy.rewards!({ at }, context(reader, at));
    // 0.16 × 55,554,555.123456789 / (365 × 1,234) = 8,888,728.81975308624 / 450,410 = 19.734750160416256832663573…
    const expected = new Decimal('8888728.81975308624').div(450_410);
    expect(rewards.perParticipantDaily!.eq(expected)).toBe(true);
    expect(rewards.perParticipantDaily!.toSignificantDigits(25).toFixed()).toBe('19.73475016041625683266357');
    // APR = 8,888,728.81975308624 / (1,234 × 20,000)
    expect(rewards.stakingApr.eq(new Decimal('8888728.81975308624').div(24_680_000))).toBe(true);
    expect(rewards.participants).toBe(1234);
    expect(rewards.emissionRate.toFixed()).toBe('0.16');
    expect(
      rewards.derivation.inputs.find((i) => i.name.startsWith('chain: RewardRatePool.rewardRate()'))?.value,
    ).toBe('33817');
  });

  test('supply uses the chain values, and the L1 total supply when configured', async () => {
    const reader = recordingReader();
    const economy = live({ l1: true });
    const at = (await economy.source(context(reader))).fetchedAt!;
    const supply = await economy.supply!({ at }, context(reader, at));
    expect(supply.total.toFixed()).toBe('239999999.5');
    expect(supply.staked!.toFixed()).toBe('24680000'); // 1,234 × 20,000
    // the TGE preset's lockups at `at` still hold; circulating = total − pool − locked (staked tokens circulate)
    const locked = supply.buckets
      .filter((b) => b.key.startsWith('locked-'))
      .reduce((s, b) => s.plus(b.amount), new Decimal(0));
    expect(supply.buckets[0]!.amount.toFixed()).toBe('55554555.123456789');
    expect(supply.circulating.eq(new Decimal('239999999.5').minus('55554555.123456789').minus(locked))).toBe(
      true,
    );
    expect(supply.derivations.total!.source).toContain('SESH.totalSupply() on Ethereum');
    expect(l1.callCount('totalSupply')).toBe(1);
  });

  test('the pool steps daily from the read; a day later it has released 0.16/365 of the balance', async () => {
    const reader = recordingReader();
    const economy = live();
    const fetchedAt = (await economy.source(context(reader))).fetchedAt!;
    const later = new Date(fetchedAt.getTime() + 86_400_000);
    const [start, end] = await economy.schedule!(
      { from: fetchedAt, to: later, interval: 'DAY' },
      context(reader, fetchedAt),
    );
    // 55,554,555.123456789 × 0.16 / 365 = 24,352.681697953660931506849…
    expect(end!.emitted.toSignificantDigits(25).toFixed()).toBe('24352.68169795366093150685');
    expect(start!.poolBalance!.minus(end!.poolBalance!).eq(end!.emitted)).toBe(true);
  });

  test('penalties use the chain ratios: 20,000 × 5/10000 = 10 and ceil(× 15/10000) = 30', async () => {
    const outcome = await live().simulatePenalty!(
      { rule: 'liquidation', stakes: [new Decimal(20_000)] },
      context(recordingReader()),
    );
    expect(outcome.allocations.map((a) => a.amount.toFixed())).toEqual(['10', '30']);
    expect(outcome.stakes[0]!.after.toFixed()).toBe('19960');
  });

  test('an override in a query still wins over live values', async () => {
    const reader = recordingReader();
    const economy = live();
    const rewards = await economy.rewards!(
      { overrides: [{ key: 'networkSize', value: '3000' }] },
      context(reader),
    );
    expect(rewards.participants).toBe(3000);
    const parameters = await economy.parameters(
      { overrides: [{ key: 'networkSize', value: '3000' }] },
      context(reader),
    );
    expect(parameters.find((p) => p.key === 'networkSize')!.source).toBe(OVERRIDE_SOURCE);
  });

  test('reads are batched at one block: the block first, then one HTTP request for every contract, with keys naming the RPC URL, address and block', async () => {
    const reader = recordingReader();
    await live({ l1: true }).supply!({}, context(reader));
    // the latest block (with the chain id), then the pool + token read and the ServiceNodeRewards read at that
    // block, concurrently: viem sends their calls as one JSON-RPC batch
    expect(chain.requests).toBe(2);
    expect(l1.requests).toBe(1);
    expect(chain.callCount('eth_getBlockByNumber')).toBe(1);
    expect(chain.callCount('eth_call')).toBe(12); // 7 pool/token calls + 5 ServiceNodeRewards calls
    expect(chain.callCount('totalNodes')).toBe(1);
    expect(reader.keys).toHaveLength(4);
    expect(reader.keys[0]).toContain('eth_getBlockByNumber');
    expect(reader.keys[1]).toContain(chain.url);
    expect(reader.keys[1]).toContain(SESSION_ADDRESSES.rewardRatePool);
    expect(reader.keys[1]).toContain('block 340000000');
    expect(reader.keys[2]).toContain(SESSION_ADDRESSES.serviceNodeRewards);
    expect(reader.keys[3]).toContain(l1.url);
    // a second query through the same (caching) reader reads nothing upstream
    await live({ l1: true }).rewards!({}, context(reader));
    expect(chain.requests).toBe(2);
    expect(reader.loads).toBe(4);
  });

  test('custom addresses are read', async () => {
    const other = '0x1111111111111111111111111111111111111111';
    chain.update({ serviceNodeRewards: { address: other, totalNodes: 777n } });
    const economy = sessionAdapter({ live: { rpcUrl: chain.url, addresses: { serviceNodeRewards: other } } });
    const rewards = await economy.rewards!({}, context(recordingReader()));
    expect(rewards.participants).toBe(777);
  });

  test('a live source defaults to the published preset tge-2025-05-21; a snapshot keeps seed; a configured preset wins', async () => {
    expect(sessionAdapter({ live: { rpcUrl: chain.url } }).preset).toBe('tge-2025-05-21');
    expect(sessionAdapter().preset).toBe('seed');
    expect(sessionAdapter({ preset: 'seed', live: { rpcUrl: chain.url } }).preset).toBe('seed');
    const parameters = await sessionAdapter({ live: { rpcUrl: chain.url } }).parameters(
      {},
      context(recordingReader()),
    );
    expect(parameters.find((p) => p.key === 'lockupA')?.value).toBe('19489700');
  });

  test('configured holdings: SESH.balanceOf of each is read through the reader, shown as labelled buckets with a chain source', async () => {
    const treasury = '0x2222222222222222222222222222222222222222';
    const vesting = '0x3333333333333333333333333333333333333333';
    chain.update({ token: { balances: { [treasury]: 1_234_500_000_000n, [vesting]: 7n } } });
    const reader = recordingReader();
    const plain = live();
    const named = sessionAdapter({
      live: { rpcUrl: chain.url },
      nonCirculating: [
        { address: treasury, label: 'Foundation treasury' },
        { address: vesting, label: 'Investor vesting' },
      ],
    });
    const at = (await plain.source(context(reader))).fetchedAt!;
    const before = await plain.supply!({ at }, context(reader, at));
    chain.resetCounts();
    const supply = await named.supply!({ at }, context(reader, at));
    // only the holdings were read: one request, two balanceOf calls and the block number
    expect(chain.requests).toBe(1);
    expect(chain.callCount('balanceOf')).toBe(2);
    const key = reader.keys.find((k) => k.includes('balanceOf'))!;
    expect(key.toLowerCase()).toContain(treasury);
    expect(key).not.toContain(chain.url);
    const holding = supply.buckets.find((b) => b.key === `holding-${treasury}`)!;
    expect([holding.label, holding.amount.toFixed(), holding.circulating]).toEqual([
      'Foundation treasury',
      '1234.5',
      false,
    ]);
    expect(holding.source).toMatch(
      /^chain: SESH\.balanceOf\(0x2222222222222222222222222222222222222222\) on Arbitrum One .*block 340000000/,
    );
    expect(supply.buckets.find((b) => b.key === `holding-${vesting}`)!.amount.toFixed()).toBe('0.000000007');
    expect(before.circulating.minus(supply.circulating).toFixed()).toBe('1234.500000007');
    // live reads the balance: an amount in the configuration is refused
    expect(() =>
      sessionAdapter({
        live: { rpcUrl: chain.url },
        nonCirculating: [{ address: treasury, label: 'x', amount: '1' }],
      }),
    ).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringContaining('snapshot') }),
    );
  });

  test('chain ids: another chain when configured; a bad one is a CONFIGURATION error', async () => {
    chain.update({ chainId: 421614 });
    const sepolia = sessionAdapter({ live: { rpcUrl: chain.url, chainId: 421614 } });
    expect((await sepolia.rewards!({}, context(recordingReader()))).participants).toBe(1234);
    expect(() => sessionAdapter({ live: { rpcUrl: chain.url, chainId: 0 } })).toThrow(
      'session adapter: live.chainId must be a positive integer chain id, got 0',
    );
    expect(
      sessionOptionsFromEnv({
        SESSION_RPC_URL: chain.url,
        SESSION_CHAIN_ID: '421614',
        SESSION_L1_CHAIN_ID: '11155111',
      }).live,
    ).toEqual({ rpcUrl: chain.url, chainId: 421614, l1ChainId: 11155111 });
  });

  test('options from the environment', () => {
    const options = sessionOptionsFromEnv({
      SESSION_RPC_URL: chain.url,
      SESSION_L1_RPC_URL: l1.url,
      SESSION_PRESET: 'tge-2025-05-21',
      SESSION_REWARD_RATE_POOL_ADDRESS: '0x2222222222222222222222222222222222222222',
    });
    expect(options).toEqual({
      preset: 'tge-2025-05-21',
      live: {
        rpcUrl: chain.url,
        l1RpcUrl: l1.url,
        addresses: { rewardRatePool: '0x2222222222222222222222222222222222222222' },
      },
    });
    expect(sessionOptionsFromEnv({})).toEqual({});
  });
});

describe('failing and malformed answers are coded UPSTREAM errors naming the contract and function', () => {
  const supply = () => live().supply!({}, context(recordingReader()));

  test.each([
    ['malformed-result', 'totalNodes', 'ServiceNodeRewards.totalNodes()'],
    ['empty-result', 'rewardRate', 'RewardRatePool.rewardRate()'],
    ['wrong-shape', 'calculateReleasedAmount', 'RewardRatePool.calculateReleasedAmount()'],
    ['rpc-error', 'stakingRequirement', 'ServiceNodeRewards.stakingRequirement()'],
    ['malformed-result', 'balanceOf', 'SESH.balanceOf()'],
  ] as const)('%s on %s', async (mode, functionName, named) => {
    chain.fail({ mode, functionName });
    const error = await rejectsWithCode(supply(), 'UPSTREAM_UNAVAILABLE');
    expect(error.message).toContain(named);
    expect(error.details).toMatchObject({ function: `${functionName}()` });
  });

  test.each(['http-500', 'not-json'] as const)('%s for the whole request', async (mode) => {
    chain.fail(mode);
    const error = await rejectsWithCode(supply(), 'UPSTREAM_UNAVAILABLE');
    // the first read, the latest block, is named
    expect(error.message).toContain(`JSON-RPC.eth_getBlockByNumber via ${chain.url.slice(0, -1)}`);
    expect(error.details).toMatchObject({ contract: 'JSON-RPC', function: 'eth_getBlockByNumber' });
    if (mode === 'http-500') expect(error.message).toContain('HTTP 500');
  });

  test('a node that never answers times out as UPSTREAM_UNAVAILABLE naming the read', async () => {
    chain.fail('hang');
    const error = await rejectsWithCode(
      live().supply!({}, context(createDirectReader({ timeoutMs: 200 }))),
      'UPSTREAM_UNAVAILABLE',
    );
    expect(error.message).toMatch(
      /^the latest block on Arbitrum One via http:\/\/127\.0\.0\.1:\d+ did not answer/,
    );
  });

  test('a node on another chain is refused as implausible', async () => {
    chain.update({ chainId: 1 });
    const error = await rejectsWithCode(supply(), 'UPSTREAM_INVALID');
    expect(error.message).toBe('eth_chainId of the Arbitrum RPC answers chain 1, expected 42161');
    expect(error.details).toEqual({ reason: 'chain-id' });
  });

  test('a contract reporting no nodes is refused as implausible', async () => {
    chain.update({ serviceNodeRewards: { totalNodes: 0n } });
    const error = await rejectsWithCode(supply(), 'UPSTREAM_INVALID');
    expect(error.message).toContain('ServiceNodeRewards.totalNodes()');
    expect(error.details).toMatchObject({ reason: 'bounds' });
  });

  test('a failing L1 read names SESH.totalSupply()', async () => {
    l1.fail({ mode: 'rpc-error', functionName: 'totalSupply' });
    const error = await rejectsWithCode(
      live({ l1: true }).supply!({}, context(recordingReader())),
      'UPSTREAM_UNAVAILABLE',
    );
    expect(error.message).toContain('SESH.totalSupply()');
  });

  test('nothing listening: the connection failure is coded too', async () => {
    const economy = sessionAdapter({ live: { rpcUrl: 'http://127.0.0.1:9/' } });
    await rejectsWithCode(economy.rewards!({}, context(recordingReader())), 'UPSTREAM_UNAVAILABLE');
  });
});

describe('implausible answers: UPSTREAM_INVALID, or the last good state served stale', () => {
  test('a staking requirement of 2^200 base units is the upstream’s fault, not the client’s BAD_INPUT', async () => {
    chain.update({ serviceNodeRewards: { stakingRequirement: 2n ** 200n } });
    const error = await rejectsWithCode(live().supply!({}, context(recordingReader())), 'UPSTREAM_INVALID');
    expect(error.message).toBe(
      'ServiceNodeRewards.stakingRequirement() answers 1606938044258990275541962092341162602522202993782792.83530138 SESH, outside [1, maxSupply 240000000 SESH]',
    );
    expect(error.details).toEqual({ reason: 'bounds' });
  });

  test('more nodes than the supply can stake is refused', async () => {
    chain.update({ serviceNodeRewards: { totalNodes: 12_001n } }); // 12,001 × 20,000 > 240,000,000
    const error = await rejectsWithCode(live().rewards!({}, context(recordingReader())), 'UPSTREAM_INVALID');
    expect(error.message).toBe(
      'ServiceNodeRewards.totalNodes() × stakingRequirement() = 12001 × 20000 SESH staked, above the supply of 240000000 SESH',
    );
  });

  test('a pool below its floor (1 % of the genesis pool) is refused even on the first read', async () => {
    // The TGE pool 63,177,550 → a floor of 631,775.5. The fake has 1,000 SESH accrued: pool = balance − 1,000.
    chain.update({ token: { balances: { [SESSION_ADDRESSES.rewardRatePool]: 632_776n * SESH } } });
    expect((await live().rewards!({}, context(recordingReader()))).participants).toBe(1234);
    chain.update({ token: { balances: { [SESSION_ADDRESSES.rewardRatePool]: 632_775n * SESH } } });
    const error = await rejectsWithCode(live().rewards!({}, context(recordingReader())), 'UPSTREAM_INVALID');
    expect(error.message).toBe(
      'the Staking Reward Pool reads 631775 SESH, below its floor of 631775.5 SESH (1 % of the genesis pool, decades of releases away)',
    );
    expect(error.details).toEqual({ reason: 'pool-collapse' });
  });

  test('a pool falling by more than 10 %, a block number going backwards: the last good state, stale', async () => {
    const economy = live();
    const reader = () => recordingReader(); // a fresh read each time, as after a cache TTL
    const good = await economy.rewards!({}, context(reader()));
    chain.update({ token: { balances: { [SESSION_ADDRESSES.rewardRatePool]: 45_000_000n * SESH } } });
    const served = await economy.rewards!({}, context(reader()));
    expect(served.stakingApr.eq(good.stakingApr)).toBe(true);
    const info = await economy.source(context(reader()));
    expect(info.stale).toBe(true);
    expect(info.description).toMatch(
      /stale: last good state from .*; the Staking Reward Pool reads 44999000 SESH, below 90 % of the last good state's 55554555.123456789 SESH$/,
    );
    chain.reset();
    chain.update({ blockNumber: 339_999_999n });
    expect((await economy.source(context(reader()))).description).toMatch(
      /; the latest block on Arbitrum One is 339999999, below the last good state's block 340000000$/,
    );
    chain.update({ blockNumber: 340_000_001n });
    const healed = await economy.source(context(reader()));
    expect(healed.stale).toBe(false);
    expect(healed.description).toContain('block 340000001');
  });

  test('the L1 read: another chain, or more SESH than was ever minted', async () => {
    l1.update({ chainId: 5 });
    expect(
      (await rejectsWithCode(live({ l1: true }).supply!({}, context(recordingReader())), 'UPSTREAM_INVALID'))
        .message,
    ).toBe('eth_chainId of the L1 RPC answers chain 5, expected 1');
    l1.reset();
    l1.update({ token: { totalSupply: 240_000_001n * SESH } });
    expect(
      (await rejectsWithCode(live({ l1: true }).supply!({}, context(recordingReader())), 'UPSTREAM_INVALID'))
        .message,
    ).toBe(
      'SESH.totalSupply() on Ethereum answers 240000001 SESH, above the 240000000 SESH minted (SESH has no mint path)',
    );
  });
});

describe('history: every state is one block, and past heights read from an archive node', () => {
  const source = () => sessionLiveSource({ rpcUrl: chain.url }, TGE_PRESET);

  test('the answer carries the height and block time the fake had', async () => {
    const info = await live().source(context(recordingReader()));
    expect(info.height).toBe(340_000_000n);
    expect(info.blockTime).toEqual(chain.blockTime(340_000_000n));
    expect(info.blockTime!.getTime() % 1000).toBe(0);
  });

  test('every contract is read at the block the head answered, even when the chain moves on between them', async () => {
    chain.advance(5n, { serviceNodeRewards: { totalNodes: 1300n } });
    const { state, info } = await source().read(context(recordingReader()));
    expect(info.height).toBe(340_000_005n);
    expect(state.kind === 'live' && state.blockNumber).toBe('340000005');
    const blockTags = chain.calls.filter((call) => call.method === 'eth_call').map((call) => call.block);
    expect(blockTags).toHaveLength(12);
    expect(new Set(blockTags)).toEqual(new Set(['0x1443fd05']));
  });

  test('head and blockAt give the fake’s heights and times', async () => {
    chain.advance(3n);
    const ctx = context(recordingReader());
    expect(await source().blocks.head(ctx)).toEqual({
      height: 340_000_003n,
      time: chain.blockTime(340_000_003n),
    });
    expect(await source().blocks.blockAt(ctx, 339_999_000n)).toEqual({
      height: 339_999_000n,
      time: chain.blockTime(339_999_000n),
    });
    await expect(source().blocks.blockAt(ctx, 340_000_004n)).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      details: { reason: 'NOT_FOUND' },
    });
  });

  test('readAt(h) returns the state the fake had at h', async () => {
    chain.advance(10n, {
      token: { balances: { [SESSION_ADDRESSES.rewardRatePool]: 55_000_000n * SESH } },
      serviceNodeRewards: { totalNodes: 1500n },
    });
    const ctx = context(recordingReader());
    const then = await source().blocks.readAt(ctx, 340_000_000n);
    const now = await source().blocks.readAt(ctx, 340_000_010n);
    const value = (sourced: typeof then, key: string) => sourced.parameters?.[key as 'networkSize']?.value;
    expect([value(then, 'networkSize'), value(then, 'stakingRewardPool')]).toEqual([
      '1234',
      '55554555.123456789',
    ]);
    expect([value(now, 'networkSize'), value(now, 'stakingRewardPool')]).toEqual(['1500', '54999000']);
    expect([then.info.height, then.info.blockTime]).toEqual([340_000_000n, chain.blockTime(340_000_000n)]);
    // a past height's pool is anchored at its block's time
    expect(value(then, 'poolBalanceAt')).toBe(chain.blockTime(340_000_000n).toISOString());
    expect(sessionObserved(then).poolBalance?.toFixed()).toBe('55554555.123456789');
  });

  test('readAt(h) reads the L1 total supply at Ethereum’s latest block, and its source says so', async () => {
    chain.advance(5n);
    const ctx = context(recordingReader());
    const withL1 = sessionLiveSource({ rpcUrl: chain.url, l1RpcUrl: l1.url }, TGE_PRESET);
    const then = await withL1.blocks.readAt(ctx, 340_000_000n);
    const maxSupply = then.parameters?.maxSupply;
    expect(maxSupply?.value).toBe('239999999.5');
    expect(maxSupply?.source).toContain('at its latest block, not at the time of block 340000000');
    expect(then.info.description).toContain('SESH.totalSupply() on Ethereum');
    expect(then.info.description).toContain('(its latest block)');
    // a live read says nothing of the kind: both chains are at their latest block
    const head = await withL1.read(context(recordingReader()));
    expect(head.parameters?.maxSupply?.source).not.toContain('latest block');
  });

  test('a pruned height is UPSTREAM_UNAVAILABLE with reason PRUNED; the rest still reads', async () => {
    chain.pruneBelow(339_999_990n);
    const ctx = context(recordingReader());
    const error = await rejectsWithCode(source().blocks.readAt(ctx, 339_999_989n), 'UPSTREAM_UNAVAILABLE');
    expect(error.details).toEqual({ reason: 'PRUNED', height: '339999989' });
    expect(error.message).toMatch(/^height 339999989 is pruned on the node: .*missing trie node/);
    expect((await source().blocks.readAt(ctx, 339_999_990n)).info.height).toBe(339_999_990n);
  });

  test('the fake advancing changes the next read once the reader’s cache has expired', async () => {
    const economy = live();
    const cached = recordingReader();
    const before = await economy.rewards!({}, context(cached));
    chain.advance(1n, { serviceNodeRewards: { totalNodes: 1240n } });
    // the same (caching) reader: the head is still cached, so is every read at its block
    expect((await economy.rewards!({}, context(cached))).participants).toBe(before.participants);
    // a fresh reader, as after the cache's TTL: the new head, and the state at it
    const fresh = recordingReader();
    expect((await economy.rewards!({}, context(fresh))).participants).toBe(1240);
    expect((await economy.source(context(fresh))).height).toBe(340_000_001n);
  });

  test('observed: the unreleased pool of a live state, nothing for a snapshot', async () => {
    const { state } = await source().read(context(recordingReader()));
    expect(sessionObserved({ state }).poolBalance?.toFixed()).toBe('55554555.123456789');
    expect(sessionObserved({ state: { kind: 'snapshot', holdings: [] } }).poolBalance).toBeNull();
  });
});
