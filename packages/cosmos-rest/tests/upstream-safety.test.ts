import { createDirectReader, loadWithTimeout } from '@tokenomics/core';
import { type LoopbackServer, listenOnLoopback } from '@tokenomics/core/testing/loopback';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  bankSupplyByDenom,
  LCD_PATHS,
  mintInflation,
  normalizeBaseUrl,
  optionalEndpoint,
  stakingPool,
} from '../src/index.js';
import { codedFailure, type FakeLcd, startFakeLcd } from '../src/testing/index.js';
import { EXAMPLE_CHAIN_STATE } from './example-chain.js';

const SECRETS = /pass|SECRET|PATHKEY/;
const MiB = 1_048_576;

/** Where a provider puts the API key in the path: the fake LCD serves under it. */
const KEY_PATH = '/v2/PATHKEY';
/** An LCD base URL with credentials and API keys in the path and the query, as providers hand them out. */
const withSecrets = (url: string) =>
  url.replace('http://', 'http://user:pass@').concat(`${KEY_PATH}?apikey=SECRET`);

describe('an LCD URL with credentials and API keys (path and query)', () => {
  let lcd: FakeLcd;
  beforeAll(async () => {
    lcd = await startFakeLcd({ base: EXAMPLE_CHAIN_STATE, basePath: KEY_PATH });
  });
  afterAll(async () => {
    await lcd.close();
  });
  afterEach(() => lcd.setFault('*', null));

  it('is accepted, and reads send the credentials as Basic auth and the key with every path', async () => {
    const seen: Array<{ url: string; authorization: string | null }> = [];
    const request = bankSupplyByDenom(withSecrets(lcd.url), 'usynt', {
      fetch: (input, init) => {
        seen.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
        return fetch(input, init);
      },
    });
    const { value } = await createDirectReader({ timeoutMs: 5_000 }).read(request);
    expect(value.amount).toEqual({ denom: 'usynt', amount: '1000000000000000' });
    expect(seen).toEqual([
      {
        url: `${lcd.url}${KEY_PATH}${LCD_PATHS.supplyByDenom}?apikey=SECRET&denom=usynt`,
        authorization: `Basic ${Buffer.from('user:pass').toString('base64')}`,
      },
    ]);
  });

  it('shows neither the password nor the keys in the request it describes: the base URL is cut after its host', () => {
    const request = stakingPool(withSecrets(lcd.url));
    expect(request.url).toBe(`${lcd.url}/…${LCD_PATHS.stakingPool}`);
    expect(stakingPool(lcd.url).url).toBe(`${lcd.url}${LCD_PATHS.stakingPool}`);
    expect(request.resource).toBe(`GET ${LCD_PATHS.stakingPool}`);
  });

  it.each([
    ['an HTTP 500', () => lcd.setFault('*', { kind: 'status', status: 500 })],
    [
      'an HTTP 500 whose message quotes the URL called',
      () => lcd.setFault('*', { kind: 'status', status: 500, message: 'no backend for {url}' }),
    ],
    ['a wrong shape', () => lcd.setFault('*', { kind: 'wrong-shape' })],
    ['a body that is not JSON', () => lcd.setFault('*', { kind: 'malformed' })],
  ])('keeps them out of the error on %s', async (_name, inject) => {
    inject();
    const error = await codedFailure(loadWithTimeout(stakingPool(withSecrets(lcd.url)), 5_000));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toMatch(SECRETS);
  });

  it('keeps them out of the error when the quoted URL reaches the message', async () => {
    lcd.setFault('*', { kind: 'status', status: 500, message: 'no backend for {url}' });
    const error = await codedFailure(loadWithTimeout(stakingPool(withSecrets(lcd.url)), 5_000));
    expect(error.message).toBe(
      `GET ${LCD_PATHS.stakingPool} answered HTTP 500 (no backend for ${lcd.url}/…)`,
    );
  });

  it('keeps them out of the error when fetch itself quotes the URL, cause included', async () => {
    const request = stakingPool(withSecrets(lcd.url), {
      fetch: async (input) => {
        throw new TypeError(`fetch to ${String(input)} failed`);
      },
    });
    const error = await codedFailure(loadWithTimeout(request, 5_000));
    expect(error.message).toBe(
      `GET ${LCD_PATHS.stakingPool} could not be read: fetch to ${lcd.url}/… failed`,
    );
    const cause = error.cause as Error;
    expect(JSON.stringify([error.message, error.details, cause.message, cause.stack])).not.toMatch(SECRETS);
  });

  it('keeps them out of the error on a refused connection, cause included', async () => {
    const closed = await startFakeLcd({ base: EXAMPLE_CHAIN_STATE });
    await closed.close();
    const error = await codedFailure(loadWithTimeout(stakingPool(withSecrets(closed.url)), 5_000));
    expect(error.details.reason).toBe('network');
    const cause = error.cause as Error;
    expect(JSON.stringify([error.message, error.details, cause.message, cause.stack])).not.toMatch(SECRETS);
  });

  it('keeps them out of a configuration error', () => {
    let message = '';
    try {
      normalizeBaseUrl('ftp://user:pass@lcd.example/?apikey=SECRET');
    } catch (error) {
      message = JSON.stringify([(error as Error).message, (error as { details: unknown }).details]);
    }
    expect(message).toContain('ftp://lcd.example/…');
    expect(message).not.toMatch(SECRETS);
  });
});

