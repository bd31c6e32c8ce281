import fc from 'fast-check';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';

/**
 * Random GraphQL documents over a schema, for comparing two executors: fields
 * with arguments (valid and invalid values, as literals or variables with and
 * without defaults), aliases that collide, named and inline fragments (some on
 * the wrong type), @skip/@include with literal and variable conditions, and a
 * field selected twice under one response key with its own directives (the
 * shapes graphql-jit merged wrongly).
 *
 * A generated query is plain data, so fast-check shrinks a failing one to a
 * minimal query; {@link printQuery} turns it into the request's text and variables.
 */

/** A value as generated: printed as a literal, or sent as a variable's JSON. */
export type Value =
  | null
  | boolean
  | number
  | string
  | { enum: string }
  | { list: Value[] }
  | { object: Record<string, Value> };

/** A directive's `if`: a literal, or the condition variable `$c<n>`. */
export type Condition = boolean | { variable: number };

/** The @skip and @include of one selection (absent: no such directive). */
export interface Directives {
  skip?: Condition;
  include?: Condition;
}

/** An argument: a literal, or one of two variables shared by every argument of the same name and type. */
export type Argument = { literal: Value } | { variable: 0 | 1 };

/** The same field (same alias and arguments) selected again, with its own directives and selections. */
export interface Twin {
  directives: Directives;
  /** Inside an inline fragment (`... @include(if: $c0) { field }`), with these directives on the fragment. */
  wrapper: Directives | null;
  selections: Selection[] | null;
}

export type Selection =
  | {
      kind: 'field';
      name: string;
      alias: string | null;
      arguments: Array<[string, Argument] | null>;
      directives: Directives;
      selections: Selection[] | null;
      twin: Twin | null;
    }
  | { kind: 'inline'; on: 'none' | 'same' | 'wrong'; directives: Directives; selections: Selection[] }
  | { kind: 'spread'; fragment: 0 | 1; wrongType: boolean; directives: Directives };

/** A variable: its declared type's nullability, its default, and what the request sends (undefined: nothing). */
export interface VariableSpec {
  nonNull: boolean;
  defaultValue: Value | undefined;
  value: Value | undefined;
}

/** A generated query: the root selections, two fragment bodies per object type, and every variable's spec. */
export interface GeneratedQuery {
  operationName: string | null;
  selections: Selection[];
  fragments: Record<string, [Selection[], Selection[]]>;
  /** By argument slot (`<argument>_<named type>`), two variables each. */
  variables: Record<string, [VariableSpec, VariableSpec]>;
  conditions: [VariableSpec, VariableSpec, VariableSpec];
}

/** Keys and ids of the served protocols, so arguments name real things as well as unknown ones. */
export interface Domain {
  protocolIds: string[];
  parameterKeys: string[];
  feeKeys: string[];
  ruleKeys: string[];
}

/** Object nesting below the query root. */
const MAX_DEPTH = 4;
const ALIASES = ['a', 'b', 'id', 'total', 'name'];

/**
 * A value pool: valid values (the first the most ordinary: fast-check shrinks
 * towards it), and values the schema or the model refuses, drawn less often.
 */
function pool(valid: Value[], invalid: Value[] = []): fc.Arbitrary<Value> {
  if (invalid.length === 0) return fc.constantFrom(...valid);
  return fc.oneof(
    { arbitrary: fc.constantFrom(...valid), weight: 30 },
    { arbitrary: fc.constantFrom(...invalid), weight: 1 },
  );
}

