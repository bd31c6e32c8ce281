import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createClient } from '@redis/client';
import { clientAddress, clientBucketOfIp, createGateway, type GatewayRateLimit } from '@tokenomics/gateway';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedSupplyAdapter, type ServedGateway, serveOnLoopback } from '../../gateway/tests/fixtures.js';
import { startRedis, type TestRedis } from '../../gateway/tests/redis-server.js';
import { loadConfig } from './server-config.js';

const QUERY = JSON.stringify({ query: '{ __typename }' });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends one request over real HTTP from a chosen loopback address (127.0.0.x: another client IP
 * as the gateway's socket sees it), with a fresh connection each time.
 */
function send(
  url: string,
  {
    from = '127.0.0.1',
    path = '/graphql',
    method = 'POST',
    headers = {},
  }: { from?: string; path?: string; method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const target = new URL(path, url);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method,
        localAddress: from,
        agent: false,
        timeout: 10_000,
        headers: {
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
          accept: 'application/graphql-response+json, application/json',
          ...headers,
        },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('request timed out')));
    outgoing.on('error', reject);
    outgoing.end(method === 'POST' ? QUERY : undefined);
  });
}

/** Sends `count` requests one after the other and returns every status. */
async function sendMany(url: string, count: number, options?: Parameters<typeof send>[1]): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await send(url, options)).status);
  return statuses;
}

/** Log lines a gateway wrote (pino JSON), to check what they hold. */
function capturedLogger() {
  const lines: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  return { logger, lines };
}

async function served(
  rateLimit?: GatewayRateLimit,
  logger = pino({ level: 'silent' }),
  options: { cacheOpTimeoutMs?: number } = {},
) {
  return serveOnLoopback(
    createGateway({
      adapters: [fixedSupplyAdapter()],
      drainGraceMs: 0,
      logger,
      ...(rateLimit ? { rateLimit } : {}),
      ...options,
    }),
  );
}

/**
 * Waits until an instance counts in Redis (its connection is made in the
 * background; until then its in-memory limiter counts): sends from a warm-up
 * address until Redis holds that address's counter. Bounded: 100 tries.
 */
