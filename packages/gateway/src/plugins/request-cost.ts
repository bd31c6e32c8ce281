import { countScheduleInstants, INTERVALS, type Interval, parseInstant } from '@tokenomics/core';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  getOperationAST,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { documentLexicalShape } from './validation-cache.js';

/** Units of work per item: what one schedule point costs is 1. */
export const REQUEST_COST_UNITS = {
  /** A field of a protocol (a figure, a list of rules), once per protocol it is asked of. */
  field: 1,
  /** A schedule point (490 to 680 bytes held, and its share of the response). */
  point: 1,
  /** A stake of a penalty simulation (about as much as a point). */
  stake: 1,
  /** An override of a field: a model of its own (7 to 12 KB, its parameters parsed and checked). */
  override: 10,
} as const;

/** What a request costs, by kind, in units of {@link REQUEST_COST_UNITS}. */
export interface RequestCost {
  /** The sum of the parts. */
  total: number;
  points: number;
  stakes: number;
  overrides: number;
  fields: number;
  /** Fields over a per-field cap (stakes or overrides of one field), in words; empty when none. */
  overCaps: string[];
}

/** Options of {@link requestCost}. */
export interface RequestCostOptions {
  /** The protocols served: what a `protocols` list multiplies its fields by. */
  protocols: number;
  /** A schedule field's own limit: a longer one fails at that many points, so costs no more. */
  maxSchedulePoints: number;
  /** The most stakes one `simulatePenalty` may take. */
  maxStakes: number;
  /** The most overrides one field may take. */
  maxOverrides: number;
  /** The request's "now": a schedule's default `from`. */
  now: Date;
}

interface Parts {
  points: number;
  stakes: number;
  overrides: number;
  fields: number;
}

const none = (): Parts => ({ points: 0, stakes: 0, overrides: 0, fields: 0 });

function add(into: Parts, part: Parts, times = 1): void {
  into.points += part.points * times;
  into.stakes += part.stakes * times;
  into.overrides += part.overrides * times;
  into.fields += part.fields * times;
}

/** The length of a raw list input: a single value where a list is expected is a list of one. */
function lengthOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return value === undefined || value === null ? 0 : 1;
}

function instantOf(value: unknown, fallback: Date | null): Date | null {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') return null;
  try {
    return parseInstant(value);
  } catch {
    // A bad instant is BAD_INPUT when the field runs, and costs nothing.
    return null;
  }
}

/**
 * What a query will cost to answer, known before any resolver runs: summed
 * over every field and alias (fragments included), each protocol field 1,
 * each schedule point 1 (from `from`, `to` and `interval`, as many as the
 * field would give, at most `maxSchedulePoints`), each stake 1, each override
 * 10; a field asked of `protocols` costs once per served protocol. Arguments
 * are read as sent, literals or variables alike (a variable's default when
 * the request has none), so hoisting literals into variables cannot change
 * the cost. Also lists the fields over the per-field caps on stakes and
 * overrides.
 *
 * A document it cannot price (no such operation) costs 0: execution reports it.
 *
 * @example
 * ```ts
 * import { requestCost } from '@tokenomics/gateway';
 * import { type GraphQLSchema, parse } from 'graphql';
 *
 * declare const schema: GraphQLSchema;
 *
 * const document = parse('{ protocols { schedule(from: "2026-01-01Z", to: "2036-01-01Z", interval: DAY) { at } } }');
 * requestCost(schema, document, null, {}, { protocols: 2, maxSchedulePoints: 10_000, maxStakes: 1_000, maxOverrides: 50, now: new Date() }).total;
 * // 7308: 2 × (3,653 points + 1 field)
 * ```
 */
