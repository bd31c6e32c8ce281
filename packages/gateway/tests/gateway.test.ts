import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createGateway, MASKED_MESSAGE } from '../src/index.js';
import { brokenSource, fixedSupplyAdapter, post } from './fixtures.js';

const now = () => new Date('2026-01-01T00:00:00Z');

describe('createGateway', () => {
  it('refuses two adapters with one id', () => {
    expect(() =>
      createGateway({ adapters: [fixedSupplyAdapter('a'), fixedSupplyAdapter('a')] }),
    ).toThrowError(
      expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringContaining('"a"') }),
    );
  });

  it('serves protocols in configuration order with exact decimal strings', async () => {
    const gateway = createGateway({ adapters: [fixedSupplyAdapter('b'), fixedSupplyAdapter('a')], now });
    const { status, body } = await post(
      gateway,
      '{ protocols { id token { symbol decimals } capabilities source { kind fetchedAt stale } supply { at max total circulating burned buckets { key amount circulating } } } }',
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.protocols.map((p: { id: string }) => p.id)).toEqual(['b', 'a']);
    expect(body.data.protocols[0]).toEqual({
      id: 'b',
      token: { symbol: 'EX', decimals: 6 },
      capabilities: ['SUPPLY'],
      source: { kind: 'SNAPSHOT', fetchedAt: null, stale: false },
      supply: {
        at: '2026-01-01T00:00:00.000Z',
        max: '1000',
        total: '1000',
        circulating: '750',
        burned: null,
        buckets: [{ key: 'treasury', amount: '250', circulating: false }],
      },
    });
  });

  it('leaves fields of missing capabilities null or empty, without errors', async () => {
    const gateway = createGateway({ adapters: [fixedSupplyAdapter()], now });
    const { body } = await post(
      gateway,
      '{ protocol(id: "fixed") { rewards { stakingApr } fees { key } penalties { key } flows { key } schedule(to: "2027-01-01") { at } quoteFee(input: { fee: "x", quantity: "1", unitPrice: "1" }) { total } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.protocol).toEqual({
      rewards: null,
      fees: [],
      penalties: [],
      flows: [],
      schedule: null,
      quoteFee: null,
    });
  });

  it('explains figures through Supply.derivation', async () => {
    const gateway = createGateway({ adapters: [fixedSupplyAdapter()], now });
    const { body } = await post(
      gateway,
      '{ protocol(id: "fixed") { supply { derivation(figure: CIRCULATING) { formula inputs { name value } result source } total: derivation(figure: TOTAL) { formula } } } }',
    );
    expect(body.data.protocol.supply).toEqual({
      derivation: {
        formula: 'total − treasury',
        inputs: [
          { name: 'total', value: '1000' },
          { name: 'treasury', value: '250' },
        ],
        result: '750',
        source: 'docs/adding-an-adapter.md#2-the-tokeneconomy-contract (example treasury)',
      },
      total: null,
    });
  });
});

describe('errors', () => {
  it('answers an unknown protocol with null and NOT_FOUND listing the served ids', async () => {
    const gateway = createGateway({ adapters: [fixedSupplyAdapter('a'), fixedSupplyAdapter('b')], now });
    const { status, body } = await post(gateway, '{ protocol(id: "nope") { id } }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ protocol: null });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'no protocol "nope"; served: a, b',
        path: ['protocol'],
        extensions: { code: 'NOT_FOUND', id: 'nope', validIds: ['a', 'b'] },
      }),
    ]);
  });

  it('carries parameter errors with their code and the protocol id', async () => {
    const gateway = createGateway({ adapters: [fixedSupplyAdapter()], now });
    const unknown = await post(
      gateway,
      '{ protocol(id: "fixed") { supply(overrides: [{ key: "supplyy", value: "1" }]) { total } } }',
    );
    expect(unknown.body.errors[0].extensions).toMatchObject({
      code: 'UNKNOWN_PARAMETER',
      protocol: 'fixed',
      key: 'supplyy',
      validKeys: ['supply', 'treasury', 'rewardRate', 'feeRate', 'slashFraction', 'genesis'],
    });
    const bad = await post(
      gateway,
      '{ protocol(id: "fixed") { supply(overrides: [{ key: "treasury", value: "-5" }]) { total } } }',
    );
    expect(bad.body.errors[0]).toMatchObject({
      message: 'parameter "treasury" must be a decimal ≥ 0, got -5',
      extensions: { code: 'BAD_INPUT', protocol: 'fixed', key: 'treasury' },
    });
  });

  it('refuses instants before genesis with BAD_INPUT', async () => {
    const gateway = createGateway({ adapters: [fixedSupplyAdapter()], now });
    const { body } = await post(
      gateway,
      '{ protocol(id: "fixed") { supply(at: "2024-06-01T00:00:00Z") { total } } }',
    );
    expect(body.data.protocol.supply).toBeNull();
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_INPUT', protocol: 'fixed' });
  });

  it('keeps serving the other protocols when one fails, and masks the unexpected error in production', async () => {
    const gateway = createGateway({
      adapters: [fixedSupplyAdapter('good'), fixedSupplyAdapter('bad', brokenSource)],
      production: true,
      now,
    });
    const { status, body } = await post(gateway, '{ protocols { id supply { circulating } } }');
    expect(status).toBe(200);
    expect(body.data.protocols).toEqual([
      { id: 'good', supply: { circulating: '750' } },
      { id: 'bad', supply: null },
    ]);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toEqual({
      message: MASKED_MESSAGE,
      path: ['protocols', 1, 'supply'],
      locations: expect.any(Array),
      extensions: { code: 'INTERNAL_SERVER_ERROR', protocol: 'bad' },
    });
    expect(JSON.stringify(body)).not.toContain('10.1.2.3');
  });

  it('shows the unexpected error to developers outside production', async () => {
    const gateway = createGateway({
      adapters: [fixedSupplyAdapter('bad', brokenSource)],
      production: false,
      now,
    });
    const { body } = await post(gateway, '{ protocols { supply { total } } }');
    expect(body.errors[0].extensions.originalError.message).toContain('socket hang up');
  });
});

