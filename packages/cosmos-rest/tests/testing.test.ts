import { fileURLToPath } from 'node:url';
import { createDirectReader, Decimal, type Supply, TokenomicsError } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { stakingPool } from '../src/index.js';
import { codedFailure, memoReader, sourceProblems, supplyInvariantViolations } from '../src/testing/index.js';

describe('test helpers', () => {
  it('codedFailure returns the TokenomicsError, rethrows others and fails on success', async () => {
    const coded = new TokenomicsError('BAD_INPUT', 'no');
    expect(await codedFailure(Promise.reject(coded))).toBe(coded);
    await expect(codedFailure(Promise.reject(new TypeError('plain')))).rejects.toThrow('plain');
    await expect(codedFailure(Promise.resolve(1))).rejects.toThrow('expected a TokenomicsError');
  });

  it('memoReader reads each key once and records it', async () => {
    let loads = 0;
    const request = stakingPool('http://lcd.invalid', {
      fetch: async () => {
        loads += 1;
        return new Response(JSON.stringify({ pool: { not_bonded_tokens: '0', bonded_tokens: '7' } }));
      },
    });
    const memo = memoReader(createDirectReader({ timeoutMs: 1_000 }));
    const [first, second] = await Promise.all([memo.read(request), memo.read(request)]);
    expect(first).toBe(second);
    expect(loads).toBe(1);
    expect(memo.keys).toEqual(['GET http://lcd.invalid/cosmos/staking/v1beta1/pool']);
  });
});

describe('second-edition checks', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const d = (text: string) => new Decimal(text);
  const supply = (patch: Partial<Supply> = {}): Supply => ({
    at: new Date(0),
    max: null,
    total: d('1000'),
    circulating: d('100'),
    staked: d('500'),
    liquid: d('0'),
    burned: null,
    circulatingDefinition: 'total − treasury',
    buckets: [
      { key: 'treasury', label: 'Treasury', amount: d('500'), circulating: false },
      { key: 'staked-from-treasury', label: 'Staked', amount: d('400'), circulating: false, staked: true },
    ],
    derivations: {},
    ...patch,
  });

  it('sourceProblems: a chain/override/configuration prefix, an https URL or an existing repository file', () => {
    expect(sourceProblems('chain: GET /cosmos/staking/v1beta1/pool at block 1', root)).toEqual([]);
    expect(sourceProblems('override: set by this query', root)).toEqual([]);
    expect(sourceProblems('https://docs.synternet.com/learn/blockchain/tokenomics (Slashing)', root)).toEqual(
      [],
    );
    expect(sourceProblems('docs/adding-an-adapter.md#10-checklist', root)).toEqual([]);
    expect(sourceProblems('the specification, Slashing', root)).toEqual([
      'has no https URL and no repository file',
    ]);
    expect(sourceProblems('docs/methodology/nowhere.md#x', root)).toEqual([
      'cites docs/methodology/nowhere.md, which is not in the repository',
      'has no https URL and no repository file',
    ]);
    expect(sourceProblems('https://x.example (MODEL.md Synternet)', root)).toHaveLength(1);
    expect(sourceProblems('chain: see synternet-facts.md §2', root)).toHaveLength(1);
  });

  it('supplyInvariantViolations: reconciliation, staked cover, liquid, no negatives', () => {
    expect(supplyInvariantViolations(supply())).toEqual([]);
    expect(supplyInvariantViolations(supply({ circulating: d('-1'), liquid: d('0') }))).toContain(
      'circulating is negative (-1)',
    );
    expect(supplyInvariantViolations(supply({ buckets: supply().buckets.slice(0, 1) }))).toEqual([
      'total 1000 − non-circulating buckets 500 ≠ circulating 100',
      'staked 500 > circulating 100 + staked non-circulating 0',
    ]);
    expect(supplyInvariantViolations(supply({ liquid: null }))).toEqual([
      'liquid null ≠ max(circulating − staked, 0) = 0',
    ]);
    expect(supplyInvariantViolations(supply({ staked: null, liquid: d('1') }))).toEqual([
      'liquid is known though staked is not',
    ]);
  });
});