function scalarValues(typeName: string, position: string, domain: Domain): fc.Arbitrary<Value> {
  switch (typeName) {
    case 'ID':
      if (position === 'id') return pool(domain.protocolIds, ['nope']);
      if (position === 'key') return pool(domain.parameterKeys, ['nope']);
      if (position === 'fee') return pool(domain.feeKeys, ['nope']);
      if (position === 'rule') return pool(domain.ruleKeys, ['nope']);
      return pool(['x']);
    case 'String':
      if (position === 'value') return pool(['0.5', '1000', '12', '-1', 'abc', '2027-01-01T00:00:00Z']);
      return pool(['x']);
    case 'DateTime':
      // Schedules over a few months; the gateways allow few points, so a longer one is LIMIT_EXCEEDED.
      if (position === 'from')
        return pool(['2026-01-01T00:00:00Z', '2026-02-15T00:00:00Z', '2019-01-01T00:00:00Z'], ['soon']);
      if (position === 'to')
        return pool(
          ['2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z', '2025-06-01T00:00:00Z', '2030-01-01T00:00:00Z'],
          ['later'],
        );
      return pool(
        [
          '2026-01-01T00:00:00Z',
          '2027-06-01T00:00:00.000Z',
          '2026-03-01',
          '2030-01-01T00:00:00+02:00',
          '2019-01-01T00:00:00Z',
        ],
        ['not a date'],
      );
    case 'Decimal':
      return pool(['2.5', '8', '0', 10000, 2.5, '0.05', '1.5', '-1'], ['abc']);
    case 'Int':
      return pool([12, 0, 500, -1], [2147483648, 1.5]);
    case 'Float':
      return pool([1.5, 2]);
    case 'Boolean':
      return pool([true, false]);
    default:
      return pool(['x']);
  }
}

/** Values for an input position: mostly valid for its type, some not (a null for a non-null, a wrong enum). */
function inputValues(type: GraphQLInputType, position: string, domain: Domain): fc.Arbitrary<Value> {
  if (isNonNullType(type)) {
    return fc.oneof(
      { arbitrary: inputValues(type.ofType, position, domain), weight: 200 },
      { arbitrary: fc.constant(null), weight: 1 },
    );
  }
  if (isListType(type)) {
    const item = inputValues(type.ofType as GraphQLInputType, position, domain);
    return fc.oneof(
      { arbitrary: fc.array(item, { maxLength: 2 }).map((list): Value => ({ list })), weight: 4 },
      // A single value where a list is expected is a list of one.
      { arbitrary: item, weight: 1 },
    );
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    return fc
      .tuple(
        ...fields.map((field) => {
          const required = isNonNullType(field.type) && field.defaultValue === undefined;
          const value = inputValues(field.type, field.name, domain);
          return required
            ? fc.oneof({ arbitrary: value, weight: 80 }, { arbitrary: fc.constant(undefined), weight: 1 })
            : fc.option(value, { nil: undefined });
        }),
      )
      .map((values): Value => {
        const object: Record<string, Value> = {};
        fields.forEach((field, index) => {
          const value = values[index];
          if (value !== undefined) object[field.name] = value;
        });
        return { object };
      });
  }
  if (isEnumType(type)) {
    return fc.oneof(
      {
        arbitrary: fc.constantFrom(...type.getValues().map((value): Value => ({ enum: value.name }))),
        weight: 60,
      },
      { arbitrary: fc.constant<Value>({ enum: 'NOPE' }), weight: 1 },
    );
  }
  return scalarValues(type.name, position, domain);
}

/** The variables' slot of an argument: its name and named type (so every use of the slot is of one type). */
function slotOf(argument: GraphQLArgument): string {
  return `${argument.name}_${getNamedType(argument.type).name}`;
}

/** The type a slot's variables are declared with, before a `!` of their own. */
function declaredType(argument: GraphQLArgument): string {
  return String(isNonNullType(argument.type) ? argument.type.ofType : argument.type);
}