async function countingInRedis(url: string, redisUrl: string, from: string): Promise<void> {
  const client = createClient({ url: redisUrl });
  await client.connect();
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      await send(url, { from });
      if ((await client.get(`tokenomics:ratelimit:v1:ip:${from}`)) !== null) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${url} never counted in Redis`);
  } finally {
    await client.quit();
  }
}

function expectRefused(answer: Answer, limit: number) {
  expect(answer.status).toBe(429);
  const retryAfter = Number(answer.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(answer.headers['ratelimit-limit']).toBe(String(limit));
  expect(answer.headers['ratelimit-remaining']).toBe('0');
  expect(answer.headers['ratelimit-reset']).toBe(String(retryAfter));
  expect(answer.headers['ratelimit-policy']).toBe(`${limit};w=60`);
  const body = JSON.parse(answer.body);
  expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
  expect(body.errors[0].message).toContain(`at most ${limit} every 60 s`);
}

describe('rate limits in memory (one instance)', () => {
  let gateway: ServedGateway;
  beforeAll(async () => {
    gateway = await served({ perMinute: 100, apiKeyHeader: 'x-api-key' });
  });
  afterAll(() => gateway.close());

  it('serves 100 requests from one IP with RateLimit headers, refuses the 101st with 429, and not another IP', async () => {
    const first = await send(gateway.url, { from: '127.0.0.1' });
    expect(first.status).toBe(200);
    expect(first.headers['ratelimit-limit']).toBe('100');
    expect(first.headers['ratelimit-remaining']).toBe('99');
    expect(first.headers['ratelimit-policy']).toBe('100;w=60');
    expect(Number(first.headers['ratelimit-reset'])).toBeGreaterThanOrEqual(1);
    expect(first.headers['retry-after']).toBeUndefined();
    expect(first.headers['access-control-expose-headers']).toContain('RateLimit-Remaining');

    const next = await sendMany(gateway.url, 99, { from: '127.0.0.1' });
    expect(next.every((status) => status === 200)).toBe(true);
    const last = await send(gateway.url, {
      from: '127.0.0.1',
      method: 'GET',
      path: '/graphql?query=%7B__typename%7D',
    });
    expectRefused(last, 100);
    // A browser page can read the refusal and its headers (CORS).
    const fromPage = await send(gateway.url, {
      from: '127.0.0.1',
      headers: { origin: 'https://app.example' },
    });
    expect(fromPage.status).toBe(429);
    expect(fromPage.headers['access-control-allow-origin']).toBe('*');
    expect(fromPage.headers['access-control-expose-headers']).toContain('Retry-After');
    // Refusals are counted in the HTTP metrics by status.
    const metrics = await (await gateway.get('/metrics')).text();
    expect(metrics).toMatch(/tokenomics_http_requests_total\{path="\/graphql",status="429"\} [1-9]/);

    // Another client IP has its own count.
    const other = await send(gateway.url, { from: '127.0.0.2' });
    expect(other.status).toBe(200);
    expect(other.headers['ratelimit-remaining']).toBe('99');

    // Probes and scrapes are never counted nor refused.
    for (const path of ['/health', '/health/live', '/metrics']) {
      const probe = await send(gateway.url, { from: '127.0.0.1', method: 'GET', path });
      expect(probe.status, path).toBe(200);
      expect(probe.headers['ratelimit-limit'], path).toBeUndefined();
    }
    // Another path (a 404) counts: still refused.
    expect((await send(gateway.url, { from: '127.0.0.1', method: 'GET', path: '/elsewhere' })).status).toBe(
      429,
    );
  });

  it('counts a request carrying an API key per key (hashed), apart from its IP and from other keys', async () => {
    const keyed = await sendMany(gateway.url, 100, {
      from: '127.0.0.3',
      headers: { 'x-api-key': 'alpha-key' },
    });
    expect(keyed.every((status) => status === 200)).toBe(true);
    expectRefused(await send(gateway.url, { from: '127.0.0.3', headers: { 'x-api-key': 'alpha-key' } }), 100);
    // The same key from elsewhere is the same client.
    expect(
      (await send(gateway.url, { from: '127.0.0.4', headers: { 'x-api-key': 'alpha-key' } })).status,
    ).toBe(429);
    // Another key, and the IP without a key, are unaffected.
    const beta = await send(gateway.url, { from: '127.0.0.3', headers: { 'x-api-key': 'beta-key' } });
    expect(beta.status).toBe(200);
    expect(beta.headers['ratelimit-remaining']).toBe('99');
    const bare = await send(gateway.url, { from: '127.0.0.3' });
    expect(bare.status).toBe(200);
    expect(bare.headers['ratelimit-remaining']).toBe('99');
  });

  it('ignores X-Forwarded-For unless trustProxy says how many proxies to believe', async () => {
    // Not trusted: a made-up X-Forwarded-For does not buy a new budget.
    const spoofed = await sendMany(gateway.url, 100, {
      from: '127.0.0.5',
      headers: { 'x-forwarded-for': '198.51.100.1' },
    });
    expect(spoofed.every((status) => status === 200)).toBe(true);
    expect(
      (await send(gateway.url, { from: '127.0.0.5', headers: { 'x-forwarded-for': '198.51.100.2' } })).status,
    ).toBe(429);
  });

  it('answers CORS preflights without counting them', async () => {
    const preflight = await send(gateway.url, {
      from: '127.0.0.1',
      method: 'OPTIONS',
      headers: { origin: 'https://app.example' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['ratelimit-limit']).toBeUndefined();
  });
});

describe('rate limits behind a trusted proxy', () => {
  let gateway: ServedGateway;
  beforeAll(async () => {
    gateway = await served({ perMinute: 3, trustProxy: 1 });
  });
  afterAll(() => gateway.close());

  it('counts the address the one trusted proxy appended, not what the client wrote before it', async () => {
    const as = (chain: string) => send(gateway.url, { headers: { 'x-forwarded-for': chain } });
    for (let i = 0; i < 3; i++) expect((await as(`10.9.9.${i}, 203.0.113.7`)).status).toBe(200);
    // Same client behind the proxy, another forged left part: still refused.
    expect((await as('10.1.1.1, 203.0.113.7')).status).toBe(429);
    expect((await as('203.0.113.8')).status).toBe(200);
    // One host's IPv6 addresses share one /64 budget.
    for (let i = 1; i <= 3; i++) expect((await as(`2001:db8:0:1::${i}`)).status).toBe(200);
    expect((await as('2001:db8:0:1:ffff::9')).status).toBe(429);
    expect((await as('2001:db8:0:2::1')).status).toBe(200);
  });
});

describe('rate limits off by default', () => {
  it('serves every request without RateLimit headers', async () => {
    const gateway = await served();
    try {
      const statuses = await sendMany(gateway.url, 120);
      expect(statuses.every((status) => status === 200)).toBe(true);
      const answer = await send(gateway.url);
      expect(answer.headers['ratelimit-limit']).toBeUndefined();
      expect(answer.headers['retry-after']).toBeUndefined();
    } finally {
      await gateway.close();
    }
  });
});

describe('rate limits shared through Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  }, 20_000);
  afterAll(() => redis.stop());

  it('two instances on one Redis share the count: the 101st across both is refused; no API key in Redis or logs', async () => {
    const logs = capturedLogger();
    const rateLimit = { perMinute: 100, apiKeyHeader: 'x-api-key', redisUrl: redis.url };
    // A generous Redis timeout: on a loaded machine a slow answer must not send a request to the per-instance count.
    const a = await served(rateLimit, logs.logger, { cacheOpTimeoutMs: 5_000 });
    const b = await served(rateLimit, logs.logger, { cacheOpTimeoutMs: 5_000 });
    const apiKey = 'sk_live_SECRET_0123456789abcdef';
    try {
      await countingInRedis(a.url, redis.url, '127.0.0.20');
      await countingInRedis(b.url, redis.url, '127.0.0.21');
      const fromA = await sendMany(a.url, 60, { from: '127.0.0.6' });
      const fromB = await sendMany(b.url, 40, { from: '127.0.0.6' });
      expect([...fromA, ...fromB].every((status) => status === 200)).toBe(true);
      expectRefused(await send(a.url, { from: '127.0.0.6' }), 100);
      expectRefused(await send(b.url, { from: '127.0.0.6' }), 100);
      // Another IP is unaffected on either instance.
      expect((await send(b.url, { from: '127.0.0.7' })).status).toBe(200);

      // An API key: shared too, and only its hash reaches Redis.
      expect(
        (await sendMany(a.url, 50, { from: '127.0.0.8', headers: { 'x-api-key': apiKey } })).every(
          (s) => s === 200,
        ),
      ).toBe(true);
      expect(
        (await sendMany(b.url, 50, { from: '127.0.0.9', headers: { 'x-api-key': apiKey } })).every(
          (s) => s === 200,
        ),
      ).toBe(true);
      expectRefused(await send(a.url, { from: '127.0.0.10', headers: { 'x-api-key': apiKey } }), 100);

      const client = createClient({ url: redis.url });
      await client.connect();
      try {
        const keys = await client.keys('*');
        expect(keys).toContain('tokenomics:ratelimit:v1:ip:127.0.0.6');
        expect(await client.get('tokenomics:ratelimit:v1:ip:127.0.0.6')).toBe('102'); // the 101st on each instance
        expect(keys.some((key) => /^tokenomics:ratelimit:v1:key:[0-9a-f]{64}$/.test(key))).toBe(true);
        expect(keys.join('\n')).not.toContain('SECRET');
        expect(keys.join('\n')).not.toContain(apiKey);
      } finally {
        await client.close();
      }
      const logged = logs.lines.join('');
      expect(logged).toContain('rate limit reached');
      expect(logged).toContain('ip:127.0.0.6');
      expect(logged).not.toContain('SECRET');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('serves on (in-memory count) when Redis dies, without hanging, and counts in Redis again once it is back', async () => {
    const gateway = await served({ perMinute: 100, redisUrl: redis.url });
    try {
      expect((await send(gateway.url, { from: '127.0.0.11' })).status).toBe(200);
      await redis.kill();
      const started = Date.now();
      const during = await sendMany(gateway.url, 20, { from: '127.0.0.11' });
      expect(during.every((status) => status === 200)).toBe(true);
      // A generous safety limit: nothing waits for a Redis that is gone.
      expect(Date.now() - started).toBeLessThan(10_000);
      // The in-memory limiter still limits meanwhile.
      const overflow = await sendMany(gateway.url, 101, { from: '127.0.0.12' });
      expect(overflow.slice(0, 100).every((status) => status === 200)).toBe(true);
      expect(overflow[100]).toBe(429);

      await redis.restart();
      const client = createClient({ url: redis.url });
      await client.connect();
      try {
        let counted: string | null = null;
        for (let attempt = 0; attempt < 100 && counted === null; attempt++) {
          expect((await send(gateway.url, { from: '127.0.0.13' })).status).toBe(200);
          counted = await client.get('tokenomics:ratelimit:v1:ip:127.0.0.13');
          if (counted === null) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(counted).not.toBeNull();
      } finally {
        await client.close();
      }
    } finally {
      await gateway.close();
    }
  }, 30_000);

  it('serves within the operation timeout when a connected Redis stops answering', async () => {
    // A TCP relay to the real Redis that can freeze: bytes stop flowing both ways, the connection stays up.
    let frozen = false;
    const held: Array<() => void> = [];
    const relaySockets = new Set<import('node:net').Socket>();
    const relay: Server = createServer((inbound) => {
      const outbound = connect(redis.port, '127.0.0.1');
      relaySockets.add(inbound).add(outbound);
      for (const [from, to] of [
        [inbound, outbound],
        [outbound, inbound],
      ] as const) {
        from.on('error', () => {});
        from.on('data', (chunk) => {
          if (frozen) held.push(() => to.write(chunk));
          else to.write(chunk);
        });
      }
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const port = (relay.address() as { port: number }).port;
    const gateway = await served({ perMinute: 100, redisUrl: `redis://127.0.0.1:${port}` });
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      // Connected and counting in Redis first.
      let counted: string | null = null;
      for (let attempt = 0; attempt < 100 && counted === null; attempt++) {
        expect((await send(gateway.url, { from: '127.0.0.15' })).status).toBe(200);
        counted = await client.get('tokenomics:ratelimit:v1:ip:127.0.0.15');
        if (counted === null) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(counted).not.toBeNull();
      frozen = true;
      const started = Date.now();
      const statuses = await sendMany(gateway.url, 5, { from: '127.0.0.15' });
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      // Each request waits at most the 250 ms operation timeout; a generous safety limit.
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await client.close();
      await gateway.close();
      for (const socket of relaySockets) socket.destroy();
      await new Promise((resolve) => relay.close(resolve));
    }
  }, 30_000);

  it('serves within the operation timeout when Redis accepts connections but never answers', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const blackHole: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const port = (blackHole.address() as { port: number }).port;
    const gateway = await served({ perMinute: 100, redisUrl: `redis://127.0.0.1:${port}` });
    try {
      const started = Date.now();
      const statuses = await sendMany(gateway.url, 5, { from: '127.0.0.14' });
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await gateway.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => blackHole.close(resolve));
    }
  }, 30_000);
});

