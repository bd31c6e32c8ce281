import { CLIP_LENGTH } from '@tokenomics/core';
import { createGateway, type RunningGateway } from '@tokenomics/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ERROR_MESSAGE_LENGTH } from '../../gateway/src/errors.js';
import { createAdapters, loadConfig } from './server-config.js';

/**
 * Issue 11, finding 1: a decimal such as "1e10000000" blocked the event loop
 * for seconds and came back as megabytes. Every decimal input is bounded (40
 * significant digits, magnitude 10^-30 … 10^30, 100 characters) and refused
 * with BAD_INPUT naming the bound; no error echoes more than a few hundred
 * characters of what the client sent. Over real HTTP, as literals and as
 * variables, on the standard and the compiled executor (each query is sent
 * twice: the second run of a shape runs compiled).
 */

/** A small answer: the bomb used to come back as 10 MB. */
const MAX_BODY = 4_096;
/** A safety limit, not a speed test: the bomb used to take about 10 s. */
const SAFETY_TIMEOUT_MS = 8_000;

const BOMB = '1e10000000';
/** Under the 100 KB body limit, far over any bound. */
const DIGITS = '9'.repeat(90_000);

let running: RunningGateway;
beforeAll(async () => {
  const adapters = await createAdapters(loadConfig({ env: {}, cwd: process.cwd() }));
  running = await createGateway({ adapters, production: true }).listen(0, '127.0.0.1');
});
afterAll(() => running.close());

interface Answer {
  status: number;
  text: string;
  errors: Array<{ message: string; extensions: Record<string, unknown> }>;
}

async function send(query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(running.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(SAFETY_TIMEOUT_MS),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { errors?: Answer['errors'] };
  return { status: response.status, text, errors: body.errors ?? [] };
}

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  violation: string;
  /** Words of the bound that the message names. */
  says: RegExp;
}

const QUOTE = (protocol: string, input: string) =>
  `{ protocol(id: "${protocol}") { quoteFee(input: { ${input} }) { total } } }`;
const PENALTY = (stakes: string) =>
  `{ protocol(id: "synternet") { simulatePenalty(input: { rule: "double-sign", stakes: ${stakes} }) { slashedTotal } } }`;

