import { describe, expect, it } from 'vitest';
import { loadWithTimeout, redactError, redactUrl, redactUrls, resourceName } from '../src/index.js';

describe('redactUrl', () => {
  it('keeps scheme, host and port; a path, query string or fragment becomes "/…" (keys ride in paths)', () => {
    expect(redactUrl('http://user:pass@127.0.0.1:1317/rest/?apikey=SECRET#frag')).toBe(
      'http://127.0.0.1:1317/…',
    );
    expect(redactUrl('https://arb.example/v2/KEY')).toBe('https://arb.example/…');
    expect(redactUrl('https://arb.example/?key=KEY')).toBe('https://arb.example/…');
    expect(redactUrl('https://u:p@arb.example/')).toBe('https://arb.example');
    expect(redactUrl('https://api.synternet.com')).toBe('https://api.synternet.com');
    // Redacting twice gives the same text (no "%E2%80%A6").
    expect(redactUrl(redactUrl('https://arb.example/v2/KEY'))).toBe('https://arb.example/…');
  });

  it('keeps the path only when asked (a URL that is not a configured upstream)', () => {
    expect(redactUrl('http://user:pass@127.0.0.1:1317/rest/?apikey=SECRET#frag', { keepPath: true })).toBe(
      'http://127.0.0.1:1317/rest/',
    );
    expect(redactUrl('redis://:hunter2@cache.internal:6379/0', { keepPath: true })).toBe(
      'redis://cache.internal:6379/0',
    );
  });

  it('never echoes text that is not a URL', () => {
    expect(redactUrl('user:pass@host?apikey=SECRET')).toBe('(invalid URL)');
  });
});

describe('redactUrls', () => {
  it('redacts every URL inside a text and leaves the rest alone', () => {
    expect(
      redactUrls(
        'GET /cosmos/bank?denom=usynt via http://u:p@lcd:1317/x?apikey=SECRET, then https://h/v2?token=T.',
      ),
    ).toBe('GET /cosmos/bank?denom=usynt via http://lcd:1317/…, then https://h/….');
  });

  it('replaces a URL that does not parse', () => {
    expect(redactUrls('see http://host:99999/?k=SECRET')).toBe('see (URL redacted)');
  });
});

describe('redactError', () => {
  it('copies name, message, stack and cause with their URLs redacted', () => {
    const inner = new TypeError('connect to http://u:PASS@h/v2/PATHKEY?apikey=SECRET refused');
    const outer = new Error('read of http://h/v2/PATHKEY?apikey=SECRET failed', { cause: inner });
    const copy = redactError(outer);
    const text = JSON.stringify({ m: copy.message, s: copy.stack, c: (copy.cause as Error).stack });
    expect(text).not.toMatch(/SECRET|PASS|PATHKEY/);
    expect(copy.message).toBe('read of http://h/… failed');
    expect((copy.cause as Error).name).toBe('TypeError');
    expect((copy.cause as Error).message).toBe('connect to http://h/… refused');
  });
});

describe('upstream errors', () => {
  const secretKey = 'GET http://user:pass@127.0.0.1:9/v2/PATHKEY/pool?apikey=SECRET';

  it('name a request by its key with the URL redacted when it has no resource', () => {
    expect(resourceName({ key: secretKey })).toBe('GET http://127.0.0.1:9/…');
  });

  it('carry neither the credentials nor the query string of what failed, in message or cause', async () => {
    const failing = {
      key: secretKey,
      load: async () => {
        throw new TypeError(
          `Request cannot be constructed from a URL that includes credentials: ${secretKey}`,
        );
      },
    };
    const error = await loadWithTimeout(failing, 1_000).catch((caught: unknown) => caught as Error);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    const seen = JSON.stringify({
      message: error.message,
      details: (error as { details?: unknown }).details,
      cause: (error.cause as Error).message,
      stack: (error.cause as Error).stack,
    });
    expect(seen).not.toMatch(/pass|SECRET|PATHKEY/);
    expect(error.message).toBe(
      'GET http://127.0.0.1:9/… failed: Request cannot be constructed from a URL that includes credentials: GET http://127.0.0.1:9/…',
    );
  });
});
