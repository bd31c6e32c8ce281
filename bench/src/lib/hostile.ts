/**
 * The hostile mix of `pnpm soak`: what an attacker or a broken client sends
 * (the heaviest queries the limits accept, inputs the gateway must refuse,
 * malformed and oversized bodies) while the fake upstreams fail, hang, answer
 * nonsense and recover in turn. The gateway must never crash, never answer
 * 5xx, keep /health/live quick and give its memory back.
 */
import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { BENCH_DIR, benchFile } from './paths.js';
import type { Upstreams } from './upstreams.js';

/** One request of the mix and the statuses it may get. */
export interface HostileRequest {
  name: string;
  /** Accepted work: its 200 must carry data and no error (else the mix is not testing what it says). */
  accepted?: boolean;
  method: 'GET' | 'POST';
  /** The path and query, e.g. `/graphql`. */
  path: string;
  body?: string;
  contentType?: string;
  /** Relative weight in the mix. */
  weight: number;
}

const post = (name: string, weight: number, query: string, variables?: Record<string, unknown>) => ({
  name,
  accepted: name.startsWith('heaviest accepted'),
  method: 'POST' as const,
  path: '/graphql',
  body: JSON.stringify(variables ? { query, variables } : { query }),
  weight,
});

const aliases = (count: number, field: (i: number) => string) =>
  Array.from({ length: count }, (_, i) => `a${i}: ${field(i)}`).join(' ');

/**
 * The requests of the mix. The heaviest accepted ones sit just under the
 * default per-request budget; the refused ones probe every limit.
 */
export const HOSTILE_REQUESTS: readonly HostileRequest[] = [
  // The heaviest work the default limits accept: long daily schedules of every protocol.
  post(
    'heaviest accepted: 10-year daily schedules',
    4,
    `{ protocols { id schedule(from: "2026-01-01T00:00:00Z", to: "2036-01-01T00:00:00Z", interval: DAY) { at total circulating liquid emitted emissionRate poolBalance } } }`,
  ),
  post(
    'heaviest accepted: aliased schedules near the budget',
    2,
    // 2 protocols × 2 aliases × (9,862 points + 1 field) = 39,452 units of the 50,000 budget: every figure of
    // 27 years, day by day, twice (about 8 MB of answer).
    `{ protocols { ${aliases(2, (i) => `schedule(from: "2026-01-0${i + 1}T00:00:00Z", to: "2053-01-01T00:00:00Z", interval: DAY) { at total circulating liquid emitted emissionRate poolBalance }`)} } }`,
  ),
  post(
    'dashboard with what-if overrides',
    6,
    `{ protocols { id supply { total circulating liquid staked } rewards { stakingApr annualEmission } } protocol(id: "session") { ${aliases(8, (i) => `supply(overrides: [{ key: "networkSize", value: "${1000 + i * 500}" }]) { circulating }`)} } }`,
  ),
  post(
    'penalty over many stakes',
    3,
    'query ($stakes: [Decimal!]!) { protocol(id: "synternet") { simulatePenalty(input: { rule: "downtime", stakes: $stakes, missedBlocks: 9000 }) { slashedTotal } } }',
    { stakes: Array.from({ length: 500 }, (_, i) => String(1000 + i)) },
  ),
  // Inputs the gateway must refuse, cheaply.
  post(
    'decimal exponent bomb',
    4,
    '{ protocol(id: "synternet") { quoteFee(input: { fee: "pay-per-data", quantity: "1e10000000", unitPrice: "1" }) { total } } }',
  ),
  post(
    'override bomb',
    2,
    '{ protocol(id: "session") { supply(overrides: [{ key: "stakingRewardPool", value: "9e999999999" }]) { total } } }',
  ),
  post(
    'commission bomb',
    2,
    `{ protocol(id: "synternet") { rewards(commission: "0.${'9'.repeat(5000)}") { delegatorApr } } }`,
  ),
  post(
    'over-budget aliased schedules',
    3,
    `{ protocol(id: "session") { ${aliases(30, () => 'schedule(from: "2026-01-01T00:00:00Z", to: "2053-01-01T00:00:00Z", interval: DAY) { total }')} } }`,
  ),
  post(
    'huge stakes list',
    2,
    'query ($stakes: [Decimal!]!) { protocol(id: "synternet") { simulatePenalty(input: { rule: "downtime", stakes: $stakes, missedBlocks: 9000 }) { slashedTotal } } }',
    { stakes: Array.from({ length: 20_000 }, () => '1') },
  ),
  post(
    'deep query',
    2,
    `{ __schema { types { fields { type { ${'ofType { '.repeat(14)}name${' }'.repeat(14)} } } } } }`,
  ),
  post('unknown protocol', 2, '{ protocol(id: "osmosis") { id } }'),
  post('before genesis', 2, '{ protocol(id: "session") { supply(at: "1999-01-01T00:00:00Z") { total } } }'),
  post(
    'skipped duplicate field',
    2,
    '{ protocols { name } protocols @include(if: false) { ... on Protocol { id } } }',
  ),
  {
    name: 'invalid JSON',
    method: 'POST',
    path: '/graphql',
    body: '{"query": "{ protocols { id } ',
    weight: 2,
  },
  {
    name: 'oversized body',
    method: 'POST',
    path: '/graphql',
    body: JSON.stringify({ query: `{ protocols { id } } # ${'x'.repeat(2_000_000)}` }),
    weight: 1,
  },
  {
    name: 'wrong content type',
    method: 'POST',
    path: '/graphql',
    body: 'query',
    contentType: 'text/plain',
    weight: 1,
  },
  { name: 'GET without query', method: 'GET', path: '/graphql?query=', weight: 1 },
  { name: 'health', method: 'GET', path: '/health', weight: 1 },
];

