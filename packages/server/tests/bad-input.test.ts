import { createGateway, type RunningGateway } from '@tokenomics/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapters, loadConfig } from './server-config.js';

/**
 * What a careless or hostile client can send. Each case gets an HTTP status
 * under 500 and an error with a code, never a stack trace; the server keeps
 * serving after all of them.
 */
interface Case {
  name: string;
  code: string;
  /** A GraphQL document (sent as JSON), or a raw request. */
  query?: string;
  variables?: Record<string, unknown>;
  raw?: { body: string; headers?: Record<string, string>; method?: string };
}

const SESSION = (field: string) => `{ protocol(id: "session") { ${field} } }`;
const SYNTERNET = (field: string) => `{ protocol(id: "synternet") { ${field} } }`;
const ofType = (depth: number): string => (depth === 0 ? 'name' : `ofType { ${ofType(depth - 1)} }`);

const CASES: Case[] = [
  // Scalars
  {
    name: 'a DateTime that is not ISO-8601',
    code: 'BAD_INPUT',
    query: SESSION('supply(at: "yesterday") { total }'),
  },
  {
    name: 'an impossible DateTime',
    code: 'BAD_INPUT',
    query: SESSION('supply(at: "2026-02-30T00:00:00Z") { total }'),
  },
  {
    name: 'a DateTime sent as a number',
    code: 'BAD_INPUT',
    query: 'query ($at: DateTime) { protocols { supply(at: $at) { total } } }',
    variables: { at: 1767225600000 },
  },
  {
    name: 'a Decimal with letters',
    code: 'BAD_INPUT',
    query:
      'query ($q: Decimal!) { protocol(id: "session") { quoteFee(input: { fee: "session-pro", quantity: $q, unitPrice: "1" }) { total } } }',
    variables: { q: '12abc' },
  },
  {
    name: 'a Decimal sent as a JSON float',
    code: 'BAD_INPUT',
    query:
      'query ($q: Decimal!) { protocol(id: "session") { quoteFee(input: { fee: "session-pro", quantity: $q, unitPrice: "1" }) { total } } }',
    variables: { q: 0.1 },
  },
  {
    name: 'a Decimal NaN',
    code: 'BAD_INPUT',
    query: SESSION('quoteFee(input: { fee: "session-pro", quantity: "NaN", unitPrice: "1" }) { total }'),
  },
  {
    name: 'a Decimal Infinity',
    code: 'BAD_INPUT',
    query: SESSION('quoteFee(input: { fee: "session-pro", quantity: "1", unitPrice: "Infinity" }) { total }'),
  },
  // Decimal bounds (issue 11, finding 1): every decimal input, as a literal and as a variable
  {
    name: 'an exponent bomb as quantity',
    code: 'BAD_INPUT',
    query: SYNTERNET(
      'quoteFee(input: { fee: "pay-per-data", quantity: "1e10000000", unitPrice: "1" }) { total }',
    ),
  },
  {
    name: 'a negative exponent bomb as quantity',
    code: 'BAD_INPUT',
    query: SYNTERNET(
      'quoteFee(input: { fee: "pay-per-data", quantity: "-1e10000000", unitPrice: "1" }) { total }',
    ),
  },
  {
    name: 'an exponent bomb as unitPrice, a variable',
    code: 'BAD_INPUT',
    query:
      'query ($p: Decimal!) { protocol(id: "session") { quoteFee(input: { fee: "session-pro", quantity: "1", unitPrice: $p }) { total } } }',
    variables: { p: '1E+10000000' },
  },
  {
    name: 'a quantity of 41 significant digits',
    code: 'BAD_INPUT',
    query: SYNTERNET(
      'quoteFee(input: { fee: "pay-per-message", quantity: "1.0000000000000000000000000000000000000001", unitPrice: "1" }) { total }',
    ),
  },
  {
    name: 'a unitPrice under 10^-30',
    code: 'BAD_INPUT',
    query: SYNTERNET('quoteFee(input: { fee: "pay-per-data", quantity: "1", unitPrice: "1e-31" }) { total }'),
  },
  {
    name: 'a Decimal of 90,000 digits, a variable',
    code: 'BAD_INPUT',
    query:
      'query ($q: Decimal!) { protocol(id: "synternet") { quoteFee(input: { fee: "pay-per-data", quantity: $q, unitPrice: "1" }) { total } } }',
    variables: { q: '9'.repeat(90_000) },
  },
  {
    name: 'a stake over 10^30',
    code: 'BAD_INPUT',
    query: SYNTERNET(
      'simulatePenalty(input: { rule: "double-sign", stakes: ["1", "1e31"] }) { slashedTotal }',
    ),
  },
  {
    name: 'an exponent bomb as a stake, a variable',
    code: 'BAD_INPUT',
    query:
      'query ($s: [Decimal!]!) { protocol(id: "session") { simulatePenalty(input: { rule: "liquidation", stakes: $s }) { slashedTotal } } }',
    variables: { s: ['1e10000000'] },
  },
  {
    name: 'no stakes at all',
    code: 'BAD_INPUT',
    query: SYNTERNET('simulatePenalty(input: { rule: "double-sign", stakes: [] }) { slashedTotal }'),
  },
  {
    name: 'an amount override finer than the base unit (a staking requirement with 10 decimals of SESH)',
    code: 'BAD_INPUT',
    query: SESSION(
      'supply(overrides: [{ key: "stakingRequirement", value: "25000.0000000001" }]) { staked }',
    ),
  },
  {
    name: 'an amount override finer than the base unit (a treasury balance with 7 decimals of SYNT)',
    code: 'BAD_INPUT',
    query: SYNTERNET('parameters(overrides: [{ key: "treasuryBalance", value: "1.0000001" }]) { key }'),
  },
  {
    name: 'a stake finer than the base unit (7 decimals of SYNT)',
    code: 'BAD_INPUT',
    query: SYNTERNET(
      'simulatePenalty(input: { rule: "double-sign", stakes: ["0.0000001"] }) { slashedTotal }',
    ),
  },
  {
    name: 'a unitPrice finer than the base unit (10 decimals of SESH)',
    code: 'BAD_INPUT',
    query: SESSION(
      'quoteFee(input: { fee: "session-names", quantity: "1", unitPrice: "0.0000000001" }) { total }',
    ),
  },
  {
    name: 'an exponent bomb as a decimal override',
    code: 'BAD_INPUT',
    query: SYNTERNET(
      'quoteFee(input: { fee: "pay-per-data", quantity: "1", unitPrice: "1", overrides: [{ key: "dataFeePerGB", value: "1e10000000" }] }) { total }',
    ),
  },
  {
    name: 'an exponent bomb in a list override, a variable',
    code: 'BAD_INPUT',
    query:
      'query ($o: [ParameterOverride!]) { protocol(id: "synternet") { rewards(overrides: $o) { stakingApr } } }',
    variables: { o: [{ key: 'inflationSchedule', value: '0.08,0.065,0.055,0.045,1e10000000' }] },
  },
  {
    name: 'an exponent bomb as a lockup amount override',
    code: 'BAD_INPUT',
    query: SESSION('supply(overrides: [{ key: "lockupB", value: "1e10000000; cliff 12mo" }]) { total }'),
  },
  {
    name: 'an exponent bomb as commission',
    code: 'BAD_INPUT',
    query: SYNTERNET('rewards(commission: "1e10000000") { delegatorApr }'),
  },
  {
    name: 'a tiny commission, a variable',
    code: 'BAD_INPUT',
    query: 'query ($c: Decimal) { protocol(id: "session") { rewards(commission: $c) { delegatorApr } } }',
    variables: { c: '-1e-10000000' },
  },
  {
    name: 'a Session commission over 100 %',
    code: 'BAD_INPUT',
    query: SESSION('rewards(commission: "1.5") { delegatorApr }'),
  },
  {
    name: 'a DateTime of 90,000 characters',
    code: 'BAD_INPUT',
    query: 'query ($at: DateTime) { protocols { supply(at: $at) { total } } }',
    variables: { at: `2026-01-01${'0'.repeat(90_000)}` },
  },
  // Overrides
  {
    name: 'an unknown override key',
    code: 'UNKNOWN_PARAMETER',
    query: SESSION('rewards(overrides: [{ key: "nodes", value: "3000" }]) { stakingApr }'),
  },
  {
    name: 'a negative network size',
    code: 'BAD_INPUT',
    query: SESSION('rewards(overrides: [{ key: "networkSize", value: "-5" }]) { stakingApr }'),
  },
  {
    name: 'a fractional network size',
    code: 'BAD_INPUT',
    query: SESSION('rewards(overrides: [{ key: "networkSize", value: "1.5" }]) { stakingApr }'),
  },
  {
    name: 'a bonded ratio over 1',
    code: 'BAD_INPUT',
    query: SYNTERNET('rewards(overrides: [{ key: "bondedRatio", value: "1.5" }]) { stakingApr }'),
  },
  {
    name: 'the same override twice',
    code: 'BAD_INPUT',
    query: SESSION(
      'supply(overrides: [{ key: "networkSize", value: "1" }, { key: "networkSize", value: "2" }]) { total }',
    ),
  },
  {
    name: 'an override instant that is not one',
    code: 'BAD_INPUT',
    query: SESSION('supply(overrides: [{ key: "tgeDate", value: "tomorrow" }]) { total }'),
  },
  // Fees
  {
    name: 'an unknown fee',
    code: 'NOT_FOUND',
    query: SESSION('quoteFee(input: { fee: "session-gold", quantity: "1", unitPrice: "1" }) { total }'),
  },
  {
    name: 'a negative quantity',
    code: 'BAD_INPUT',
    query: SYNTERNET('quoteFee(input: { fee: "pay-per-data", quantity: "-1", unitPrice: "8" }) { total }'),
  },
  {
    name: 'a negative price',
    code: 'BAD_INPUT',
    query: SYNTERNET(
      'quoteFee(input: { fee: "pay-per-message", quantity: "1", unitPrice: "-0.5" }) { total }',
    ),
  },
  // Penalties
  {
    name: 'an unknown penalty rule',
    code: 'NOT_FOUND',
    query: SYNTERNET('simulatePenalty(input: { rule: "theft", stakes: ["1"] }) { slashedTotal }'),
  },
  {
    name: 'a negative stake',
    code: 'BAD_INPUT',
    query: SYNTERNET(
      'simulatePenalty(input: { rule: "double-sign", stakes: ["100", "-1"] }) { slashedTotal }',
    ),
  },
  {
    name: 'downtime without missed blocks',
    code: 'BAD_INPUT',
    query: SYNTERNET('simulatePenalty(input: { rule: "downtime", stakes: ["100"] }) { slashedTotal }'),
  },
  {
    name: 'negative missed blocks',
    code: 'BAD_INPUT',
    query: SYNTERNET(
      'simulatePenalty(input: { rule: "downtime", stakes: ["100"], missedBlocks: -1 }) { slashedTotal }',
    ),
  },
  {
    name: 'more missed blocks than the window',
    code: 'BAD_INPUT',
    query: SYNTERNET(
      'simulatePenalty(input: { rule: "downtime", stakes: ["100"], missedBlocks: 16001 }) { slashedTotal }',
    ),
  },
  // Schedules and instants
  {
    name: 'a schedule ending before it starts',
    code: 'BAD_INPUT',
    query: SESSION('schedule(from: "2030-01-01T00:00:00Z", to: "2029-01-01T00:00:00Z") { at }'),
  },
  {
    name: 'a century of daily points',
    code: 'LIMIT_EXCEEDED',
    query: SESSION(
      'schedule(from: "2026-01-01T00:00:00Z", to: "2126-01-01T00:00:00Z", interval: DAY) { at }',
    ),
  },
  {
    name: 'a schedule from before genesis',
    code: 'BAD_INPUT',
    query: SYNTERNET('schedule(from: "2020-01-01T00:00:00Z", to: "2030-01-01T00:00:00Z") { at }'),
  },
  {
    name: 'supply before genesis',
    code: 'BAD_INPUT',
    query: SESSION('supply(at: "2025-05-20T23:59:59Z") { total }'),
  },
  {
    name: 'a commission over 100 %',
    code: 'BAD_INPUT',
    query: SYNTERNET('rewards(commission: "1.5") { delegatorApr }'),
  },
  { name: 'an unknown protocol', code: 'NOT_FOUND', query: '{ protocol(id: "bitcoin") { id } }' },
  // Documents
  {
    name: 'a depth bomb (introspection ofType × 30)',
    code: 'LIMIT_EXCEEDED',
    query: `{ __schema { types { fields { type { ${ofType(30)} } } } } }`,
  },
  {
    name: 'an alias bomb',
    code: 'LIMIT_EXCEEDED',
    query: `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: protocols { id }`).join(' ')} }`,
  },
  { name: 'a token bomb', code: 'LIMIT_EXCEEDED', query: `{ protocols { ${'id '.repeat(3_000)} } }` },
  { name: 'a syntax error', code: 'GRAPHQL_PARSE_FAILED', query: '{ protocols { id }' },
  { name: 'an unknown field', code: 'GRAPHQL_VALIDATION_FAILED', query: '{ protocols { price } }' },
  {
    name: 'a missing required variable',
    code: 'BAD_INPUT',
    query: 'query ($id: ID!) { protocol(id: $id) { id } }',
  },
  {
    name: 'a mutation on a read-only schema',
    code: 'GRAPHQL_VALIDATION_FAILED',
    query: 'mutation { protocols { id } }',
  },
  // HTTP
  { name: 'a body that is not JSON', code: 'BAD_REQUEST', raw: { body: '{"query": "{ protocols { id } }"' } },
  {
    name: 'a query that is not a string',
    code: 'BAD_REQUEST',
    raw: { body: JSON.stringify({ query: { protocols: true } }) },
  },
  { name: 'no query at all', code: 'BAD_REQUEST', raw: { body: JSON.stringify({ variables: {} }) } },
  {
    name: 'a body over the size limit',
    code: 'LIMIT_EXCEEDED',
    raw: { body: JSON.stringify({ query: `{ protocols { id } } #${'x'.repeat(200_000)}` }) },
  },
];

