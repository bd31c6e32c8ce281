/**
 * Every error code the gateway and its adapters raise on purpose. The gateway
 * copies the code into GraphQL `extensions.code`.
 */
export const ERROR_CODES = [
  /** The input is malformed or out of range: a person can fix the query. */
  'BAD_INPUT',
  /** No such protocol, fee schedule or penalty rule. */
  'NOT_FOUND',
  /** An override names a parameter the model does not have. */
  'UNKNOWN_PARAMETER',
  /** The protocol's chain or node did not answer, or answered something unusable. */
  'UPSTREAM_UNAVAILABLE',
  /**
   * The protocol's chain or node answered data that parses but cannot be
   * right: another chain or denom, a height going backwards, a block time in
   * the future, a supply collapsing, a value outside its plausible bounds.
   * The upstream's fault, never the client's; the last good state is served
   * instead when there is one.
   */
  'UPSTREAM_INVALID',
  /** The query asks for more than the server allows (points, depth, size). */
  'LIMIT_EXCEEDED',
  /** The protocol or the gateway does not offer this (drift without a published model, updates without a history). */
  'NOT_SUPPORTED',
  /** The server's configuration is invalid; raised at start-up. */
  'CONFIGURATION',
  /** A bug: an invariant of the model does not hold. */
  'INTERNAL',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Options of {@link TokenomicsError}. */
export interface TokenomicsErrorOptions {
  /** Machine-readable facts a client may act on (the key, the valid values…). */
  details?: Record<string, unknown>;
  /** The underlying error, kept for logs; never shown to clients in production. */
  cause?: unknown;
}

/**
 * The one error base class of the project: a short message a person can act
 * on, a `code`, optional `details`, and the `cause` for logs.
 *
 * @example
 * ```ts
 * import { TokenomicsError } from '@tokenomics/core';
 *
 * throw new TokenomicsError('BAD_INPUT', 'stakes must not be negative', { details: { index: 2 } });
 * ```
 */
export class TokenomicsError extends Error {
  override readonly name: string = 'TokenomicsError';
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: TokenomicsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

/**
 * Whether a value is a {@link TokenomicsError}, across copies of this module.
 *
 * @example
 * ```ts
 * import { isTokenomicsError } from '@tokenomics/core';
 *
 * function notFoundAsNull(error: unknown): null {
 *   if (isTokenomicsError(error) && error.code === 'NOT_FOUND') return null;
 *   throw error;
 * }
 * ```
 */
export function isTokenomicsError(value: unknown): value is TokenomicsError {
  return (
    value instanceof TokenomicsError ||
    (value instanceof Error &&
      value.name === 'TokenomicsError' &&
      (ERROR_CODES as readonly string[]).includes(String((value as Error & { code?: unknown }).code)))
  );
}
