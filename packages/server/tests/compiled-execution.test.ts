import { sessionAdapter } from '@tokenomics/adapter-session';
import { synternetAdapter } from '@tokenomics/adapter-synternet';
import type { Decimal, TokenEconomy } from '@tokenomics/core';
import { exampleEconomy } from '@tokenomics/core/testing';
import { createGateway, gatewaySchema, MASKED_MESSAGE } from '@tokenomics/gateway';
import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { type PlanOutcome, useCompiledExecution } from '../../gateway/src/plugins/compiled-execution.js';
import { literalShape } from '../../gateway/src/plugins/literal-shape.js';
import { brokenSource, fixedSupplyAdapter, post } from '../../gateway/tests/fixtures.js';
import { EXAMPLE_TABS } from '../src/examples.js';

const schema = gatewaySchema();

/** An economy that breaks its contract: supply without `circulating`, schedule points without `total` (adapter bugs). */
function hollowEconomy(): TokenEconomy {
  const base = exampleEconomy({ id: 'hollow' });
  const missing = undefined as unknown as Decimal;
  return {
    ...base,
    supply: async (query, ctx) => ({ ...(await base.supply!(query, ctx)), circulating: missing }),
    schedule: async (query, ctx) =>
      (await base.schedule!(query, ctx)).map((point) => ({
        at: point.at,
        total: missing,
        circulating: point.circulating,
        emitted: point.emitted,
        emissionRate: point.emissionRate,
        poolBalance: point.poolBalance,
      })),
  };
}

const now = () => new Date('2026-03-01T12:00:00Z');

describe('literalShape', () => {
  it('turns field argument literals into typed variables holding the raw values a client would send', () => {
    const shape = literalShape(
      schema,
      parse(`{
        protocol(id: "synternet") {
          schedule(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", interval: MONTH) { at }
          quoteFee(input: { fee: "pay-per-data", quantity: 2.5, unitPrice: "8", overrides: [{ key: "burnShare", value: "0.5" }] }) { total }
          simulatePenalty(input: { rule: "downtime", stakes: 10000, missedBlocks: 12 }) { slashedTotal }
          rewards(commission: null) { stakingApr }
        }
      }`),
    );
    expect(shape).not.toBeNull();
    expect(shape!.variables).toEqual({
      _lit0: 'synternet',
      _lit1: '2026-01-01T00:00:00Z',
      _lit2: '2027-01-01T00:00:00Z',
      _lit3: 'MONTH',
      // A Decimal literal keeps its exact text; a single value where a list is expected is a list of one.
      _lit4: {
        fee: 'pay-per-data',
        quantity: '2.5',
        unitPrice: '8',
        overrides: [{ key: 'burnShare', value: '0.5' }],
      },
      _lit5: { rule: 'downtime', stakes: ['10000'], missedBlocks: 12 },
      _lit6: null,
    });
    const printed = print(shape!.document);
    expect(printed).toContain(
      'query ($_lit0: ID!, $_lit1: DateTime, $_lit2: DateTime!, $_lit3: Interval!, $_lit4: FeeQuoteInput!, $_lit5: PenaltyInput!, $_lit6: Decimal)',
    );
    expect(printed).toContain('schedule(from: $_lit1, to: $_lit2, interval: $_lit3)');
  });

  it('gives queries that differ only in literals one key, and a field that moved another', () => {
    const key = (query: string) => literalShape(schema, parse(query))?.key;
    const a = key('{ protocol(id: "session") { supply(at: "2026-01-01T00:00:00Z") { total } } }');
    const b = key('{ protocol(id: "sesion") { supply(at: "2031-06-01T00:00:00Z") { total } } }');
    const moved = key('{ protocol(id: "session-x") { supply(at: "2026-01-01T00:00:00Z") { total } } }');
    expect(a).toBeDefined();
    expect(b).not.toBe(a); // "sesion" is shorter: supply starts one column earlier
    expect(key('{ protocol(id: "snoisse") { supply(at: "2031-06-01T00:00:00Z") { total } } }')).toBe(a);
    expect(moved).not.toBe(a);
  });

  it('keeps directive arguments and the operation\u2019s own variables, and hoists their defaults', () => {
    const shape = literalShape(
      schema,
      parse(
        'query ($to: DateTime! = "2030-01-01T00:00:00Z", $fees: Boolean = true) { protocols { id @include(if: $fees) schedule(to: $to) { at } fees @skip(if: false) { key } } }',
      ),
    );
    expect(shape!.variables).toEqual({});
    expect(shape!.defaults).toEqual({ to: '2030-01-01T00:00:00Z', fees: true });
    expect(print(shape!.document)).toContain('@skip(if: false)');
  });

  it.each([
    ['several operations', 'query A { protocols { id } } query B { protocols { id } }'],
    ['introspection', '{ __schema { queryType { name } } }'],
    [
      'a variable inside an object literal',
      'query ($q: Decimal!) { protocol(id: "x") { quoteFee(input: { fee: "f", quantity: $q, unitPrice: "1" }) { total } } }',
    ],
  ])('leaves %s to the standard executor', (_what, query) => {
    expect(literalShape(schema, parse(query))).toBeNull();
  });

  it('leaves an operation the request did not name to the standard executor', () => {
    expect(literalShape(schema, parse('query A { protocols { id } }'), 'B')).toBeNull();
    expect(literalShape(schema, parse('query A { protocols { id } }'), 'A')).not.toBeNull();
  });
});

