import { CLIP_LENGTH, clip, type ErrorCode, isTokenomicsError } from '@tokenomics/core';
import { GraphQLError } from 'graphql';

/** Codes besides the core's that only the HTTP layer raises. */
export type GatewayErrorCode =
  | ErrorCode
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'INTERNAL_SERVER_ERROR';

/** The message a client sees for an error the gateway did not raise on purpose. */
export const MASKED_MESSAGE = 'Unexpected error.';

/**
 * The longest error message a client receives. The gateway's own messages
 * clip what they quote (core's `clip`) and stay under it; graphql-js quotes
 * whole variable values and names, which this bounds.
 */
export const MAX_ERROR_MESSAGE_LENGTH = 600;

/** How much of a variable's value graphql-js's "got invalid value" quotes, once clipped. */
const VARIABLE_VALUE_LENGTH = 100;

/**
 * Turns a coded error into a GraphQLError whose `extensions` carry the code,
 * the protocol id and the error's details, so one failing protocol is
 * reported without blanking the others.
 *
 * @example
 * ```ts
 * import { TokenomicsError } from '@tokenomics/core';
 * import { toGraphQLError } from './errors.js';
 *
 * throw toGraphQLError(new TokenomicsError('NOT_FOUND', 'no protocol "x"'), { protocol: 'x' });
 * ```
 */
export function toGraphQLError(error: unknown, extra: { protocol?: string } = {}): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (isTokenomicsError(error)) {
    return new GraphQLError(error.message, {
      originalError: error,
      extensions: { code: error.code, ...extra, ...error.details },
    });
  }
  // Unexpected: keep the cause for the masking step, which hides it in production.
  return new GraphQLError(MASKED_MESSAGE, {
    originalError: error instanceof Error ? error : new Error(String(error)),
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...extra, unexpected: true },
  });
}

/**
 * Runs an adapter call, turning what it throws into a coded GraphQLError that
 * names the protocol.
 */
export async function forProtocol<T>(protocol: string, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toGraphQLError(error, { protocol });
  }
}

/**
 * graphql-yoga's `maskError`: errors raised on purpose (coded errors, and
 * graphql-js's own parse, validation and coercion errors) pass through with
 * their code; anything else becomes "Unexpected error." with code
 * INTERNAL_SERVER_ERROR, and carries its message and stack only in development.
 * In production no error keeps an `extensions.originalError`.
 */
export function maskError(error: unknown, message: string, isDev = false): Error {
  return bounded(masked(error, message, isDev));
}

function masked(error: unknown, _message: string, isDev: boolean): GraphQLError {
  const graphQLError = error instanceof GraphQLError ? error : toGraphQLError(error);
  const original = graphQLError.originalError;
  // graphql-jit's own errors have no `extensions` (compiled plans convert theirs; this is the fallback).
  const extensions: Record<string, unknown> = graphQLError.extensions ?? {};
  if (isTokenomicsError(original) && extensions.code === undefined) {
    // Thrown straight from a resolver: graphql-js located it but could not know its code.
    return relocated(graphQLError, original.message, {
      originalError: original,
      extensions: { code: original.code, ...original.details },
    });
  }
  const intended =
    extensions.unexpected !== true &&
    (original === undefined || original instanceof GraphQLError || isTokenomicsError(original));
  if (intended) {
    // yoga puts the parser's error (which quotes the body) in `extensions.originalError` of an invalid
    // JSON body, in production too: developers only. Removed in place, as withDocumentCode adds its code.
    if (!isDev) delete extensions.originalError;
    return extensions.code === undefined ? withDocumentCode(graphQLError) : graphQLError;
  }
  const { unexpected: _unexpected, ...kept } = extensions;
  let cause: Error = graphQLError;
  while (cause instanceof GraphQLError && cause.originalError) cause = cause.originalError;
  return relocated(graphQLError, MASKED_MESSAGE, {
    extensions: {
      ...kept,
      code: 'INTERNAL_SERVER_ERROR',
      ...(isDev ? { originalError: { message: cause.message, stack: cause.stack?.split('\n') } } : {}),
    },
  });
}

const VARIABLE_PREFIX = /^Variable "\$[^"]*" got invalid value /;

/**
 * The error with at most a few hundred characters of client input: its
 * message clipped to {@link MAX_ERROR_MESSAGE_LENGTH} and every string in its
 * extensions to core's `CLIP_LENGTH`. A variable-coercion message (`Variable
 * "$q" got invalid value <the value>; <why>`) clips the quoted value and the
 * reason apart, so the reason (naming the broken rule) survives. Changed in place, as {@link withDocumentCode}
 * does: yoga logs every error that masking replaces, and a client's long
 * input is not a server error.
 */
function bounded(error: GraphQLError): GraphQLError {
  const reason = error.originalError?.message;
  const prefix = VARIABLE_PREFIX.exec(error.message)?.[0];
  let message = error.message;
  if (prefix !== undefined && reason !== undefined && message.endsWith(`; ${reason}`)) {
    const value = message.slice(prefix.length, message.length - reason.length - 2);
    // The reason may quote the value again (graphql-js's enum and scalar reasons do).
    message = `${prefix}${clip(value, VARIABLE_VALUE_LENGTH)}; ${clip(reason, MAX_ERROR_MESSAGE_LENGTH / 2)}`;
  }
  message = clip(message, MAX_ERROR_MESSAGE_LENGTH);
  if (message !== error.message) error.message = message;
  const extensions = error.extensions as Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(extensions ?? {})) {
    if (typeof value === 'string' && value.length > CLIP_LENGTH && extensions) extensions[key] = clip(value);
  }
  return error;
}

/**
 * graphql-js raises parse, validation and variable-coercion errors without a
 * code; give each the code a client can branch on. The error is kept (only
 * its extensions gain the code): yoga logs every error that masking replaces,
 * and a client's mistake is not a server error.
 */
function withDocumentCode(error: GraphQLError): GraphQLError {
  const code = error.message.startsWith('Syntax Error')
    ? 'GRAPHQL_PARSE_FAILED'
    : error.message.startsWith('Variable "$')
      ? 'BAD_INPUT'
      : 'GRAPHQL_VALIDATION_FAILED';
  if (error.extensions) (error.extensions as Record<string, unknown>).code = code;
  else return relocated(error, error.message, { extensions: { code } });
  return error;
}

/**
 * A new GraphQLError where `from` was: the same nodes, or source and
 * positions (compiled plans place their errors so), and path.
 */
function relocated(
  from: GraphQLError,
  message: string,
  options: { originalError?: Error; extensions: Record<string, unknown> },
): GraphQLError {
  return new GraphQLError(message, {
    nodes: from.nodes,
    source: from.source,
    positions: from.positions,
    path: from.path,
    ...options,
  });
}
