/** Options of {@link redactUrl}. */
export interface RedactUrlOptions {
  /**
   * Keep the path (default true). False replaces a path or query with `/…`,
   * for endpoints whose path holds the API key (`https://host/v2/KEY`).
   */
  keepPath?: boolean;
}

/**
 * A URL fit for messages, logs and answers: the scheme, host, port and path
 * only. The user name and password, the query string (API keys often ride
 * there) and the fragment are removed; text that is not a URL with a host
 * becomes `(invalid URL)`, since it may hold anything.
 *
 * @example
 * ```ts
 * redactUrl('http://user:pass@lcd.example:1317/rest?apikey=SECRET'); // 'http://lcd.example:1317/rest'
 * redactUrl('https://arb.example/v2/KEY', { keepPath: false }); // 'https://arb.example/…'
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
  if (options.keepPath ?? true) return `${origin}${parsed.pathname}`;
  return `${origin}${(parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search || parsed.hash ? '/…' : ''}`;
}
