import { createServer } from 'node:net';
import { SESSION_ADDRESSES } from '@tokenomics/adapter-session';
import {
  type FakeArbitrum,
  type FakeFailure,
  SESH,
  startFakeArbitrum,
} from '@tokenomics/adapter-session/testing';
import { FAKE_TREASURY_ADDRESS, SYNTERNET_GENESIS_STATE } from '@tokenomics/adapter-synternet/testing';
import {
  type FakeLcd,
  type FakeLcdFault,
  type FakeLcdState,
  startFakeLcd,
} from '@tokenomics/cosmos-rest/testing';
import {
  type CacheEvent,
  type CacheStore,
  createCachedReader,
  createGateway,
  type Gateway,
  keyvStore,
} from '@tokenomics/gateway';
import { type Logger, pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ResponseBody, type ServedGateway, serveOnLoopback } from '../../gateway/tests/fixtures.js';
import { createAdapters, loadConfig } from './server-config.js';

/**
 * Every way an upstream can fail, for each protocol: cold (nothing read yet)
 * it is a coded UPSTREAM_UNAVAILABLE error for that protocol alone; warm (a
 * good read older than the TTL) it is the last good value flagged stale. Never
 * a crash, never a hang past the budget, never a wrong number.
 *
 * Every request goes over real HTTP to a gateway listening on 127.0.0.1.
 *
 * The clock here jumps past TTL + budget (a quiet spell): with nothing known
 * to fail, the request after it waits (within the budget) for one read per
 * resource and is answered with what those reads bring (a failure, an
 * implausible answer, a new state); a value only old is never served stale.
 * `refresh()` is that: move the clock on, ask once, wait for any background
 * read (a known-failing resource read again) to end.
 */
const START = Math.floor(Date.now() / 1000) * 1000;
const AT = new Date(START).toISOString();
/** Figures at a pinned instant, so a later request can be compared number for number. */
const QUERY = `{ protocols { id source { kind stale error { code } } supply(at: "${AT}") { total circulating } rewards(at: "${AT}") { stakingApr } } }`;
// Generous enough that a healthy loopback read never misses it on a loaded 2-core machine.
const BUDGET_MS = 1_500;

