import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

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
};

function limitError(message: string): GraphQLError {
  return new GraphQLError(message.replace(/^Syntax Error: /, ''), {
    extensions: { code: 'LIMIT_EXCEEDED', http: { status: 400 } },
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
 */
export function useBodyLimit(maxBytes: number): Plugin {
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
  };
}
