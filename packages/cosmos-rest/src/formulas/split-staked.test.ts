import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { splitStaked } from './split-staked.js';

const d = (text: string | number) => new Decimal(String(text));

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