let chain: FakeArbitrum;
let lcd: FakeLcd;
let refusedUrl: string;
/** The fake LCD's state at start, to put back after a test changes it. */
let lcdStart: FakeLcdState;

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  [chain, lcd, refusedUrl] = await Promise.all([
    startFakeArbitrum(),
    startFakeLcd({ base: SYNTERNET_GENESIS_STATE }),
    closedPortUrl(),
  ]);
  lcdStart = lcd.state;
});
afterAll(async () => {
  await Promise.all([chain.close(), lcd.close()]);
});
const servers: ServedGateway[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A live gateway over real HTTP whose cache and request clock the test moves. */
async function gatewayWithClock(urls: { rpc?: string; lcd?: string } = {}, logger?: Logger) {
  const clock = { ms: START };
  const now = () => clock.ms;
  const config = loadConfig({
    cwd: process.cwd(),
    env: { SESSION_RPC_URL: urls.rpc ?? chain.url, SYNTERNET_LCD_URL: urls.lcd ?? lcd.url },
  });
  // The upstream reads under way (by hashed key) and the store writes not yet done.
  const reading = new Set<string>();
  /** Keys whose request waits for their read: the `stale` event of one comes after the read. */
  const awaiting = new Set<string>();
  let writing = 0;
  const memory = keyvStore();
  const store: CacheStore = {
    ...memory,
    set: (...args) => {
      writing++;
      return memory.set(...args).finally(() => writing--);
    },
  };
  const onEvent = (event: CacheEvent) => {
    // Each of these starts (or joins) the key's one upstream read; it ends with an `upstream` or `circuit-open` event.
    if (event.type === 'expired') {
      reading.add(event.key);
      awaiting.add(event.key);
    } else if (event.type === 'stale' && awaiting.has(event.key)) awaiting.delete(event.key);
    else if (event.type === 'miss' || event.type === 'revalidate' || event.type === 'stale')
      reading.add(event.key);
    else if (event.type === 'upstream' || event.type === 'circuit-open') reading.delete(event.key);
  };
  const gateway: Gateway = createGateway({
    adapters: await createAdapters(config),
    reader: createCachedReader({ store, ttlSeconds: 30, timeoutMs: BUDGET_MS, now, onEvent }),
    now: () => new Date(clock.ms),
    production: true,
    drainGraceMs: 0,
    ...(logger ? { logger } : {}),
  });
  const served = await serveOnLoopback(gateway);
  servers.push(served);
  const { post } = served;
  const health = async (): Promise<ResponseBody> => (await served.get('/health')).json();
  // Past the TTL (30 s) and the budget: a quiet spell.
  const expire = () => (clock.ms += 30_000 + BUDGET_MS + 1_000);
  /** Until every background read has ended and its value (if good) is stored. */
  const settled = () =>
    vi.waitFor(
      () => {
        expect(reading.size).toBe(0);
        expect(writing).toBe(0);
      },
      { timeout: 5_000, interval: 10 },
    );
  /**
   * Past TTL + budget: one request, answered with what the reads it waits for bring; then a second on
   * (within one second the gateway answers a repeated request from its response cache).
   */
  async function refresh(query = QUERY): Promise<ResponseBody> {
    expire();
    const { body } = await post(query);
    await settled();
    clock.ms += 1_000;
    return body;
  }
  return { gateway, post, health, expire, refresh };
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
    const { post } = await gatewayWithClock(fault.refused ? refusing : {});
    const { status, body } = await post(QUERY);
    expect(status).toBe(200);
    expectCodedFailureOf(body, fault.failing, fault.healthy);
  });

  // A refused connection never had a good read to fall back on: only the cold case applies.
  if (fault.refused) return;
  it('warm: the last good state, flagged stale, the same numbers', async () => {
    const { post, refresh } = await gatewayWithClock();
    const fresh = await post(QUERY);
    expect(fresh.body.errors).toBeUndefined();
    const before = protocol(fresh.body, fault.failing);
    fault.inject();
    // After the quiet spell the request waits for the reads (within the budget): they meet the fault.
    const atOnce = await refresh();
    expect(atOnce.errors).toBeUndefined();
    expect(protocol(atOnce, fault.failing)).toEqual({ ...before, source: { ...before.source, stale: true } });
    // Known to fail now: the same, at once.
    const { body } = await post(QUERY);
    expect(body.errors).toBeUndefined();
    expect(protocol(body, fault.failing)).toEqual({ ...before, source: { ...before.source, stale: true } });
    expect(protocol(body, fault.healthy).source.stale).toBe(false);
  });
});

describe('after every fault', () => {
  it('the server still serves', async () => {
    lcd.setFault('*', { kind: 'hang' });
    chain.fail({ mode: 'hang' });
    const { post } = await gatewayWithClock();
    await post(QUERY);
    lcd.setFault('*', null);
    chain.fail(null);
    const { body } = await post('{ protocols { id supply(at: "2026-01-01T00:00:00Z") { total } } }');
    expect(body.data.protocols.map((p: { id: string }) => p.id)).toEqual(['session', 'synternet']);
  });
});

/** `tokenomics_upstream_invalid_total{protocol, reason}` of a gateway, 0 when never counted. */
async function invalidCount(gateway: Gateway, protocolId: string, reason: string): Promise<number> {
  const metric = gateway.metrics.registry.getSingleMetric('tokenomics_upstream_invalid_total');
  const values = metric ? (await metric.get()).values : [];
  return (
    values.find((value) => value.labels.protocol === protocolId && value.labels.reason === reason)?.value ?? 0
  );
}

/**
 * Answers that parse but cannot be right. Each is rejected: the last good
 * state is served, flagged stale, never the implausible figures; with no last
 * good state (cold) the protocol's fields fail with UPSTREAM_INVALID. Each
 * rejection is counted once; the next plausible read is accepted again.
 */
interface Implausible {
  name: string;
  failing: 'session' | 'synternet';
  healthy: 'session' | 'synternet';
  /** The `reason` label it is counted under. */
  reason: string;
  /** Implausible on its own (so cold too), or only against the last good state. */
  absolute: boolean;
  inject(): void;
}