describe('scalars', () => {
  const gateway = createGateway({ adapters: [fixedSupplyAdapter()], now });
  const atQuery = 'query ($at: DateTime) { protocol(id: "fixed") { supply(at: $at) { at } } }';

  it('parses DateTime variables and literals, with a zone', async () => {
    const { body } = await post(gateway, atQuery, { at: '2026-06-01T02:00:00+02:00' });
    expect(body.data.protocol.supply.at).toBe('2026-06-01T00:00:00.000Z');
  });

  it.each(['2026-13-01T00:00:00Z', 'tomorrow', '2026-06-01T00:00:00'])(
    'refuses the DateTime %j with BAD_INPUT',
    async (at) => {
      const { status, body } = await post(gateway, atQuery, { at });
      expect(status).toBeLessThan(500);
      expect(body.errors[0].extensions.code).toBe('BAD_INPUT');
      expect(body.errors[0].message).toContain('DateTime');
    },
  );

  it('refuses a DateTime literal that is not a string', async () => {
    const { body } = await post(gateway, '{ protocol(id: "fixed") { supply(at: 20260101) { at } } }');
    expect(body.errors[0].extensions.code).toBe('BAD_INPUT');
  });

  const overrideQuery =
    'query ($v: Decimal!) { protocol(id: "fixed") { quoteFee(input: { fee: "x", quantity: $v, unitPrice: "1" }) { total } } }';

  it.each([['abc'], ['1e'], [0.1], [true]])('refuses the Decimal %j with BAD_INPUT', async (value) => {
    const { status, body } = await post(gateway, overrideQuery, { v: value });
    expect(status).toBeLessThan(500);
    expect(body.errors[0].extensions.code).toBe('BAD_INPUT');
    expect(body.errors[0].message).toContain('Decimal');
  });

  it('refuses a bad Decimal literal with BAD_INPUT', async () => {
    const { body } = await post(
      gateway,
      '{ protocol(id: "fixed") { quoteFee(input: { fee: "x", quantity: "1.2.3", unitPrice: "1" }) { total } } }',
    );
    expect(body.errors[0].extensions.code).toBe('BAD_INPUT');
  });
});

describe('document errors', () => {
  const gateway = createGateway({ adapters: [fixedSupplyAdapter()], now });

  it.each([
    ['{ protocols { id }', 'GRAPHQL_PARSE_FAILED'],
    ['{ protocols { nope } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['query ($id: ID!) { protocol(id: $id) { id } }', 'BAD_INPUT'],
  ])('codes %j as %s, with HTTP status under 500', async (query, code) => {
    const { status, body } = await post(gateway, query);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(body.errors[0].extensions.code).toBe(code);
  });

  it("does not log a client's mistakes as server errors; it does log unexpected ones", async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const logged = createGateway({
      adapters: [fixedSupplyAdapter(), fixedSupplyAdapter('bad', brokenSource)],
      logger,
      now,
    });
    await post(logged, 'query ($id: ID!) { protocol(id: $id) { id } }');
    await post(logged, '{ protocols { nope } }');
    await post(logged, '{ protocol(id: "nope") { id } }');
    expect(lines.filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
    await post(logged, '{ protocol(id: "bad") { supply { total } } }');
    expect(lines.filter((line) => JSON.parse(line).level >= 50)).toHaveLength(1);
  });
});