const CASES: Case[] = [
  {
    name: 'quoteFee quantity, literal string',
    query: QUOTE('synternet', `fee: "pay-per-data", quantity: "${BOMB}", unitPrice: "1"`),
    violation: 'MAX_MAGNITUDE',
    says: /at most 10\^30 in magnitude/,
  },
  {
    name: 'quoteFee negative quantity, literal (was echoed expanded in the error)',
    query: QUOTE('synternet', `fee: "pay-per-data", quantity: "-${BOMB}", unitPrice: "1"`),
    violation: 'MAX_MAGNITUDE',
    says: /at most 10\^30 in magnitude/,
  },
  {
    name: 'quoteFee unitPrice, literal float',
    query: QUOTE('session', `fee: "session-pro", quantity: "1", unitPrice: ${BOMB}`),
    violation: 'MAX_MAGNITUDE',
    says: /at most 10\^30 in magnitude/,
  },
  {
    name: 'quoteFee quantity, variable of 90,000 digits',
    query:
      'query ($q: Decimal!) { protocol(id: "synternet") { quoteFee(input: { fee: "pay-per-data", quantity: $q, unitPrice: "1" }) { total } } }',
    variables: { q: DIGITS },
    violation: 'MAX_LENGTH',
    says: /longer than 100 characters/,
  },
  {
    name: 'quoteFee unitPrice, variable',
    query:
      'query ($p: Decimal!) { protocol(id: "synternet") { quoteFee(input: { fee: "pay-per-message", quantity: "1", unitPrice: $p }) { total } } }',
    variables: { p: BOMB },
    violation: 'MAX_MAGNITUDE',
    says: /at most 10\^30 in magnitude/,
  },
  {
    name: 'quoteFee input object, variable',
    query:
      'query ($input: FeeQuoteInput!) { protocol(id: "synternet") { quoteFee(input: $input) { total } } }',
    variables: { input: { fee: 'pay-per-data', quantity: '1', unitPrice: `0.${'0'.repeat(40)}1` } },
    violation: 'MIN_MAGNITUDE',
    says: /at least 10\^-30 in magnitude/,
  },
  {
    name: 'stakes, literal',
    query: PENALTY(`["100", "${BOMB}"]`),
    violation: 'MAX_MAGNITUDE',
    says: /at most 10\^30 in magnitude/,
  },
  {
    name: 'stakes, variable',
    query:
      'query ($s: [Decimal!]!) { protocol(id: "synternet") { simulatePenalty(input: { rule: "double-sign", stakes: $s }) { slashedTotal } } }',
    variables: { s: ['100', '1234567890123456789012345678.9012345678901'] },
    violation: 'MAX_SIGNIFICANT_DIGITS',
    says: /41 significant digits; at most 40/,
  },
  {
    name: 'a decimal override, literal',
    query: `{ protocol(id: "synternet") { quoteFee(input: { fee: "pay-per-data", quantity: "1", unitPrice: "1", overrides: [{ key: "dataFeePerGB", value: "${BOMB}" }] }) { total } } }`,
    violation: 'MAX_MAGNITUDE',
    says: /parameter "dataFeePerGB" must be at most 10\^30 in magnitude/,
  },
  {
    name: 'a decimal override, variable',
    query: 'query ($o: [ParameterOverride!]) { protocol(id: "session") { supply(overrides: $o) { total } } }',
    variables: { o: [{ key: 'maxSupply', value: DIGITS }] },
    violation: 'MAX_LENGTH',
    says: /parameter "maxSupply" is longer than 100 characters/,
  },
  {
    name: 'a list override, variable',
    query:
      'query ($o: [ParameterOverride!]) { protocol(id: "synternet") { rewards(overrides: $o) { stakingApr } } }',
    variables: { o: [{ key: 'inflationSchedule', value: `0.08,0.065,0.055,0.045,${BOMB}` }] },
    violation: 'MAX_MAGNITUDE',
    says: /parameter "inflationSchedule" must be at most 10\^30 in magnitude/,
  },
  {
    name: 'a lockup override (an amount), literal',
    query: `{ protocol(id: "session") { supply(overrides: [{ key: "lockupA", value: "${BOMB}" }]) { total } } }`,
    violation: 'MAX_MAGNITUDE',
    says: /at most 10\^30 in magnitude/,
  },
  {
    name: 'rewards commission, literal',
    query: `{ protocol(id: "synternet") { rewards(commission: "${BOMB}") { delegatorApr } } }`,
    violation: 'MAX_MAGNITUDE',
    says: /at most 10\^30 in magnitude/,
  },
  {
    name: 'rewards commission, variable',
    query: 'query ($c: Decimal) { protocol(id: "session") { rewards(commission: $c) { delegatorApr } } }',
    variables: { c: '1e-10000000' },
    violation: 'MIN_MAGNITUDE',
    says: /at least 10\^-30 in magnitude/,
  },
];

function expectSmall(answer: Answer): void {
  expect(answer.status).toBeLessThan(500);
  expect(answer.text.length, answer.text.slice(0, 500)).toBeLessThan(MAX_BODY);
  for (const error of answer.errors) {
    expect(error.message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_LENGTH);
    for (const value of Object.values(error.extensions)) {
      if (typeof value === 'string') expect(value.length).toBeLessThanOrEqual(CLIP_LENGTH);
    }
  }
}

describe('decimal bombs over HTTP', () => {
  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))(
    '%s: BAD_INPUT naming the bound, a small answer',
    async (_name, testCase) => {
      // Twice: the second run of a shape runs on the compiled executor.
      for (let run = 0; run < 2; run++) {
        const answer = await send(testCase.query, testCase.variables);
        expectSmall(answer);
        expect(answer.errors, answer.text).toHaveLength(1);
        const [error] = answer.errors;
        expect(error?.extensions).toMatchObject({ code: 'BAD_INPUT', violation: testCase.violation });
        expect(error?.message).toMatch(testCase.says);
      }
    },
  );

  it('1e30 and 1e-30 themselves are served', async () => {
    const answer = await send(QUOTE('synternet', 'fee: "pay-per-data", quantity: "1e30", unitPrice: "0"'));
    expect(answer.errors).toEqual([]);
    expect(answer.text).toContain(`"total":"4${'0'.repeat(30)}"`);
    const tiny = await send(
      '{ protocol(id: "synternet") { rewards(commission: "1e-30") { delegatorApr } } }',
    );
    expect(tiny.errors).toEqual([]);
  });
});