const IMPLAUSIBLE: Implausible[] = [
  {
    name: "Synternet's total supply falls 10 %",
    failing: 'synternet',
    healthy: 'session',
    reason: 'supply-drop',
    absolute: false,
    inject: () => lcd.setState({ supply: [{ denom: 'usynt', amount: '900000000000000' }] }),
  },
  {
    name: "Synternet's block height goes backwards",
    failing: 'synternet',
    healthy: 'session',
    reason: 'height',
    absolute: false,
    inject: () => lcd.setState({ latestBlock: { height: '837', time: lcdStart.latestBlock.time } }),
  },
  {
    name: "Synternet's node answers for another chain (osmosis-1)",
    failing: 'synternet',
    healthy: 'session',
    reason: 'chain-id',
    absolute: true,
    inject: () => lcd.setState({ chainId: 'osmosis-1' }),
  },
  {
    name: "Synternet's latest block is in the year 2999",
    failing: 'synternet',
    healthy: 'session',
    reason: 'block-time',
    absolute: true,
    inject: () => lcd.setState({ latestBlock: { height: '839', time: '2999-01-01T00:00:00Z' } }),
  },
  {
    name: "Session's Staking Reward Pool drops to 1 SESH",
    failing: 'session',
    healthy: 'synternet',
    reason: 'pool-collapse',
    absolute: true,
    inject: () => chain.update({ token: { balances: { [SESSION_ADDRESSES.rewardRatePool]: 1n * SESH } } }),
  },
  {
    name: "Session's staking requirement is 2^200 base units",
    failing: 'session',
    healthy: 'synternet',
    reason: 'bounds',
    absolute: true,
    inject: () => chain.update({ serviceNodeRewards: { stakingRequirement: 2n ** 200n } }),
  },
  {
    name: "Session's block number goes backwards",
    failing: 'session',
    healthy: 'synternet',
    reason: 'height',
    absolute: false,
    inject: () => chain.update({ blockNumber: chain.state.blockNumber - 1n }),
  },
  {
    name: "Session's node answers for another chain (OP Mainnet, 10)",
    failing: 'session',
    healthy: 'synternet',
    reason: 'chain-id',
    absolute: true,
    inject: () => chain.update({ chainId: 10 }),
  },
];

describe('implausible answers', () => {
  beforeEach(() => {
    chain.reset();
    lcd.setState(lcdStart);
  });
  afterEach(() => {
    chain.reset();
    lcd.setState(lcdStart);
  });

  describe.each(IMPLAUSIBLE.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    if (row.absolute) {
      it(`cold: UPSTREAM_INVALID for ${row.failing} only, counted once; ${row.healthy} answers`, async () => {
        row.inject();
        const { gateway, post, health } = await gatewayWithClock();
        const { status, body } = await post(QUERY);
        expect(status).toBe(200);
        expect(protocol(body, row.failing)).toMatchObject({
          source: { kind: 'LIVE', stale: false, error: { code: 'UPSTREAM_INVALID' } },
          supply: null,
          rewards: null,
        });
        expect(protocol(body, row.healthy)).toMatchObject({
          source: { stale: false, error: null },
          supply: { total: expect.any(String) },
        });
        expect(body.errors.length).toBeGreaterThan(0);
        for (const error of body.errors) {
          expect(error.extensions).toMatchObject({ code: 'UPSTREAM_INVALID', protocol: row.failing });
        }
        expect(await invalidCount(gateway, row.failing, row.reason)).toBe(1);
        const report = await health();
        expect(report.status).toBe('degraded');
        expect(report.protocols.find((p: { id: string }) => p.id === row.failing)).toMatchObject({
          ok: false,
          error: { code: 'UPSTREAM_INVALID' },
        });
      });
    }

    it('warm: the last good state, stale, the same numbers; counted; the next plausible read is accepted', async () => {
      const { gateway, post, health, refresh } = await gatewayWithClock();
      const fresh = await post(QUERY);
      expect(fresh.body.errors).toBeUndefined();
      const before = protocol(fresh.body, row.failing);

      row.inject();
      // The request after the quiet spell waits for the reads: the implausible answer is refused at once.
      const refused = await refresh();
      expect(await invalidCount(gateway, row.failing, row.reason)).toBe(1);
      expect(protocol(refused, row.failing)).toEqual({
        ...before,
        source: { ...before.source, stale: true },
      });
      const rejected = await post(QUERY);
      expect(rejected.body.errors).toBeUndefined();
      expect(protocol(rejected.body, row.failing)).toEqual({
        ...before,
        source: { ...before.source, stale: true },
      });
      expect(protocol(rejected.body, row.healthy).source.stale).toBe(false);
      // Asked again within the TTL (the same implausible answers from the cache): not counted twice.
      await post(QUERY);
      expect(await invalidCount(gateway, row.failing, row.reason)).toBe(1);
      const report = await health();
      expect(report.status).toBe('degraded');
      expect(report.protocols.find((p: { id: string }) => p.id === row.failing)).toMatchObject({
        ok: false,
        source: { stale: true },
      });

      chain.reset();
      lcd.setState(lcdStart);
      await refresh();
      const recovered = await post(QUERY);
      expect(recovered.body.errors).toBeUndefined();
      expect(protocol(recovered.body, row.failing)).toEqual(before);
      expect((await health()).status).toBe('ok');
    });
  });

  it('logs a rejection once, as a warning naming the protocol and reason, without the upstream URL', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const { post, refresh } = await gatewayWithClock({}, logger);
    await post(QUERY);
    lcd.setState({ chainId: 'osmosis-1' });
    await refresh();
    await post(QUERY);
    await post(QUERY);
    const warnings = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg.includes('osmosis-1'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, protocol: 'synternet', reason: 'chain-id', stale: true });
    expect(warnings[0].msg).toContain('synternet-1');
    for (const line of lines) expect(line).not.toContain(lcd.url);
  });
});

