import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@redis/client';
import { type FakeArbitrum, startFakeArbitrum } from '@tokenomics/adapter-session/testing';
import { SYNTERNET_GENESIS_STATE } from '@tokenomics/adapter-synternet/testing';
import { type FakeLcd, startFakeLcd } from '@tokenomics/cosmos-rest/testing';
import { createGateway, type Gateway, keyvStore, type RunningGateway } from '@tokenomics/gateway';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closedRedisUrl, startRedis, type TestRedis } from '../../gateway/tests/redis-server.js';
import { createAdapters, loadConfig } from './server-config.js';

/**
 * The shared cache survives a failing Redis: killed under load and restarted,
 * or unreachable from the start, no request waits past the upstream budget,
 * `/health` says the cache is degraded while it is down, and the gateway
 * shuts down at once.
 */
const BUDGET_MS = 1_000;
/** What a request may take beyond the budget on a busy test machine: a safety bound, not a speed test. */
const MARGIN_MS = 1_500;
const QUERY = '{ protocols { id source { kind stale } supply { total } } }';

let chain: FakeArbitrum;
let lcd: FakeLcd;
beforeAll(async () => {
  [chain, lcd] = await Promise.all([startFakeArbitrum(), startFakeLcd({ base: SYNTERNET_GENESIS_STATE })]);
});
afterAll(async () => {
  await Promise.all([chain.close(), lcd.close()]);
});

interface Served {
  gateway: Gateway;
  running: RunningGateway;
  close(): Promise<void>;
}

async function serve(cacheUrl: string, ttlSeconds: number): Promise<Served> {
  const config = loadConfig({
    cwd: mkdtempSync(join(tmpdir(), 'tokenomics-outage-')),
    env: { SESSION_RPC_URL: chain.url, SYNTERNET_LCD_URL: lcd.url },
  });
  const gateway = createGateway({
    adapters: await createAdapters(config),
    cacheStore: keyvStore(cacheUrl),
    cacheTtlSeconds: ttlSeconds,
    upstreamTimeoutMs: BUDGET_MS,
    // Every request goes to the shared reader (and so to the store), not to a response kept for the second.
    responseCache: false,
    production: true,
    logger: pino({ level: 'silent' }),
  });
  const running = await gateway.listen(0, '127.0.0.1');
  return {
    gateway,
    running,
    close: async () => void (await Promise.all([running.close(), gateway.close()])),
  };
}

interface Outcome {
  ms: number;
  ok: boolean;
}

async function timedQuery(url: string): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    const body = (await response.json()) as {
      errors?: unknown;
      data?: { protocols: Array<{ id: string; supply: { total: string } | null }> };
    };
    const ok =
      response.status === 200 &&
      body.errors === undefined &&
      body.data?.protocols.map((p) => p.id).join() === 'session,synternet' &&
      body.data.protocols.every((p) => /^[0-9]+(\.[0-9]+)?$/.test(p.supply?.total ?? ''));
    return { ms: performance.now() - started, ok };
  } catch {
    return { ms: performance.now() - started, ok: false };
  }
}

async function health(url: string): Promise<{ ms: number; body: { status: string; cache?: unknown } }> {
  const started = performance.now();
  const response = await fetch(url.replace('/graphql', '/health'));
  return {
    body: (await response.json()) as { status: string; cache?: unknown },
    ms: performance.now() - started,
  };
}

