import { describe, expect, it } from 'vitest';
import { Decimal, isTokenomicsError } from '../src/index.js';
import { exampleChain, exampleEconomy } from '../src/testing/index.js';

describe('an adapter economy with a live source has a history', () => {
  it('observes the current read: its block, and supply and rewards at the block time', async () => {
    const chain = exampleChain({ height: 10n, blockSeconds: 60 });
    const economy = exampleEconomy({ source: chain.source });
    const observation = await economy.history?.observe();
    expect(observation?.height).toBe(10n);
    expect(observation?.at.toISOString()).toBe('2025-06-01T00:09:00.000Z');
    expect(observation?.total?.toFixed()).toBe('1009');
    expect(observation?.circulating?.toFixed()).toBe('759');
    const rewards = await economy.rewards?.({ at: observation?.at as Date });
    expect(observation?.stakingApr?.toFixed()).toBe(rewards?.stakingApr.toFixed());
    expect(observation?.poolBalance).toBeNull();
    chain.advance(5);
    const next = await economy.history?.observe();
    expect(next?.height).toBe(15n);
    expect(next?.total?.toFixed()).toBe('1014');
  });

  it('reads the archive: head, the block at a height, the state at a height', async () => {
    const chain = exampleChain({ height: 500n, lowestKept: 100n });
    const history = exampleEconomy({ source: chain.source }).history;
    expect((await history?.head?.())?.height).toBe(500n);
    expect((await history?.blockAt?.(undefined, 200n))?.time.toISOString()).toBe(
      chain.blockAt(200n).time.toISOString(),
    );
    const past = await history?.observeAt?.(undefined, 200n);
    expect(past?.height).toBe(200n);
    expect(past?.total?.eq(new Decimal(chain.stateAt(200n).supply))).toBe(true);
  });

  it('refuses a pruned height with UPSTREAM_UNAVAILABLE and reason PRUNED', async () => {
    const chain = exampleChain({ height: 500n, lowestKept: 100n });
    const history = exampleEconomy({ source: chain.source }).history;
    const error = await history?.observeAt?.(undefined, 50n).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(isTokenomicsError(error) && error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(isTokenomicsError(error) && error.details).toEqual({ reason: 'PRUNED', height: '50' });
    expect(String((error as Error).message)).toContain('height 50 is pruned');
  });

  it('is absent for a snapshot source', () => {
    expect(exampleEconomy().history).toBeUndefined();
  });
});

describe('the published model beside the chain', () => {
  it('is an economy on the published source, with the same id and no history of its own', async () => {
    const chain = exampleChain({ height: 10n });
    const { defineAdapter, snapshotSource } = await import('../src/index.js');
    const live = exampleEconomy({ source: chain.source });
    expect(live.history?.published).toBeUndefined();
    // exampleEconomy has no publishedSource option: build one through defineAdapter's own contract.
    const economy = defineAdapter({
      id: 'twin',
      name: 'Twin',
      token: { symbol: 'TW', name: 'Twin', decimals: 0 },
      parameters: {},
      preset: { name: 'seed', description: 'none', values: {} },
      source: { live: true, read: chain.source.read as never },
      publishedSource: snapshotSource('the published preset'),
      genesis: () => new Date('2025-01-01T00:00:00Z'),
    });
    const published = economy.history?.published;
    expect(published?.id).toBe('twin');
    expect((await published?.source())?.kind).toBe('SNAPSHOT');
    expect(published?.history).toBeUndefined();
    expect(economy.history?.published).toBe(published);
  });
});
