import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { type ExecutionArgs, GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ANSWER_WRITTEN } from './answer-text.js';
import { requestCost } from './request-cost.js';
import { workGate } from './work-gate.js';

/** Limits on what one request may ask for. */
export interface DocumentLimits {
  /** Deepest field nesting. */
  maxDepth: number;
  /** Aliases in one document. */
  maxAliases: number;
  /** Lexical tokens in one document. */
  maxTokens: number;
  /** graphql-armor's cost estimate (objects 2, scalars 1, deeper costs more). */
  maxCost: number;
  /** Bytes of a request body. */
  maxBodyBytes: number;
  /**
   * Units of work one request may ask for, summed over every field and alias
   * ({@link requestCost}): a schedule point, a stake or a protocol field is 1,
   * an override 10, and fields asked of `protocols` count once per protocol.
   */
  requestBudget: number;
  /** Stakes one `simulatePenalty` may take. */
  maxStakes: number;
  /** Overrides one field may take. */
  maxOverrides: number;
  /**
   * A request costing at least this many units ({@link requestCost}) is heavy:
   * heavy requests run at most {@link DocumentLimits.maxHeavyRequests} at a
   * time per process, the rest waiting their turn, so that long schedules
   * never crowd out the light requests (and the liveness probe) between them.
   */
  heavyRequestCost: number;
  /**
   * Heavy requests at once per process: executing, or having their long
   * answer written (which keeps the whole result alive), so that at most this
   * many heavy results are in memory at a time.
   */
  maxHeavyRequests: number;
  /** Heavy requests waiting their turn per process; one more is refused (429, RATE_LIMITED). */
  maxQueuedHeavyRequests: number;
  /**
   * The longest a heavy request keeps its slot once executed, while its
   * answer is written: a client that reads slowly (or not at all) holds the
   * queue up no longer than this.
   */
  heavyAnswerHoldMs: number;
}

/**
 * Defaults: the deepest useful query of the schema is 6 levels; GraphiQL's
 * introspection needs 15, and introspection counts (a deep `ofType` chain is
 * a classic depth bomb).
 */
export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxTokens: 2_000,
  maxCost: 20_000,
  maxBodyBytes: 102_400,
  // Five 10,000-point schedules, or thirteen 10-year daily ones: about a second of
  // work and 32 MB of results at most. The largest GraphiQL example costs 26.
  requestBudget: 50_000,
  maxStakes: 1_000,
  maxOverrides: 50,
  // Both protocols' 10-year daily schedules (7,308) are heavy; one protocol's (3,654) is not.
  heavyRequestCost: 5_000,
  maxHeavyRequests: 1,
  maxQueuedHeavyRequests: 64,
  // An 8 MB answer is written in well under a second to a client that reads.
  heavyAnswerHoldMs: 2_000,
};

function limitError(message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message.replace(/^Syntax Error: /, ''), {
    extensions: { code: 'LIMIT_EXCEEDED', ...details, http: { status: 400 } },
  });
}

/** graphql-armor's rejections, re-issued with the code LIMIT_EXCEEDED. */
function rejectAsLimit(context: ValidationContext | null, error: GraphQLError): void {
  if (context) context.reportError(limitError(error.message));
  // Token counting runs in the parser, before any validation context exists.
  else throw limitError(error.message);
}

const armor = { onReject: [rejectAsLimit], propagateOnRejection: false, exposeLimits: true };

/**
 * Depth, alias, token and cost limits on documents (graphql-armor), and a
 * request body limit; each refusal is a GraphQL error coded LIMIT_EXCEEDED.
 *
 * @example
 * ```ts
 * import { DEFAULT_DOCUMENT_LIMITS } from '@tokenomics/gateway';
 * import { type GraphQLSchema } from 'graphql';
 * import { createYoga } from 'graphql-yoga';
 * import { useDocumentLimits } from './limits.js';
 *
 * declare const schema: GraphQLSchema;
 *
 * createYoga({ schema, plugins: useDocumentLimits({ ...DEFAULT_DOCUMENT_LIMITS, maxDepth: 8 }) });
 * ```
 */
