import { fileURLToPath } from 'node:url';
import { createGateway } from '@tokenomics/gateway';
import { describe, expect, it } from 'vitest';
import { post } from '../../gateway/tests/fixtures.js';
import { createAdapters } from './server-config.js';

// The repository root, where `./packages/adapter-cosmos-mint` resolves from (its package.json `main`, ./dist/index.js).

const TESTCHAIN = {
  id: 'testchain',
  name: 'Test Chain',
  denom: 'utest',
  decimals: 9,
  symbol: 'TEST',
  tokenName: 'Test',
  parameters: {
    anchorTime: { value: '2025-01-01T00:00:00Z', source: 'test chain genesis' },
    anchorSupply: { value: '1000000000', source: 'test chain genesis bank supply' },
    anchorInflation: { value: '0.1', source: 'test chain genesis minter' },
    bondedRatio: { value: '0.5', source: 'test assumption' },
    communityTax: { value: '0', source: 'test chain genesis distribution params' },
  },
};

describe('one adapter package, two chains in one gateway, by configuration alone', async () => {
  const adapters = await createAdapters({
    baseDir: fileURLToPath(new URL('./', import.meta.url)),
    protocols: [
      { adapter: '@tokenomics/adapter-cosmos-mint', options: { id: 'cosmoshub' } },
      { adapter: '@tokenomics/adapter-cosmos-mint', options: TESTCHAIN },
    ],
  });
  const gateway = createGateway({ adapters, now: () => new Date('2025-01-01T00:00:00Z') });

  it('serves both, side by side, each with its own token, supply and rewards', async () => {
    const { body } = await post(
      gateway,
      `{
        protocols {
          id name token { symbol decimals }
          launch: supply(at: "2019-03-13T23:00:00Z") { total }
          supply { total staked }
          rewards { emissionRate stakingApr bondedRatio }
        }
      }`,
    );
    // One failing field does not blank the rest: 2019 is before the test chain's anchor.
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({
      path: ['protocols', 1, 'launch'],
      extensions: { code: 'BAD_INPUT' },
      message: expect.stringContaining(
        'before Test Chain\'s genesis at 2025-01-01T00:00:00.000Z (parameter "anchorTime")',
      ),
    });
    const [hub, test] = body.data.protocols;
    expect(hub).toMatchObject({
      id: 'cosmoshub',
      name: 'Cosmos Hub',
      token: { symbol: 'ATOM', decimals: 6 },
      launch: { total: '236200000' },
      // bonded held at the goal: 7 % throughout; APR = 0.07 × 0.98 / 0.67
      rewards: { emissionRate: '0.07', bondedRatio: '0.67' },
    });
    // 0.0686 / 0.67 = 0.10238805970149253731343…, served as a rate to 18 places.
    expect(hub.rewards.stakingApr).toBe('0.102388059701492537');
    expect(test).toMatchObject({
      id: 'testchain',
      name: 'Test Chain',
      token: { symbol: 'TEST', decimals: 9 },
      launch: null,
      supply: { total: '1000000000', staked: '500000000' },
      // at the anchor: inflation 0.1, APR = 0.1 / 0.5
      rewards: { emissionRate: '0.1', stakingApr: '0.2', bondedRatio: '0.5' },
    });
  });
});