describe('rate limit settings', () => {
  it('reads RATE_LIMIT_PER_MINUTE, TRUST_PROXY and RATE_LIMIT_KEY_HEADER; off by default', () => {
    expect(loadConfig({ env: {}, cwd: '/nonexistent' }).rateLimit).toEqual({
      perMinute: null,
      trustProxy: false,
      apiKeyHeader: null,
    });
    expect(
      loadConfig({
        env: { RATE_LIMIT_PER_MINUTE: '100', TRUST_PROXY: '2', RATE_LIMIT_KEY_HEADER: 'x-api-key' },
        cwd: '/nonexistent',
      }).rateLimit,
    ).toEqual({ perMinute: 100, trustProxy: 2, apiKeyHeader: 'x-api-key' });
    expect(loadConfig({ env: { TRUST_PROXY: 'on' }, cwd: '/nonexistent' }).rateLimit.trustProxy).toBe(true);
    expect(loadConfig({ env: { TRUST_PROXY: 'off' }, cwd: '/nonexistent' }).rateLimit.trustProxy).toBe(false);
    expect(() => loadConfig({ env: { RATE_LIMIT_PER_MINUTE: '0' }, cwd: '/nonexistent' })).toThrow(
      /rateLimit.perMinute must be an integer from 1/,
    );
    expect(() => loadConfig({ env: { TRUST_PROXY: 'maybe' }, cwd: '/nonexistent' })).toThrow(
      /rateLimit.trustProxy/,
    );
    expect(() => loadConfig({ env: { RATE_LIMIT_KEY_HEADER: 'x api key' }, cwd: '/nonexistent' })).toThrow(
      /rateLimit.apiKeyHeader/,
    );
  });

  it('picks the client address from X-Forwarded-For only as far as trusted', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.9, 10.0.0.1', false)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', '198.51.100.9, 10.0.0.1', 0)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', '198.51.100.9, 10.0.0.1', 1)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.2', '198.51.100.9, 10.0.0.1', 2)).toBe('198.51.100.9');
    expect(clientAddress('10.0.0.2', '198.51.100.9, 10.0.0.1', 5)).toBe('198.51.100.9');
    expect(clientAddress('10.0.0.2', '198.51.100.9, 10.0.0.1', true)).toBe('198.51.100.9');
    expect(clientAddress('10.0.0.2', 'garbage, 10.0.0.1', true)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.2', null, 1)).toBe('10.0.0.2');
    expect(clientAddress(undefined, null, false)).toBe('unknown');
    expect(clientBucketOfIp('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientBucketOfIp('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientBucketOfIp('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientBucketOfIp('::1')).toBe('0:0:0:0::/64');
  });
});

describe('the CLI with RATE_LIMIT_PER_MINUTE', () => {
  it('limits each client to that many requests a minute', async () => {
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    if (!existsSync(cli)) throw new Error(`${cli} is missing: build the gateway first (pnpm build)`);
    const child = spawn(process.execPath, [cli, 'serve'], {
      cwd: mkdtempSync(join(tmpdir(), 'tokenomics-rate-limit-')),
      env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let stdout = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      let started: { url: string; rateLimit: unknown } | undefined;
      for (let waited = 0; waited < 15_000 && !started && child.exitCode === null; waited += 20) {
        started = stdout
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line))
          .find((line) => typeof line.url === 'string');
        if (!started) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (!started) throw new Error(`the CLI did not start:\n${stdout}`);
      expect(started.rateLimit).toBe(3);
      const statuses = await sendMany(started.url, 4);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});