describe('token amounts finer than the base unit', () => {
  it('refuses a stake with more decimals than SYNT has (6)', async () => {
    const answer = await send(PENALTY('["100", "0.0000001"]'));
    expectSmall(answer);
    expect(answer.errors[0]?.extensions).toMatchObject({
      code: 'BAD_INPUT',
      violation: 'BASE_UNIT',
      limit: 6,
    });
    expect(answer.errors[0]?.message).toBe(
      'stakes[1] has 7 decimal places; a SYNT amount has at most 6 (its base unit)',
    );
  });

  it('refuses a unit price with more decimals than SESH has (9)', async () => {
    const answer = await send(
      QUOTE('session', 'fee: "session-pro", quantity: "1", unitPrice: "0.0000000001"'),
    );
    expect(answer.errors[0]?.extensions).toMatchObject({
      code: 'BAD_INPUT',
      violation: 'BASE_UNIT',
      limit: 9,
    });
    expect(answer.errors[0]?.message).toBe(
      'unitPrice has 10 decimal places; a SESH amount has at most 9 (its base unit)',
    );
  });

  it('accepts a quantity finer than the base unit (a quantity is not an amount)', async () => {
    const answer = await send(
      QUOTE('synternet', 'fee: "pay-per-data", quantity: "0.0000005", unitPrice: "8"'),
    );
    expect(answer.errors).toEqual([]);
    expect(answer.text).toContain('"total":"0.000006"');
  });

  it('refuses an empty stakes list', async () => {
    const answer = await send(PENALTY('[]'));
    expect(answer.errors[0]?.extensions).toMatchObject({
      code: 'BAD_INPUT',
      violation: 'MIN_ITEMS',
      limit: 1,
    });
    expect(answer.errors[0]?.message).toBe('stakes must list at least one stake');
  });

  it("refuses Session's commission over 1, as Synternet's", async () => {
    const answer = await send('{ protocol(id: "session") { rewards(commission: "1.5") { delegatorApr } } }');
    expect(answer.errors[0]?.extensions).toMatchObject({ code: 'BAD_INPUT' });
    expect(answer.errors[0]?.message).toBe('commission must be a fraction in [0, 1], got 1.5');
  });
});

