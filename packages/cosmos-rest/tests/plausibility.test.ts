import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_SUPPLY_DROP,
  type StandardChainBounds,
  type StandardChainSnapshot,
  standardChainImplausibility,
} from '../src/index.js';

const GOOD: StandardChainSnapshot = {
  chainId: 'synternet-1',
  denom: 'usynt',
  height: '838',
  blockTime: new Date('2024-08-01T00:00:00Z'),
  total: new Decimal('1000000000'),
};
const BOUNDS: StandardChainBounds = {
  chainId: 'synternet-1',
  denom: 'usynt',
  notBefore: new Date('2024-06-11T08:14:53Z'),
  now: new Date('2024-08-01T00:00:30Z'),
};
const judge = (next: Partial<StandardChainSnapshot>, previous: StandardChainSnapshot | null = GOOD) =>
  standardChainImplausibility({ ...GOOD, ...next }, previous, BOUNDS);

describe('standardChainImplausibility', () => {
  it('accepts the same state, a later one, and a first read', () => {
    expect(judge({})).toBeNull();
    expect(judge({ height: '839', total: new Decimal('1000000100') })).toBeNull();
    expect(judge({ height: '1' }, null)).toBeNull();
  });

  it('refuses another chain and another denom', () => {
    expect(judge({ chainId: 'osmosis-1' }, null)).toEqual({
      reason: 'chain-id',
      message:
        'GET /cosmos/base/tendermint/v1beta1/blocks/latest answers chain "osmosis-1", expected synternet-1',
    });
    expect(judge({ denom: 'uosmo' }, null)).toEqual({
      reason: 'denom',
      message: 'GET /cosmos/bank/v1beta1/supply/by_denom answers the supply of "uosmo", expected usynt',
    });
  });

  it('refuses a height below the last good one, comparing as integers', () => {
    expect(judge({ height: '837' })).toEqual({
      reason: 'height',
      message:
        "GET /cosmos/base/tendermint/v1beta1/blocks/latest answers block 837, below the last good state's block 838",
    });
    // As text '1000' < '838'; as heights it is later.
    expect(judge({ height: '1000' })).toBeNull();
  });

  it('refuses a block time beyond the clock skew, or before the chain existed', () => {
    expect(judge({ blockTime: new Date('2024-08-01T00:05:30Z') })).toBeNull(); // 5 min ahead: within the skew
    expect(judge({ blockTime: new Date('2024-08-01T00:05:31Z') })?.reason).toBe('block-time');
    expect(judge({ blockTime: new Date('2999-01-01T00:00:00Z') }, null)).toEqual({
      reason: 'block-time',
      message:
        'GET /cosmos/base/tendermint/v1beta1/blocks/latest answers a block time 2999-01-01T00:00:00.000Z, later than now (2024-08-01T00:00:30.000Z) by more than 300 s',
    });
    expect(judge({ blockTime: new Date('2024-06-11T08:14:52Z') }, null)).toEqual({
      reason: 'block-time',
      message:
        'GET /cosmos/base/tendermint/v1beta1/blocks/latest answers a block time 2024-06-11T08:14:52.000Z, before 2024-06-11T08:14:53.000Z',
    });
  });

  it('refuses a total supply falling by more than the tolerance (1 % by default)', () => {
    expect(DEFAULT_MAX_SUPPLY_DROP.toFixed()).toBe('0.01');
    expect(judge({ total: new Decimal('990000000') })).toBeNull(); // exactly 1 % less
    expect(judge({ total: new Decimal('900000000') })).toEqual({
      reason: 'supply-drop',
      message:
        "GET /cosmos/bank/v1beta1/supply/by_denom answers a total supply of 900000000, 10 % below the last good state's 1000000000 (at most 1 % allowed)",
    });
    expect(
      standardChainImplausibility({ ...GOOD, total: new Decimal('900000000') }, GOOD, {
        ...BOUNDS,
        maxSupplyDrop: new Decimal('0.1'),
      }),
    ).toBeNull();
  });
});
