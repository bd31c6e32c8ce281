import { type ExecutionResult, GraphQLError, type Source, type SourceLocation } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { isPromise, type Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { type LiteralShape, literalShape, shapeWithLiterals } from './literal-shape.js';
import { conditionValuesOf, conditionVariables, withConditionsApplied } from './skip-include.js';
import { documentLexicalShape } from './validation-cache.js';

/** Compiled plans kept per gateway (least recently used dropped first). */
export const DEFAULT_MAX_PLANS = 500;

/**
 * How often a shape runs on the standard executor before it is compiled.
 * Compiling costs several times one small query's execution, so a shape seen
 * once (a one-off, or whitespace and literal lengths varied on purpose) is
 * never compiled.
 */
export const DEFAULT_COMPILE_AFTER = 1;

/** How a query ran: on a plan compiled for it, on a kept plan, or on the standard executor. */
export type PlanOutcome = 'compiled' | 'reused' | 'standard';

/** Options of {@link useCompiledExecution}. */
export interface CompiledExecutionOptions {
  /** Plans kept (least recently used dropped first). Default {@link DEFAULT_MAX_PLANS}. */
  maxPlans?: number;
  /** Runs of a shape on the standard executor before it is compiled. Default {@link DEFAULT_COMPILE_AFTER}. */
  compileAfter?: number;
  /** Told how each query ran (metrics, tests). */
  onPlan?: (outcome: PlanOutcome) => void;
}

/** A compiled plan and the source it was compiled from (its errors' lines and columns are that source's). */
interface Plan {
  query: CompiledQuery['query'];
  source: Source | undefined;
}

/** What the plan cache keeps for a key: a plan, or that graphql-jit cannot compile the document. */
type Kept = Plan | 'uncompilable';

/** A document's shape, and the variables its @skip/@include conditions read. */
interface Planned {
  shape: LiteralShape;
  conditions: string[];
}

/**
 * Runs queries as graphql-jit plans, one per {@link LiteralShape}: the
 * literals of field arguments become variables, so queries that differ only
 * in them (every new `from`/`to` of a schedule) share a plan, and the plan's
 * code is already optimized by V8 when the next one arrives. A plan compiled
 * per document would be new, unoptimized code for every such query, slower
 * than the standard executor.
 *
 * A shape is compiled the second time it is seen (`compileAfter`). Documents
 * the shape does not cover (several operations, introspection, variables
 * inside object literals) and documents graphql-jit cannot compile run on the
 * standard executor. Runs after validation, so a literal is already known to parse.
 *
 * @skip and @include are decided before compiling: a plan is compiled from
 * the document without the selections they leave out (and without them), one
 * plan per shape and values of the condition variables. graphql-jit's own
 * handling of them merges the occurrences of a response key wrongly. A
 * request whose condition variable is not a boolean runs on the standard
 * executor, which reports it. Plans answer in graphql-js's order: `errors`
 * before `data`.
 *
 * @example
 * ```ts
 * import { type GraphQLSchema } from 'graphql';
 * import { createYoga } from 'graphql-yoga';
 * import { useCompiledExecution } from './compiled-execution.js';
 *
 * declare const schema: GraphQLSchema;
 *
 * createYoga({ schema, plugins: [useCompiledExecution()] });
 * ```
 */
export function useCompiledExecution({
  maxPlans = DEFAULT_MAX_PLANS,
  compileAfter = DEFAULT_COMPILE_AFTER,
  onPlan = () => {},
}: CompiledExecutionOptions = {}): Plugin {
  // By document, then by the operation name asked for (a name the document lacks has no shape).
  const shapes = new WeakMap<object, Map<string, Planned | null>>();
  // Plans by shape key and condition values, least recently used dropped first.
  const plans = new LRUCache<string, Kept>({ max: maxPlans });
  // Shapes seen but not compiled yet, with how often they ran.
  const sightings = new LRUCache<string, number>({ max: maxPlans });
  // Shapes by lexical shape and token offsets: a new document differing only in literals (a new `at`)
  // takes its shape from here with its own literals, without a visit and a print of the document.
  const byLexicalShape = new LRUCache<string, Planned>({ max: maxPlans });
  // The same by the lexical shape's offsets array, which every text made from one kept pattern shares.
  const knownStarts = new WeakMap<readonly number[], Map<string, Planned>>();

  /** The document's shape: from a document of the same lexical shape when one was seen, else visited. */
  function plannedOf(
    document: Parameters<typeof literalShape>[1],
    schema: Parameters<typeof literalShape>[0],
    operationName: string | null | undefined,
  ): Planned | null {
    const lexical = documentLexicalShape(document);
    // Texts made from one pattern share its offsets array (document-cache.ts): no key to build and hash.
    const byStarts = lexical ? knownStarts.get(lexical.starts) : undefined;
    const lexicalKey =
      lexical && !byStarts?.has(operationName ?? '')
        ? `${operationName ?? ''}\n${lexical.starts.join(',')}\n${lexical.key}`
        : null;
    const known = byStarts?.get(operationName ?? '');
    const seen = known ?? (lexicalKey ? byLexicalShape.get(lexicalKey) : undefined);
    if (seen && lexical) {
      const shape = shapeWithLiterals(seen.shape, lexical.literals);
      if (shape) {
        if (!known) rememberStarts(lexical.starts, operationName, seen);
        return { shape, conditions: seen.conditions };
      }
    }
    const shape = literalShape(schema, document, operationName);
    const planned = shape && { shape, conditions: conditionVariables(shape.document) };
    if (planned && lexical && lexicalKey && shape.origins.length === lexical.literals.length) {
      byLexicalShape.set(lexicalKey, planned);
      rememberStarts(lexical.starts, operationName, planned);
    }
    return planned;
  }

  function rememberStarts(
    starts: readonly number[],
    operationName: string | null | undefined,
    planned: Planned,
  ) {
    let byName = knownStarts.get(starts);
    if (!byName) {
      byName = new Map();
      knownStarts.set(starts, byName);
    }
    byName.set(operationName ?? '', planned);
  }

  function planOf(key: string, compile: () => Plan | null): Plan | null {
    const kept = plans.get(key);
    if (kept !== undefined) {
      onPlan(kept === 'uncompilable' ? 'standard' : 'reused');
      return kept === 'uncompilable' ? null : kept;
    }
    const seen = sightings.get(key) ?? 0;
    if (seen < compileAfter) {
      sightings.set(key, seen + 1);
      onPlan('standard');
      return null;
    }
    sightings.delete(key);
    const plan = compile();
    plans.set(key, plan ?? 'uncompilable');
    onPlan(plan === null ? 'standard' : 'compiled');
    return plan;
  }

  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      let byName = shapes.get(args.document);
      if (!byName) {
        byName = new Map();
        shapes.set(args.document, byName);
      }
      let planned = byName.get(args.operationName ?? '');
      if (planned === undefined) {
        planned = plannedOf(args.document, args.schema, args.operationName);
        byName.set(args.operationName ?? '', planned);
      }
      if (planned === null) {
        onPlan('standard');
        return;
      }
      const { document, variables, defaults, key } = planned.shape;
      const conditions = conditionValuesOf(
        planned.conditions,
        args.variableValues as Record<string, unknown> | undefined,
        defaults,
      );
      if (conditions === null) {
        onPlan('standard');
        return;
      }
      // The shape's own key when nothing depends on a condition variable (no new string to hash per request).
      const planKey = planned.conditions.length
        ? `${key}\n@${planned.conditions.map((name) => (conditions.get(name) ? 1 : 0)).join('')}`
        : key;
      const plan = planOf(planKey, () => {
        const applied = withConditionsApplied(document, conditions);
        if (!applied) return null;
        const compiled = compileQuery(args.schema, applied, args.operationName ?? undefined);
        return isCompiledQuery(compiled)
          ? { query: compiled.query, source: args.document.loc?.source }
          : null;
      });
      if (plan === null) return;
      setExecuteFn((execution) => {
        const result = plan.query(execution.rootValue, execution.contextValue, {
          ...defaults,
          ...(execution.variableValues ?? {}),
          ...variables,
        });
        // No data at all is a request error (the client's variables): the standard
        // executor reports it exactly as graphql-js does, and yoga answers it with 400.
        if (!isPromise(result) && result.data === undefined) return executeFn(execution);
        // A null propagated from a non-null field: graphql-js reports the errors that reached
        // a nullable field first, graphql-jit others (see propagated). Answer as graphql-js does.
        const place = (done: ExecutionResult) =>
          done.errors?.some((error) => propagated(done.data, error.path))
            ? executeFn(execution)
            : placed(done, plan.source, execution.document.loc?.source);
        return isPromise(result) ? result.then(place) : place(result);
      });
    },
  };
}