export function requestCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: unknown,
  options: RequestCostOptions,
): RequestCost {
  // A cost that reads no argument's value (no overrides, input, schedule or history window: the
  // dashboard, whatever its `at`) is the document's own: kept by document, and by lexical shape
  // for a document that differs from one priced before only in its literals (a new `at`).
  const memoKey = `${operationName ?? ''}\u0000${options.protocols},${options.maxSchedulePoints},${options.maxStakes},${options.maxOverrides}`;
  let byDocument = documentCosts.get(schema);
  if (!byDocument) {
    byDocument = new WeakMap();
    documentCosts.set(schema, byDocument);
  }
  let ofDocument = byDocument.get(document);
  const kept = ofDocument?.get(memoKey);
  if (kept === READS_VALUES)
    return computeRequestCost(schema, document, operationName, rawVariables, options).cost;
  if (kept) return kept;
  const lexical = documentLexicalShape(document);
  let byShape = shapeCosts.get(schema);
  if (!byShape) {
    byShape = new LRUCache<string, Map<string, RequestCost | typeof READS_VALUES>>({ max: MAX_SHAPE_COSTS });
    shapeCosts.set(schema, byShape);
  }
  // By the shape's key as it is (a text made from a kept pattern shares its key string, hashed once).
  const ofShape = lexical ? byShape.get(lexical.key) : undefined;
  const shaped = ofShape?.get(memoKey);
  if (shaped && shaped !== READS_VALUES) return shaped;
  const { cost, readsValues } = computeRequestCost(schema, document, operationName, rawVariables, options);
  if (!ofDocument) {
    ofDocument = new Map();
    byDocument.set(document, ofDocument);
  }
  ofDocument.set(memoKey, readsValues ? READS_VALUES : cost);
  if (lexical && !shaped) {
    if (ofShape) ofShape.set(memoKey, readsValues ? READS_VALUES : cost);
    else byShape.set(lexical.key, new Map([[memoKey, readsValues ? READS_VALUES : cost]]));
  }
  return cost;
}

/** Shapes' value-independent costs kept per schema. */
const MAX_SHAPE_COSTS = 500;
/** Kept for a document or shape whose cost reads argument values: priced on every request. */
const READS_VALUES = 'reads-values';
const documentCosts = new WeakMap<
  GraphQLSchema,
  WeakMap<DocumentNode, Map<string, RequestCost | typeof READS_VALUES>>
>();
const shapeCosts = new WeakMap<
  GraphQLSchema,
  LRUCache<string, Map<string, RequestCost | typeof READS_VALUES>>
>();

/** The arguments whose values a cost reads (besides a schedule's, a history's or a drift's window). */
const PRICED_ARGUMENTS = new Set(['overrides', 'input']);
/** The fields whose cost reads their window (and "now"). */
const WINDOWED_FIELDS = new Set(['schedule', 'history', 'drift']);