/** Documents whose answers must not depend on the executor: every example tab, errors, fragments, directives. */
const CORPUS: Array<{ name: string; query: string; variables?: Record<string, unknown> }> = [
  ...EXAMPLE_TABS.map((tab, index) => ({
    name: `example tab ${index}`,
    query: tab.query,
    ...(tab.variables ? { variables: JSON.parse(tab.variables) as Record<string, unknown> } : {}),
  })),
  {
    name: 'a Decimal in an input-object literal (graphql-jit once passed it unparsed)',
    query:
      '{ protocol(id: "synternet") { quoteFee(input: { fee: "pay-per-data", quantity: 2.5, unitPrice: "8" }) { total allocations { target amount } } } }',
  },
  {
    name: 'the same through variables, with a default',
    query:
      'query ($q: Decimal! = "2.5", $p: Decimal!) { protocol(id: "synternet") { quoteFee(input: { fee: "pay-per-data", quantity: "1", unitPrice: $p }) { total } q: quoteFee(input: { fee: "pay-per-data", quantity: $q, unitPrice: "8" }) { total } } }',
    variables: { p: '8' },
  },
  {
    name: 'fragments, aliases and directives',
    query:
      'query ($yes: Boolean = true) { a: protocol(id: "session") { ...Figures } b: protocol(id: "synternet") { ...Figures @include(if: $yes) token @skip(if: true) { symbol } } } fragment Figures on Protocol { id supply(at: "2027-01-01T00:00:00Z") { total circulating buckets { key amount } } }',
  },
  {
    name: 'an error in each protocol, with its location',
    query:
      '{ protocols { id supply(at: "2026-01-01T00:00:00Z") { total } schedule(from: "2020-01-01T00:00:00Z", to: "2021-01-01T00:00:00Z") { at } } }',
  },
  {
    name: 'the same query with a longer literal before the failing field (its location moves)',
    query:
      '{ protocols { id supply(at: "2026-01-01T00:00:00.000Z") { total } schedule(from: "2020-01-01T00:00:00Z", to: "2021-01-01T00:00:00Z") { at } } }',
  },
  {
    name: 'an unknown protocol, on the second line',
    query: '{\nprotocol(id: "nope") { id } }',
  },
  {
    name: 'the same shape on one line (same offsets, other lines and columns)',
    query: '{ protocol(id: "nope") { id } }',
  },
  {
    name: 'a missing required variable',
    query: 'query ($id: ID!) { protocol(id: $id) { id } }',
  },
  {
    name: 'a bad Decimal variable',
    query:
      'query ($q: Decimal!) { protocol(id: "synternet") { quoteFee(input: { fee: "pay-per-data", quantity: $q, unitPrice: "1" }) { total } } }',
    variables: { q: 'twelve' },
  },
  {
    name: 'a response key selected again under @include(if: false), in an inline fragment (issue 11, finding 5)',
    query: '{ protocols { name } protocols @include(if: false) { ... on Protocol { id } } }',
  },
  {
    name: 'a fragment spread under opposite conditions (graphql-jit combined them: neither answered)',
    query:
      'query ($only: Boolean!) { a: protocol(id: "session") @skip(if: $only) { ...Names } b: protocol(id: "session") @include(if: $only) { ...Names } } fragment Names on Protocol { name token { symbol } }',
    variables: { only: true },
  },
  {
    name: 'a conditional occurrence first: the key keeps the place of its first executed occurrence',
    query:
      'query ($a: Boolean = false) { protocol(id: "session") { name @include(if: $a) id name supply(at: "2026-01-01T00:00:00Z") @skip(if: $a) { total } } }',
  },
  {
    name: 'every selection skipped',
    query: '{ protocols @skip(if: true) { id } }',
  },
  {
    name: 'non-null fields failing in two protocols, each nulling the whole answer: the error graphql-js reports',
    query:
      '{ protocols { rewards { participants } parameters(overrides: [{ key: "networkSize", value: "-1" }]) { key } } }',
  },
  {
    name: 'a what-if override that overdraws the supply',
    query:
      '{ protocol(id: "session") { supply(overrides: [{ key: "networkSize", value: "1000000" }]) { circulating } } }',
  },
];

