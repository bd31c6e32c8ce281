import { describe, expect, it } from 'vitest';
import {
  Decimal,
  decimalKind,
  decimalListKind,
  defineParameters,
  durationKind,
  formatDecimal,
  instantKind,
  integerKind,
  OVERRIDE_SOURCE,
  resolveParameters,
  wordKind,
} from '../src/index.js';

const schema = defineParameters({
  networkSize: {
    label: 'Network size',
    unit: 'nodes',
    description: 'Active nodes.',
    kind: integerKind({ min: 1 }),
  },
  releaseRate: {
    label: 'Release rate',
    description: 'Fraction of the pool released per year.',
    kind: decimalKind({ min: '0', max: '1', maxExclusive: true }),
  },
  bondedRatio: {
    label: 'Bonded ratio',
    description: 'Staked / total.',
    kind: decimalKind({ min: '0', minExclusive: true, max: '1' }),
  },
  start: { label: 'Start', description: 'Genesis.', kind: instantKind() },
  jail: { label: 'Jail', unit: 'seconds', description: 'Jail time.', kind: durationKind() },
  schedule: {
    label: 'Schedule',
    description: 'Rates.',
    kind: decimalListKind({ length: 3, min: '0', max: '1' }),
  },
  mode: { label: 'Mode', description: 'A word.', kind: wordKind(['a', 'b']) },
});

const preset = {
  networkSize: { value: '2000', source: 'Session docs' },
  releaseRate: { value: '0.151', source: 'seed' },
  bondedRatio: { value: '0.5', source: 'assumption', assumption: true },
  start: { value: '2025-05-21T00:00:00Z', source: 'seed' },
  jail: { value: '600s', source: 'genesis' },
  schedule: { value: '0.08,0.065,0.055', source: 'spec' },
  mode: { value: 'a', source: 'config' },
};

