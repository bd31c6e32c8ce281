import { type ExecutionResult, GraphQLError, type Source, type SourceLocation } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { isPromise, type Plugin } from 'graphql-yoga';
import { type LiteralShape, literalShape } from './literal-shape.js';

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
 * @example
 * ```ts
 * createYoga({ schema, plugins: [useCompiledExecution()] });
 * ```
 */
export function useCompiledExecution({
  maxPlans = DEFAULT_MAX_PLANS,
  compileAfter = DEFAULT_COMPILE_AFTER,
  onPlan = () => {},
}: CompiledExecutionOptions = {}): Plugin {
  // By document, then by the operation name asked for (a name the document lacks has no shape).
  const shapes = new WeakMap<object, Map<string, LiteralShape | null>>();
  // Plans by shape key, least recently used first; null: graphql-jit cannot compile the shape.
  const plans = new BoundedMap<string, Plan | null>(maxPlans);
  // Shapes seen but not compiled yet, with how often they ran.
  const sightings = new BoundedMap<string, number>(maxPlans);

  function planOf(shape: LiteralShape, compile: () => Plan | null): Plan | null {
    const kept = plans.get(shape.key);
    if (kept !== undefined) {
      onPlan(kept === null ? 'standard' : 'reused');
      return kept;
    }
    const seen = sightings.get(shape.key) ?? 0;
    if (seen < compileAfter) {
      sightings.set(shape.key, seen + 1);
      onPlan('standard');
      return null;
    }
    sightings.delete(shape.key);
    const plan = compile();
    plans.set(shape.key, plan);
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
      let shape = byName.get(args.operationName ?? '');
      if (shape === undefined) {
        shape = literalShape(args.schema, args.document, args.operationName);
        byName.set(args.operationName ?? '', shape);
      }
      if (shape === null) {
        onPlan('standard');
        return;
      }
      const { document, variables, defaults } = shape;
      const plan = planOf(shape, () => {
        const compiled = compileQuery(args.schema, document, args.operationName ?? undefined);
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
        const place = (done: ExecutionResult) => placed(done, plan.source, execution.document.loc?.source);
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
  return {
    ...result,
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
  };
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

/** A Map that keeps its `limit` most recently used entries. */
class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    // Most recently used last: delete and set again.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}
