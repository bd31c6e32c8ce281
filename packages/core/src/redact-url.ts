/** Options of {@link redactUrl}. */
export interface RedactUrlOptions {
  /**
   * Keep the path (default false). By default a path, query or fragment is
   * replaced with `/…`: providers put API keys in paths
   * (`https://arb.example/v2/KEY`) as well as in queries, so no text a client
   * or a log can see shows a configured upstream's path. True keeps the path
   * (never the query), for URLs known to carry no secret.
   */
  keepPath?: boolean;
}

/**
 * A URL fit for messages, logs and answers: the scheme, host and port only.
 * The user name and password are removed, and a path, query string or
 * fragment becomes `/…` (API keys ride in any of them); text that is not a
 * URL with a host becomes `(invalid URL)`, since it may hold anything.
 * Redacting a redacted URL gives it back unchanged.
 *
 * @example
 * ```ts
 * import { redactUrl } from '@tokenomics/core';
 *
 * redactUrl('http://user:pass@lcd.example:1317/rest?apikey=SECRET'); // 'http://lcd.example:1317/…'
 * redactUrl('https://arb.example/v2/KEY'); // 'https://arb.example/…'
 * redactUrl('https://api.synternet.com/'); // 'https://api.synternet.com'
 * redactUrl('redis://:pw@cache:6379/0', { keepPath: true }); // 'redis://cache:6379/0'
 * ```
 */
export function redactUrl(url: string, options: RedactUrlOptions = {}): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(invalid URL)';
  }
  // `user:pass@host` parses as scheme `user:` with an opaque path: no host, nothing to show.
  if (!parsed.host) return '(invalid URL)';
  const origin = `${parsed.protocol}//${parsed.host}`;
  if (options.keepPath ?? false) return `${origin}${parsed.pathname}`;
  return `${origin}${(parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search || parsed.hash ? '/…' : ''}`;
}
