/** A value whose JSON is written in one piece: not an object, or an object or array holding no object. */
function isFlat(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    if (typeof item === 'object' && item !== null) return false;
  }
  return true;
}

/**
 * `JSON.stringify(value)` written piece by piece: the concatenation of the
 * pieces is exactly its text, for a plain JSON value (objects, arrays,
 * strings, numbers, booleans, null; no `toJSON`, as an execution result's
 * data is). An object or array holding no object is one piece; a list of
 * thousands of rows is one piece per row, so a writer can stop between them.
 *
 * @example
 * ```ts
 * import { jsonPieces } from './json-pieces.js';
 *
 * [...jsonPieces({ points: [{ at: 'a' }, { at: 'b' }] })].join(''); // '{"points":[{"at":"a"},{"at":"b"}]}'
 * ```
 */
export function* jsonPieces(value: unknown): Generator<string> {
  if (isFlat(value)) {
    // JSON.stringify(undefined) is undefined: an array writes it as null (an object skips it, below).
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      yield* jsonPieces(value[i]);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(item);
  }
  yield '}';
}
