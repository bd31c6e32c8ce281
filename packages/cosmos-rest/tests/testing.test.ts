import { createDirectReader, TokenomicsError } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { stakingPool } from '../src/index.js';
import { codedFailure, memoReader } from '../src/testing/index.js';

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
