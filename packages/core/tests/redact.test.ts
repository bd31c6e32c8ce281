import { describe, expect, it } from 'vitest';
import { loadWithTimeout, redactError, redactUrl, redactUrls, resourceName } from '../src/index.js';

describe('redactUrl', () => {
  it('removes the user name, password, query string and fragment; keeps scheme, host, port and path', () => {
    expect(redactUrl('http://user:pass@127.0.0.1:1317/rest/?apikey=SECRET#frag')).toBe(
      'http://127.0.0.1:1317/rest/',
    );
    expect(redactUrl('https://api.synternet.com')).toBe('https://api.synternet.com/');
    expect(redactUrl('redis://:hunter2@cache.internal:6379/0')).toBe('redis://cache.internal:6379/0');
  });

  it('hides the path too when asked (keys in the path)', () => {
    expect(redactUrl('https://arb.example/v2/KEY', { keepPath: false })).toBe('https://arb.example/…');
    expect(redactUrl('https://arb.example/?key=KEY', { keepPath: false })).toBe('https://arb.example/…');
    expect(redactUrl('https://u:p@arb.example/', { keepPath: false })).toBe('https://arb.example');
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
    ).toBe('GET /cosmos/bank?denom=usynt via http://lcd:1317/x, then https://h/v2.');
  });

  it('replaces a URL that does not parse', () => {
    expect(redactUrls('see http://host:99999/?k=SECRET')).toBe('see (URL redacted)');
  });
});

describe('redactError', () => {
  it('copies name, message, stack and cause with their URLs redacted', () => {
    const inner = new TypeError('connect to http://u:PASS@h/?apikey=SECRET refused');
    const outer = new Error('read of http://h/?apikey=SECRET failed', { cause: inner });
    const copy = redactError(outer);
    const text = JSON.stringify({ m: copy.message, s: copy.stack, c: (copy.cause as Error).stack });
    expect(text).not.toMatch(/SECRET|PASS/);
    expect(copy.message).toBe('read of http://h/ failed');
    expect((copy.cause as Error).name).toBe('TypeError');
    expect((copy.cause as Error).message).toBe('connect to http://h/ refused');
  });
});

describe('upstream errors', () => {
  const secretKey = 'GET http://user:pass@127.0.0.1:9/pool?apikey=SECRET';

  it('name a request by its key with the URL redacted when it has no resource', () => {
    expect(resourceName({ key: secretKey })).toBe('GET http://127.0.0.1:9/pool');
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
    expect(seen).not.toMatch(/pass|SECRET/);
    expect(error.message).toBe(
      'GET http://127.0.0.1:9/pool failed: Request cannot be constructed from a URL that includes credentials: GET http://127.0.0.1:9/pool',
    );
  });
});