/** Two production gateways over the same adapters, one running every query on the standard executor. */
function standardAndCompiled(adapters: () => TokenEconomy[]) {
  const gateway = (compiledExecution: boolean) =>
    createGateway({ adapters: adapters(), compiledExecution, responseCache: false, production: true, now });
  return { standard: gateway(false), compiled: gateway(true) };
}

describe('compiled plans answer exactly as the standard executor', () => {
  const { standard, compiled } = standardAndCompiled(() => [
    sessionAdapter(),
    synternetAdapter(),
    fixedSupplyAdapter('bad', brokenSource),
  ]);

  it.each(CORPUS)('$name', async ({ query, variables }) => {
    // As text: the order of keys (`errors` before `data`, fields in query order) is part of the answer.
    const expected = JSON.stringify(await post(standard, query, variables));
    // Three times: the standard executor on first sight, then the plan compiled, then reused.
    for (let run = 0; run < 3; run++)
      expect(JSON.stringify(await post(compiled, query, variables))).toBe(expected);
  });
});

describe('an adapter that breaks its contract', () => {
  const { standard, compiled } = standardAndCompiled(() => [hollowEconomy()]);

  it('a resolver returning null for a non-null field: the same masked error', async () => {
    const query = '{ protocol(id: "hollow") { supply { total circulating } } }';
    const expected = await post(standard, query);
    expect(expected.body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    for (let run = 0; run < 3; run++) expect(await post(compiled, query)).toEqual(expected);
  });

  it('a missing non-null property with no resolver of its own: masked too, and one error as graphql-js reports', async () => {
    // graphql-js stops a list at its first broken item; a plan reports each one, so an
    // answer with a null propagated from a non-null field is computed on the standard executor.
    const query =
      '{ protocol(id: "hollow") { schedule(from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z") { at total } } }';
    const expected = await post(standard, query);
    expect(expected.body.errors).toHaveLength(1);
    expect(expected.body.errors[0]).toMatchObject({
      message: MASKED_MESSAGE,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    for (let run = 0; run < 3; run++)
      expect(JSON.stringify(await post(compiled, query))).toBe(JSON.stringify(expected));
  });
});

describe('skipped selections', () => {
  it('run no resolver, on a plan as on the standard executor', async () => {
    const base = exampleEconomy({ id: 'counted' });
    let supplies = 0;
    const counted: TokenEconomy = {
      ...base,
      supply: (query, ctx) => {
        supplies++;
        return base.supply!(query, ctx);
      },
    };
    const { standard, compiled } = standardAndCompiled(() => [counted]);
    const query =
      'query ($more: Boolean = false) { protocols { name } protocols @include(if: $more) { ... on Protocol { supply { total } } } }';
    const expected = await post(standard, query);
    expect(expected.body).toEqual({ data: { protocols: [{ name: 'Example' }] } });
    for (let run = 0; run < 3; run++) expect(await post(compiled, query)).toEqual(expected);
    expect(supplies).toBe(0);
    // The same shape with the condition true runs on a plan of its own, and calls the resolver.
    const included = await post(compiled, query, { more: true });
    expect(included.body.data.protocols[0]).toEqual({ name: 'Example', supply: { total: '1000' } });
    expect(supplies).toBe(1);
  });
});

/** Runs the plugin's onExecute for a document; true when it replaced the executor with a plan. */
function executeWith(
  plugin: ReturnType<typeof useCompiledExecution>,
  document: ReturnType<typeof parse>,
  operationName?: string,
  variableValues?: Record<string, unknown>,
): boolean {
  let replaced = false;
  plugin.onExecute?.({
    args: { schema, document, operationName, variableValues, contextValue: {} },
    executeFn: () => ({ data: null }),
    setExecuteFn: () => {
      replaced = true;
    },
    setResultAndStopExecution: () => {},
    context: {},
    extendContext: () => {},
  } as unknown as Parameters<NonNullable<typeof plugin.onExecute>>[0]);
  return replaced;
}

describe('operation names', () => {
  it('runs a plan only for the operation the document has, whatever ran before', () => {
    const plugin = useCompiledExecution({ compileAfter: 0 });
    const document = parse('query Ids { protocols { id } }');
    expect(executeWith(plugin, document)).toBe(true);
    expect(executeWith(plugin, document, 'Other')).toBe(false);
    expect(executeWith(plugin, document, 'Ids')).toBe(true);
  });
});

describe('the plan cache', () => {
  it('keeps `maxPlans` plans, dropping the least recently used', () => {
    const outcomes: PlanOutcome[] = [];
    const plugin = useCompiledExecution({
      maxPlans: 2,
      compileAfter: 0,
      onPlan: (outcome) => outcomes.push(outcome),
    });
    const [a, b, c] = [
      '{ protocols { id } }',
      '{ protocols { name } }',
      '{ protocols { capabilities } }',
    ].map((query) => parse(query));
    for (const document of [a, b, a, c, b, a, c]) expect(executeWith(plugin, document!)).toBe(true);
    // c drops b (a was used since), b drops a, a drops c, and c is compiled again.
    expect(outcomes).toEqual([
      'compiled',
      'compiled',
      'reused',
      'compiled',
      'compiled',
      'compiled',
      'compiled',
    ]);
  });

  it('keeps a plan per value of the condition variables, and leaves a non-boolean condition to the standard executor', () => {
    const outcomes: PlanOutcome[] = [];
    const plugin = useCompiledExecution({ compileAfter: 0, onPlan: (outcome) => outcomes.push(outcome) });
    const document = parse('query ($more: Boolean = false) { protocols { id name @include(if: $more) } }');
    expect(executeWith(plugin, document)).toBe(true);
    expect(executeWith(plugin, document, undefined, { more: false })).toBe(true);
    expect(executeWith(plugin, document, undefined, { more: true })).toBe(true);
    expect(executeWith(plugin, document, undefined, { more: true })).toBe(true);
    expect(executeWith(plugin, document, undefined, { more: 'yes' })).toBe(false);
    expect(executeWith(plugin, document, undefined, { more: null })).toBe(false);
    expect(outcomes).toEqual(['compiled', 'reused', 'compiled', 'reused', 'standard', 'standard']);
  });
});

describe('plans', () => {
  it('are compiled on a shape\u2019s second sight and reused for new literals; the rest runs on the standard executor', async () => {
    const gateway = createGateway({ adapters: [sessionAdapter()], now });
    const window = (year: number) =>
      `{ protocols { schedule(from: "${year}-06-01T00:00:00Z", to: "${year + 10}-06-01T00:00:00Z", interval: YEAR) { at total } } }`;
    for (const year of [2026, 2027, 2028, 2029])
      expect((await post(gateway, window(year))).body.errors).toBeUndefined();
    expect((await post(gateway, '{ __schema { queryType { name } } }')).body.errors).toBeUndefined();
    const metric = await gateway.metrics.registry.getSingleMetric('tokenomics_query_plans_total')?.get();
    const count = (outcome: PlanOutcome) =>
      metric?.values.find((value) => value.labels.outcome === outcome)?.value ?? 0;
    expect({ compiled: count('compiled'), reused: count('reused'), standard: count('standard') }).toEqual({
      compiled: 1,
      reused: 2,
      standard: 2,
    });
  });
});