export function useDocumentLimits(limits: DocumentLimits): Plugin[] {
  return [
    useBodyLimit(limits.maxBodyBytes),
    maxTokensPlugin({ n: limits.maxTokens, ...armor }),
    maxDepthPlugin({ n: limits.maxDepth, ignoreIntrospection: false, flattenFragments: true, ...armor }),
    maxAliasesPlugin({ n: limits.maxAliases, ...armor }),
    costLimitPlugin({ maxCost: limits.maxCost, ignoreIntrospection: true, ...armor }),
  ] as Plugin[];
}

function refusal(status: number, message: string): Response {
  return Response.json({ errors: [{ message, extensions: { code: 'LIMIT_EXCEEDED' } }] }, { status });
}

/**
 * Refuses request bodies over `maxBytes` (413) before they are read, and
 * bodies of unknown length (411), so no client can stream an endless body.
 * Over HTTP that is every body: Node reads no more of one than its
 * `Content-Length` says, so yoga's own limit (which pipes every body through
 * a counting stream, at a cost of about a tenth of a small request's CPU) is
 * off (`maxRequestBodySize: false` in `createGateway`). A body without a
 * `Content-Length` (a `Request` made in this process) is counted as it is
 * read instead, and refused (413) once it is over.
 */
function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'POST') return;
      const header = request.headers.get('content-length');
      if (header === null) {
        if (request.headers.get('transfer-encoding')) {
          endResponse(refusal(411, 'send a Content-Length with the request body'));
        }
        return;
      }
      const length = Number(header);
      if (!Number.isFinite(length) || length > maxBytes) {
        endResponse(refusal(413, `request bodies may be at most ${maxBytes} bytes; this one is ${header}`));
      }
    },
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (!requestParser || request.body === null || request.headers.has('content-length')) return;
      setRequestParser((unread) => requestParser(countedBody(unread, maxBytes, fetchAPI)));
    },
  };
}

/** `request` with its body counted as it is read: more than `maxBytes` fails the read with a 413 LIMIT_EXCEEDED. */
function countedBody(
  request: Request,
  maxBytes: number,
  fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream },
): Request {
  const body = request.body;
  if (!body) return request;
  // A body made by Node's own fetch classes is piped through Node's TransformStream, others through yoga's.
  const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let read = 0;
  const counted = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > maxBytes) {
          controller.error(
            new GraphQLError(`request bodies may be at most ${maxBytes} bytes; this one is longer`, {
              extensions: { code: 'LIMIT_EXCEEDED', http: { status: 413 } },
            }),
          );
        } else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: counted,
    duplex: 'half',
  } as RequestInit);
}

/** The first few of many problems, and how many more there are: an answer stays short. */
function listed(problems: readonly string[], shown = 3): string {
  const more = problems.length - shown;
  return problems.slice(0, shown).join('; ') + (more > 0 ? `; and ${more} more such fields` : '');
}

/** Options of {@link useRequestBudget}. */
export interface RequestBudgetOptions
  extends Pick<DocumentLimits, 'requestBudget' | 'maxStakes' | 'maxOverrides'>,
    Partial<
      Pick<
        DocumentLimits,
        'heavyRequestCost' | 'maxHeavyRequests' | 'maxQueuedHeavyRequests' | 'heavyAnswerHoldMs'
      >
    > {
  /** A schedule field's own limit on points. */
  maxSchedulePoints: number;
  /** How many protocols the gateway serves. */
  protocols: number;
  /** The request's "now" (a schedule's default `from`). */
  now(request: Request): Date;
}

/**
 * Refuses, before any resolver runs, a query or subscription whose {@link requestCost} is
 * over the budget, or one of whose fields has more stakes or overrides than
 * allowed: LIMIT_EXCEEDED (HTTP 400), the message saying what it costs and
 * how to ask for less. The cost is computed on the validated document with
 * the request's variables, so aliases, fragments and variables all count.
 *
 * @example
 * ```ts
 * import { DEFAULT_DOCUMENT_LIMITS, useRequestBudget } from '@tokenomics/gateway';
 * import { type GraphQLSchema } from 'graphql';
 * import { createYoga } from 'graphql-yoga';
 *
 * declare const schema: GraphQLSchema;
 *
 * createYoga({ schema, plugins: [useRequestBudget({ ...DEFAULT_DOCUMENT_LIMITS, maxSchedulePoints: 10_000, protocols: 2, now: () => new Date() })] });
 * ```
 */
