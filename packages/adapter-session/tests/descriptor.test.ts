import { isAdapterDescriptor, isTokenomicsError } from '@tokenomics/core';
import { describeTokenEconomy } from '@tokenomics/core/testing';
import { describe, expect, test } from 'vitest';
import session, { adapter, optionsSchema, SESSION_ENV, sessionAdapter } from '../src/index.js';

describe('the adapter descriptor', () => {
  test('is the default export too, with id, name and the SESSION_* variables', () => {
    expect(session).toBe(adapter);
    expect(isAdapterDescriptor(adapter)).toBe(true);
    expect([adapter.id, adapter.name]).toEqual(['session', 'Session']);
    expect(adapter.env.map((variable) => variable.name).sort()).toEqual(Object.values(SESSION_ENV).sort());
    for (const variable of adapter.env) expect(variable.description.length).toBeGreaterThan(5);
  });

  test('a typo’d option key is refused by optionsSchema with a message naming the key', () => {
    const result = optionsSchema.safeParse({ preest: 'seed' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'session adapter: unknown option "preest"; options are id, preset, nonCirculating, live',
    ]);
    const nested = optionsSchema.safeParse({ live: { rpcUrl: 'http://127.0.0.1:1/', rpcURL: 'x' } });
    expect(nested.error?.issues[0]?.message).toBe(
      'session adapter: unknown option "live.rpcURL"; live takes rpcUrl, l1RpcUrl, addresses, chainId, l1ChainId, httpTimeoutMs',
    );
    // sessionAdapter validates with the same schema: a CONFIGURATION error naming the option
    try {
      sessionAdapter({ preest: 'seed' } as never);
      expect.unreachable();
    } catch (error) {
      expect(isTokenomicsError(error) && error.code).toBe('CONFIGURATION');
      expect((error as Error).message).toContain('"preest"');
    }
  });

  test('the checks that need several options run in the schema too, naming the option', () => {
    const result = optionsSchema.safeParse({ live: { rpcUrl: 'http://127.0.0.1:1/', chainId: 0 } });
    expect(result.error?.issues[0]).toMatchObject({
      message: 'session adapter: live.chainId must be a positive integer chain id, got 0',
      path: ['live', 'chainId'],
    });
    expect(optionsSchema.safeParse({ preset: 'nope' }).error?.issues[0]?.message).toBe(
      'session adapter: unknown preset "nope"; presets: seed, tge-2025-05-21',
    );
  });

  test('valid options parse to the defaults the adapter documents', () => {
    expect(optionsSchema.parse({})).toEqual({ id: 'session', preset: 'seed', holdings: [], live: null });
    expect(optionsSchema.parse({ live: { rpcUrl: 'https://arb1.arbitrum.io/rpc' } })).toEqual({
      id: 'session',
      preset: 'tge-2025-05-21',
      holdings: [],
      live: { rpcUrl: 'https://arb1.arbitrum.io/rpc', chainId: 42161, l1ChainId: 1 },
    });
  });

  test('environment variables override the configuration', () => {
    const configured = {
      preset: 'seed',
      live: { rpcUrl: 'https://configured.example/rpc', chainId: 421614 },
    };
    const options = adapter.optionsSchema.parse(
      adapter.fromEnv(
        {
          SESSION_RPC_URL: 'https://env.example/rpc',
          SESSION_PRESET: 'tge-2025-05-21',
          SESSION_SERVICE_NODE_REWARDS_ADDRESS: '0x1111111111111111111111111111111111111111',
        },
        configured,
      ),
    );
    expect(options).toEqual({
      id: 'session',
      preset: 'tge-2025-05-21',
      holdings: [],
      live: {
        rpcUrl: 'https://env.example/rpc',
        chainId: 421614,
        l1ChainId: 1,
        addresses: { serviceNodeRewards: '0x1111111111111111111111111111111111111111' },
      },
    });
    // without SESSION_* variables the configuration stands
    expect(adapter.fromEnv({}, configured)).toEqual(configured);
  });

  test('create makes the economy the options describe', async () => {
    const economy = adapter.create(adapter.optionsSchema.parse({ id: 'sesh', preset: 'tge-2025-05-21' }));
    expect([economy.id, economy.preset, economy.token.symbol]).toEqual(['sesh', 'tge-2025-05-21', 'SESH']);
    const pool = (await economy.parameters()).find((p) => p.key === 'stakingRewardPool');
    expect(pool?.value).toBe('63177550');
  });
});

describeTokenEconomy(
  'session (descriptor: create from parsed options)',
  () =>
    adapter.create(adapter.optionsSchema.parse(adapter.fromEnv({ SESSION_PRESET: 'tge-2025-05-21' }, {}))),
  {
    instants: [
      new Date('2025-05-21T00:00:00Z'),
      new Date('2026-11-30T12:34:56Z'),
      new Date('2030-01-01T00:00:00Z'),
    ],
    overrideSets: [[{ key: 'networkSize', value: '3000' }]],
    schedule: {
      from: new Date('2025-05-21T00:00:00Z'),
      to: new Date('2027-06-01T00:00:00Z'),
      interval: 'MONTH',
    },
  },
);
