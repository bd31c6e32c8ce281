import { type ExecutionResult, GraphQLError, type Source, type SourceLocation } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { isPromise, type Plugin } from 'graphql-yoga';
import { type LiteralShape, literalShape } from './literal-shape.js';

/** Compiled plans kept per gateway (least recently used dropped first). */
export const DEFAULT_MAX_PLANS = 500;

/** How a query ran: on a plan compiled for it, on a kept plan, or on the standard executor. */
export type PlanOutcome = 'compiled' | 'reused' | 'standard';

/** Options of {@link useCompiledExecution}. */
export interface CompiledExecutionOptions {
  /** Plans kept (least recently used dropped first). Default {@link DEFAULT_MAX_PLANS}. */
  maxPlans?: number;
  /** Told how each query ran (metrics, tests). */
  onPlan?: (outcome: PlanOutcome) => void;
}

/**
 * Runs queries as graphql-jit plans, one per {@link LiteralShape}: the
 * literals of field arguments become variables, so queries that differ only
 * in them (every new `from`/`to` of a schedule) share a plan, and the plan's
 * code is already optimized by V8 when the next one arrives. A plan compiled
 * per document would be new, unoptimized code for every such query, slower
 * than the standard executor.
 *
 * Documents the shape does not cover (several operations, introspection,
 * variables inside object literals) and documents graphql-jit cannot compile
 * run on the standard executor. Runs after validation, so a literal is
 * already known to parse.
 *
 * @example
 * ```ts
 * createYoga({ schema, plugins: [useCompiledExecution()] });
 * ```
 */
export function useCompiledExecution({
  maxPlans = DEFAULT_MAX_PLANS,
  onPlan = () => {},
}: CompiledExecutionOptions = {}): Plugin {
  // By document, then by the operation name asked for (a name the document lacks has no shape).
  const shapes = new WeakMap<object, Map<string, LiteralShape | null>>();
  const plans = new Map<string, CompiledQuery | null>();

  function planOf(shape: LiteralShape, compile: () => CompiledQuery | null): CompiledQuery | null {
    let plan = plans.get(shape.key);
    if (plan === undefined) {
      plan = compile();
      if (plans.size >= maxPlans) plans.delete(plans.keys().next().value as string);
      onPlan(plan === null ? 'standard' : 'compiled');
    } else {
      plans.delete(shape.key);
      onPlan(plan === null ? 'standard' : 'reused');
    }
    plans.set(shape.key, plan);
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
        return isCompiledQuery(compiled) ? compiled : null;
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
        const source = execution.document.loc?.source;
        return isPromise(result) ? result.then((done) => placed(done, source)) : placed(result, source);
      });
    },
  };
}

/**
 * A plan's errors as graphql-js errors placed in this request's source:
 * graphql-jit gives line and column but no nodes, and yoga rebuilds every
 * error from nodes or source positions. The plan's fields sit where this
 * document's do (the shape's key says so), so the positions are this document's.
 */
function placed(result: ExecutionResult, source: Source | undefined): ExecutionResult {
  if (!result.errors?.length) return result;
  return {
    ...result,
    errors: result.errors.map(
      (error) =>
        new GraphQLError(error.message, {
          ...(source && error.locations
            ? { source, positions: error.locations.map((location) => offsetOf(source.body, location)) }
            : {}),
          path: error.path,
          originalError: error.originalError ?? undefined,
          extensions: error.extensions,
        }),
    ),
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
