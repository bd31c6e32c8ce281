import { createPublicClient, http } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SESSION_ADDRESSES } from '../src/parameters.js';
import { rewardRatePoolAbi, serviceNodeRewardsAbi, seshAbi } from '../src/sources/live.js';
import {
  createFakeArbitrumState,
  type FakeArbitrum,
  SESH,
  startFakeArbitrum,
} from '../src/testing/fake-arbitrum.js';

let chain: FakeArbitrum;
beforeAll(async () => {
  chain = await startFakeArbitrum({ state: { serviceNodeRewards: { totalNodes: 42n } } });
});
afterAll(() => chain.close());

describe('the fake Arbitrum node', () => {
  test('listens on 127.0.0.1 and answers chain id and block number', async () => {
    expect(chain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const client = createPublicClient({ transport: http(chain.url, { retryCount: 0 }) });
    expect(await client.getChainId()).toBe(42161);
    expect(await client.getBlockNumber({ cacheTime: 0 })).toBe(340_000_000n);
  });

  test('answers eth_call with real ABI encoding, batched', async () => {
    chain.resetCounts();
    const client = createPublicClient({ transport: http(chain.url, { batch: true, retryCount: 0 }) });
    const [nodes, balance, rate, payout] = await Promise.all([
      client.readContract({
        address: SESSION_ADDRESSES.serviceNodeRewards,
        abi: serviceNodeRewardsAbi,
        functionName: 'totalNodes',
      }),
      client.readContract({
        address: SESSION_ADDRESSES.token,
        abi: seshAbi,
        functionName: 'balanceOf',
        args: [SESSION_ADDRESSES.rewardRatePool],
      }),
      client.readContract({
        address: SESSION_ADDRESSES.rewardRatePool,
        abi: rewardRatePoolAbi,
        functionName: 'rewardRate',
      }),
      client.readContract({
        address: SESSION_ADDRESSES.rewardRatePool,
        abi: rewardRatePoolAbi,
        functionName: 'calculatePayoutAmount',
        args: [365n * SESH, 365n * 86_400n],
      }),
    ]);
    expect(nodes).toBe(42n);
    expect(balance).toBe(60_000_000n * SESH);
    // the contract's rewardRate: 60,000,000 × 151 × 120 s / (1000 × 31,536,000 s) = 34.474885844 SESH (truncated)
    expect(rate).toBe(34_474_885_844n);
    // calculatePayoutAmount(365 SESH, one year) = 365 × 0.151 = 55.115 SESH
    expect(payout).toBe(55_115_000_000n);
    expect(chain.requests).toBe(1);
    expect(chain.callCount('eth_call')).toBe(4);
    expect(chain.callCount('rewardRate')).toBe(1);
    expect(chain.calls.map((c) => c.functionName)).toEqual([
      'totalNodes',
      'balanceOf',
      'rewardRate',
      'calculatePayoutAmount',
    ]);
  });

  test('state patches merge over the defaults', () => {
    const state = createFakeArbitrumState({ rewardRatePool: { totalPaidOut: 1n } });
    expect(state.rewardRatePool.totalPaidOut).toBe(1n);
    expect(state.rewardRatePool.annualSimplePayoutRate).toBe(151n);
    chain.update({ blockNumber: 7n });
    expect(chain.state.blockNumber).toBe(7n);
    chain.reset();
    expect(chain.state.blockNumber).toBe(340_000_000n);
    expect(chain.state.serviceNodeRewards.totalNodes).toBe(42n);
  });

  test('a hanging request is dropped by close', async () => {
    const other = await startFakeArbitrum({ failure: 'hang' });
    const client = createPublicClient({ transport: http(other.url, { retryCount: 0, timeout: 60_000 }) });
    const pending = client.getChainId().then(
      () => 'answered',
      () => 'dropped',
    );
    // wait until the server has the request, then close it
    while (other.requests === 0) await new Promise((resolve) => setImmediate(resolve));
    await other.close();
    expect(await pending).toBe('dropped');
  });
});
