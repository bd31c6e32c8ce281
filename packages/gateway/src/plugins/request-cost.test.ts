import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { gatewaySchema } from '../schema/index.js';
import { literalShape } from './literal-shape.js';
import { type RequestCostOptions, requestCost } from './request-cost.js';

const schema = gatewaySchema();
const options: RequestCostOptions = {
  protocols: 2,
  maxSchedulePoints: 10_000,
  maxStakes: 1_000,
  maxOverrides: 50,
  now: new Date('2026-01-01T00:00:00Z'),
};

const cost = (
  query: string,
  variables?: Record<string, unknown>,
  overrides: Partial<RequestCostOptions> = {},
) => requestCost(schema, parse(query), null, variables, { ...options, ...overrides });

const schedule = (args: string) => `{ protocol(id: "example") { schedule(${args}) { at total } } }`;

describe('requestCost', () => {
  it.each([
    ['DAY', '2026-01-01T00:00:00Z', '2036-01-01T00:00:00Z', 3_653],
    ['DAY', '2026-01-01T00:00:00Z', '2026-01-02T12:00:00Z', 3],
    ['WEEK', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 54],
    ['MONTH', '2026-01-31T00:00:00Z', '2026-03-15T00:00:00Z', 3],
    ['MONTH', '2026-01-01T00:00:00Z', '2036-01-01T00:00:00Z', 121],
    ['YEAR', '2024-02-29T00:00:00Z', '2028-02-28T00:00:00Z', 5],
    ['YEAR', '2026-01-01T00:00:00Z', '2036-01-01T00:00:00Z', 11],
  ])('counts a %s schedule from %s to %s as %i points', (interval, from, to, points) => {
    const result = cost(schedule(`from: "${from}", to: "${to}", interval: ${interval}`));
    expect(result).toEqual({ total: points + 1, points, stakes: 0, overrides: 0, fields: 1, overCaps: [] });
  });

  it('defaults the interval to MONTH and `from` to now', () => {
    // 2026-01-01 to 2027-01-01 monthly: 13 points.
    expect(cost(schedule('to: "2027-01-01T00:00:00Z"')).points).toBe(13);
  });

  it('counts a schedule longer than maxPoints as maxPoints (it fails there)', () => {
    const century = schedule('from: "2026-01-01T00:00:00Z", to: "2126-01-01T00:00:00Z", interval: DAY');
    expect(cost(century).points).toBe(10_000);
    expect(cost(century, {}, { maxSchedulePoints: 500 }).points).toBe(500);
  });

  it('prices a schedule it cannot read (bad instants, `to` before `from`) at nothing', () => {
    expect(cost(schedule('from: "2030-01-01T00:00:00Z", to: "2029-01-01T00:00:00Z"')).points).toBe(0);
    expect(cost(schedule('from: "soon", to: "2029-01-01T00:00:00Z"')).points).toBe(0);
  });

  it('sums aliases, and multiplies what is asked of `protocols` by the protocols served', () => {
    const query = `{
      a: protocol(id: "example") { schedule(from: "2026-01-01T00:00:00Z", to: "2026-01-10T00:00:00Z", interval: DAY) { at } }
      b: protocol(id: "example") { schedule(from: "2026-01-01T00:00:00Z", to: "2026-01-20T00:00:00Z", interval: DAY) { at } }
      protocols { id name supply { total } schedule(from: "2026-01-01T00:00:00Z", to: "2026-01-05T00:00:00Z", interval: DAY) { at } }
    }`;
    // a: 10 points + 1 field; b: 20 + 1; protocols: 3 × (id, name, supply, schedule) + 3 × 5 points, × 3 protocols.
    expect(cost(query, {}, { protocols: 3 })).toMatchObject({
      points: 10 + 20 + 15,
      fields: 2 + 12,
      total: 59,
    });
  });

  it('prices stakes and overrides, literals or variables alike, with variable defaults', () => {
    const query = `query ($stakes: [Decimal!]!, $o: [ParameterOverride!] = [{ key: "networkSize", value: "3000" }]) {
      protocol(id: "example") {
        simulatePenalty(input: { rule: "liquidation", stakes: $stakes, overrides: [{ key: "networkSize", value: "1" }] }) { slashedTotal }
        rewards(overrides: $o) { stakingApr }
        quoteFee(input: { fee: "example-fee", quantity: "1", unitPrice: "1", overrides: $o }) { total }
      }
    }`;
    expect(cost(query, { stakes: ['1', '2', '3'] })).toEqual({
      total: 3 + 3 * 10 + 3,
      points: 0,
      stakes: 3,
      overrides: 3,
      fields: 3,
      overCaps: [],
    });
    // A single value where a list is expected is a list of one.
    expect(cost(query, { stakes: '5', o: null })).toMatchObject({ stakes: 1, overrides: 1 });
  });

  it('lists fields over the caps on stakes and overrides, by alias', () => {
    const query = `query ($s: [Decimal!]!, $o: [ParameterOverride!]) {
      protocol(id: "example") {
        big: simulatePenalty(input: { rule: "liquidation", stakes: $s }) { slashedTotal }
        rewards(overrides: $o) { stakingApr }
      }
    }`;
    const o = Array.from({ length: 51 }, () => ({ key: 'networkSize', value: '1' }));
    expect(cost(query, { s: Array.from({ length: 1_001 }, () => '1'), o }).overCaps).toEqual([
      'big: simulatePenalty has 1001 stakes; at most 1000 are allowed',
      'rewards has 51 overrides; at most 50 are allowed',
    ]);
  });

  it('follows fragments and inline fragments, each fragment priced once however often it is spread', () => {
    const query = `
      query { protocol(id: "example") { ...S ...S ... on Protocol { ...S } } }
      fragment S on Protocol { ...T ...T }
      fragment T on Protocol { schedule(from: "2026-01-01T00:00:00Z", to: "2026-01-03T00:00:00Z", interval: DAY) { at } }
    `;
    // S = 2 × T = 2 × (3 points + 1 field); spread 3 times.
    expect(cost(query)).toMatchObject({ points: 18, fields: 6, total: 24 });
  });

  it('costs the same when the compiled executor hoists the literals into variables', () => {
    const query = `{
      protocols { schedule(from: "2026-01-01T00:00:00Z", to: "2036-01-01T00:00:00Z", interval: WEEK) { at } }
      protocol(id: "other") {
        simulatePenalty(input: { rule: "downtime", stakes: ["1", "2"], missedBlocks: 9000 }) { slashedTotal }
        rewards(overrides: [{ key: "bondedRatio", value: "0.5" }]) { stakingApr }
      }
    }`;
    const shape = literalShape(schema, parse(query))!;
    expect(Object.keys(shape.variables).length).toBeGreaterThan(4);
    const literal = requestCost(schema, parse(query), null, {}, options);
    const hoisted = requestCost(schema, shape.document, null, shape.variables, options);
    expect(hoisted).toEqual(literal);
    expect(literal).toMatchObject({ points: 2 * 523, stakes: 2, overrides: 1 });
  });

  it('skips introspection and prices a document without the named operation at nothing', () => {
    expect(cost('{ __typename protocols { __typename id } }')).toMatchObject({ total: 2 });
    expect(requestCost(schema, parse('query A { protocols { id } }'), 'B', {}, options).total).toBe(0);
  });
  it('keeps a cost that reads no argument value (by document and by literal shape), never one that does', () => {
    const dashboard = (at: string) =>
      `{ protocols { id supply(at: "${at}") { total } rewards(at: "${at}", commission: "0.05") { stakingApr } } }`;
    const first = cost(dashboard('2026-01-01T00:00:00Z'));
    expect(first).toEqual({ total: 6, points: 0, stakes: 0, overrides: 0, fields: 6, overCaps: [] });
    // A new `at` is the same shape: the same cost, kept.
    expect(cost(dashboard('2031-07-01T12:00:00Z'))).toBe(first);
    // Another number of protocols is another cost.
    expect(cost(dashboard('2031-07-01T12:00:00Z'), {}, { protocols: 5 }).total).toBe(15);
    // The same document with other variables: a schedule's window and overrides are read each time.
    const document = parse(`query ($from: DateTime, $to: DateTime, $o: [ParameterOverride!]) {
      protocol(id: "example") {
        schedule(from: $from, to: $to, interval: DAY) { at }
        rewards(overrides: $o) { stakingApr }
      }
    }`);
    const priced = (variables: Record<string, unknown>) =>
      requestCost(schema, document, null, variables, options);
    const o = [{ key: 'networkSize', value: '1' }];
    expect(priced({ from: '2026-01-01T00:00:00Z', to: '2026-01-03T00:00:00Z' })).toMatchObject({ points: 3 });
    expect(priced({ from: '2026-01-01T00:00:00Z', to: '2026-01-11T00:00:00Z', o })).toMatchObject({
      points: 11,
      overrides: 1,
    });
    expect(
      priced({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', o: [...o, ...o] }),
    ).toMatchObject({
      points: 2,
      overrides: 2,
    });
    // "now" is a schedule's default `from`: read on every request too.
    const monthly = parse('{ protocol(id: "example") { schedule(to: "2027-01-01T00:00:00Z") { at } } }');
    expect(requestCost(schema, monthly, null, {}, options).points).toBe(13);
    expect(
      requestCost(schema, monthly, null, {}, { ...options, now: new Date('2026-07-01T00:00:00Z') }).points,
    ).toBe(7);
  });
});
