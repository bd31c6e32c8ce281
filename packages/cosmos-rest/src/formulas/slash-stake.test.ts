import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { slashStakes } from './slash-stake.js';

const d = (text: string | number) => new Decimal(String(text));

describe('slashStakes (x/staking Slash: the validator’s tokens, truncated, shared pro rata)', () => {
  const afters = (stakes: string[], fraction: string, decimals = 6) =>
    slashStakes(stakes.map(d), d(fraction), decimals).stakes.map((stake) => stake.after.toFixed());

  it('Synternet’s worked example at 0.01 %: 10,000 → 9,999 and 250,000 → 249,975, 26 burned', () => {
    const slash = slashStakes([d('10000'), d('250000')], d('0.0001'), 6);
    expect(slash.validatorTokens.toFixed()).toBe('260000');
    expect(slash.burned.toFixed()).toBe('26');
    expect(slash.roundingRemainder.toFixed()).toBe('0');
    expect(slash.stakes).toEqual([
      { before: d('10000'), slashed: d('1'), after: d('9999') },
      { before: d('250000'), slashed: d('25'), after: d('249975') },
    ]);
  });

  it('truncates the validator’s slash, not each stake’s: 2 × 0.006 at 0.01 % burns 1 usynt', () => {
    // Each alone: 0.0000006 < 1 usynt. Together: 0.0000012 → 0.000001; after = trunc(0.006 × 0.011999 / 0.012).
    const slash = slashStakes([d('0.006'), d('0.006')], d('0.0001'), 6);
    expect([slash.burned.toFixed(), slash.roundingRemainder.toFixed()]).toEqual(['0.000001', '0.000001']);
    expect(slash.stakes.map((stake) => stake.after.toFixed())).toEqual(['0.005999', '0.005999']);
  });

  it('truncates each after to the base unit of the given decimals (6 for usynt, 9 for another chain)', () => {
    // Python decimal: S = trunc(260333.333333 × 0.0001) = 26.033333; 333.333333 × 260307.3 / 260333.333333 = 333.2999996…
    expect(afters(['10000', '250000', '333.333333'], '0.0001')).toEqual(['9999', '249975', '333.299999']);
    // A 1-usynt delegation on a large validator keeps trunc(0.9999 usynt) = 0.
    expect(afters(['10000', '250000', '0.000001'], '0.0001')).toEqual(['9999', '249975', '0']);
    expect(slashStakes([d('1.00000019')], d('0.05'), 9).burned.toFixed()).toBe('0.050000009');
    expect(afters(['1.00000019'], '0.05', 9)).toEqual(['0.950000181']);
  });

  it('leaves every stake whole when nothing is burned (a fraction of 0, or under one base unit)', () => {
    expect(afters(['0.000015', '0.0000015'], '0.05')).toEqual(['0.000015', '0.0000015']); // 0.000000825 < 1 usynt
    const none = slashStakes([d('10000'), d('0.0000015')], d('0'), 6);
    expect(none.stakes.map((stake) => stake.slashed.toFixed())).toEqual(['0', '0']);
    expect(none.burned.toFixed()).toBe('0');
    expect(slashStakes([], d('0.05'), 6).validatorTokens.toFixed()).toBe('0');
    expect(afters(['0', '0'], '1')).toEqual(['0', '0']);
  });

  it('slashes everything at a fraction of 1', () => {
    const all = slashStakes([d('10000'), d('250000')], d('1'), 6);
    expect([all.burned.toFixed(), ...all.stakes.map((stake) => stake.after.toFixed())]).toEqual([
      '260000',
      '0',
      '0',
    ]);
  });

  it('is exact far beyond 60 significant digits', () => {
    // 10^30 SYNT + 1 usynt and 3 usynt at 0.01 %: S = trunc(100000000000000000000000000.0000004) = 10^26.
    const slash = slashStakes([d('1000000000000000000000000000000.000001'), d('0.000003')], d('0.0001'), 6);
    expect(slash.burned.toFixed()).toBe('100000000000000000000000000');
    // Python decimal at 100 digits: after = trunc(stake × (T − S) / T), T = 10^30 + 4 usynt.
    expect(slash.stakes.map((stake) => stake.after.toFixed())).toEqual([
      '999900000000000000000000000000.000001',
      '0.000002',
    ]);
  });
});