export function useRequestBudget(options: RequestBudgetOptions): Plugin {
  const heavyCost = options.heavyRequestCost ?? Number.POSITIVE_INFINITY;
  const gate = workGate(
    options.maxHeavyRequests ?? DEFAULT_DOCUMENT_LIMITS.maxHeavyRequests,
    options.maxQueuedHeavyRequests ?? DEFAULT_DOCUMENT_LIMITS.maxQueuedHeavyRequests,
  );
  const holdMs = options.heavyAnswerHoldMs ?? DEFAULT_DOCUMENT_LIMITS.heavyAnswerHoldMs;
  // A heavy request's slot: released when its answer is written (a streamed one, ANSWER_WRITTEN) or has
  // gone (any other), and in any case `holdMs` after its execution ended.
  const slots = new WeakMap<Request, () => void>();
  const costOf = (args: ExecutionArgs): { refused: GraphQLError | null; total: number } => {
    const request = (args.contextValue as { request?: Request } | undefined)?.request;
    const cost = requestCost(args.schema, args.document, args.operationName, args.variableValues, {
      ...options,
      now: request ? options.now(request) : new Date(),
    });
    if (cost.overCaps.length > 0) {
      return { refused: limitError(`${listed(cost.overCaps)}; send fewer in one field`), total: cost.total };
    }
    if (cost.total > options.requestBudget) {
      const refused = limitError(
        `this request would cost ${cost.total} units of work; the budget is ${options.requestBudget}. ` +
          `It asks for ${cost.points} schedule points, ${cost.stakes} stakes, ${cost.overrides} overrides (10 each) ` +
          `and ${cost.fields} protocol fields (a field under \`protocols\` counts once per protocol). ` +
          'Ask for fewer aliases, shorter schedules or longer intervals, or fewer stakes or overrides, or split the request',
        { cost: cost.total, budget: options.requestBudget },
      );
      return { refused, total: cost.total };
    }
    return { refused: null, total: cost.total };
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const { refused, total } = costOf(args);
      if (refused) {
        setResultAndStopExecution({ errors: [refused] });
        return;
      }
      if (total < heavyCost) return;
      // Heavy: wait for a slot (in order), or be turned away when too many already wait.
      const ticket = gate.enter();
      if (ticket === null) {
        setResultAndStopExecution({ errors: [busyError(total, gate.stats().waiting)] });
        return;
      }
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      return ticket.then((release) => {
        if (!request) return { onExecuteDone: release };
        slots.set(request, release);
        return {
          onExecuteDone() {
            // The result lives on while its answer is written; never longer than holdMs for the queue.
            setTimeout(release, holdMs).unref();
          },
        };
      });
    },
    onResponse({ request }) {
      const release = slots.get(request);
      if (!release) return;
      slots.delete(request);
      const written = ANSWER_WRITTEN.get(request);
      if (written) void written.then(release);
      else release();
    },
    // A subscription is priced as a query is: each of its events computes the whole selection again.
    onSubscribe({ args, setResultAndStopExecution }) {
      const { refused } = costOf(args);
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
  };
}

/** Too many heavy requests already wait their turn: 429, RATE_LIMITED, retry in a second. */
function busyError(cost: number, waiting: number): GraphQLError {
  return new GraphQLError(
    `this request costs ${cost} units, which makes it heavy; heavy requests run one slot at a time and ` +
      `${waiting} already wait their turn. Retry in a moment, or ask for less (shorter schedules or longer intervals)`,
    {
      extensions: { code: 'RATE_LIMITED', cost, http: { status: 429, headers: { 'retry-after': '1' } } },
    },
  );
}
