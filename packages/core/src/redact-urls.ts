import { type RedactUrlOptions, redactUrl } from './redact-url.js';

/** `scheme://` and what follows up to a space, quote or angle bracket. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
/** Punctuation that ends a sentence rather than the URL. */
const TRAILING = /[.,;:!?)]+$/;

/**
 * Text with every URL in it redacted by {@link redactUrl}: no credentials,
 * paths, query strings or fragments (keys ride in any of them), whatever the
 * text came from (an upstream's error message quoting the URL it was called
 * at, a library's error, a resource name).
 *
 * @example
 * ```ts
 * import { redactUrls } from '@tokenomics/core';
 *
 * redactUrls('GET http://u:p@lcd:1317/pool?apikey=SECRET failed'); // 'GET http://lcd:1317/… failed'
 * redactUrls('rate limited: https://rpc.example/v2/KEY.'); // 'rate limited: https://rpc.example/….'
 * ```
 */
export function redactUrls(text: string, options: RedactUrlOptions = {}): string {
  return text.replace(URL_IN_TEXT, (match) => {
    const tail = TRAILING.exec(match)?.[0] ?? '';
    const redacted = redactUrl(match.slice(0, match.length - tail.length), options);
    return `${redacted === '(invalid URL)' ? '(URL redacted)' : redacted}${tail}`;
  });
}