describe('the body cap', () => {
  let server: LoopbackServer;
  const sent = { bytes: 0, closed: false };
  beforeAll(async () => {
    // 100 MB of padding that never ends in valid JSON, streamed with back-pressure.
    server = await listenOnLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      res.on('close', () => {
        sent.closed = true;
      });
      const pump = () => {
        while (sent.bytes < 100 * MiB && !sent.closed) {
          sent.bytes += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!sent.closed) res.end();
      };
      pump();
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('cuts a 100 MB answer off at the cap with an error naming the path', async () => {
    const request = stakingPool(`http://127.0.0.1:${server.port}`);
    const error = await codedFailure(loadWithTimeout(request, 10_000, { maxBodyBytes: MiB }));
    expect(error).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: `GET ${LCD_PATHS.stakingPool} answered a body larger than ${MiB} bytes; the rest was not read`,
      details: { resource: `GET ${LCD_PATHS.stakingPool}`, reason: 'too-large', maxBytes: MiB },
    });
    await expect.poll(() => sent.closed, { timeout: 5_000 }).toBe(true);
    expect(sent.bytes).toBeLessThan(20 * MiB);
  });
});

describe('parse: the same validation for a kept answer', () => {
  it('accepts an answer of the schema and refuses one that is not', () => {
    const pool = stakingPool('http://lcd.example');
    const good = { pool: { not_bonded_tokens: '1', bonded_tokens: '7' } };
    expect(pool.parse(good)).toEqual(good);
    expect(() => pool.parse({ pool: { not_bonded_tokens: '1', bonded_tokens: 7 } })).toThrow(
      expect.objectContaining({
        code: 'UPSTREAM_UNAVAILABLE',
        details: expect.objectContaining({ reason: 'shape' }),
      }),
    );
  });

  it('checks an optional endpoint’s kept answer, served or not', () => {
    const inflation = optionalEndpoint(mintInflation('http://lcd.example'));
    expect(inflation.parse({ served: false, status: 501 })).toEqual({ served: false, status: 501 });
    expect(inflation.parse({ served: true, value: { inflation: '0.13' } })).toEqual({
      served: true,
      value: { inflation: '0.13' },
    });
    expect(() => inflation.parse({ served: false, status: 200 })).toThrow(/unexpected shape/);
    expect(() => inflation.parse({ served: true, value: { inflation: 0.13 } })).toThrow(/unexpected shape/);
  });
});