/** Picks requests by weight with a seeded generator, so two runs send the same sequence. */
export function hostilePicker(seed: number): () => HostileRequest {
  let state = seed >>> 0 || 1;
  const total = HOSTILE_REQUESTS.reduce((sum, request) => sum + request.weight, 0);
  return () => {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    let roll = state % total;
    for (const request of HOSTILE_REQUESTS) {
      if (roll < request.weight) return request;
      roll -= request.weight;
    }
    return HOSTILE_REQUESTS[0]!;
  };
}

/** The upstream faults the mix cycles through, one every `periodMs`: each upstream fails in turn, then recovers. */
export function cycleUpstreamFaults(upstreams: Upstreams, periodMs: number): () => void {
  const steps: Array<{ name: string; apply(): void }> = [
    { name: 'healthy', apply: () => clearFaults(upstreams) },
    {
      name: 'LCD supply 500',
      apply: () =>
        upstreams.lcd.setFault('/cosmos/bank/v1beta1/supply/by_denom', { kind: 'status', status: 500 }),
    },
    {
      name: 'LCD pool hangs',
      apply: () => upstreams.lcd.setFault('/cosmos/staking/v1beta1/pool', { kind: 'hang' }),
    },
    { name: 'Arbitrum 500', apply: () => upstreams.arbitrum.fail('http-500') },
    { name: 'Arbitrum hangs', apply: () => upstreams.arbitrum.fail('hang') },
    { name: 'healthy again', apply: () => clearFaults(upstreams) },
  ];
  let index = 0;
  const timer = setInterval(() => {
    clearFaults(upstreams);
    index = (index + 1) % steps.length;
    steps[index]!.apply();
  }, periodMs);
  return () => {
    clearInterval(timer);
    clearFaults(upstreams);
  };
}

function clearFaults(upstreams: Upstreams): void {
  upstreams.lcd.setFault('/cosmos/bank/v1beta1/supply/by_denom', null);
  upstreams.lcd.setFault('/cosmos/staking/v1beta1/pool', null);
  upstreams.arbitrum.fail(null);
}