/** Concurrent clients, each querying in a loop until `stop()`; bounded in count and time. */
function load(url: string, clients: number) {
  const outcomes: Outcome[] = [];
  let stopped = false;
  const deadline = Date.now() + 25_000;
  const loops = Array.from({ length: clients }, async () => {
    for (let i = 0; i < 2_000 && !stopped && Date.now() < deadline; i++) outcomes.push(await timedQuery(url));
  });
  return {
    outcomes,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a Redis killed under load and restarted', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('costs no request more than the upstream budget; /health says degraded, then ok; Redis is used again', async () => {
    const a = await serve(redis.url, 1);
    const raw = createClient({ url: redis.url });
    try {
      expect((await timedQuery(a.running.url)).ok).toBe(true);
      expect((await health(a.running.url)).body).toMatchObject({
        status: 'ok',
        cache: { store: 'redis', status: 'ok' },
      });
      const traffic = load(a.running.url, 6);
      await sleep(800);

      await redis.kill();
      const healthWhileDown: number[] = [];
      await vi.waitFor(
        async () => {
          const { body, ms } = await health(a.running.url);
          healthWhileDown.push(ms);
          expect(body).toMatchObject({ status: 'degraded', cache: { store: 'redis', status: 'degraded' } });
        },
        { timeout: 5_000, interval: 100 },
      );
      // Down for longer than budget + margin: a request that waited for Redis would show it.
      await sleep(BUDGET_MS + MARGIN_MS + 1_000);
      expect((await health(a.running.url)).body).toMatchObject({ cache: { status: 'degraded' } });

      await redis.restart();
      await vi.waitFor(
        async () =>
          expect((await health(a.running.url)).body).toMatchObject({
            cache: { store: 'redis', status: 'ok' },
          }),
        { timeout: 8_000, interval: 200 },
      );
      // Past the 1 s TTL, so the load refreshes every read into the restarted (empty) Redis.
      await sleep(1_500);
      await traffic.stop();

      const { outcomes } = traffic;
      expect(outcomes.length).toBeGreaterThan(50);
      expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
      expect(Math.max(...outcomes.map((outcome) => outcome.ms))).toBeLessThan(BUDGET_MS + MARGIN_MS);
      expect(Math.max(...healthWhileDown)).toBeLessThan(BUDGET_MS + MARGIN_MS);

      // The shared cache again: the restarted Redis holds entries, and a second instance serves from them.
      await raw.connect();
      expect((await raw.keys('tokenomics:v2:*')).length).toBeGreaterThan(0);
      await sleep(100);
      const chainCalls = chain.callCount();
      const lcdCalls = Object.values(lcd.requestCounts()).reduce((sum, count) => sum + count, 0);
      const b = await serve(redis.url, 60);
      try {
        expect((await timedQuery(b.running.url)).ok).toBe(true);
        expect(chain.callCount()).toBe(chainCalls);
        expect(Object.values(lcd.requestCounts()).reduce((sum, count) => sum + count, 0)).toBe(lcdCalls);
      } finally {
        await b.close();
      }
    } finally {
      if (raw.isOpen) raw.destroy();
      await a.close();
    }
  }, 40_000);
});

describe('a Redis unreachable from the start', () => {
  it('serves every request within the budget, says degraded, and closes at once', async () => {
    const served = await serve(await closedRedisUrl(), 30);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => timedQuery(served.running.url)));
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
    expect(Math.max(...outcomes.map((outcome) => outcome.ms))).toBeLessThan(BUDGET_MS + MARGIN_MS);
    const { body, ms } = await health(served.running.url);
    expect(body).toMatchObject({ status: 'degraded', cache: { store: 'redis', status: 'degraded' } });
    expect(ms).toBeLessThan(BUDGET_MS + MARGIN_MS);
    const closing = performance.now();
    await served.close();
    // Safety bound: closing does not wait for a Redis that never answers.
    expect(performance.now() - closing).toBeLessThan(2_000);
  });

  it('lets the CLI serve, and exit at SIGTERM', async () => {
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, 'serve'], {
      cwd: mkdtempSync(join(tmpdir(), 'tokenomics-cli-')),
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        HOST: '127.0.0.1',
        CACHE_URL: await closedRedisUrl(),
        UPSTREAM_TIMEOUT_MS: String(BUDGET_MS),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the CLI did not start:\n${output}`)), 15_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const found = /"url":"(http:\/\/[^"]+\/graphql)"/.exec(output);
          if (found?.[1]) {
            clearTimeout(timer);
            resolve(found[1]);
          }
        });
        child.once('exit', () => reject(new Error(`the CLI exited:\n${output}`)));
      });
      expect((await timedQuery(url)).ok).toBe(true);
      const stopping = performance.now();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      // Safety bound: the shutdown does not wait for Redis.
      expect(performance.now() - stopping).toBeLessThan(5_000);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