function argumentValues(argument: GraphQLArgument, domain: Domain): fc.Arbitrary<[string, Argument] | null> {
  const required = isNonNullType(argument.type) && argument.defaultValue === undefined;
  const literal = inputValues(argument.type, argument.name, domain).map((value): [string, Argument] => [
    argument.name,
    { literal: value },
  ]);
  const variable = fc
    .constantFrom<0 | 1>(0, 1)
    .map((slot): [string, Argument] => [argument.name, { variable: slot }]);
  return fc.oneof(
    { arbitrary: literal, weight: required ? 36 : 6 },
    { arbitrary: variable, weight: required ? 20 : 4 },
    { arbitrary: fc.constant(null), weight: required ? 1 : 10 },
  );
}

const condition: fc.Arbitrary<Condition> = fc.oneof(
  fc.boolean(),
  fc.constantFrom<0 | 1 | 2>(0, 1, 2).map((variable) => ({ variable })),
);

const directives: fc.Arbitrary<Directives> = fc.oneof(
  { arbitrary: fc.constant({}), weight: 12 },
  { arbitrary: condition.map((skip) => ({ skip })), weight: 3 },
  { arbitrary: condition.map((include) => ({ include })), weight: 3 },
  { arbitrary: fc.record({ skip: condition, include: condition }), weight: 1 },
);

/**
 * Generated queries over a schema's object types, arguments drawn from `domain`.
 *
 * @example
 * ```ts
 * const [generated] = fc.sample(queryArbitrary(gatewaySchema(), domain), { seed: 1, numRuns: 1 });
 * printQuery(gatewaySchema(), generated!).query; // e.g. 'query($c0: Boolean!) { protocols { id @skip(if: $c0) } }'
 * ```
 */
