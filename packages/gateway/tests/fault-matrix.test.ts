import { createServer } from 'node:net';
import { type FakeArbitrum, type FakeFailure, startFakeArbitrum } from '@tokenomics/adapter-session/testing';
import { type FakeLcd, type FakeLcdFault, startFakeLcd } from '@tokenomics/cosmos-rest/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCachedReader, keyvStore } from '../src/cache.js';
import { createAdapters, createGateway, type Gateway, loadConfig } from '../src/index.js';
import { post, type ResponseBody } from './fixtures.js';

/**
 * Every way an upstream can fail, for each protocol: cold (nothing read yet)
 * it is a coded UPSTREAM_UNAVAILABLE error for that protocol alone; warm (a
 * good read older than the TTL) it is the last good value flagged stale. Never
 * a crash, never a hang past the budget, never a wrong number.
 */
const START = Math.floor(Date.now() / 1000) * 1000;
const AT = new Date(START).toISOString();
/** Figures at a pinned instant, so a later request can be compared number for number. */
const QUERY = `{ protocols { id source { kind stale error { code } } supply(at: "${AT}") { total circulating } rewards(at: "${AT}") { stakingApr } } }`;
const BUDGET_MS = 400;

let chain: FakeArbitrum;
let lcd: FakeLcd;
let refusedUrl: string;

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  [chain, lcd, refusedUrl] = await Promise.all([startFakeArbitrum(), startFakeLcd(), closedPortUrl()]);
});
afterAll(async () => {
  await Promise.all([chain.close(), lcd.close()]);
});

/** A live gateway whose cache and request clock the test moves. */
async function gatewayWithClock(urls: { rpc?: string; lcd?: string } = {}) {
  const clock = { ms: START };
  const now = () => clock.ms;
  const config = loadConfig({
    cwd: process.cwd(),
    env: { SESSION_RPC_URL: urls.rpc ?? chain.url, SYNTERNET_LCD_URL: urls.lcd ?? lcd.url },
  });
  const gateway: Gateway = createGateway({
    adapters: await createAdapters(config),
    reader: createCachedReader({ store: keyvStore(), ttlSeconds: 30, timeoutMs: BUDGET_MS, now }),
    now: () => new Date(clock.ms),
    production: true,
  });
  return { gateway, expire: () => (clock.ms += 31_000) };
}

function protocol(body: ResponseBody, id: string) {
  return body.data.protocols.find((p: { id: string }) => p.id === id);
}

function expectCodedFailureOf(body: ResponseBody, failing: string, healthy: string) {
  expect(protocol(body, failing)).toMatchObject({
    source: { kind: 'LIVE', stale: false, error: { code: 'UPSTREAM_UNAVAILABLE' } },
    supply: null,
    rewards: null,
  });
  expect(protocol(body, healthy)).toMatchObject({
    source: { stale: false },
    supply: { total: expect.any(String) },
  });
  expect(body.errors.length).toBeGreaterThan(0);
  for (const error of body.errors) {
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', protocol: failing });
    expect(JSON.stringify(error)).not.toMatch(/at .*\.(ts|js):\d+/);
  }
}

const LCD_FAULTS: Array<[string, FakeLcdFault | 'refused', string?]> = [
  ['answers 500', { kind: 'status', status: 500 }],
  ['answers 501 on a required endpoint', { kind: 'status', status: 501 }],
  ['answers malformed JSON', { kind: 'malformed' }],
  ['answers valid JSON of the wrong shape', { kind: 'wrong-shape' }],
  ['hangs past the timeout', { kind: 'hang' }],
  ['refuses connections', 'refused'],
  [
    'fails one endpoint of several (the staking pool)',
    { kind: 'status', status: 500 },
    '/cosmos/staking/v1beta1/pool',
  ],
];

const CHAIN_FAULTS: Array<[string, FakeFailure | 'refused']> = [
  ['answers 500', { mode: 'http-500' }],
  ['answers a body that is not JSON', { mode: 'not-json' }],
  ['answers results that do not decode', { mode: 'malformed-result' }],
  ['answers results of the wrong shape', { mode: 'wrong-shape' }],
  ['answers empty results (no contract)', { mode: 'empty-result' }],
  ['reverts one function of several (totalNodes)', { mode: 'rpc-error', functionName: 'totalNodes' }],
  ['hangs past the timeout', { mode: 'hang' }],
  ['refuses connections', 'refused'],
];

beforeEach(() => {
  chain.fail(null);
  for (const path of ['*', ...LCD_FAULTS.flatMap(([, , only]) => (only ? [only] : []))])
    lcd.setFault(path, null);
});

/** One row of the matrix: which protocol fails, how, and the other one that must keep answering. */
interface Fault {
  name: string;
  failing: 'session' | 'synternet';
  healthy: 'session' | 'synternet';
  refused: boolean;
  inject(): void;
}

const MATRIX: Fault[] = [
  ...LCD_FAULTS.map(
    ([name, fault, path]): Fault => ({
      name: `Synternet's node ${name}`,
      failing: 'synternet',
      healthy: 'session',
      refused: fault === 'refused',
      inject: () => {
        if (fault !== 'refused') lcd.setFault(path ?? '*', fault);
      },
    }),
  ),
  ...CHAIN_FAULTS.map(
    ([name, fault]): Fault => ({
      name: `Session's Arbitrum endpoint ${name}`,
      failing: 'session',
      healthy: 'synternet',
      refused: fault === 'refused',
      inject: () => {
        if (fault !== 'refused') chain.fail(fault);
      },
    }),
  ),
];

describe.each(MATRIX.map((fault) => [fault.name, fault] as const))('%s', (_name, fault) => {
  it(`cold: a coded error for ${fault.failing} only; ${fault.healthy} answers`, async () => {
    fault.inject();
    const refusing = fault.failing === 'session' ? { rpc: refusedUrl } : { lcd: refusedUrl };
    const { gateway } = await gatewayWithClock(fault.refused ? refusing : {});
    const { status, body } = await post(gateway, QUERY);
    expect(status).toBe(200);
    expectCodedFailureOf(body, fault.failing, fault.healthy);
  });

  // A refused connection never had a good read to fall back on: only the cold case applies.
  if (fault.refused) return;
  it('warm: the last good state, flagged stale, the same numbers', async () => {
    const { gateway, expire } = await gatewayWithClock();
    const fresh = await post(gateway, QUERY);
    expect(fresh.body.errors).toBeUndefined();
    fault.inject();
    expire();
    const { body } = await post(gateway, QUERY);
    expect(body.errors).toBeUndefined();
    const before = protocol(fresh.body, fault.failing);
    expect(protocol(body, fault.failing)).toEqual({ ...before, source: { ...before.source, stale: true } });
  });
});

describe('after every fault', () => {
  it('the server still serves', async () => {
    lcd.setFault('*', { kind: 'hang' });
    chain.fail({ mode: 'hang' });
    const { gateway } = await gatewayWithClock();
    await post(gateway, QUERY);
    lcd.setFault('*', null);
    chain.fail(null);
    const { body } = await post(gateway, '{ protocols { id supply(at: "2026-01-01T00:00:00Z") { total } } }');
    expect(body.data.protocols.map((p: { id: string }) => p.id)).toEqual(['session', 'synternet']);
  });
});