describe('resolveParameters', () => {
  it('parses a preset into typed values and records with provenance', () => {
    const { values, list } = resolveParameters(schema, [preset]);
    expect(values.networkSize).toBe(2000);
    expect(formatDecimal(values.releaseRate)).toBe('0.151');
    expect(values.start.toISOString()).toBe('2025-05-21T00:00:00.000Z');
    expect(values.jail).toBe(600);
    expect(values.schedule.map(formatDecimal)).toEqual(['0.08', '0.065', '0.055']);
    expect(list.find((p) => p.key === 'networkSize')).toEqual({
      key: 'networkSize',
      label: 'Network size',
      kind: 'INTEGER',
      value: '2000',
      unit: 'nodes',
      description: 'Active nodes.',
      source: 'Session docs',
      assumption: false,
      bounds: { min: '1' },
    });
    const bonded = list.find((p) => p.key === 'bondedRatio');
    expect([bonded?.kind, bonded?.assumption]).toEqual(['DECIMAL', true]);
    // An override is the query's own value, never an assumption of ours.
    const overridden = resolveParameters(schema, [preset], [{ key: 'bondedRatio', value: '0.6' }]).list;
    expect(overridden.find((p) => p.key === 'bondedRatio')?.assumption).toBe(false);
  });

  it('lets later layers and then overrides win, marking the override source', () => {
    const live = { networkSize: { value: '1800', source: 'chain: totalNodes()' } };
    const { values, list } = resolveParameters(
      schema,
      [preset, live],
      [{ key: 'releaseRate', value: '0.2' }],
    );
    expect(values.networkSize).toBe(1800);
    expect(list.find((p) => p.key === 'networkSize')?.source).toBe('chain: totalNodes()');
    expect(formatDecimal(values.releaseRate)).toBe('0.2');
    expect(list.find((p) => p.key === 'releaseRate')?.source).toBe(OVERRIDE_SOURCE);
  });

  it('round-trips every value through its text form', () => {
    const { list } = resolveParameters(schema, [preset]);
    const overrides = list.map((p) => ({ key: p.key, value: p.value }));
    expect(resolveParameters(schema, [preset], overrides).list.map((p) => p.value)).toEqual(
      list.map((p) => p.value),
    );
  });

  it('refuses an unknown key with UNKNOWN_PARAMETER listing the valid keys', () => {
    expect(() => resolveParameters(schema, [preset], [{ key: 'nodes', value: '3' }])).toThrowError(
      expect.objectContaining({
        code: 'UNKNOWN_PARAMETER',
        message: expect.stringContaining('networkSize, releaseRate, bondedRatio'),
        details: expect.objectContaining({ key: 'nodes', validKeys: Object.keys(schema) }),
      }),
    );
  });

  it.each([
    ['networkSize', '0', 'an integer ≥ 1'],
    ['networkSize', '1.5', 'an integer ≥ 1'],
    ['networkSize', '99999999999999999999', 'an integer ≥ 1'],
    ['releaseRate', '1', 'a decimal in [0, 1)'],
    ['releaseRate', '-0.1', 'a decimal in [0, 1)'],
    ['releaseRate', 'ten', 'decimal'],
    ['bondedRatio', '0', 'a decimal in (0, 1]'],
    ['start', '2025-02-30T00:00:00Z', 'ISO-8601'],
    ['start', 'yesterday', 'ISO-8601'],
    ['jail', '10 minutes', 'duration'],
    ['schedule', '0.08,0.065', '3 comma-separated decimals'],
    ['schedule', '0.08,,0.05', '3 comma-separated decimals'],
    ['mode', 'c', 'one of "a", "b"'],
  ])('refuses %s = %j with BAD_INPUT naming the key and what is valid', (key, value, expected) => {
    expect(() => resolveParameters(schema, [preset], [{ key, value }])).toThrowError(
      expect.objectContaining({
        code: 'BAD_INPUT',
        message: expect.stringMatching(
          new RegExp(`^parameter "${key}" .*${expected.replace(/[()[\]]/g, '\\$&')}`),
        ),
        details: expect.objectContaining({ key, value }),
      }),
    );
  });

  it('refuses the same key overridden twice', () => {
    const twice = [
      { key: 'networkSize', value: '1' },
      { key: 'networkSize', value: '2' },
    ];
    expect(() => resolveParameters(schema, [preset], twice)).toThrowError(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    );
  });

  it.each([
    ['releaseRate', '1e10000000', 'MAX_MAGNITUDE', 'must be at most 10^30 in magnitude'],
    ['bondedRatio', '1e-31', 'MIN_MAGNITUDE', 'must be 0 or at least 10^-30 in magnitude'],
    ['releaseRate', `0.${'1'.repeat(41)}`, 'MAX_SIGNIFICANT_DIGITS', 'has 41 significant digits'],
    ['releaseRate', '9'.repeat(101), 'MAX_LENGTH', 'is longer than 100 characters'],
    ['schedule', '0.08,0.065,1e10000000', 'MAX_MAGNITUDE', 'must be at most 10^30 in magnitude'],
  ])('refuses %s = %j beyond the decimal bounds, naming the bound (%s)', (key, value, violation, says) => {
    expect(() => resolveParameters(schema, [preset], [{ key, value }])).toThrowError(
      expect.objectContaining({
        code: 'BAD_INPUT',
        message: expect.stringContaining(`parameter "${key}" ${says}`),
        details: expect.objectContaining({ key, violation }),
      }),
    );
  });

  it("takes a chain's 60-digit ratio as data, serves it to 40 digits, and takes that back as an override", () => {
    // 25 / 39 as the Decimal computes it: 60 significant digits.
    const ratio = '0.641025641025641025641025641025641025641025641025641025641026';
    const live = { bondedRatio: { value: ratio, source: 'chain: GET /pool' } };
    const { values, list } = resolveParameters(schema, [preset, live]);
    expect(values.bondedRatio.toFixed()).toBe(ratio);
    const served = list.find((p) => p.key === 'bondedRatio')?.value;
    // Rounded to 40 significant digits, the last of which is a 0.
    expect(served).toBe('0.641025641025641025641025641025641025641');
    // The same 60 digits from a client break the 40-digit bound.
    expect(() => resolveParameters(schema, [preset], [{ key: 'bondedRatio', value: ratio }])).toThrowError(
      expect.objectContaining({
        code: 'BAD_INPUT',
        details: expect.objectContaining({ violation: 'MAX_SIGNIFICANT_DIGITS' }),
      }),
    );
    const again = resolveParameters(
      schema,
      [preset, live],
      [{ key: 'bondedRatio', value: served as string }],
    );
    expect(again.list.find((p) => p.key === 'bondedRatio')?.value).toBe(served);
  });

  it('serves a RATE parameter at 18 places, half to even (as a served rate), and takes that back as an override', () => {
    const rates = defineParameters({
      bondedRatio: {
        label: 'Bonded ratio',
        description: 'Staked / total.',
        kind: decimalKind({ type: 'RATE', min: '0', minExclusive: true, max: '1' }),
      },
    });
    // 500,000,000 / 1,234,567,890.123456 as a chain read gives it: 60 significant digits.
    const ratio = new Decimal('500000000000000').div('1234567890123456');
    const live = { bondedRatio: { value: ratio.toFixed(), source: 'chain: GET /pool' } };
    const { values, list } = resolveParameters(rates, [live]);
    // The model computes with the exact ratio; the record shows it as rewards.bondedRatio is served.
    expect(values.bondedRatio.toFixed()).toBe(ratio.toFixed());
    const served = list[0]?.value;
    expect(served).toBe('0.405000003645000292');
    expect(served).toBe(ratio.toDecimalPlaces(18, Decimal.ROUND_HALF_EVEN).toFixed());
    // A valid override, which serves the same text again.
    const again = resolveParameters(rates, [live], [{ key: 'bondedRatio', value: served as string }]);
    expect(again.list[0]?.value).toBe(served);
    // Half to even at the 18th place, trailing zeros dropped.
    expect(rates.bondedRatio.kind.format(new Decimal('0.1234567890123456785'))).toBe('0.123456789012345678');
    expect(rates.bondedRatio.kind.format(new Decimal('0.1234567890123456795'))).toBe('0.12345678901234568');
  });

  it('rounds a RATE parameter toward the inside of its bounds where half to even would leave them', () => {
    const kind = decimalKind({ type: 'RATE', min: '0', minExclusive: true, max: '1', maxExclusive: true });
    // Half to even gives 0 and 1, which the bounds exclude: the nearest 18-place values inside are served.
    const tiny = kind.format(new Decimal('1e-20'));
    const nearOne = kind.format(new Decimal('0.9999999999999999999'));
    expect(tiny).toBe('0.000000000000000001');
    expect(nearOne).toBe('0.999999999999999999');
    for (const text of [tiny, nearOne]) expect(kind.format(kind.parse(text, 'override'))).toBe(text);
  });

  it('hands every parsed value to format, so a word that stands for another value is served resolved', () => {
    const words = defineParameters({
      start: { label: 'Start', description: 'Genesis.', kind: instantKind() },
      anchor: {
        label: 'Anchor',
        description: 'The word "start" or an instant.',
        kind: {
          type: 'INSTANT',
          expected: '"start" or an instant',
          parse: (text: string) => (text === 'start' ? null : new Date(text)),
          format: (value: Date | null, values?: Readonly<Record<string, unknown>>) =>
            value === null
              ? ((values?.start as Date | undefined)?.toISOString() ?? 'start')
              : value.toISOString(),
        },
      },
    });
    const data = {
      start: { value: '2025-05-21T00:00:00Z', source: 'seed' },
      anchor: { value: 'start', source: 'seed' },
    };
    const { values, list } = resolveParameters(words, [data]);
    expect(values.anchor).toBeNull();
    expect(list.find((p) => p.key === 'anchor')?.value).toBe('2025-05-21T00:00:00.000Z');
    const moved = resolveParameters(words, [data], [{ key: 'start', value: '2025-06-01T00:00:00Z' }]);
    expect(moved.list.find((p) => p.key === 'anchor')?.value).toBe('2025-06-01T00:00:00.000Z');
  });

  it('bounds the magnitude of data too: an upstream is not trusted', () => {
    const live = { releaseRate: { value: '1e10000000', source: 'chain: GET /x' } };
    expect(() => resolveParameters(schema, [preset, live])).toThrowError(
      expect.objectContaining({
        code: 'CONFIGURATION',
        details: expect.objectContaining({ violation: 'MAX_MAGNITUDE' }),
      }),
    );
  });

  it.each([
    ['networkSize', `1.${'5'.repeat(1_000_000)}`],
    ['networkSize', '9'.repeat(1_000_000)],
    ['jail', '9'.repeat(1_000_000)],
    ['jail', `x${'9'.repeat(1_000_000)}`],
    ['schedule', '0.1,'.repeat(250_000)],
    ['mode', 'c'.repeat(1_000_000)],
    ['start', '2'.repeat(1_000_000)],
    ['releaseRate', '9'.repeat(1_000_000)],
  ])('echoes an override of %s of a million characters clipped', (key, value) => {
    let thrown: { message: string; details: Record<string, unknown> } | undefined;
    try {
      resolveParameters(schema, [preset], [{ key, value }]);
    } catch (error) {
      thrown = error as typeof thrown;
    }
    expect(thrown).toMatchObject({ code: 'BAD_INPUT', details: { key } });
    expect(thrown?.message.length).toBeLessThanOrEqual(600);
    expect(thrown?.details.value).toHaveLength(200);
  });

  it('echoes an unknown key clipped', () => {
    const key = 'k'.repeat(1_000_000);
    let thrown: { message: string; details: Record<string, unknown> } | undefined;
    try {
      resolveParameters(schema, [preset], [{ key, value: '1' }]);
    } catch (error) {
      thrown = error as typeof thrown;
    }
    expect(thrown).toMatchObject({ code: 'UNKNOWN_PARAMETER' });
    expect(thrown?.details.key).toHaveLength(200);
    expect(thrown?.message.length).toBeLessThan(400);
  });

  it('reports a preset that lacks a key or holds a bad value as CONFIGURATION', () => {
    const { mode: _mode, ...partial } = preset;
    expect(() => resolveParameters(schema, [partial])).toThrowError(
      expect.objectContaining({ code: 'CONFIGURATION' }),
    );
    expect(() => resolveParameters(schema, [{ ...preset, jail: { value: 'x', source: 's' } }])).toThrowError(
      expect.objectContaining({ code: 'CONFIGURATION' }),
    );
  });
});

