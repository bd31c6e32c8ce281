import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeArbitrum, startFakeArbitrum } from '@tokenomics/adapter-session/testing';
import { SYNTERNET_GENESIS_STATE } from '@tokenomics/adapter-synternet/testing';
import { listenOnLoopback } from '@tokenomics/core/testing/loopback';
import { type FakeLcd, startFakeLcd } from '@tokenomics/cosmos-rest/testing';
import { createGateway, type GatewayOptions, type RunningGateway } from '@tokenomics/gateway';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdapters, loadConfig } from './server-config.js';

/**
 * A stalled upstream costs requests nothing once a value was read: the last
 * good value is served at once while one refresh per resource runs; a
 * failing upstream is not called again during its circuit's cool-down.
 */
/** Figures at a pinned instant, so two answers can be compared number for number. */
const QUERY = '{ protocols { id source { stale } supply(at: "2026-06-01T00:00:00Z") { total } } }';
const BUDGET_MS = 3_000;

let chain: FakeArbitrum;
let lcd: FakeLcd;
const running: RunningGateway[] = [];
beforeAll(async () => {
  [chain, lcd] = await Promise.all([startFakeArbitrum(), startFakeLcd({ base: SYNTERNET_GENESIS_STATE })]);
});
afterAll(async () => {
  await Promise.all([chain.close(), lcd.close()]);
});
beforeEach(() => {
  chain.fail(null);
  lcd.setFault('*', null);
});
afterEach(async () => {
  chain.fail(null);
  lcd.setFault('*', null);
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function serve(options: Partial<GatewayOptions> = {}, lcdUrl = lcd.url): Promise<string> {
  const config = loadConfig({
    cwd: mkdtempSync(join(tmpdir(), 'tokenomics-stall-')),
    env: { SESSION_RPC_URL: chain.url, SYNTERNET_LCD_URL: lcdUrl },
  });
  const gateway = createGateway({
    adapters: await createAdapters(config),
    upstreamTimeoutMs: BUDGET_MS,
    responseCache: false,
    logger: pino({ level: 'silent' }),
    ...options,
  });
  const server = await gateway.listen(0, '127.0.0.1');
  running.push(server);
  return server.url;
}

async function query(url: string) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
  });
  return { body: await response.json(), ms: performance.now() - started };
}

const lcdTotal = () => Object.values(lcd.requestCounts()).reduce((sum, count) => sum + count, 0);

describe('an upstream that hangs after a good read', () => {
  it('answers every request at once with the last good state, and the upstream sees one refresh', async () => {
    const url = await serve({ cacheTtlSeconds: 1 });
    const good = await query(url);
    expect(good.body.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    lcd.setFault('*', { kind: 'hang' });
    chain.fail({ mode: 'hang' });
    const [lcdBefore, nodesBefore, poolBefore] = [
      lcdTotal(),
      chain.callCount('totalNodes'),
      chain.callCount('rewardRate'),
    ];
    const answers = await Promise.all(Array.from({ length: 20 }, () => query(url)));
    for (const answer of answers) {
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data).toEqual(good.body.data);
      // A safety bound well under the budget a waiting request would take.
      expect(answer.ms).toBeLessThan(BUDGET_MS / 2);
    }
    // One refresh per resource: the 7 LCD paths once each, the pool and the nodes readings once each.
    expect(lcdTotal() - lcdBefore).toBe(7);
    expect(chain.callCount('totalNodes') - nodesBefore).toBe(1);
    expect(chain.callCount('rewardRate') - poolBefore).toBe(1);
  });
});

describe('an upstream that keeps failing', () => {
  it('is not called during the cool-down once its circuit opens; the error comes at once', async () => {
    lcd.setFault('*', { kind: 'status', status: 500 });
    const url = await serve({ upstreamCircuit: { failures: 2, cooldownMs: 60_000 } });
    for (let i = 0; i < 2; i++) {
      const { body } = await query(url);
      expect(body.data.protocols[1]).toEqual({ id: 'synternet', source: { stale: false }, supply: null });
    }
    const calls = lcdTotal();
    expect(calls).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) {
      const { body } = await query(url);
      expect(body.data.protocols[0].supply).not.toBeNull();
      expect(body.data.protocols[1].supply).toBeNull();
      expect(body.errors[0].extensions).toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
        protocol: 'synternet',
        reason: 'circuit-open',
      });
    }
    expect(lcdTotal()).toBe(calls);
  });
});

describe('an upstream that answers a huge body', () => {
  it('is cut off at the configured cap, with a coded error naming the path', async () => {
    const MiB = 1_048_576;
    const sent = { bytes: 0 };
    const huge = await listenOnLoopback((_req, res) => {
      let mine = 0;
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let open = true;
      res.on('close', () => {
        open = false;
      });
      const pump = () => {
        while (mine < 100 * MiB && open) {
          mine += chunk.length;
          sent.bytes += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (open) res.end();
      };
      pump();
    });
    try {
      const url = await serve({ upstreamMaxBodyBytes: 64 * 1024 }, `http://127.0.0.1:${huge.port}`);
      const { body } = await query(url);
      expect(body.data.protocols[1]).toEqual({ id: 'synternet', source: { stale: false }, supply: null });
      const extensions = body.errors.map(
        (error: { extensions: Record<string, unknown> }) => error.extensions,
      );
      expect(extensions).toContainEqual(
        expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', reason: 'too-large', maxBytes: 64 * 1024 }),
      );
      expect(body.errors[0].message).toMatch(/^GET \/cosmos\/.* answered a body larger than 65536 bytes/);
      // Seven paths, each cut short: far from 7 × 100 MB.
      expect(sent.bytes).toBeLessThan(7 * 20 * MiB);
    } finally {
      await huge.close();
    }
  });
});
