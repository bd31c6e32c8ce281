import { redactUrls } from './redact-urls.js';

/**
 * A copy of an error fit to keep as a `cause` (logs print causes, message and
 * stack): the same name, message and stack with every URL redacted by
 * {@link redactUrls}, and its own cause redacted likewise. Libraries quote the
 * URL they called, API key and all; this keeps the story without the secret.
 *
 * @example
 * ```ts
 * import { redactError, TokenomicsError } from '@tokenomics/core';
 *
 * try {
 *   await fetch('https://lcd.example.org/pool?apikey=secret');
 * } catch (error) {
 *   throw new TokenomicsError('UPSTREAM_UNAVAILABLE', 'pool failed', { cause: redactError(error) });
 * }
 * ```
 */
export function redactError(error: unknown, depth = 0): Error {
  if (!(error instanceof Error)) return new Error(redactUrls(String(error)));
  const copy = new Error(redactUrls(error.message));
  copy.name = error.name;
  copy.stack = error.stack === undefined ? undefined : redactUrls(error.stack);
  // A bounded walk: cause chains can be cyclic.
  if (error.cause !== undefined && depth < 5) copy.cause = redactError(error.cause, depth + 1);
  return copy;
}