describe('amount overrides at the base unit (MODEL.md second edition: BASE_UNIT)', () => {
  it('refuses a Session staking requirement of 25000.0000000001 (it served 50000000.0000002 staked)', async () => {
    const query = `{ protocol(id: "session") { supply(overrides: [{ key: "stakingRequirement", value: "25000.0000000001" }]) { staked } } }`;
    for (let run = 0; run < 2; run++) {
      const answer = await send(query);
      expectSmall(answer);
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors[0]?.extensions).toMatchObject({
        code: 'BAD_INPUT',
        violation: 'BASE_UNIT',
        limit: 9,
        key: 'stakingRequirement',
      });
      expect(answer.errors[0]?.message).toBe(
        'parameter "stakingRequirement" has 10 decimal places; a SESH amount has at most 9 (its base unit)',
      );
    }
  });

  it('refuses a Synternet treasury balance with 7 decimals, as a variable', async () => {
    const answer = await send(
      'query ($o: [ParameterOverride!]) { protocol(id: "synternet") { supply(overrides: $o) { circulating } } }',
      { o: [{ key: 'treasuryBalance', value: '900000000.0000001' }] },
    );
    expect(answer.errors[0]?.extensions).toMatchObject({
      code: 'BAD_INPUT',
      violation: 'BASE_UNIT',
      limit: 6,
    });
    expect(answer.errors[0]?.message).toBe(
      'parameter "treasuryBalance" has 7 decimal places; a SYNT amount has at most 6 (its base unit)',
    );
  });

  it('refuses every amount parameter of every protocol one decimal past its base unit, and not at it', async () => {
    const listed = await send('{ protocols { id token { symbol decimals } parameters { key unit } } }');
    expect(listed.errors).toEqual([]);
    const { protocols } = JSON.parse(listed.text).data as {
      protocols: Array<{
        id: string;
        token: { symbol: string; decimals: number };
        parameters: Array<{ key: string; unit: string | null }>;
      }>;
    };
    let checked = 0;
    for (const { id, token, parameters } of protocols) {
      // An amount of the token: its unit is the symbol, or the symbol per something (SESH/day, SYNT/GB).
      const amounts = parameters.filter(
        ({ unit }) => unit === token.symbol || unit?.startsWith(`${token.symbol}/`),
      );
      expect(amounts.length).toBeGreaterThan(0);
      for (const { key } of amounts) {
        const override = (value: string) =>
          send(
            `{ protocol(id: "${id}") { parameters(overrides: [{ key: "${key}", value: "${value}" }]) { key } } }`,
          );
        const finer = await override(`1.${'0'.repeat(token.decimals)}1`);
        expect(finer.errors[0]?.extensions, `${id} ${key}`).toMatchObject({
          code: 'BAD_INPUT',
          violation: 'BASE_UNIT',
          limit: token.decimals,
          key,
        });
        const exact = await override(`1.${'0'.repeat(token.decimals - 1)}1`);
        expect(exact.errors.map((error) => error.extensions.violation)).not.toContain('BASE_UNIT');
        checked++;
      }
    }
    // Session: 10 amounts, Synternet: 4.
    expect(checked).toBe(14);
  });
});

describe('errors echo little of the input', () => {
  const HUGE = 'x'.repeat(90_000);
  it.each([
    [
      'a DateTime',
      'query ($at: DateTime) { protocols { supply(at: $at) { total } } }',
      { at: HUGE },
      'BAD_INPUT',
    ],
    [
      'an override key',
      'query ($o: [ParameterOverride!]) { protocol(id: "session") { supply(overrides: $o) { total } } }',
      { o: [{ key: HUGE, value: '1' }] },
      'UNKNOWN_PARAMETER',
    ],
    [
      'an override word',
      'query ($o: [ParameterOverride!]) { protocol(id: "session") { supply(overrides: $o) { total } } }',
      { o: [{ key: 'networkSize', value: HUGE }] },
      'BAD_INPUT',
    ],
    [
      'a fee key',
      'query ($f: ID!) { protocol(id: "session") { quoteFee(input: { fee: $f, quantity: "1", unitPrice: "1" }) { total } } }',
      { f: HUGE },
      'NOT_FOUND',
    ],
    [
      'a penalty rule',
      'query ($r: ID!) { protocol(id: "session") { simulatePenalty(input: { rule: $r, stakes: ["1"] }) { slashedTotal } } }',
      { r: HUGE },
      'NOT_FOUND',
    ],
    ['a protocol id', 'query ($id: ID!) { protocol(id: $id) { id } }', { id: HUGE }, 'NOT_FOUND'],
    [
      'an enum value',
      'query ($i: Interval!) { protocol(id: "session") { schedule(to: "2030-01-01T00:00:00Z", interval: $i) { at } } }',
      { i: HUGE },
      'BAD_INPUT',
    ],
    [
      'a Decimal sent as an array',
      'query ($q: Decimal!) { protocol(id: "session") { quoteFee(input: { fee: "session-pro", quantity: $q, unitPrice: "1" }) { total } } }',
      { q: Array.from({ length: 5_000 }, () => HUGE.slice(0, 10)) },
      'BAD_INPUT',
    ],
  ] as const)('%s', async (_name, query, variables, code) => {
    const answer = await send(query, variables as Record<string, unknown>);
    expectSmall(answer);
    expect(answer.errors.map((error) => error.extensions.code)).toContain(code);
  });
});
