import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { conditionValuesOf, conditionVariables, withConditionsApplied } from '../src/plugins/skip-include.js';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('conditionVariables', () => {
  it('lists the variables of @skip and @include conditions once, in order of first use, fragments included', () => {
    const document = parse(
      'query ($a: Boolean!, $b: Boolean!, $at: DateTime) { protocols { id @skip(if: $b) supply(at: $at) @include(if: $a) { total @skip(if: $b) } ...F } } fragment F on Protocol { name @include(if: true) ... @skip(if: $a) { id } }',
    );
    expect(conditionVariables(document)).toEqual(['b', 'a']);
  });

  it('is empty for a document without conditions on variables', () => {
    expect(conditionVariables(parse('{ protocols { id @skip(if: false) } }'))).toEqual([]);
  });
});

describe('conditionValuesOf', () => {
  it('takes the request’s value, else the operation’s default', () => {
    const values = conditionValuesOf(['a', 'b'], { a: false, b: true, other: 1 }, { b: false });
    expect(values && Object.fromEntries(values)).toEqual({ a: false, b: true });
    expect(Object.fromEntries(conditionValuesOf(['b'], {}, { b: false }) ?? [])).toEqual({ b: false });
    expect(Object.fromEntries(conditionValuesOf(['b'], undefined, { b: true }) ?? [])).toEqual({ b: true });
  });

  it.each([
    ['missing, with no default', {}, {}],
    ['null, even with a default', { a: null }, { a: true }],
    ['a string', { a: 'true' }, {}],
    ['a number', { a: 1 }, {}],
  ])('is null when a value is %s (the standard executor reports it)', (_what, variables, defaults) => {
    expect(conditionValuesOf(['a'], variables, defaults)).toBeNull();
  });
});

describe('withConditionsApplied', () => {
  const apply = (query: string, values: Record<string, boolean> = {}) => {
    const applied = withConditionsApplied(parse(query), new Map(Object.entries(values)));
    return applied && oneLine(print(applied));
  };

  it('removes what the conditions leave out and drops the directives of the rest (the issue’s query)', () => {
    expect(apply('{ protocols { name } protocols @include(if: false) { ... on Protocol { id } } }')).toBe(
      '{ protocols { name } }',
    );
  });

  it('decides fields, inline fragments and fragment spreads, in fragment definitions too', () => {
    const query =
      'query ($a: Boolean!, $b: Boolean!) { protocols { id @skip(if: $a) name @include(if: $a) ... @include(if: $b) { token { symbol } } ...F @skip(if: $b) } } fragment F on Protocol { capabilities @skip(if: $b) id @include(if: true) @deprecated }';
    expect(apply(query, { a: true, b: false })).toBe(
      'query ($a: Boolean!, $b: Boolean!) { protocols { name ...F } } fragment F on Protocol { capabilities id @deprecated }',
    );
    expect(apply(query, { a: false, b: true })).toBe(
      'query ($a: Boolean!, $b: Boolean!) { protocols { id ... { token { symbol } } } } fragment F on Protocol { id @deprecated }',
    );
  });

  it('leaves a selection out when either directive says so (@skip and @include together)', () => {
    const query =
      'query ($a: Boolean!) { protocols { id @skip(if: $a) @include(if: true) name @skip(if: false) @include(if: $a) } }';
    expect(apply(query, { a: true })).toBe('query ($a: Boolean!) { protocols { name } }');
    expect(apply(query, { a: false })).toBe('query ($a: Boolean!) { protocols { id } }');
  });

  it('keeps every other node as it was, locations included', () => {
    const document = parse('{ protocols { id name @include(if: true) } }');
    const applied = withConditionsApplied(document, new Map());
    const field = (doc: typeof document, index: number) => {
      const operation = doc.definitions[0];
      if (operation?.kind !== 'OperationDefinition') throw new Error('no operation');
      const protocols = operation.selectionSet.selections[0];
      if (protocols?.kind !== 'Field' || !protocols.selectionSet) throw new Error('no protocols');
      return protocols.selectionSet.selections[index];
    };
    expect(field(applied!, 0)).toBe(field(document, 0));
    expect(field(applied!, 1)?.loc).toBe(field(document, 1)?.loc);
  });

  it('is null when a condition reads a variable it has no value for', () => {
    expect(apply('query ($a: Boolean!) { protocols { id @skip(if: $a) } }')).toBeNull();
  });
});
