import { Decimal, type Parameter } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import {
  SLASHING_BURN_TARGET,
  SLASHING_PARAMETER_KEYS,
  SLASHING_ROUNDING_TARGET,
  type SlashingModel,
  simulateSlashingPenalty,
  slashingPenaltyRules,
} from '../src/slashing.js';
import { codedFailure } from '../src/testing/index.js';

const d = (text: string) => new Decimal(text);
const record = (key: string, value: string): Parameter => ({
  key,
  label: key,
  kind: 'DECIMAL',
  value,
  unit: null,
  description: key,
  source: `test: ${key}`,
  assumption: false,
});

/** Synternet's specification: window 16,000, half to sign, 0.01 % and 10 minutes; 5 % for double signing. */
const SYNTERNET: SlashingModel = {
  params: {
    signedBlocksWindow: 16000,
    minSignedPerWindow: d('0.5'),
    downtimeJailSeconds: 600,
    slashFractionDowntime: d('0.0001'),
    slashFractionDoubleSign: d('0.05'),
  },
  token: { symbol: 'SYNT', decimals: 6, baseUnit: 'usynt' },
  parameters: [
    record('bondedRatio', '0.5'),
    record('signedBlocksWindow', '16000'),
    record('minSignedPerWindow', '0.5'),
    record('downtimeJailSeconds', '600s'),
    record('slashFractionDowntime', '0.0001'),
    record('slashFractionDoubleSign', '0.05'),
  ],
  sources: { downtime: 'the downtime citation', doubleSign: 'the double-sign citation' },
};
const STAKES = [d('10000'), d('250000')];

describe('slashingPenaltyRules', () => {
  it('lists downtime and double-sign, with the threshold worked out and the records each reads', () => {
    const rules = slashingPenaltyRules(SYNTERNET);
    expect(rules.map((rule) => [rule.key, rule.label])).toEqual([
      ['downtime', 'Downtime (liveness fault)'],
      ['double-sign', 'Double signing'],
    ]);
    expect(rules[0]!.trigger).toBe(
      "Missing more than 8000 of 16000 blocks in the signing window (window − round(minSignedPerWindow × window)): the validator's tokens are slashed by 0.0001 (truncated to the usynt, burned), every stake losing its pro-rata share, and the validator is jailed for 600 s, after which it may unjail.",
    );
    expect(rules[1]!.trigger).toBe(
      "Signing two blocks at one height (evidence submitted): the validator's tokens are slashed by 0.05 (truncated to the usynt, burned), every stake losing its pro-rata share; the validator is jailed for ever (tombstoned): it can never unjail.",
    );
    expect(rules[0]!.parameters.map((p) => p.key)).toEqual(SLASHING_PARAMETER_KEYS.slice(0, 4));
    expect(rules[1]!.parameters).toEqual([record('slashFractionDoubleSign', '0.05')]);
  });

  it('names the base unit by the symbol when no base unit is given', () => {
    const hub = { ...SYNTERNET, token: { symbol: 'ATOM', decimals: 6 } };
    expect(slashingPenaltyRules(hub)[0]!.trigger).toContain('(truncated to the base unit of ATOM, burned)');
  });

  it('refuses a model without a slashing record (a programming error)', () => {
    const model = { ...SYNTERNET, parameters: SYNTERNET.parameters.slice(0, 3) };
    expect(() => slashingPenaltyRules(model)).toThrow(
      expect.objectContaining({
        code: 'INTERNAL',
        message: expect.stringContaining('"downtimeJailSeconds"'),
      }),
    );
  });
});