/** The cost, and whether it read an argument's value (then it is the request's own and is not kept). */
function computeRequestCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: unknown,
  options: RequestCostOptions,
): { cost: RequestCost; readsValues: boolean } {
  let readsValues = false;
  const overCaps: string[] = [];
  const operation = getOperationAST(document, operationName);
  const root = operation ? schema.getRootType(operation.operation) : undefined;
  if (!operation || !root) return { cost: { total: 0, ...none(), overCaps }, readsValues: false };

  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) {
      variables[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
    }
  }
  if (rawVariables && typeof rawVariables === 'object' && !Array.isArray(rawVariables)) {
    Object.assign(variables, rawVariables);
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // A fragment costs the same wherever it is spread (costs scale with the protocols above it):
  // priced once, so fragments spreading fragments cannot make the walk exponential.
  const fragmentCosts = new Map<string, Parts>();

  function argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const argument of field.args) {
      if (argument.defaultValue !== undefined) values[argument.name] = argument.defaultValue;
    }
    for (const argument of node.arguments ?? []) {
      const value = valueFromASTUntyped(argument.value, variables);
      if (value !== undefined) values[argument.name.value] = value;
    }
    return values;
  }

  function fieldCost(
    parent: GraphQLNamedType,
    node: FieldNode,
    field: GraphQLField<unknown, unknown>,
  ): Parts {
    const parts = none();
    if (parent.name !== 'Protocol') return parts;
    parts.fields = 1;
    if (field.args.length === 0) return parts;
    if (
      WINDOWED_FIELDS.has(field.name) ||
      node.arguments?.some((argument) => PRICED_ARGUMENTS.has(argument.name.value))
    ) {
      readsValues = true;
    }
    const args = argumentsOf(field, node);
    const input = args.input && typeof args.input === 'object' ? (args.input as Record<string, unknown>) : {};
    const where = `${node.alias ? `${node.alias.value}: ` : ''}${field.name}`;
    parts.overrides = lengthOf(args.overrides) + lengthOf(input.overrides);
    if (parts.overrides > options.maxOverrides) {
      overCaps.push(`${where} has ${parts.overrides} overrides; at most ${options.maxOverrides} are allowed`);
    }
    if (field.name === 'simulatePenalty') {
      parts.stakes = lengthOf(input.stakes);
      if (parts.stakes > options.maxStakes) {
        overCaps.push(`${where} has ${parts.stakes} stakes; at most ${options.maxStakes} are allowed`);
      }
    }
    if (field.name === 'schedule') {
      const from = instantOf(args.from, options.now);
      const to = instantOf(args.to, null);
      const interval = INTERVALS.includes(args.interval as Interval) ? (args.interval as Interval) : null;
      if (from && to && interval) {
        parts.points = Math.min(countScheduleInstants(from, to, interval), options.maxSchedulePoints);
      }
    }
    if (field.name === 'history' || field.name === 'drift') {
      // At most the field's own limit of observations; with an interval, one per step.
      const from = instantOf(args.from, null);
      const to = instantOf(args.to, options.now);
      const interval = INTERVALS.includes(args.interval as Interval) ? (args.interval as Interval) : null;
      parts.points =
        from && to && interval && from.getTime() <= to.getTime()
          ? Math.min(countScheduleInstants(from, to, interval), options.maxSchedulePoints)
          : options.maxSchedulePoints;
    }
    return parts;
  }

  function selectionCost(parent: GraphQLNamedType, selectionSet: SelectionSetNode): Parts {
    const parts = none();
    if (!isObjectType(parent) && !isInterfaceType(parent)) return parts;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = parent.getFields()[selection.name.value];
        // Introspection (__typename, __schema…) is free here; graphql-armor's limits cover it.
        if (!field) continue;
        add(parts, fieldCost(parent, selection, field));
        const type = getNamedType(field.type);
        if (!selection.selectionSet) continue;
        // A list of protocols asks each sub-field of every served protocol.
        const times =
          isListType(getNullableType(field.type)) && type.name === 'Protocol' ? options.protocols : 1;
        add(parts, selectionCost(type, selection.selectionSet), times);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type) add(parts, selectionCost(type, selection.selectionSet));
      } else {
        const name = selection.name.value;
        let cost = fragmentCosts.get(name);
        if (!cost) {
          const fragment = fragments.get(name);
          const type = fragment && schema.getType(fragment.typeCondition.name.value);
          // Marked first: a cycle (which validation refuses anyway) costs nothing more.
          fragmentCosts.set(name, none());
          cost = fragment && type ? selectionCost(type, fragment.selectionSet) : none();
          fragmentCosts.set(name, cost);
        }
        add(parts, cost);
      }
    }
    return parts;
  }

  const parts = selectionCost(root, operation.selectionSet);

  const total =
    parts.points * REQUEST_COST_UNITS.point +
    parts.stakes * REQUEST_COST_UNITS.stake +
    parts.overrides * REQUEST_COST_UNITS.override +
    parts.fields * REQUEST_COST_UNITS.field;
  return { cost: { total, ...parts, overCaps }, readsValues };
}
