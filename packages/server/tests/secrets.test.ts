import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import { type FakeArbitrum, startFakeArbitrum } from '@tokenomics/adapter-session/testing';
import { SYNTERNET_GENESIS_STATE } from '@tokenomics/adapter-synternet/testing';
import { type FakeLcd, startFakeLcd } from '@tokenomics/cosmos-rest/testing';
import { type CacheStore, createGateway, keyvStore, memoryStore } from '@tokenomics/gateway';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closedRedisUrl, startRedis, type TestRedis } from '../../gateway/tests/redis-server.js';
import { createAdapters, loadConfig } from './server-config.js';

/**
 * Upstream URLs with credentials, an API key in the path and one in the query
 * (`http://user:pass@host/v2/PATHKEY?apikey=SECRET`) are used, and shown
 * nowhere: not in /health, GraphQL answers (errors included), logs, /metrics,
 * nor Redis.
 */
const LEAK = /\bpass\b|SECRET|PATHKEY|dXNlcjpwYXNz/; // the password, the keys, and `user:pass` in base64
/** Where the providers' keys ride: the fake LCD serves under it, the fake RPC answers on any path. */
const KEY_PATH = '/v2/PATHKEY';
const QUERY =
  '{ protocols { id source { kind description stale error { code message } } supply { total } } }';

let chain: FakeArbitrum;
let lcd: FakeLcd;
let redis: TestRedis;
beforeAll(async () => {
  [chain, lcd, redis] = await Promise.all([
    startFakeArbitrum(),
    startFakeLcd({ base: SYNTERNET_GENESIS_STATE, basePath: KEY_PATH }),
    startRedis(),
  ]);
});
afterAll(async () => {
  await Promise.all([chain.close(), lcd.close(), redis?.stop()]);
});

const withSecrets = (url: string) =>
  `${url.replace(/\/$/, '').replace('http://', 'http://user:pass@')}${KEY_PATH}?apikey=SECRET`;

/** A gateway on loopback over the given upstreams, logging at debug into `lines`. */
async function serve(urls: { rpc: string; lcd: string }, store: CacheStore, production: boolean) {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  const config = loadConfig({
    cwd: mkdtempSync(join(tmpdir(), 'tokenomics-secrets-')),
    env: { SESSION_RPC_URL: withSecrets(urls.rpc), SYNTERNET_LCD_URL: withSecrets(urls.lcd) },
  });
  const gateway = createGateway({
    adapters: await createAdapters(config),
    cacheStore: store,
    cacheTtlSeconds: 1,
    upstreamTimeoutMs: 1_000,
    upstreamCircuit: { failures: 2, cooldownMs: 60_000 },
    production,
    logger,
  });
  const running = await gateway.listen(0, '127.0.0.1');
  const base = running.url.replace('/graphql', '');
  const seen: string[] = [];
  const get = async (path: string) => {
    const text = await (await fetch(`${base}${path}`)).text();
    seen.push(text);
    return text;
  };
  const query = async () => {
    const response = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    const text = await response.text();
    seen.push(text);
    return JSON.parse(text);
  };
  return {
    lines,
    seen,
    get,
    query,
    close: () => Promise.all([running.close(), gateway.close()]),
  };
}

describe.each([
  ['production', true],
  ['development', false],
])('upstream URLs with credentials and an API key (%s mode)', (_mode, production) => {
  it('work, and appear nowhere: /health, answers, errors, logs, /metrics, Redis keys and values', async () => {
    chain.fail(null);
    lcd.setFault('*', null);
    const shared = await serve({ rpc: chain.url, lcd: lcd.url }, keyvStore(redis.url), production);
    const raw = createClient({ url: redis.url });
    try {
      const fresh = await shared.query();
      expect(fresh.errors).toBeUndefined();
      expect(fresh.data.protocols.map((p: { source: { kind: string } }) => p.source.kind)).toEqual([
        'LIVE',
        'LIVE',
      ]);
      expect(fresh.data.protocols[0].source.description).toContain('via http://127.0.0.1:');
      expect(JSON.parse(await shared.get('/health'))).toMatchObject({ status: 'ok' });
      // What the reads left in Redis: hashed keys, and values without the secrets.
      await raw.connect();
      const keys = await raw.keys('*');
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect(key).toMatch(/^tokenomics:v2:[0-9a-f]{64}$/);
      const values = await Promise.all(keys.map((key) => raw.get(key)));
      expect(values.filter((value) => value === null || LEAK.test(value))).toEqual([]);

      // Both upstreams fail, quoting the URL they were called at (key path and all, as some
      // providers do): past the TTL, the last good state is served while refreshes fail (and are logged).
      chain.fail({ mode: 'rpc-error', message: 'rate limited: {url}' });
      lcd.setFault('*', { kind: 'status', status: 500, message: 'no backend for {url}' });
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await vi.waitFor(
        async () => {
          await shared.query();
          expect(shared.lines.join('\n')).toContain('an upstream keeps failing');
        },
        { timeout: 10_000, interval: 200 },
      );
      await shared.get('/health');
      await shared.get('/metrics');

      // Cold instances: a failing upstream and a refused one, so the answers carry the errors.
      const cold = await serve({ rpc: chain.url, lcd: lcd.url }, memoryStore(), production);
      const closedRpc = (await closedRedisUrl()).replace('redis://', 'http://');
      const closedLcd = (await closedRedisUrl()).replace('redis://', 'http://');
      const refused = await serve({ rpc: closedRpc, lcd: closedLcd }, memoryStore(), production);
      try {
        for (const instance of [cold, refused]) {
          const answer = await instance.query();
          expect(answer.errors?.length).toBeGreaterThan(0);
          expect(
            answer.data.protocols.map((p: { source: { error: { code: string } } }) => p.source.error.code),
          ).toEqual(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE']);
          const report = JSON.parse(await instance.get('/health'));
          expect(report.protocols.map((p: { error: { code: string } }) => p.error.code)).toEqual([
            'UPSTREAM_UNAVAILABLE',
            'UPSTREAM_UNAVAILABLE',
          ]);
          await instance.get('/metrics');
        }
        // The URLs the upstreams quoted reach the first cold answer and /health, cut after the host.
        const quoted = cold.seen.join('\n');
        expect(quoted).toMatch(/rate limited: http:\/\/127\.0\.0\.1:\d+\/…/);
        expect(quoted).toMatch(/no backend for http:\/\/127\.0\.0\.1:\d+\/…/);
        const everything = [shared, cold, refused].flatMap((instance) => [
          ...instance.seen,
          ...instance.lines,
        ]);
        expect(everything.length).toBeGreaterThan(10);
        expect(everything.filter((text) => LEAK.test(text))).toEqual([]);
      } finally {
        await Promise.all([cold.close(), refused.close()]);
      }
    } finally {
      if (raw.isOpen) raw.destroy();
      await shared.close();
      chain.fail(null);
      lcd.setFault('*', null);
    }
  }, 30_000);
});