describe('parameter kinds expose their documented bounds', () => {
  it('decimal, rate, integer and list kinds carry their range; other kinds none', () => {
    expect(decimalKind({ min: '0', minExclusive: true, max: '1' }).bounds).toEqual({
      min: '0',
      minExclusive: true,
      max: '1',
    });
    expect(decimalKind({ type: 'RATE', min: '0', max: '1', maxExclusive: true })).toMatchObject({
      type: 'RATE',
      bounds: { min: '0', max: '1', maxExclusive: true },
    });
    expect(decimalKind().bounds).toEqual({});
    expect(integerKind({ min: 1, max: 10 }).bounds).toEqual({ min: '1', max: '10' });
    expect(decimalListKind({ length: 3, min: '0', max: '1' }).bounds).toEqual({ min: '0', max: '1' });
    expect(instantKind().bounds).toBeUndefined();
    expect(durationKind().bounds).toBeUndefined();
    expect(wordKind(['a']).bounds).toBeUndefined();
  });

  it('resolved records carry them, so a client (and the conformance kit) can see the range', () => {
    const { list } = resolveParameters(schema, [preset]);
    expect(list.find((p) => p.key === 'releaseRate')?.bounds).toEqual({
      min: '0',
      max: '1',
      maxExclusive: true,
    });
    expect(list.find((p) => p.key === 'start')?.bounds).toBeUndefined();
  });
});

