/**
 * The most characters of client input an error message or an error detail
 * echoes. An answer that repeats a client's megabyte back is an amplifier.
 */
export const CLIP_LENGTH = 200;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * Shortens text to at most `max` characters (UTF-16 code units) for an error
 * message or detail: longer text keeps its start and its end around an
 * ellipsis, never splitting a character. Text within `max` is returned as is.
 *
 * @param max - the longest result, at least 1; default {@link CLIP_LENGTH}
 * @example
 * ```ts
 * import { clip } from '@tokenomics/core';
 *
 * clip('12.5'); // '12.5'
 * clip('1234567890e10000000', 12); // '123456789…00'
 * clip('x'.repeat(10_000_000)).length; // 200
 * ```
 */
export function clip(text: string, max: number = CLIP_LENGTH): string {
  if (text.length <= max) return text;
  const budget = Math.max(0, Math.floor(max) - 1);
  const tailLength = Math.floor(budget / 4);
  let headEnd = budget - tailLength;
  let tailStart = text.length - tailLength;
  if (headEnd > 0 && isHighSurrogate(text.charCodeAt(headEnd - 1))) headEnd -= 1;
  if (tailStart < text.length && isLowSurrogate(text.charCodeAt(tailStart))) tailStart += 1;
  return `${text.slice(0, headEnd)}…${text.slice(tailStart)}`;
}