export function queryArbitrary(schema: GraphQLSchema, domain: Domain): fc.Arbitrary<GeneratedQuery> {
  const objectTypes = Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'),
  );
  const memo = new Map<string, fc.Arbitrary<Selection[]>>();

  function fieldSelection(
    field: GraphQLField<unknown, unknown>,
    depth: number,
    spreads: boolean,
  ): fc.Arbitrary<Selection> | null {
    const child = getNamedType(field.type);
    const leaf = isLeafType(child);
    if (!leaf && depth === 0) return null;
    const sub = leaf ? fc.constant(null) : selections(child.name, depth - 1, spreads);
    const twin: fc.Arbitrary<Twin> = fc.record({
      directives,
      wrapper: fc.option(directives, { nil: null }),
      selections: sub,
    });
    return fc.record({
      kind: fc.constant('field' as const),
      name: fc.constant(field.name),
      alias: fc.oneof(
        { arbitrary: fc.constant(null), weight: 10 },
        { arbitrary: fc.constantFrom(...ALIASES), weight: 1 },
      ),
      arguments: fc.tuple(...field.args.map((argument) => argumentValues(argument, domain))),
      directives,
      selections: sub,
      twin: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: twin, weight: 1 }),
    });
  }

  /** 1 or 2 selections on an object type, `depth` levels of objects allowed below it. */
  function selections(typeName: string, depth: number, spreads: boolean): fc.Arbitrary<Selection[]> {
    const key = `${typeName}/${depth}/${spreads}`;
    const known = memo.get(key);
    if (known) return known;
    const type = schema.getType(typeName) as GraphQLObjectType;
    const fields = Object.values(type.getFields())
      .map((field) => fieldSelection(field, depth, spreads))
      .filter((arbitrary): arbitrary is fc.Arbitrary<Selection> => arbitrary !== null);
    const typename: fc.Arbitrary<Selection> = fc.record({
      kind: fc.constant('field' as const),
      name: fc.constant('__typename'),
      alias: fc.constant(null),
      arguments: fc.constant([]),
      directives,
      selections: fc.constant(null),
      twin: fc.constant(null),
    });
    const field = fc.oneof(...fields, typename);
    // Fragments hold a field (or a fragment's fields), so recursion ends with the depth.
    const inner = fc.array(field, { minLength: 1, maxLength: 2, size: 'xsmall' });
    const options: Array<fc.WeightedArbitrary<Selection>> = [
      { arbitrary: field, weight: 10 },
      {
        arbitrary: fc.record({
          kind: fc.constant('inline' as const),
          on: fc.oneof(
            { arbitrary: fc.constantFrom<'none' | 'same'>('same', 'none'), weight: 40 },
            { arbitrary: fc.constant<'wrong'>('wrong'), weight: 1 },
          ),
          directives,
          selections: inner,
        }),
        weight: 2,
      },
    ];
    if (spreads) {
      options.push({
        arbitrary: fc.record({
          kind: fc.constant('spread' as const),
          fragment: fc.constantFrom<0 | 1>(0, 1),
          wrongType: fc.oneof(
            { arbitrary: fc.constant(false), weight: 40 },
            { arbitrary: fc.constant(true), weight: 1 },
          ),
          directives,
        }),
        weight: 2,
      });
    }
    // Small sets (fragments, inline fragments and twins add to them): large documents cost time, not coverage.
    const arbitrary = fc.array(fc.oneof(...options), { minLength: 1, maxLength: 2 });
    memo.set(key, arbitrary);
    return arbitrary;
  }

  const fragmentBody = (typeName: string) => selections(typeName, 1, false);
  const fragments = fc.record(
    Object.fromEntries(
      objectTypes.map((type) => [type.name, fc.tuple(fragmentBody(type.name), fragmentBody(type.name))]),
    ) as Record<string, fc.Arbitrary<[Selection[], Selection[]]>>,
  );

  const slots = new Map<string, GraphQLArgument>();
  for (const type of objectTypes) {
    for (const field of Object.values(type.getFields())) {
      for (const argument of field.args) slots.set(slotOf(argument), argument);
    }
  }
  const variableSpec = (argument: GraphQLArgument): fc.Arbitrary<VariableSpec> => {
    const values = inputValues(argument.type, argument.name, domain);
    return fc.record({
      // Mostly declared as the position is; a nullable variable in a non-null position needs a default.
      nonNull: fc.oneof(
        { arbitrary: fc.constant(isNonNullType(argument.type)), weight: 6 },
        { arbitrary: fc.boolean(), weight: 1 },
      ),
      defaultValue: fc.option(values, { nil: undefined, freq: 2 }),
      value: fc.oneof(
        { arbitrary: values, weight: 16 },
        { arbitrary: fc.constant(undefined), weight: 3 },
        { arbitrary: fc.constant(null), weight: 1 },
      ),
    });
  };
  const variables = fc.record(
    Object.fromEntries(
      [...slots].map(([slot, argument]) => [slot, fc.tuple(variableSpec(argument), variableSpec(argument))]),
    ) as Record<string, fc.Arbitrary<[VariableSpec, VariableSpec]>>,
  );
  const conditionSpec: fc.Arbitrary<VariableSpec> = fc.record({
    // `if` is Boolean!: a nullable variable needs a default.
    nonNull: fc.oneof(
      { arbitrary: fc.constant(true), weight: 12 },
      { arbitrary: fc.constant(false), weight: 1 },
    ),
    defaultValue: fc.option(fc.boolean(), { nil: undefined, freq: 3 }),
    value: fc.oneof(
      { arbitrary: fc.boolean(), weight: 60 },
      { arbitrary: fc.constant(undefined), weight: 4 },
      { arbitrary: fc.constant(null), weight: 1 },
      { arbitrary: fc.constant('yes'), weight: 1 },
    ),
  });

  return fc.record({
    operationName: fc.constantFrom(null, 'Q'),
    selections: selections('Query', MAX_DEPTH, true),
    fragments,
    variables,
    conditions: fc.tuple(conditionSpec, conditionSpec, conditionSpec),
  });
}

/** A value as a GraphQL literal. */
function literal(value: Value): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if ('enum' in value) return value.enum;
  if ('list' in value) return `[${value.list.map(literal).join(', ')}]`;
  return `{${Object.entries(value.object)
    .map(([name, field]) => ` ${name}: ${literal(field)}`)
    .join(',')} }`;
}

