import type { StateSource } from '@tokenomics/core';
import type { exampleParameters } from '@tokenomics/core/testing';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { type CacheStore, createGateway, keyvStore } from '../src/index.js';
import { yogaLogger } from '../src/logger.js';
import { fixedSupplyAdapter, post } from './fixtures.js';

/** A pino logger whose JSON lines the test reads. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const text: string[] = [];
  const logger = pino(
    { level: 'debug' },
    {
      write(line: string) {
        text.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  return { logger, lines, text: () => text.join('') };
}

const SECRET_URL = 'https://gateway-user:hunter2@rpc.example.org/v2/APIKEY123?token=QSECRET';
const SECRETS = ['hunter2', 'APIKEY123', 'QSECRET', 'gateway-user'];

/** A live-like source reading one resource whose key carries an endpoint URL with credentials. */
function liveSource(state: { fail: boolean }): StateSource<typeof exampleParameters, unknown> {
  return {
    async read(ctx) {
      const read = await ctx.reader.read({
        key: `example eth_call ${SECRET_URL} totalSupply`,
        resource: 'totalSupply() on Example via https://rpc.example.org/…',
        load: async () => {
          if (state.fail) throw new Error(`connect ECONNREFUSED via ${SECRET_URL}`);
          return { amount: '1000' };
        },
      });
      return {
        state: null,
        info: { kind: 'LIVE', description: 'test', fetchedAt: read.fetchedAt, stale: read.stale },
      };
    },
  };
}

const QUERY = '{ protocol(id: "live") { supply { total } } }';

describe('logs of upstream and cache failures', () => {
  it('logs a failed upstream read at warn with its resource, never the URL credentials', async () => {
    const captured = capturedLogger();
    const gateway = createGateway({
      adapters: [fixedSupplyAdapter('live', liveSource({ fail: true }))],
      logger: captured.logger,
      production: true,
    });
    await post(gateway, QUERY);
    const failed = captured.lines.filter((line) => line.msg === 'upstream read failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 40, resource: expect.stringContaining('rpc.example.org') });
    for (const secret of SECRETS) expect(captured.text()).not.toContain(secret);
  });

  it('logs a stale answer at warn with the resource and the age of the value', async () => {
    const captured = capturedLogger();
    const state = { fail: false };
    let now = Date.parse('2026-01-01T00:00:00Z');
    const gateway = createGateway({
      adapters: [fixedSupplyAdapter('live', liveSource(state))],
      cacheTtlSeconds: 1,
      logger: captured.logger,
      production: true,
      now: () => new Date(now),
      responseCache: false,
    });
    await post(gateway, QUERY);
    expect(captured.lines.filter((line) => (line.level as number) >= 40)).toEqual([]);
    state.fail = true;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    now += 2_000;
    // Expired, within TTL + budget: the value at once (being read again, not stale); the read in the background fails.
    const atOnce = await post(gateway, QUERY);
    expect(atOnce.body.data.protocol.supply.total).toBe('1000');
    await vi.waitFor(() =>
      expect(captured.lines.filter((line) => line.msg === 'upstream read failed')).toHaveLength(1),
    );
    // From then on the last good value is served stale.
    const { body } = await post(gateway, QUERY);
    expect(body.data.protocol.supply.total).toBe('1000');
    const stale = captured.lines.filter((line) => line.msg === 'serving the last good value (stale)');
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({
      level: 40,
      resource: expect.stringContaining('rpc.example.org'),
      reason: 'failed',
    });
    expect(stale[0]?.ageMs).toBeGreaterThanOrEqual(1_000);
    for (const secret of SECRETS) expect(captured.text()).not.toContain(secret);
  });

  it('logs a cache store failure at warn with the error message, credentials removed', async () => {
    const captured = capturedLogger();
    const memory = keyvStore();
    const failing: CacheStore = {
      ...memory,
      get: async () => {
        throw Object.assign(new Error('connection lost to redis://:s3cretpw@10.0.0.5:6379'), {
          code: 'ECONNRESET',
        });
      },
    };
    const gateway = createGateway({
      adapters: [fixedSupplyAdapter('live', liveSource({ fail: false }))],
      cacheStore: failing,
      logger: captured.logger,
    });
    const { body } = await post(gateway, QUERY);
    expect(body.data.protocol.supply.total).toBe('1000');
    const storeErrors = captured.lines.filter((line) => line.msg === 'cache store failed');
    expect(storeErrors).toHaveLength(1);
    expect(storeErrors[0]).toMatchObject({
      level: 40,
      resource: expect.stringContaining('rpc.example.org'),
      error: { code: 'ECONNRESET', message: 'connection lost to redis://10.0.0.5:6379' },
    });
    expect(captured.text()).not.toContain('s3cretpw');
    for (const secret of SECRETS) expect(captured.text()).not.toContain(secret);
  });

  it('keeps URL credentials out of logged errors (an unexpected error masked for the client)', async () => {
    const captured = capturedLogger();
    const gateway = createGateway({
      adapters: [
        fixedSupplyAdapter('live', {
          read: async () => {
            throw new Error(`socket hang up at ${SECRET_URL}`, { cause: new Error(`fetch ${SECRET_URL}`) });
          },
        }),
      ],
      logger: captured.logger,
      production: true,
    });
    const { body } = await post(gateway, QUERY);
    expect(body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    const logged = captured.lines.filter((line) => line.level === 50);
    expect(logged.length).toBeGreaterThan(0);
    expect(captured.text()).toContain('rpc.example.org');
    for (const secret of SECRETS) expect(captured.text()).not.toContain(secret);
  });
});

describe('the cached reader the gateway builds', () => {
  it('is still fed to the metrics', async () => {
    const gateway = createGateway({
      adapters: [fixedSupplyAdapter('live', liveSource({ fail: true }))],
      logger: pino({ level: 'silent' }),
    });
    await post(gateway, QUERY);
    const text = await gateway.metrics.registry.metrics();
    expect(text).toMatch(/tokenomics_upstream_reads_total\{outcome="error"\} 1/);
  });
});

describe('yoga’s log lines', () => {
  it('redacts the URLs of an enabled level and reads nothing of a level the logger drops', () => {
    const { logger, lines } = capturedLogger();
    logger.level = 'info';
    const yoga = yogaLogger(logger);
    // A debug line below the logger's level: its text is never made (yoga logs one per request).
    const unread = { toString: vi.fn(() => `GET ${SECRET_URL}`) };
    yoga.debug(unread, { detail: unread });
    expect(unread.toString).not.toHaveBeenCalled();
    yoga.info(`read ${SECRET_URL}`, { url: SECRET_URL });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, msg: 'read https://rpc.example.org/…' });
    for (const secret of SECRETS) expect(JSON.stringify(lines)).not.toContain(secret);
  });
});