describe('a live source serves one consistent state', () => {
  const BLOCK = '2024-08-01T00:00:00Z';
  const SUPPLY_AT_BLOCK = `{ protocol(id: "synternet") { source { stale description } supply(at: "${BLOCK}") { total circulating } } }`;
  const BALANCES = `/cosmos/bank/v1beta1/balances/${FAKE_TREASURY_ADDRESS}`;
  afterEach(() => {
    lcd.setState(lcdStart);
    lcd.setFault(BALANCES, null);
  });

  it('a new supply and a failing treasury read: the old whole state, stale, never the mix', async () => {
    const { post, refresh } = await gatewayWithClock();
    const first = await post(SUPPLY_AT_BLOCK);
    expect(first.body.data.protocol.supply).toEqual({ total: '1000000000', circulating: '100015000' });

    // The chain moves on (2,000,000,000 total, 1,900,000,000 in the treasury) and the treasury path fails:
    // the mix of the new total and the old treasury would be 2,000,000,000 − 899,985,000 = 1,100,015,000.
    lcd.setState({
      supply: [{ denom: 'usynt', amount: '2000000000000000' }],
      balances: { [FAKE_TREASURY_ADDRESS]: [{ denom: 'usynt', amount: '1900000000000000' }] },
    });
    lcd.setFault(BALANCES, { kind: 'status', status: 500 });
    // After the quiet spell the request waits for the reads: they bring the new supply and fail the
    // treasury. The old whole state, stale, naming the failed read (and no read as merely out of date).
    const atOnce = await refresh(SUPPLY_AT_BLOCK);
    expect(atOnce.errors).toBeUndefined();
    expect(atOnce.data.protocol).toMatchObject({
      source: { stale: true, description: expect.stringMatching(/balances\/synt1\S+ failed/) },
      supply: { total: '1000000000', circulating: '100015000' },
    });
    expect(atOnce.data.protocol.source.description).not.toMatch(/out of date/);
    const { body } = await post(SUPPLY_AT_BLOCK);
    expect(body.errors).toBeUndefined();
    expect(body.data.protocol.supply).toEqual({ total: '1000000000', circulating: '100015000' });
    expect(body.data.protocol.source.stale).toBe(true);
    expect(body.data.protocol.source.description).toMatch(
      /stale: last good state from \d{4}-\d\d-\d\dT[\d:.]+Z; GET \/cosmos\/bank\/v1beta1\/balances\/synt1\S+ failed \([^)]*\)$/,
    );

    lcd.setFault(BALANCES, null);
    await refresh(SUPPLY_AT_BLOCK);
    const healed = await post(SUPPLY_AT_BLOCK);
    expect(healed.body.data.protocol).toMatchObject({
      source: { stale: false },
      supply: { total: '2000000000', circulating: '100000000' },
    });
  });

  it('cold, with one read failing and no whole state yet: a coded error, not a partial state', async () => {
    lcd.setFault(BALANCES, { kind: 'status', status: 500 });
    const { post } = await gatewayWithClock();
    const { body } = await post(SUPPLY_AT_BLOCK);
    expect(body.data.protocol.supply).toBeNull();
    expect(body.errors[0].extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', protocol: 'synternet' });
  });
});