describe('simulateSlashingPenalty', () => {
  it('downtime, 8,001 of 16,000 missed: 10,000 → 9,999; 250,000 → 249,975; jailed 600 s; burned', () => {
    const outcome = simulateSlashingPenalty(SYNTERNET, {
      rule: 'downtime',
      stakes: STAKES,
      missedBlocks: 8001,
    });
    expect(outcome).toMatchObject({
      rule: 'downtime',
      triggered: true,
      jailedSeconds: 600,
      tombstoned: false,
    });
    expect(outcome.lockedSeconds).toBeNull();
    expect(outcome.stakes.map((s) => [s.before.toFixed(), s.slashed.toFixed(), s.after.toFixed()])).toEqual([
      ['10000', '1', '9999'],
      ['250000', '25', '249975'],
    ]);
    expect(outcome.slashedTotal.toFixed()).toBe('26');
    expect(outcome.allocations).toEqual([{ target: SLASHING_BURN_TARGET, amount: d('26') }]);
    expect(outcome.derivation.result.eq(outcome.slashedTotal)).toBe(true);
    expect(outcome.derivation.source).toBe('the downtime citation');
    expect(outcome.derivation.formula).toContain(
      'burned = truncate(validatorTokens × slashFractionDowntime) to the usynt',
    );
    expect(outcome.derivation.inputs).toContainEqual({ name: 'maxMissedBlocks', value: '8000' });
    expect(outcome.derivation.inputs).toContainEqual({ name: 'triggered', value: 'true' });
  });

  it('8,000 of 16,000 missed: not triggered, nothing slashed, not jailed', () => {
    const outcome = simulateSlashingPenalty(SYNTERNET, {
      rule: 'downtime',
      stakes: STAKES,
      missedBlocks: 8000,
    });
    expect(outcome.triggered).toBe(false);
    expect(outcome.slashedTotal.toFixed()).toBe('0');
    expect(outcome.stakes.map((s) => s.after.toFixed())).toEqual(['10000', '250000']);
    expect(outcome.jailedSeconds).toBeNull();
    expect(outcome.derivation.result.isZero()).toBe(true);
  });

  it('double-sign slashes 5 %, tombstones, and is never jailed for a time', () => {
    const outcome = simulateSlashingPenalty(SYNTERNET, { rule: 'double-sign', stakes: STAKES });
    expect(outcome.stakes).toEqual([
      { before: d('10000'), slashed: d('500'), after: d('9500') },
      { before: d('250000'), slashed: d('12500'), after: d('237500') },
    ]);
    expect([outcome.triggered, outcome.tombstoned, outcome.jailedSeconds, outcome.lockedSeconds]).toEqual([
      true,
      true,
      null,
      null,
    ]);
    expect(outcome.allocations).toEqual([{ target: 'burn', amount: d('13000') }]);
    expect(outcome.derivation.result.toFixed()).toBe('13000');
    expect(outcome.slashedTotal.eq(outcome.derivation.result)).toBe(true);
    expect(outcome.derivation.source).toBe('the double-sign citation');
    expect(outcome.derivation.inputs).toContainEqual({ name: 'stakes', value: '2' });
    expect(outcome.derivation.formula).toContain('jailed for ever (tombstoned');
  });

  it('slashes the validator’s total tokens, truncated, and shares the loss pro rata (x/staking Slash)', () => {
    // Two stakes of 0.006 SYNT at 0.01 %: each alone would lose 0.0000006 SYNT, under one usynt, so
    // truncating stake by stake slashes nothing. The SDK slashes the validator's 0.012 SYNT: 0.0000012
    // truncated to 0.000001 burned, and each stake keeps 0.006 × 0.011999 / 0.012 = 0.0059995 → 0.005999.
    const outcome = simulateSlashingPenalty(SYNTERNET, {
      rule: 'downtime',
      stakes: [d('0.006'), d('0.006')],
      missedBlocks: 8001,
    });
    expect(outcome.stakes.map((s) => [s.slashed.toFixed(), s.after.toFixed()])).toEqual([
      ['0.000001', '0.005999'],
      ['0.000001', '0.005999'],
    ]);
    // 0.000001 is burned; the other 0.000001 is the stakes' truncation, left in the validator's tokens.
    expect(outcome.slashedTotal.toFixed()).toBe('0.000002');
    expect(outcome.allocations).toEqual([
      { target: SLASHING_BURN_TARGET, amount: d('0.000001') },
      { target: SLASHING_ROUNDING_TARGET, amount: d('0.000001') },
    ]);
    expect(outcome.derivation.inputs).toContainEqual(
      expect.objectContaining({ name: 'validatorTokens', value: '0.012', kind: 'AMOUNT' }),
    );
    expect(outcome.derivation.inputs).toContainEqual(
      expect.objectContaining({ name: 'burned', value: '0.000001', kind: 'AMOUNT' }),
    );
  });

  it('a third stake of 333.333333 SYNT: 26.033333 burned of 260,333.333333; each after truncated', () => {
    // Python decimal: S = trunc(260333.333333 × 0.0001) = 26.033333; after_i = trunc(stake_i × (T − S) / T).
    const outcome = simulateSlashingPenalty(SYNTERNET, {
      rule: 'downtime',
      stakes: [...STAKES, d('333.333333')],
      missedBlocks: 8001,
    });
    expect(outcome.stakes.map((s) => s.after.toFixed())).toEqual(['9999', '249975', '333.299999']);
    expect(outcome.allocations.map((a) => [a.target, a.amount.toFixed()])).toEqual([
      ['burn', '26.033333'],
      ['validator-rounding', '0.000001'],
    ]);
  });

  it('truncates to the token’s decimals (9 here), never a hard-coded 6', () => {
    const nine = { ...SYNTERNET, token: { symbol: 'TEST', decimals: 9 } };
    const outcome = simulateSlashingPenalty(nine, { rule: 'double-sign', stakes: [d('1.00000019')] });
    expect(outcome.slashedTotal.toFixed()).toBe('0.050000009');
  });

  it('refuses downtime without whole missedBlocks or with more than the window, and unknown rules', async () => {
    const run = (input: Parameters<typeof simulateSlashingPenalty>[1]) =>
      codedFailure(Promise.resolve().then(() => simulateSlashingPenalty(SYNTERNET, input)));
    expect(await run({ rule: 'downtime', stakes: STAKES })).toMatchObject({
      code: 'BAD_INPUT',
      message: 'the downtime rule needs missedBlocks, a whole number of blocks',
    });
    expect((await run({ rule: 'downtime', stakes: STAKES, missedBlocks: 1.5 })).code).toBe('BAD_INPUT');
    expect(await run({ rule: 'downtime', stakes: STAKES, missedBlocks: 16001 })).toMatchObject({
      code: 'BAD_INPUT',
      message: 'missedBlocks (16001) cannot exceed the signing window of 16000 blocks',
    });
    expect(await run({ rule: 'theft', stakes: STAKES })).toMatchObject({
      code: 'NOT_FOUND',
      details: { validKeys: ['downtime', 'double-sign'] },
    });
  });
});
