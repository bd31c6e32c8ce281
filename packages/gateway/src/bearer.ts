import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether an `Authorization` header carries exactly `Bearer <token>`. The
 * comparison takes the same time whatever the header (both sides are hashed
 * to equal lengths, then compared in constant time), so the token cannot be
 * guessed a character at a time.
 *
 * @example
 * ```ts
 * import { bearerMatches } from './bearer.js';
 *
 * declare const request: Request;
 *
 * bearerMatches(request.headers.get('authorization'), process.env.METRICS_TOKEN ?? ''); // true or false
 * ```
 */
export function bearerMatches(header: string | null | undefined, token: string): boolean {
  if (token === '') return false;
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(token)) && match !== null;
}
