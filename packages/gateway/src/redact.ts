/** A URL inside text: a scheme, `://`, then anything up to a space or a quote (closing punctuation left out). */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]*[^\s"'<>`),.;:!?\]]/gi;

/**
 * Text fit for a log line: every URL in it cut to its scheme, host and port.
 * Provider URLs carry API keys in their user info, path or query
 * (`https://user:pass@host/v2/KEY?token=…`), so none of those survive; a
 * path or query is marked `/…`.
 *
 * @example
 * ```ts
 * redactUrls('GET https://u:p@rpc.example/v2/KEY failed'); // 'GET https://rpc.example/… failed'
 * redactUrls('redis://:pw@10.0.0.5:6379 is down'); // 'redis://10.0.0.5:6379 is down'
 * ```
 */
export function redactUrls(text: string): string {
  return text.replace(URL_IN_TEXT, (match) => {
    const scheme = match.slice(0, match.indexOf(':'));
    try {
      const url = new URL(match);
      const rest = (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash ? '/…' : '';
      return `${url.protocol}//${url.host}${rest}`;
    } catch {
      return `${scheme}://…`;
    }
  });
}