/**
 * A plan's errors as graphql-js errors, placed in this request's source.
 * graphql-jit gives line and column in the source the plan was compiled from
 * (and no nodes), while yoga rebuilds every error from nodes or source
 * positions: a location becomes an offset in the plan's source, which is the
 * same offset in this request's (the shape's key holds every field's offset).
 *
 * graphql-jit raises some errors of its own without a cause (a null for a
 * non-null field, a value a scalar cannot serialize): like graphql-js's, they
 * are the server's fault, so they get one and are masked. Argument errors are
 * the client's, as in graphql-js.
 */
function placed(
  result: ExecutionResult,
  planSource: Source | undefined,
  requestSource: Source | undefined,
): ExecutionResult {
  if (!result.errors?.length) return result;
  // `errors` before `data`, as graphql-js builds its results: clients see the keys in this order.
  return {
    errors: result.errors.map((error) => {
      const located =
        planSource && requestSource && error.locations
          ? {
              source: requestSource,
              positions: error.locations.map((location) => offsetOf(planSource.body, location)),
            }
          : {};
      const cause =
        error.originalError ??
        (error.message.startsWith('Argument "') ? undefined : new Error(error.message));
      return new GraphQLError(error.message, {
        ...located,
        path: error.path,
        originalError: cause,
        extensions: error.extensions,
      });
    }),
    data: result.data,
  };
}

/**
 * Whether an error's null was propagated from a non-null field: the answer
 * holds a null above the error's path, where a nullable field's own error
 * leaves its parent whole and a null at the path itself.
 *
 * Such answers are where graphql-jit and graphql-js part: when a null
 * propagates, graphql-js keeps the errors that reached a nullable field
 * first (in time) and drops those of a branch already nulled, and stops a
 * list at its first broken item; graphql-jit keeps every error of a nullable
 * field, lists errors of non-null fields after them, and when `data` itself
 * becomes null keeps the first error in query order. The plugin answers those
 * on the standard executor.
 */
function propagated(data: unknown, path: readonly (string | number)[] | undefined): boolean {
  if (!path?.length) return data === null;
  let node: unknown = data;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return true;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node === null || typeof node !== 'object';
}

/** The offset in `body` of a 1-based line and column, lines ending as graphql-js counts them (\r\n, \n or \r). */
function offsetOf(body: string, { line, column }: SourceLocation): number {
  const lineEnd = /\r\n|[\n\r]/g;
  let lineStart = 0;
  for (let current = 1; current < line; current++) {
    const match = lineEnd.exec(body);
    if (!match) break;
    lineStart = match.index + match[0].length;
  }
  return lineStart + column - 1;
}
