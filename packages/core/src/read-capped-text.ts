import { TokenomicsError } from './errors.js';

/** The default cap of an upstream answer's body, in bytes (1 MiB). */
export const DEFAULT_UPSTREAM_MAX_BODY_BYTES = 1_048_576;

function tooLarge(resource: string, maxBytes: number, size: number): TokenomicsError {
  return new TokenomicsError(
    'UPSTREAM_UNAVAILABLE',
    `${resource} answered a body larger than ${maxBytes} bytes; the rest was not read`,
    { details: { resource, reason: 'too-large', maxBytes, size } },
  );
}

/**
 * Reads a fetch response's body as UTF-8 text, at most `maxBytes` of it: a
 * `Content-Length` above the cap fails before any byte is read, and a body
 * that grows past it is cancelled there (the connection is not drained).
 *
 * @throws TokenomicsError UPSTREAM_UNAVAILABLE (`details.reason: 'too-large'`) naming the resource
 * @example
 * ```ts
 * import { readCappedText } from '@tokenomics/core';
 *
 * const url = 'https://lcd.example.org/cosmos/staking/v1beta1/pool';
 * const text = await readCappedText(await fetch(url), 1_048_576, 'GET /cosmos/staking/v1beta1/pool');
 * ```
 */
export async function readCappedText(
  response: Response,
  maxBytes: number,
  resource: string,
): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(resource, maxBytes, declared);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(resource, maxBytes, size);
      }
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  } finally {
    reader.releaseLock();
  }
}