let running: RunningGateway;
beforeAll(async () => {
  const adapters = await createAdapters(loadConfig({ env: {}, cwd: process.cwd() }));
  running = await createGateway({ adapters, production: true }).listen(0, '127.0.0.1');
});
afterAll(() => running.close());

async function send(testCase: Case): Promise<{ status: number; text: string }> {
  const body = testCase.raw?.body ?? JSON.stringify({ query: testCase.query, variables: testCase.variables });
  const response = await fetch(running.url, {
    method: testCase.raw?.method ?? 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...testCase.raw?.headers,
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

describe('the bad input corpus', () => {
  it('has at least 25 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))(
    '%s: HTTP < 500, a coded error, no stack',
    async (_name, testCase) => {
      const { status, text } = await send(testCase);
      expect(status).toBeGreaterThanOrEqual(200);
      expect(status).toBeLessThan(500);
      const body = JSON.parse(text) as {
        errors?: Array<{ message: string; extensions?: { code?: string } }>;
      };
      expect(body.errors?.length, text).toBeGreaterThan(0);
      expect(body.errors?.map((error) => error.extensions?.code)).toContain(testCase.code);
      for (const error of body.errors ?? []) expect(error.extensions?.code, error.message).toBeDefined();
      expect(text).not.toMatch(/\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules/);
      // Whatever was sent, the answer echoes little of it.
      expect(text.length).toBeLessThan(4_096);
    },
  );

  it('keeps serving afterwards', async () => {
    const { status, text } = await send({ name: 'ok', code: '', query: '{ protocols { id } }' });
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ data: { protocols: [{ id: 'session' }, { id: 'synternet' }] } });
  });
});
