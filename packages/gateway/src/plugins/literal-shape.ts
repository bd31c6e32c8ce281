import {
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  type OperationDefinitionNode,
  parseType,
  print,
  TypeInfo,
  typeFromAST,
  type ValueNode,
  type VariableDefinitionNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/**
 * A query with its field arguments' literals turned into variables: queries
 * that differ only in those literals (a schedule's `from` and `to`) share one
 * shape, and so one compiled plan.
 */
export interface LiteralShape {
  /** The document with each literal argument replaced by a variable; every other node (and its location) as it was. */
  document: DocumentNode;
  /**
   * What plans are cached by: the printed shape, and where each field sits in
   * the source, since a plan reports errors at its own document's locations.
   */
  key: string;
  /** The literals as the raw values a client would have sent as variables. */
  variables: Record<string, unknown>;
  /**
   * The operation's own variables' default values, as raw values: graphql-jit
   * passes a default to resolvers unparsed (a DateTime default arrives as a
   * string), so they are sent as if the client had (a value the client sends wins).
   */
  defaults: Record<string, unknown>;
  /**
   * The hoisted arguments whose value is one string or number literal: the
   * variable's name, the literal's offset in the source and the argument's
   * type. With {@link shapeWithLiterals}, a document of the same lexical
   * shape reuses this shape with its own literals, without a visit.
   */
  origins: LiteralOrigin[];
}

/** Where a hoisted variable's value came from: one literal of the source, at `start`. */
export interface LiteralOrigin {
  name: string;
  start: number;
  type: GraphQLInputType;
}

/** A string or number literal as the lexer reads it (the validation cache's lexical shape). */
export interface SourceLiteral {
  kind: Kind.STRING | Kind.INT | Kind.FLOAT;
  value: string;
  block: boolean;
  start: number;
}

/**
 * `shape` for another document of the same lexical shape (the same tokens
 * at the same offsets, string and number literals aside): the same document,
 * key and defaults, the variables read from `literals`. Null unless every
 * literal of the source is a hoisted argument's whole value (a literal in a
 * directive, a default, a list or an object would be part of the shape's
 * document), which is checked here.
 *
 * @example
 * ```ts
 * import { parse } from 'graphql';
 * import { literalShape, shapeWithLiterals } from './literal-shape.js';
 * import { lexicalShape } from './validation-cache.js';
 * declare const schema: import('graphql').GraphQLSchema;
 * const shape = literalShape(schema, parse('{ protocol(id: "example") { id } }'))!;
 * shapeWithLiterals(shape, lexicalShape('{ protocol(id: "exampl2") { id } }')!.literals)?.variables; // { _lit0: 'exampl2' }
 * ```
 */
export function shapeWithLiterals(
  shape: LiteralShape,
  literals: readonly SourceLiteral[],
): LiteralShape | null {
  const { origins } = shape;
  if (origins.length !== literals.length) return null;
  const variables: Record<string, unknown> = { ...shape.variables };
  for (let i = 0; i < origins.length; i++) {
    const origin = origins[i]!;
    const literal = literals[i]!;
    if (origin.start !== literal.start) return null;
    const node: ValueNode =
      literal.kind === Kind.STRING
        ? { kind: Kind.STRING, value: literal.value, block: literal.block }
        : { kind: literal.kind, value: literal.value };
    const raw = rawValueOf(node, origin.type);
    if (raw === UNHOISTABLE) return null;
    variables[origin.name] = raw;
  }
  return { ...shape, variables };
}

/**
 * Scalars whose literal and raw value parse alike (`parseLiteral` of the
 * literal's text equals `parseValue` of that text): the built-ins and the
 * gateway's Decimal and DateTime. An argument holding another scalar stays a literal.
 */
const HOISTABLE_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID', 'Decimal', 'DateTime']);

const UNHOISTABLE = Symbol('unhoistable');

/** A literal as the raw input value that parses to the same thing, or UNHOISTABLE. */
function rawValueOf(node: ValueNode, type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return rawValueOf(node, type.ofType);
  if (node.kind === Kind.NULL) return null;
  if (node.kind === Kind.VARIABLE) return UNHOISTABLE;
  if (isListType(type)) {
    // A single value where a list is expected is a list of one (input coercion).
    const items = node.kind === Kind.LIST ? node.values : [node];
    const values = items.map((item) => rawValueOf(item, type.ofType));
    return values.includes(UNHOISTABLE) ? UNHOISTABLE : values;
  }
  if (isInputObjectType(type)) {
    if (node.kind !== Kind.OBJECT) return UNHOISTABLE;
    const fields = type.getFields();
    const value: Record<string, unknown> = {};
    for (const field of node.fields) {
      const definition = fields[field.name.value];
      const raw = definition ? rawValueOf(field.value, definition.type) : UNHOISTABLE;
      if (raw === UNHOISTABLE) return UNHOISTABLE;
      value[field.name.value] = raw;
    }
    return value;
  }
  if (isEnumType(type)) return node.kind === Kind.ENUM ? node.value : UNHOISTABLE;
  if (isScalarType(type) && HOISTABLE_SCALARS.has(type.name)) {
    if (node.kind === Kind.STRING || node.kind === Kind.BOOLEAN) return node.value;
    if (node.kind === Kind.INT || node.kind === Kind.FLOAT) {
      // Int and Float take numbers; Decimal and ID read the literal's exact text.
      return type.name === 'Int' || type.name === 'Float' ? Number(node.value) : node.value;
    }
  }
  return UNHOISTABLE;
}

/**
 * The {@link LiteralShape} of a validated document, or null when it is not a
 * single query, asks for introspection, or has a field argument whose literal
 * cannot be hoisted (a variable inside a list or object literal, another
 * scalar): such documents run on the standard executor.
 *
 * Directive arguments (`@include(if: true)`) stay in the shape.
 *
 * @example
 * ```ts
 * import { type GraphQLSchema, parse, print } from 'graphql';
 * import { literalShape } from './literal-shape.js';
 *
 * declare const schema: GraphQLSchema;
 *
 * const shape = literalShape(schema, parse('{ protocol(id: "example") { id } }'));
 * print(shape!.document); // 'query ($_lit0: ID!) { protocol(id: $_lit0) { id } }' (printed on several lines)
 * shape!.variables; // { _lit0: 'example' }
 * ```
 */
export function literalShape(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
): LiteralShape | null {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operations[0];
  if (operations.length !== 1 || !operation || operation.operation !== 'query') return null;
  if (operationName && operation.name?.value !== operationName) return null;

  const taken = new Set(operation.variableDefinitions?.map((definition) => definition.variable.name.value));
  const defaults: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (!definition.defaultValue) continue;
    const type = typeFromAST(schema, definition.type);
    const raw = type && isInputType(type) ? rawValueOf(definition.defaultValue, type) : UNHOISTABLE;
    if (raw === UNHOISTABLE) return null;
    defaults[definition.variable.name.value] = raw;
  }
  const prefix = uniquePrefix(taken);
  const variables: Record<string, unknown> = {};
  const definitions: VariableDefinitionNode[] = [];
  const fieldStarts: number[] = [];
  const origins: LiteralOrigin[] = [];
  let unsupported = false;

  const typeInfo = new TypeInfo(schema);
  const hoisted = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value === '__schema' || node.name.value === '__type') unsupported = true;
        fieldStarts.push(node.loc?.start ?? -1);
      },
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (typeInfo.getDirective() || node.value.kind === Kind.VARIABLE) return undefined;
        const raw = argument ? rawValueOf(node.value, argument.type) : UNHOISTABLE;
        if (raw === UNHOISTABLE || !argument) {
          unsupported = true;
          return undefined;
        }
        const name = `${prefix}${definitions.length}`;
        const variable = { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } } as const;
        definitions.push({
          kind: Kind.VARIABLE_DEFINITION,
          variable,
          type: parseType(String(argument.type), { noLocation: true }),
        });
        variables[name] = raw;
        const value = node.value;
        if (
          (value.kind === Kind.STRING || value.kind === Kind.INT || value.kind === Kind.FLOAT) &&
          value.loc
        ) {
          origins.push({ name, start: value.loc.start, type: argument.type });
        }
        return { ...node, value: variable };
      },
    }),
  );
  if (unsupported) return null;

  const shaped: DocumentNode = {
    ...hoisted,
    definitions: hoisted.definitions.map((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION
        ? { ...definition, variableDefinitions: [...(definition.variableDefinitions ?? []), ...definitions] }
        : definition,
    ),
  };
  origins.sort((a, b) => a.start - b.start);
  return {
    document: shaped,
    key: `${print(shaped)}\n#${fieldStarts.join(',')}`,
    variables,
    defaults,
    origins,
  };
}

/** A variable-name prefix no variable of the operation starts with. */
function uniquePrefix(taken: ReadonlySet<string>): string {
  let prefix = '_lit';
  while ([...taken].some((name) => name.startsWith(prefix))) prefix = `_${prefix}`;
  return prefix;
}
