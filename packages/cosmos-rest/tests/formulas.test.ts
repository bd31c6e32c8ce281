import { Decimal, ScaledDecimal, toScaledInteger } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { delegatorApr } from '../src/formulas/delegator-apr.js';
import { downtimeTrigger } from '../src/formulas/downtime-trigger.js';
import { slashStakes } from '../src/formulas/slash-stake.js';
import { splitStaked } from '../src/formulas/split-staked.js';
import { stakedAmount } from '../src/formulas/staked-amount.js';
import { dailyCompoundedApy } from '../src/formulas/staking-apy.js';

const d = (text: string | number) => new Decimal(String(text));

describe('downtimeTrigger (x/slashing HandleValidatorSignature)', () => {
  it('Synternet’s worked example: window 16,000 at 0.5, 8,001 missed triggers, 8,000 does not', () => {
    expect(downtimeTrigger(8001, 16000, d('0.5'))).toEqual({
      minSignedBlocks: 8000,
      maxMissedBlocks: 8000,
      triggered: true,
    });
    expect(downtimeTrigger(8000, 16000, d('0.5')).triggered).toBe(false);
    expect(downtimeTrigger(1001, 2000, d('0.5')).triggered).toBe(true);
  });

  it('the Hub’s: window 10,000, 5 % to sign: more than 9,500 missed triggers', () => {
    expect(downtimeTrigger(9_500, 10_000, d('0.05'))).toEqual({
      minSignedBlocks: 500,
      maxMissedBlocks: 9_500,
      triggered: false,
    });
    expect(downtimeTrigger(9_501, 10_000, d('0.05')).triggered).toBe(true);
  });

  it('rounds minSignedPerWindow × window half to even, like LegacyDec.RoundInt64', () => {
    expect(downtimeTrigger(0, 5, d('0.5')).minSignedBlocks).toBe(2); // 2.5 → 2
    expect(downtimeTrigger(0, 7, d('0.5')).minSignedBlocks).toBe(4); // 3.5 → 4
  });
});

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

describe('rates', () => {
  it('APY restakes daily: (1 + 0.16/365)^365 − 1', () => {
    // 0.17346973047760032666013532859264557640204673212923786029550 (Python decimal, 60 digits)
    expect(dailyCompoundedApy(d('0.16')).toSignificantDigits(30).toFixed()).toBe(
      '0.173469730477600326660135328593',
    );
    expect(dailyCompoundedApy(d('0.16')).toFixed(10)).toBe('0.1734697305');
  });

  it('a delegator nets APR × (1 − commission)', () => {
    expect(delegatorApr(d('0.16'), d('0.05')).toFixed()).toBe('0.152');
    expect(delegatorApr(d('0.16'), d(1)).isZero()).toBe(true);
  });
});

describe('delegatorApr bounds', () => {
  it('refuses a commission outside [0, 1] with a coded error', () => {
    expect(() => delegatorApr(d('0.16'), d('1.5'))).toThrow(
      expect.objectContaining({
        code: 'BAD_INPUT',
        message: 'commission must be a fraction in [0, 1], got 1.5',
        details: { commission: '1.5' },
      }),
    );
    expect(() => delegatorApr(d('0.16'), d('-0.1'))).toThrow(/got -0.1$/);
  });
});

describe('stakedAmount (bondedRatio × total, to the base unit, never above total)', () => {
  it('rounds half to even to the base unit', () => {
    expect(stakedAmount(d('0.5'), d('1040000000'), 6).toText()).toBe('520000000');
    // 0.4 × 1.2345675 = 0.493827 exactly; 0.5 × 0.0000015 = 0.00000075 → 0.000001; 0.5 × 0.000001 = 0.0000005 → 0
    expect(stakedAmount(d('0.4'), d('1.2345675'), 6).toText()).toBe('0.493827');
    expect(stakedAmount(d('0.5'), d('0.0000015'), 6).toText()).toBe('0.000001');
    expect(stakedAmount(d('0.5'), d('0.000001'), 6).toText()).toBe('0');
    expect(stakedAmount(d('0.5'), d('0.000003'), 6).toText()).toBe('0.000002'); // 1.5 usynt → 2
  });

  it('recovers the chain’s bonded tokens from a 60-digit ratio (250,000,000 of 390,000,000)', () => {
    expect(stakedAmount(d(250_000_000).div(390_000_000), d('390000000'), 6).toText()).toBe('250000000');
  });

  it('never exceeds the total: a ratio of 1 on a total between base units gives the total truncated', () => {
    expect(stakedAmount(d('1'), d('10.0000006'), 6).toText()).toBe('10');
    expect(stakedAmount(d('1'), d('10.0000004'), 6).toText()).toBe('10');
    expect(stakedAmount(d('1'), d('10'), 6).toText()).toBe('10');
  });

  it('takes a ScaledDecimal total and is exact beyond 60 digits', () => {
    const total = new ScaledDecimal(toScaledInteger(d('123456789012345678901234.5'), 40), 40);
    // 0.5 × 123456789012345678901234.5 = 61728394506172839450617.25 → …617.25 at 6 places
    expect(stakedAmount(d('0.5'), total, 6).toText()).toBe('61728394506172839450617.25');
  });
});

describe('splitStaked (staked counts as circulating; the excess is staked from holdings)', () => {
  it('Synternet’s seed at genesis: 500,000,000 staked of 100,015,000 circulating', () => {
    const split = splitStaked(d('500000000'), d('100015000'), [d('899985000')]);
    expect(
      [split.fromCirculating, split.liquid, split.fromHoldings, ...split.taken].map((x) => x.toText()),
    ).toEqual(['100015000', '0', '399985000', '399985000']);
  });

  it('less staked than circulates: all of it from circulating, nothing from holdings', () => {
    const split = splitStaked(d('50000000'), d('100015000'), [d('899985000'), d('5')]);
    expect([
      split.liquid.toText(),
      split.fromHoldings.toText(),
      ...split.taken.map((x) => x.toText()),
    ]).toEqual(['50015000', '0', '0', '0']);
  });

  it('takes the excess from the first holding, then the next', () => {
    const split = splitStaked(d('100'), d('10'), [d('60'), d('50'), d('7')]);
    expect(split.taken.map((x) => x.toText())).toEqual(['60', '30', '0']);
    expect(split.fromHoldings.toText()).toBe('90');
  });

  it('refuses staked beyond circulating plus every holding (figures that disagree)', () => {
    expect(() => splitStaked(d('100'), d('10'), [d('60')])).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    );
  });
});