describe('amounts of the token (`amount: true`) at its base unit', () => {
  const amounts = defineParameters({
    stake: {
      label: 'Stake',
      unit: 'TOK',
      description: 'An amount.',
      kind: decimalKind({ min: '0', amount: true }),
    },
    tranches: {
      label: 'Tranches',
      unit: 'TOK',
      description: 'Amounts.',
      kind: decimalListKind({ length: 2, min: '0', amount: true }),
    },
    rate: { label: 'Rate', description: 'Not an amount.', kind: decimalKind({ type: 'RATE', min: '0' }) },
  });
  const data = {
    stake: { value: '25000', source: 'docs' },
    tranches: { value: '1,2', source: 'docs' },
    // Data (a preset, a chain read) is not a client's input: its digits are kept.
    rate: { value: '0.1234567891234', source: 'docs' },
  };
  const token = { symbol: 'TOK', decimals: 6 };
  const refusal = (overrides: Array<{ key: string; value: string }>) => {
    try {
      resolveParameters(amounts, [data], overrides, { token });
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it('mark their kind, for lists too', () => {
    expect(decimalKind({ amount: true }).amount).toBe(true);
    expect(decimalKind().amount).toBeUndefined();
    expect(decimalListKind({ amount: true }).amount).toBe(true);
  });

  it('refuse an override finer than the base unit: BAD_INPUT naming the rule (BASE_UNIT)', () => {
    expect(refusal([{ key: 'stake', value: '25000.0000001' }])).toMatchObject({
      code: 'BAD_INPUT',
      message: 'parameter "stake" has 7 decimal places; a TOK amount has at most 6 (its base unit)',
      details: { violation: 'BASE_UNIT', limit: 6, key: 'stake', value: '25000.0000001' },
    });
    expect(refusal([{ key: 'tranches', value: '1,0.0000001' }])).toMatchObject({
      code: 'BAD_INPUT',
      details: { violation: 'BASE_UNIT', limit: 6, key: 'tranches' },
    });
  });

  it('accept the base unit itself, trailing zeros, and any precision of what is not an amount', () => {
    const { values } = resolveParameters(
      amounts,
      [data],
      [
        { key: 'stake', value: '25000.000001' },
        { key: 'tranches', value: '1.500000000,2' },
        { key: 'rate', value: '0.1234567891234' },
      ],
      { token },
    );
    expect(values.stake.toFixed()).toBe('25000.000001');
    expect(values.tranches.map(String)).toEqual(['1.5', '2']);
    expect(values.rate.toFixed()).toBe('0.1234567891234');
  });

  it('are not checked without a token, nor in data', () => {
    expect(refusal([])).toBeUndefined();
    expect(() =>
      resolveParameters(amounts, [{ ...data, stake: { value: '1.0000001', source: 'chain: x' } }], [], {
        token,
      }),
    ).not.toThrow();
    expect(() => resolveParameters(amounts, [data], [{ key: 'stake', value: '1.0000001' }])).not.toThrow();
  });
});