/** A value as a variable's JSON. */
function json(value: Value): unknown {
  if (value === null || typeof value !== 'object') return value;
  if ('enum' in value) return value.enum;
  if ('list' in value) return value.list.map(json);
  return Object.fromEntries(Object.entries(value.object).map(([name, field]) => [name, json(field)]));
}

/** A printed query: the request's text and variables, and whether it selects a response key twice with a condition on one. */
export interface PrintedQuery {
  query: string;
  variables: Record<string, unknown>;
  operationName: string | null;
  conditionalDuplicate: boolean;
}

/**
 * The request a {@link GeneratedQuery} stands for: the document, with the
 * variables it uses declared and sent, and the fragments it spreads defined.
 *
 * @example
 * ```ts
 * const { query, variables } = printQuery(schema, generated);
 * await gateway.yoga.fetch(url, { method: 'POST', body: JSON.stringify({ query, variables }), headers });
 * ```
 */
export function printQuery(schema: GraphQLSchema, generated: GeneratedQuery): PrintedQuery {
  const usedVariables = new Map<string, { type: string; spec: VariableSpec }>();
  const usedFragments = new Map<string, string>();
  let conditionalDuplicate = false;

  const wrongTypeOf = (typeName: string) => (typeName === 'Token' ? 'Supply' : 'Token');

  function condition(value: Condition): string {
    if (typeof value === 'boolean') return String(value);
    const name = `c${value.variable}`;
    const spec = generated.conditions[value.variable] as VariableSpec;
    usedVariables.set(name, { type: 'Boolean', spec });
    return `$${name}`;
  }

  function directives(value: Directives): string {
    let text = '';
    if (value.skip !== undefined) text += ` @skip(if: ${condition(value.skip)})`;
    if (value.include !== undefined) text += ` @include(if: ${condition(value.include)})`;
    return text;
  }

  const conditional = (value: Directives | null | undefined) =>
    value != null && (value.skip !== undefined || value.include !== undefined);

  /** Response keys of a selection set, fragments flattened, each with whether it is conditional. */
  function responseKeys(
    items: Selection[],
    typeName: string,
    underCondition: boolean,
    keys: Map<string, boolean[]>,
    visiting: Set<string>,
  ): void {
    for (const item of items) {
      if (item.kind === 'field') {
        const key = item.alias ?? item.name;
        const list = keys.get(key) ?? [];
        list.push(underCondition || conditional(item.directives));
        if (item.twin)
          list.push(underCondition || conditional(item.twin.directives) || conditional(item.twin.wrapper));
        keys.set(key, list);
      } else if (item.kind === 'inline') {
        if (item.on !== 'wrong')
          responseKeys(
            item.selections,
            typeName,
            underCondition || conditional(item.directives),
            keys,
            visiting,
          );
      } else if (!item.wrongType) {
        const name = `${typeName}${item.fragment}`;
        const body = generated.fragments[typeName]?.[item.fragment];
        if (body && !visiting.has(name)) {
          visiting.add(name);
          responseKeys(body, typeName, underCondition || conditional(item.directives), keys, visiting);
          visiting.delete(name);
        }
      }
    }
  }

  /**
   * Fields printed so far, by response path (a fragment's, where it is first spread), with the
   * field and arguments under each: a field selected again at a path with other arguments
   * gets an alias of its own, since most such documents would be refused (a few collisions
   * stay, through aliases and fragments).
   */
  const signatures = new Map<string, string>();

  /** A selection set's text; `path` is its response path (inline fragments share it). */
  function selectionSet(items: Selection[], typeName: string, path: string): string {
    const occurrences = new Map<string, boolean[]>();
    responseKeys(items, typeName, false, occurrences, new Set());
    for (const list of occurrences.values()) {
      if (list.length > 1 && list.some(Boolean)) conditionalDuplicate = true;
    }
    return `{ ${items.map((item) => selection(item, typeName, path)).join(' ')} }`;
  }

  function field(
    item: Extract<Selection, { kind: 'field' }>,
    typeName: string,
    own: Directives,
    sub: Selection[] | null,
    path: string,
  ): string {
    const type = schema.getType(typeName) as GraphQLObjectType;
    const definition = type.getFields()[item.name];
    const args = item.arguments
      .filter((argument): argument is [string, Argument] => argument !== null)
      .map(([name, value]) => {
        if ('literal' in value) return `${name}: ${literal(value.literal)}`;
        const argument = definition?.args.find((candidate) => candidate.name === name);
        if (!argument) return `${name}: null`;
        const slot = slotOf(argument);
        const variable = `${slot}${value.variable}`;
        const spec = generated.variables[slot]?.[value.variable] as VariableSpec;
        usedVariables.set(variable, { type: declaredType(argument), spec });
        return `${name}: $${variable}`;
      });
    const argumentText = args.length ? `(${args.join(', ')})` : '';
    let alias = item.alias;
    const signature = `${item.name}${argumentText}`;
    const earlier = signatures.get(`${path}.${alias ?? item.name}`);
    if (earlier !== undefined && earlier !== signature && earlier.startsWith(`${item.name}(`))
      alias = `${item.name}${signatures.size}`;
    const at = `${path}.${alias ?? item.name}`;
    signatures.set(at, signature);
    const childType = definition ? getNamedType(definition.type).name : typeName;
    return `${alias ? `${alias}: ` : ''}${signature}${directives(own)}${sub ? ` ${selectionSet(sub, childType, at)}` : ''}`;
  }

  function selection(item: Selection, typeName: string, path: string): string {
    if (item.kind === 'field') {
      const first = field(item, typeName, item.directives, item.selections, path);
      if (!item.twin) return first;
      const again = field(item, typeName, item.twin.directives, item.twin.selections, path);
      return item.twin.wrapper
        ? `${first} ...${directives(item.twin.wrapper)} { ${again} }`
        : `${first} ${again}`;
    }
    if (item.kind === 'inline') {
      const on = item.on === 'none' ? '' : ` on ${item.on === 'same' ? typeName : wrongTypeOf(typeName)}`;
      return `...${on}${directives(item.directives)} ${selectionSet(item.selections, typeName, path)}`;
    }
    const fragmentType = item.wrongType ? wrongTypeOf(typeName) : typeName;
    const name = `${fragmentType}${item.fragment}`;
    if (!usedFragments.has(name)) {
      usedFragments.set(name, '');
      const body = generated.fragments[fragmentType]?.[item.fragment] ?? [];
      // Checked against the fields where it is first spread (a fragment on Query is spread only at the root).
      usedFragments.set(
        name,
        `fragment ${name} on ${fragmentType} ${selectionSet(body, fragmentType, path)}`,
      );
    }
    return `...${name}${directives(item.directives)}`;
  }

  const body = selectionSet(generated.selections, 'Query', '');
  const definitions = [...usedVariables].map(
    ([name, { type, spec }]) =>
      `$${name}: ${type}${spec.nonNull ? '!' : ''}${spec.defaultValue === undefined ? '' : ` = ${literal(spec.defaultValue)}`}`,
  );
  const head =
    definitions.length || generated.operationName
      ? `query${generated.operationName ? ` ${generated.operationName}` : ''}${definitions.length ? `(${definitions.join(', ')})` : ''} `
      : '';
  const variables: Record<string, unknown> = {};
  for (const [name, { spec }] of usedVariables)
    if (spec.value !== undefined) variables[name] = json(spec.value);
  return {
    query: [`${head}${body}`, ...usedFragments.values()].join('\n'),
    variables,
    operationName: generated.operationName,
    conditionalDuplicate,
  };
}