/** The liveness probe's thread: GET /health/live every 200 ms for the run, timing each answer. */
const PROBE_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const deadline = performance.now() + workerData.durationS * 1000;
  const latencies = [];
  let failures = 0;
  while (performance.now() < deadline) {
    const started = performance.now();
    try {
      const response = await fetch(workerData.url, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (!response.ok) failures += 1;
    } catch {
      failures += 1;
    }
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  parentPort.postMessage({ latencies, failures });
})();
`;

/** A whole answer: `{"data":` first (an answer with errors starts `{"errors":`, as graphql-js orders it). */
function isWhole(body: Buffer): boolean {
  return body.subarray(0, 8).toString() === '{"data":';
}

/** What the hostile run saw. */
export interface HostileResult {
  requests: number;
  /** Count by request name and status. */
  statuses: Record<string, Record<string, number>>;
  serverErrors: number;
  socketErrors: number;
  /** Heaviest accepted requests whose answer was not a whole `data` without errors. */
  notWhole: number;
  /** /health/live latencies, ms. */
  liveMaxMs: number;
  liveP99Ms: number;
  liveFailures: number;
  liveProbes: number;
}

/** What the load loops saw (the child process of {@link runHostile} sends it back). */
export type LoopsResult = Pick<
  HostileResult,
  'requests' | 'statuses' | 'serverErrors' | 'socketErrors' | 'notWhole'
>;

/**
 * Sends the mix from `workers` concurrent loops for `durationS` seconds;
 * every request has a 15 s timeout. {@link runHostile} runs this in a child
 * process of its own (`src/hostile-load.ts`).
 */
export async function hostileLoops(
  origin: string,
  durationS: number,
  workers: number,
  seed = 20261202,
): Promise<LoopsResult> {
  const pick = hostilePicker(seed);
  const deadline = performance.now() + durationS * 1000;
  const result: LoopsResult = { requests: 0, statuses: {}, serverErrors: 0, socketErrors: 0, notWhole: 0 };
  const count = (name: string, status: string) => {
    const byStatus = result.statuses[name] ?? {};
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    result.statuses[name] = byStatus;
  };

  async function loop(): Promise<void> {
    while (performance.now() < deadline) {
      const request = pick();
      result.requests += 1;
      try {
        const response = await fetch(`${origin}${request.path}`, {
          method: request.method,
          headers: {
            'content-type': request.contentType ?? 'application/json',
            accept: 'application/graphql-response+json, application/json',
          },
          ...(request.body === undefined ? {} : { body: request.body }),
          signal: AbortSignal.timeout(15_000),
        });
        const body = Buffer.from(await response.arrayBuffer());
        count(request.name, String(response.status));
        if (request.accepted && (response.status !== 200 || !isWhole(body))) result.notWhole += 1;
        if (response.status >= 500) result.serverErrors += 1;
      } catch (error) {
        count(request.name, error instanceof Error ? error.name : 'error');
        result.socketErrors += 1;
      }
    }
  }

  await Promise.all(Array.from({ length: workers }, loop));
  return result;
}

/** Options of {@link runHostile}. */
export interface HostileOptions {
  seed?: number;
  /**
   * The load loops' niceness (their process runs under `nice -n`). Default
   * 19: the loops stand in for clients on other machines, so they get the
   * cores only when the gateway and the probe do not want them. 0 runs
   * them at the gateway's priority, competing with it for the cores.
   */
  loadNice?: number;
}

/**
 * Sends the mix from `workers` concurrent loops for `durationS` seconds
 * ({@link hostileLoops}, in a child process at the niceness `loadNice`)
 * while probing /health/live every 200 ms from a thread of this process at
 * normal priority.
 */
export async function runHostile(
  origin: string,
  durationS: number,
  workers: number,
  options: HostileOptions = {},
): Promise<HostileResult> {
  const { seed = 20261202, loadNice = 19 } = options;
  const child = spawn(
    'nice',
    ['-n', String(loadNice), process.execPath, '--import', 'tsx', benchFile('src/hostile-load.ts')],
    {
      cwd: BENCH_DIR,
      env: {
        ...process.env,
        HOSTILE_ORIGIN: origin,
        HOSTILE_DURATION_S: String(durationS),
        HOSTILE_LOOPS: String(workers),
        HOSTILE_SEED: String(seed),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const loops = new Promise<LoopsResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0)
        return reject(new Error(`the load loops exited with ${code}:\n${output.slice(-2_000)}`));
      try {
        resolve(JSON.parse(output) as LoopsResult);
      } catch (error) {
        reject(error);
      }
    });
  });

  // The probe runs on a thread of its own, at normal priority: it stands for the orchestrator's probe.
  const probe = new Worker(PROBE_SOURCE, {
    eval: true,
    workerData: { url: `${origin}/health/live`, durationS },
  });
  const probed = new Promise<{ latencies: number[]; failures: number }>((resolve, reject) => {
    probe.once('message', resolve);
    probe.once('error', reject);
  });
  let loaded: LoopsResult;
  let latencies: number[];
  let failures: number;
  try {
    [{ latencies, failures }, loaded] = await Promise.all([probed, loops]);
  } finally {
    await probe.terminate();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  latencies.sort((a, b) => a - b);
  return {
    ...loaded,
    liveFailures: failures,
    liveProbes: latencies.length,
    liveMaxMs: latencies.at(-1) ?? 0,
    liveP99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0,
  };
}
