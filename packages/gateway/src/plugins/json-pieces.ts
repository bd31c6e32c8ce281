/** A value whose JSON is written in one piece: not an object, or an object or array holding no object. */
function isFlat(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object' && item !== null) return false;
    return true;
  }
  // for…in rather than Object.values: no array made for each of a long list's rows.
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null) return false;
  }
  return true;
}

/**
 * Flat items of a list written per piece, by one `JSON.stringify`: a long
 * schedule's rows made one string (and one generator) each were a fifth of
 * everything the process allocated under the hostile soak (issue 11).
 */
export const ITEMS_PER_PIECE = 64;

/**
 * `JSON.stringify(value)` written piece by piece: the concatenation of the
 * pieces is exactly its text, for a plain JSON value (objects, arrays,
 * strings, numbers, booleans, null; no `toJSON`, as an execution result's
 * data is). An object or array holding no object is one piece; a list of
 * thousands of rows is one piece per {@link ITEMS_PER_PIECE} rows, so a
 * writer can stop between them.
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
    let i = 0;
    while (i < value.length) {
      // A run of flat items (up to ITEMS_PER_PIECE) is one piece: its JSON without the brackets.
      let end = i;
      while (end < value.length && end - i < ITEMS_PER_PIECE && isFlat(value[end])) end++;
      if (end > i) {
        const text = JSON.stringify(value.slice(i, end));
        yield `${i > 0 ? ',' : ''}${text.slice(1, -1)}`;
        i = end;
        continue;
      }
      if (i > 0) yield ',';
      yield* jsonPieces(value[i]);
      i++;
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
