import { exampleEconomy } from '@tokenomics/core/testing';
import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createGateway, createLogger, type Gateway, gatewaySchema } from '../src/index.js';
import { literalShape, shapeWithLiterals } from '../src/plugins/literal-shape.js';
import { lexicalShape } from '../src/plugins/validation-cache.js';

const schema = gatewaySchema();

/** A schedule document whose window is given by two literals (the same length for every date). */
const scheduleOf = (from: string, to: string, extra = '') =>
  `{ protocol(id: "example") { id schedule(from: "${from}", to: "${to}", interval: MONTH) { at total } ${extra} } }`;

describe('shapeWithLiterals: a shape reused by a document of the same lexical shape', () => {
  it('gives the shape a visit of the new document gives: document, key, variables', () => {
    const first = literalShape(schema, parse(scheduleOf('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')))!;
    const text = scheduleOf('2031-06-01T00:00:00Z', '2033-01-01T00:00:00Z');
    const visited = literalShape(schema, parse(text))!;
    const reused = shapeWithLiterals(first, lexicalShape(text)!.literals)!;
    expect(reused.variables).toEqual({
      _lit0: 'example',
      _lit1: '2031-06-01T00:00:00Z',
      _lit2: '2033-01-01T00:00:00Z',
      _lit3: 'MONTH',
    });
    expect(reused.variables).toEqual(visited.variables);
    expect(reused.key).toBe(visited.key);
    expect(print(reused.document)).toBe(print(visited.document));
    expect(reused.defaults).toEqual(visited.defaults);
    // The first shape is unchanged.
    expect(first.variables._lit1).toBe('2026-01-01T00:00:00Z');
  });

  it('a Decimal argument written as a number keeps the literal’s exact text', () => {
    const text = (value: string) =>
      `{ protocol(id: "example") { rewards(commission: ${value}) { stakingApr } } }`;
    const first = literalShape(schema, parse(text('0.05')))!;
    const second = text('0.07');
    const reused = shapeWithLiterals(first, lexicalShape(second)!.literals)!;
    expect(reused.variables).toEqual({ _lit0: 'example', _lit1: '0.07' });
    expect(reused.variables).toEqual(literalShape(schema, parse(second))!.variables);
  });

  it('is null when the literals sit elsewhere (other offsets) or a literal is not a hoisted argument', () => {
    const first = literalShape(schema, parse(scheduleOf('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')))!;
    // A longer literal moves every token after it.
    expect(
      shapeWithLiterals(
        first,
        lexicalShape(scheduleOf('2026-01-01T00:00:00.5Z', '2027-01-01T00:00:00Z'))!.literals,
      ),
    ).toBeNull();
    // A literal in a directive stays in the shape's document: not reusable.
    const withDirective = `{ protocol(id: "example") { id @include(if: true) name @deprecated(reason: "x") } }`;
    const directiveShape = literalShape(schema, parse(withDirective));
    if (directiveShape) {
      expect(shapeWithLiterals(directiveShape, lexicalShape(withDirective)!.literals)).toBeNull();
    }
  });
});

describe('compiled plans with a new literal per request answer as the standard executor does', () => {
  const gateway = (compiledExecution: boolean): Gateway =>
    createGateway({
      adapters: [exampleEconomy({ id: 'example' })],
      compiledExecution,
      responseCache: false,
      production: true,
      logger: createLogger('silent'),
      now: () => new Date('2026-03-01T12:00:00Z'),
    });
  const send = async (target: Gateway, query: string) => {
    const response = await target.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query }),
    });
    return `${response.status} ${await response.text()}`;
  };

  it('20 new windows of the same lexical shape, and a bad one reported at the same place', async () => {
    const standard = gateway(false);
    const compiled = gateway(true);
    const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().replace('.000Z', 'Z');
    for (let i = 0; i < 20; i++) {
      const query = scheduleOf(day(i), day(i + 200));
      const expected = await send(standard, query);
      expect(expected.startsWith('200 {"data":')).toBe(true);
      expect(await send(compiled, query)).toBe(expected);
    }
    // A window the schedule refuses (to before from), same shape: the same error at the same location.
    const bad = scheduleOf(day(300), day(10));
    expect(await send(compiled, bad)).toBe(await send(standard, bad));
    await Promise.all([standard.close(), compiled.close()]);
  });
});
