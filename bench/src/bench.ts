/**
 * `pnpm bench`: the gateway against a bare graphql-yoga `{ hello }` server, in
 * the same run, with autocannon. See bench/README.md.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openSockets, type PostResult, postGraphql, preflight } from './lib/http.js';
import { failures, type LoadResult, runLoad } from './lib/load.js';
import { deltas, graphqlServerTime, type Samples, scrape } from './lib/metrics.js';
import { adapterPackageDir, gatewayBuild, gatewayCliPath, REPORTS_DIR } from './lib/paths.js';
import { barChart, lineChart, type Series, writePng } from './lib/plots.js';
import {
  cliHasWorkers,
  type ServerProcess,
  startBareYoga,
  startGateway,
  startRawHttp,
  stopAll,
  waitIdle,
} from './lib/processes.js';
import {
  DASHBOARD,
  DASHBOARD_AT_VARIABLE,
  dailySchedule,
  dashboardAt,
  FEE_QUOTES,
  graphqlBody,
  HELLO,
  instants,
  isGoodBody,
  PAST_SUPPLY,
  protocolsAt,
  TEN_YEAR_DAILY,
  tenYearDaily,
  WHAT_IF,
} from './lib/queries.js';
import {
  fmt,
  type MachineInfo,
  machineInfo,
  machineLine,
  mean,
  median,
  pass,
  quantile,
  stamp,
  table,
  writeReport,
} from './lib/report.js';
import { maxReads, startUpstreams, type UpstreamCounts, type Upstreams } from './lib/upstreams.js';

const USAGE = `Usage: pnpm --filter @tokenomics/bench run bench [options]

  --duration S          seconds per measured run (default 10; --quick: 3)
  --warmup S            seconds of warm-up per server before each scenario (default 3; --quick: 1)
  --rounds N            alternating A/B rounds per scenario (default 3; --quick: 2)
  --connections N       autocannon connections (default 50)
  --workers N           also measure the dashboard on a gateway cluster of N workers
                        (default: every core, ${availableParallelism()} here; 0 or 1 skips it)
  --ttl S               CACHE_TTL_SECONDS of the live gateway (default 30)
  --concurrent N        identical live queries fired at once on a cold cache (default 200)
  --schedule-samples N  sequential 10-year schedule requests timed (default 30; --quick: 15)
  --only a,b            scenarios to run: dashboard, dashboard-new-at-literal, dashboard-new-at-variable,
                        dashboard-memoized-figures, what-if, schedule, fees, hit, raw-http,
                        not-modified, live, cluster, schedule-points, protocols-cost, regression
  --baseline PATH       another build's gateway CLI (e.g. the commit before a change:
                        /other/checkout/packages/gateway/dist/cli.js before the server split,
                        packages/server/dist/cli.js after): protocols-cost is measured on both,
                        alternating, in the same run, and \`regression\` runs the dashboard, what-if,
                        fees, schedule and hit scenarios on this build against that one (A/B, the
                        same document on both: "no throughput regression")
  --protocols 1,50,200  cosmos-mint instances per gateway in protocols-cost
  --schedule-years 1,10,27  daily schedule lengths of schedule-points
  --quick               shorter runs (the numbers are noisier)
  --strict              exit 1 when a target is missed`;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string' },
    workers: { type: 'string' },
    ttl: { type: 'string' },
    concurrent: { type: 'string' },
    'schedule-samples': { type: 'string' },
    only: { type: 'string' },
    baseline: { type: 'string' },
    protocols: { type: 'string' },
    'schedule-years': { type: 'string' },
    quick: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

function numberOption(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0)
    throw new Error(`--${name} must be a number ≥ 0, got "${value}"`);
  return number;
}

const quick = args.quick === true;
const settings = {
  duration: numberOption(args.duration, quick ? 3 : 10, 'duration'),
  warmup: numberOption(args.warmup, quick ? 1 : 3, 'warmup'),
  rounds: Math.max(1, Math.round(numberOption(args.rounds, quick ? 2 : 3, 'rounds'))),
  connections: Math.max(1, Math.round(numberOption(args.connections, 50, 'connections'))),
  workers: Math.round(numberOption(args.workers, availableParallelism(), 'workers')),
  ttlSeconds: Math.max(1, Math.round(numberOption(args.ttl, 30, 'ttl'))),
  concurrent: Math.max(1, Math.round(numberOption(args.concurrent, 200, 'concurrent'))),
  scheduleSamples: Math.max(
    1,
    Math.round(numberOption(args['schedule-samples'], quick ? 15 : 30, 'schedule-samples')),
  ),
  quick,
  baseline: args.baseline ? resolve(args.baseline) : null,
  protocolCounts: (args.protocols ?? '1,50,200').split(',').map((n) => Math.max(1, Math.round(Number(n)))),
  scheduleYears: (args['schedule-years'] ?? '1,10,27')
    .split(',')
    .map((n) => Math.max(1, Math.round(Number(n)))),
};
const ALL = [
  'dashboard',
  'dashboard-new-at-literal',
  'dashboard-new-at-variable',
  'dashboard-memoized-figures',
  'what-if',
  'schedule',
  'fees',
  'hit',
  'raw-http',
  'not-modified',
  'live',
  'cluster',
  'schedule-points',
  'protocols-cost',
  'regression',
] as const;
type ScenarioId = (typeof ALL)[number];
const only = new Set(
  (args.only?.split(',') ?? ALL).map((id) => (id.trim() === 'get-hit' ? 'hit' : id.trim())),
);
for (const id of only)
  if (!(ALL as readonly string[]).includes(id)) throw new Error(`--only: unknown scenario "${id}"`);
const wanted = (id: ScenarioId) =>
  only.has(id) &&
  (id !== 'cluster' || settings.workers > 1) &&
  (id !== 'regression' || settings.baseline !== null);

const log = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// Throughput scenarios: alternating A/B runs against the bare yoga baseline.

interface Scenario {
  id: ScenarioId;
  title: string;
  query: string;
  server: () => ServerProcess;
  /**
   * GraphQL over GET instead of POST, on both sides: the gateway with `headers` (e.g. `If-None-Match`,
   * then every answer must be `expectStatus`), bare yoga with `{ hello }` over GET.
   */
  get?: { headers?: () => Promise<Record<string, string>>; expectStatus?: number };
  /** A new POST body per request (a new literal or variable each time). */
  bodyOf?: () => string;
}

/** A GraphQL-over-GET URL of `query` at the endpoint `url`. */
function getUrl(url: string, query: string): string {
  return `${url}?query=${encodeURIComponent(query)}`;
}

interface RoundResult {
  round: number;
  order: 'baseline first' | 'gateway first';
  baseline: LoadResult;
  gateway: LoadResult;
}

interface ScenarioResult {
  id: ScenarioId;
  title: string;
  server: string;
  rounds: RoundResult[];
  baseline: { rps: number; p50: number; p99: number };
  gateway: { rps: number; p50: number; p99: number; responseBytes: number };
  /** Gateway req/s ÷ baseline req/s (medians of the rounds). */
  rpsRatio: number;
  /** Gateway p99 ÷ baseline p99 (means of the rounds). */
  p99Ratio: number;
  failures: { baseline: number; gateway: number };
  /** Live scenario only: upstream reads during the scenario (warm-up included). */
  upstream?: { counts: UpstreamCounts; seconds: number; ttlSeconds: number; maxReads: number; bound: number };
}

async function runScenario(
  scenario: Scenario,
  baseline: ServerProcess,
  upstreams?: Upstreams,
  /** What the baseline is asked: bare yoga's `{ hello }`, or (regression) the scenario's own document. */
  baselineQuery = HELLO,
): Promise<ScenarioResult> {
  const server = scenario.server();
  const gatewayBody = graphqlBody(scenario.query);
  const helloBody = graphqlBody(baselineQuery);
  const get = scenario.get;
  const gatewayHeaders = get ? ((await get.headers?.()) ?? {}) : {};
  // After every run both servers go idle before the next starts (see waitIdle).
  const load = async (url: string, body: string, duration: number) => {
    const toGateway = url === server.url;
    const result = await runLoad({
      url: get ? getUrl(url, toGateway ? scenario.query : baselineQuery) : url,
      body,
      ...(scenario.bodyOf && (toGateway || baselineQuery !== HELLO) ? { bodyOf: scenario.bodyOf } : {}),
      duration,
      connections: settings.connections,
      ...(get
        ? {
            method: 'GET' as const,
            headers: toGateway || baselineQuery !== HELLO ? gatewayHeaders : {},
            ...((toGateway || baselineQuery !== HELLO) && get.expectStatus !== undefined
              ? { expectStatus: get.expectStatus }
              : {}),
          }
        : {}),
    });
    const idle = await Promise.all([waitIdle(baseline.pid), waitIdle(server.pid)]);
    if (!idle.every(Boolean)) log('  ⚠ a server was still busy 30 s after the run');
    return result;
  };
  upstreams?.resetCounts();
  const started = performance.now();
  log(`\n▶ ${scenario.title} (${server.name})`);
  if (settings.warmup > 0) {
    log(`  warm-up ${settings.warmup} s each`);
    await load(baseline.url, helloBody, settings.warmup);
    await load(server.url, gatewayBody, settings.warmup);
  }
  const rounds: RoundResult[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    const baselineFirst = round % 2 === 1;
    let a: LoadResult;
    let b: LoadResult;
    if (baselineFirst) {
      a = await load(baseline.url, helloBody, settings.duration);
      b = await load(server.url, gatewayBody, settings.duration);
    } else {
      b = await load(server.url, gatewayBody, settings.duration);
      a = await load(baseline.url, helloBody, settings.duration);
    }
    rounds.push({
      round,
      order: baselineFirst ? 'baseline first' : 'gateway first',
      baseline: a,
      gateway: b,
    });
    log(
      `  round ${round}: ${baseline.name} ${fmt(a.rps)} req/s p99 ${a.p99} ms | gateway ${fmt(b.rps)} req/s p50 ${b.p50} ms p99 ${b.p99} ms (${fmt(b.rps / a.rps, 2)}×)${failures(b) ? ` ⚠ ${failures(b)} failures` : ''}`,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  // Medians of the rounds (with 2 rounds, their mean).
  const pick = (side: 'baseline' | 'gateway', key: 'rps' | 'p50' | 'p99') =>
    median(rounds.map((r) => r[side][key]));
  const gateway = {
    rps: pick('gateway', 'rps'),
    p50: pick('gateway', 'p50'),
    p99: pick('gateway', 'p99'),
    responseBytes: mean(rounds.map((r) => r.gateway.bytesPerSec / Math.max(1, r.gateway.rps))),
  };
  const base = { rps: pick('baseline', 'rps'), p50: pick('baseline', 'p50'), p99: pick('baseline', 'p99') };
  const result: ScenarioResult = {
    id: scenario.id,
    title: scenario.title,
    server: server.name,
    rounds,
    baseline: base,
    gateway,
    rpsRatio: gateway.rps / base.rps,
    p99Ratio: gateway.p99 / Math.max(1, base.p99),
    failures: {
      baseline: rounds.reduce((n, r) => n + failures(r.baseline), 0),
      gateway: rounds.reduce((n, r) => n + failures(r.gateway), 0),
    },
  };
  if (upstreams) {
    const counts = upstreams.counts();
    result.upstream = {
      counts,
      seconds,
      ttlSeconds: settings.ttlSeconds,
      maxReads: maxReads(counts),
      bound: Math.floor(seconds / settings.ttlSeconds) + 1,
    };
  }
  return result;
}

/** The ETag the gateway gives a GET of `url` (the 304 scenario sends it back). */
async function etagOf(url: string): Promise<string> {
  const response = await fetch(url, { headers: { accept: 'application/graphql-response+json' } });
  await response.text();
  const etag = response.headers.get('etag');
  if (response.status !== 200 || !etag)
    throw new Error(`GET ${url}: HTTP ${response.status} without an ETag`);
  return etag;
}

// ---------------------------------------------------------------------------------------------
// 10-year daily schedule: server time of sequential requests on an otherwise idle gateway.

interface ScheduleTiming {
  samples: number;
  points: number;
  responseBytes: number;
  /** Round trip measured by the harness (includes the transfer of the response). */
  clientMs: { p50: number; p99: number; min: number; max: number };
  /** From the gateway's own histogram (`tokenomics_http_request_duration_seconds`): onRequest → onResponse. */
  serverMs: { mean: number; count: number; atMost50ms: number; atMost25ms: number };
  /**
   * The same, each request with a window never asked before (from 2026-02-01 + i days), so that no
   * response cache or result memo can answer it: the cost of computing the schedule.
   */
  uncached: {
    clientMs: { p50: number; p99: number };
    serverMs: { mean: number; count: number; atMost50ms: number; atMost25ms: number };
  };
}

async function timeSchedule(gateway: ServerProcess): Promise<ScheduleTiming> {
  log('\n▶ 10-year daily schedule: server time (sequential requests)');
  const body = graphqlBody(TEN_YEAR_DAILY);
  let first: PostResult | undefined;
  for (let i = 0; i < 5; i++) first = await postGraphql(gateway.url, body); // warm-up
  const parsed = JSON.parse(first!.body) as { data: { protocols: Array<{ schedule: unknown[] }> } };
  const points = parsed.data.protocols.reduce((n, p) => n + p.schedule.length, 0);
  const before = await scrape(gateway.origin);
  const client: number[] = [];
  for (let i = 0; i < settings.scheduleSamples; i++) {
    const result = await postGraphql(gateway.url, body);
    if (result.status !== 200 || !isGoodBody(result.body)) throw new Error(`schedule: HTTP ${result.status}`);
    client.push(result.ms);
  }
  const after = await scrape(gateway.origin);
  const server = graphqlServerTime(before, after);
  // Distinct windows: 5 warm-up, then the samples, every one a first.
  const day = 86_400_000;
  const windowBody = (i: number) => graphqlBody(tenYearDaily(new Date(Date.UTC(2026, 1, 1) + i * day)));
  for (let i = 0; i < 5; i++) await postGraphql(gateway.url, windowBody(1_000 + i));
  const coldBefore = await scrape(gateway.origin);
  const coldClient: number[] = [];
  for (let i = 0; i < settings.scheduleSamples; i++) {
    const result = await postGraphql(gateway.url, windowBody(2_000 + i));
    if (result.status !== 200 || !isGoodBody(result.body)) throw new Error(`schedule: HTTP ${result.status}`);
    coldClient.push(result.ms);
  }
  const cold = graphqlServerTime(coldBefore, await scrape(gateway.origin));
  const timing: ScheduleTiming = {
    samples: settings.scheduleSamples,
    points,
    responseBytes: Buffer.byteLength(first!.body),
    clientMs: {
      p50: quantile(client, 0.5),
      p99: quantile(client, 0.99),
      min: Math.min(...client),
      max: Math.max(...client),
    },
    serverMs: {
      mean: server.meanMs,
      count: server.count,
      atMost50ms: server.atMost50ms,
      atMost25ms: server.atMost25ms,
    },
    uncached: {
      clientMs: { p50: quantile(coldClient, 0.5), p99: quantile(coldClient, 0.99) },
      serverMs: {
        mean: cold.meanMs,
        count: cold.count,
        atMost50ms: cold.atMost50ms,
        atMost25ms: cold.atMost25ms,
      },
    },
  };
  log(
    `  uncached (a new window each): server mean ${fmt(cold.meanMs, 1)} ms (${cold.atMost50ms}/${cold.count} ≤ 50 ms), round trip p50 ${fmt(timing.uncached.clientMs.p50, 1)} ms`,
  );
  log(
    `  ${points} points, ${fmt(timing.responseBytes / 1024)} KiB: server mean ${fmt(server.meanMs, 1)} ms (${server.atMost50ms}/${server.count} ≤ 50 ms), round trip p50 ${fmt(timing.clientMs.p50, 1)} ms p99 ${fmt(timing.clientMs.p99, 1)} ms`,
  );
  return timing;
}

// ---------------------------------------------------------------------------------------------
// N identical live queries at once on a cold cache: upstream reads per resource.

interface ConcurrentLive {
  requests: number;
  ok: number;
  failed: number;
  /** Wall time from the first request written to the last response read. */
  wallMs: number;
  latencyMs: { p50: number; p99: number; max: number };
  counts: UpstreamCounts;
  maxReads: number;
  /** From the gateway's metrics: upstream reads and cache events during the burst. */
  gatewayMetrics: Record<string, number>;
  ttlSeconds: number;
}

async function concurrentLive(gateway: ServerProcess, upstreams: Upstreams): Promise<ConcurrentLive> {
  log(`\n▶ ${settings.concurrent} identical live dashboard queries at once (cold cache)`);
  const sockets = await openSockets(gateway.url, settings.concurrent);
  const before: Samples = await scrape(gateway.origin);
  upstreams.resetCounts();
  const body = graphqlBody(DASHBOARD);
  const started = performance.now();
  // Every connection is open; the requests are written back to back in one tick.
  const results = await Promise.allSettled(sockets.map((socket) => postGraphql(gateway.url, body, socket)));
  const wallMs = performance.now() - started;
  const counts = upstreams.counts();
  const after = await scrape(gateway.origin);
  const ok = results.filter(
    (r) => r.status === 'fulfilled' && r.value.status === 200 && isGoodBody(r.value.body),
  );
  const latencies = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.ms] : []));
  const failed = results.length - ok.length;
  if (failed > 0) {
    const sampleFailure = results.find((r) => !(r.status === 'fulfilled' && isGoodBody(r.value.body)));
    log(
      `  ⚠ ${failed} failed, e.g. ${sampleFailure?.status === 'fulfilled' ? sampleFailure.value.body.slice(0, 500) : String(sampleFailure?.reason)}`,
    );
  }
  const result: ConcurrentLive = {
    requests: results.length,
    ok: ok.length,
    failed,
    wallMs,
    latencyMs: { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: Math.max(...latencies) },
    counts,
    maxReads: maxReads(counts),
    gatewayMetrics: {
      ...deltas(before, after, 'tokenomics_upstream_reads_total'),
      ...deltas(before, after, 'tokenomics_cache_events_total'),
    },
    ttlSeconds: settings.ttlSeconds,
  };
  log(
    `  ${ok.length}/${results.length} ok in ${fmt(wallMs)} ms; most reads of one resource: ${result.maxReads}; LCD ${JSON.stringify(counts.lcd)}; Arbitrum ${JSON.stringify(counts.arbitrum)} in ${counts.arbitrumHttpRequests} HTTP request(s)`,
  );
  return result;
}

// ---------------------------------------------------------------------------------------------
// Cost growth: µs per schedule point by length, ms per protocol by count.

/** Sequential requests, each a body never sent before: the median round trip (ms) after `warmup` of them. */
async function medianRoundTrip(url: string, bodyOf: (i: number) => string, samples: number, warmup = 3) {
  const times: number[] = [];
  let bytes = 0;
  let body = '';
  for (let i = 0; i < warmup + samples; i++) {
    const result = await postGraphql(url, bodyOf(i));
    if (result.status !== 200 || !isGoodBody(result.body))
      throw new Error(`HTTP ${result.status}: ${result.body.slice(0, 300)}`);
    if (i >= warmup) times.push(result.ms);
    bytes = Buffer.byteLength(result.body);
    body = result.body;
  }
  return { ms: median(times), bytes, body };
}

interface SchedulePoints {
  protocol: string;
  samples: number;
  rows: Array<{ years: number; points: number; ms: number; usPerPoint: number; bytes: number }>;
}

/**
 * µs per point of one protocol's daily schedule at each length (`--schedule-years`): sequential
 * requests on the idle gateway, each a window never asked before (no cache can answer), the
 * median round trip (transfer on loopback included) ÷ points.
 */
async function schedulePoints(gateway: ServerProcess): Promise<SchedulePoints[]> {
  const samples = settings.quick ? 6 : 15;
  const day = 86_400_000;
  const out: SchedulePoints[] = [];
  for (const protocol of ['session', 'synternet']) {
    log(`\n▶ schedule-points: ${protocol}, daily, ${settings.scheduleYears.join('/')} years`);
    const rows: SchedulePoints['rows'] = [];
    for (const years of settings.scheduleYears) {
      const offset = 100_000 * years;
      const { ms, bytes, body } = await medianRoundTrip(
        gateway.url,
        (i) =>
          graphqlBody(
            dailySchedule(protocol, years, new Date(Date.UTC(2026, 1, 1) + ((offset + i) % 2_000) * day)),
          ),
        samples,
      );
      const points = (JSON.parse(body) as { data: { protocol: { schedule: unknown[] } } }).data.protocol
        .schedule.length;
      rows.push({ years, points, ms, usPerPoint: (ms * 1000) / points, bytes });
      log(
        `  ${years} y: ${points} points, median ${fmt(ms, 1)} ms = ${fmt((ms * 1000) / points, 2)} µs/point`,
      );
    }
    out.push({ protocol, samples, rows });
  }
  return out;
}

interface ProtocolsCost {
  samples: number;
  builds: Array<{
    name: string;
    cli: string;
    rows: Array<{ protocols: number; ms: number; msPerProtocol: number }>;
    /** ms per added protocol: the slope between the fewest and the most protocols. */
    slopeMs: number;
  }>;
}

/**
 * A configuration of `count` cosmos-mint instances (chain0…), in a fresh folder whose
 * node_modules links the checkout's adapter package (a package name resolves from there).
 */
function manyChainsConfig(cli: string, count: number): { env: Record<string, string>; cleanup(): void } {
  const folder = mkdtempSync(join(tmpdir(), 'bench-protocols-'));
  const scope = join(folder, 'node_modules', '@tokenomics');
  mkdirSync(scope, { recursive: true });
  symlinkSync(adapterPackageDir(cli, 'adapter-cosmos-mint'), join(scope, 'adapter-cosmos-mint'), 'dir');
  const protocols = Array.from({ length: count }, (_, i) => ({
    adapter: '@tokenomics/adapter-cosmos-mint',
    options: { id: `chain${i}`, name: `Chain ${i}` },
  }));
  const file = join(folder, 'gateway.config.json');
  writeFileSync(file, JSON.stringify({ protocols, logLevel: 'warn' }, null, 2));
  return { env: { GATEWAY_CONFIG: file }, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * `protocols { supply rewards }` at a new instant on gateways of 1, 50, 200 cosmos-mint protocols:
 * median round trip, per protocol, and the slope. With `--baseline`, the other build too,
 * alternating which goes first at each count.
 */
async function protocolsCost(): Promise<ProtocolsCost> {
  const samples = settings.quick ? 8 : 20;
  const builds = [{ name: 'this build', cli: gatewayCliPath() }];
  if (settings.baseline) builds.push({ name: 'baseline (--baseline)', cli: settings.baseline });
  const rows = new Map(builds.map((b) => [b.name, [] as ProtocolsCost['builds'][number]['rows']]));
  let turn = 0;
  for (const count of settings.protocolCounts) {
    const order = turn++ % 2 === 0 ? builds : [...builds].reverse();
    for (const build of order) {
      const config = manyChainsConfig(build.cli, count);
      const gateway = await startGateway({
        name: `${build.name}, ${count} protocols`,
        env: config.env,
        cli: build.cli,
      });
      try {
        await waitIdle(gateway.pid, 10_000);
        const next = instants(Date.UTC(2026, 2, 1) + count * 1_000_000);
        const { ms } = await medianRoundTrip(gateway.url, () => graphqlBody(protocolsAt(next())), samples);
        rows.get(build.name)!.push({ protocols: count, ms, msPerProtocol: ms / count });
        log(
          `  ${build.name}: ${count} protocols, median ${fmt(ms, 2)} ms (${fmt((ms * 1000) / count)} µs per protocol)`,
        );
      } finally {
        await gateway.stop();
        config.cleanup();
      }
    }
  }
  return {
    samples,
    builds: builds.map((build) => {
      const list = rows.get(build.name)!;
      const first = list[0]!;
      const last = list[list.length - 1]!;
      return {
        ...build,
        rows: list,
        slopeMs:
          last.protocols === first.protocols
            ? last.msPerProtocol
            : (last.ms - first.ms) / (last.protocols - first.protocols),
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// The report.

interface BenchReport {
  kind: 'bench';
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  gateway: ReturnType<typeof gatewayBuild>;
  settings: typeof settings;
  scenarios: ScenarioResult[];
  /** Scenarios that could not run (a server that did not start, say), with the reason. */
  failedScenarios: Array<{ id: string; message: string }>;
  schedule?: ScheduleTiming;
  schedulePoints?: SchedulePoints[];
  protocolsCost?: ProtocolsCost;
  concurrentLive?: ConcurrentLive;
  /**
   * `--baseline`: this build against the baseline build, the same document on both (A/B, alternating):
   * `gateway` is this build, `baseline` the other; issue 13's "no throughput regression".
   */
  regression?: { cli: string; scenarios: ScenarioResult[] };
  targets: Array<{ target: string; measured: string; met: boolean | null; ifMissed?: string }>;
  /** The PNGs written beside the report. */
  plots?: string[];
}

function targets(report: Omit<BenchReport, 'targets'>): BenchReport['targets'] {
  const list: BenchReport['targets'] = [];
  const dashboard = report.scenarios.find((s) => s.id === 'dashboard');
  if (dashboard) {
    list.push({
      target: 'dashboard throughput ≥ 0.8× bare yoga { hello }',
      measured: `${fmt(dashboard.gateway.rps)} vs ${fmt(dashboard.baseline.rps)} req/s = ${fmt(dashboard.rpsRatio, 2)}×`,
      met: dashboard.rpsRatio >= 0.8,
    });
    list.push({
      target: 'dashboard p99 ≤ 2× bare yoga p99',
      measured: `${fmt(dashboard.gateway.p99, 1)} vs ${fmt(dashboard.baseline.p99, 1)} ms = ${fmt(dashboard.p99Ratio, 2)}×`,
      met: dashboard.p99Ratio <= 2,
    });
  }
  const ratioTarget = (id: ScenarioId, goal: number, text: string, ifMissed: string) => {
    const r = report.scenarios.find((x) => x.id === id);
    if (!r) return;
    list.push({
      target: text,
      measured: `${fmt(r.gateway.rps)} vs ${fmt(r.baseline.rps)} req/s = ${fmt(r.rpsRatio, 2)}×`,
      met: r.rpsRatio >= goal,
      ifMissed,
    });
  };
  const floor = report.scenarios.find((x) => x.id === 'dashboard-memoized-figures');
  const literal = report.scenarios.find((x) => x.id === 'dashboard-new-at-literal');
  ratioTarget(
    'dashboard-new-at-literal',
    0.5,
    'uncached dashboard, a new `at` literal per request ≥ 0.5× bare yoga',
    `${floorText(floor?.rpsRatio, literal?.rpsRatio, 0.5)}; the new instant is mostly Synternet's supply and rewards built as decimal.js values, rounded and written. The levers: figures as scaled integers to the wire (ExactFigure in core's Supply and Rewards, a change to the adapter contract) and, for the margin, uncached POSTs of known shapes answered below yoga's pipeline as hits are (a second GraphQL-over-HTTP path beside yoga). See bench/README.md (issue 16, sixth and seventh rounds) and \`pnpm --filter @tokenomics/bench run http-cpu\``,
  );
  const variable = report.scenarios.find((x) => x.id === 'dashboard-new-at-variable');
  if (variable)
    list.push({
      target: 'uncached dashboard, a new `at` variable per request (no literal to hoist), measured',
      measured: `${fmt(variable.gateway.rps)} vs ${fmt(variable.baseline.rps)} req/s = ${fmt(variable.rpsRatio, 2)}×`,
      met: null,
    });
  if (floor)
    list.push({
      target:
        "the uncached path's floor: the dashboard at one `$at` with its figures memoized (a new unused variable per request), measured",
      measured: `${fmt(floor.gateway.rps)} vs ${fmt(floor.baseline.rps)} req/s = ${fmt(floor.rpsRatio, 2)}×`,
      met: null,
    });
  ratioTarget(
    'hit',
    2.5,
    'cache hit of the dashboard (GET, replayed before yoga) ≥ 2.5× bare yoga',
    'the hit is a precomputed buffer and header list written on node:http, concurrent misses of a second wait for one computation; what is left is the socket and HTTP parsing that raw node:http pays too (compare raw-http: the ceiling on this machine)',
  );
  ratioTarget(
    'not-modified',
    4,
    'conditional GET answered 304 ≥ 4× bare yoga',
    'the 304 is written on node:http before yoga; the rest is HTTP parsing and the socket',
  );
  const raw = report.scenarios.find((x) => x.id === 'raw-http');
  if (raw)
    list.push({
      target: 'raw node:http serving the same precomputed JSON (the ceiling), measured',
      measured: `${fmt(raw.gateway.rps)} vs ${fmt(raw.baseline.rps)} req/s = ${fmt(raw.rpsRatio, 2)}×`,
      met: null,
    });
  for (const sp of report.schedulePoints ?? []) {
    const first = sp.rows[0];
    const last = sp.rows[sp.rows.length - 1];
    if (!first || !last) continue;
    const ratio = last.usPerPoint / first.usPerPoint;
    list.push({
      target: `${sp.protocol} daily schedule: µs per point at ${last.years} years ≤ 1.3× the ${first.years}-year figure`,
      measured: `${sp.rows.map((r) => `${r.years} y ${fmt(r.usPerPoint, 2)} µs`).join(', ')} (${fmt(ratio, 2)}×)`,
      met: ratio <= 1.3,
      ifMissed:
        'the answer outgrows the young generation (a 27-year answer is ~0.7 MB of JSON per protocol): a columnar scheduleSeries (one list per figure) or streaming the list',
    });
  }
  if (report.protocolsCost) {
    const [current, baseline] = report.protocolsCost.builds;
    if (current && baseline)
      list.push({
        target:
          'protocols { supply rewards } at a new instant: cost per protocol halved against the --baseline build (same run)',
        measured: `${fmt(current.slopeMs * 1000)} µs vs ${fmt(baseline.slopeMs * 1000)} µs per added protocol = ${fmt(current.slopeMs / baseline.slopeMs, 2)}×`,
        met: current.slopeMs <= baseline.slopeMs / 2,
        ifMissed: "cosmos-mint's mintStateAt memoized per model and block count (the cosmos helper's lever)",
      });
    else if (current)
      list.push({
        target:
          'protocols { supply rewards } at a new instant: cost per protocol (no --baseline given: measured only)',
        measured: `${fmt(current.slopeMs * 1000)} µs per added protocol; ${current.rows.map((r) => `${r.protocols}: ${fmt(r.ms, 1)} ms`).join(', ')}`,
        met: null,
      });
  }
  if (report.schedule) {
    const s = report.schedule;
    list.push({
      target: '10-year daily schedule of both protocols < 50 ms server time',
      measured: `uncached (a new window each request): mean ${fmt(s.uncached.serverMs.mean, 1)} ms server time, ${s.uncached.serverMs.atMost50ms}/${s.uncached.serverMs.count} ≤ 50 ms; repeated document: mean ${fmt(s.serverMs.mean, 1)} ms, ${s.serverMs.atMost50ms}/${s.serverMs.count} ≤ 50 ms`,
      met: s.uncached.serverMs.mean < 50,
    });
  }
  if (report.concurrentLive) {
    const c = report.concurrentLive;
    list.push({
      target: `≤ 1 upstream read per resource per TTL, ${c.requests} identical live queries at once`,
      measured: `most reads of one resource: ${c.maxReads}; ${c.ok}/${c.requests} answered without errors`,
      // 0 would mean the cache was not cold (nothing coalesced was measured): not a pass.
      met: c.maxReads === 1 && c.failed === 0,
    });
  }
  const live = report.scenarios.find((s) => s.id === 'live');
  if (live?.upstream) {
    const u = live.upstream;
    list.push({
      target: 'live dashboard under load: ≤ 1 read per resource per TTL',
      measured: `most reads of one resource: ${u.maxReads} in ${fmt(u.seconds)} s at TTL ${u.ttlSeconds} s (allowed ${u.bound})`,
      met: u.maxReads <= u.bound,
    });
  }
  const cluster = report.scenarios.find((s) => s.id === 'cluster');
  if (cluster && dashboard) {
    list.push({
      target: `every core: --workers ${report.settings.workers} (cluster), measured`,
      measured: `${fmt(cluster.gateway.rps)} req/s = ${fmt(cluster.gateway.rps / dashboard.gateway.rps, 2)}× one process; ${fmt(cluster.rpsRatio, 2)}× bare yoga`,
      met: null,
    });
  }
  if (report.regression) {
    for (const r of report.regression.scenarios) {
      list.push({
        target: `no throughput regression against --baseline: ${r.id} ≥ ${REGRESSION_GOAL}× the baseline build`,
        measured: `${fmt(r.gateway.rps)} vs ${fmt(r.baseline.rps)} req/s = ${fmt(r.rpsRatio, 2)}× (p99 ${fmt(r.gateway.p99, 1)} vs ${fmt(r.baseline.p99, 1)} ms)`,
        met: r.rpsRatio >= REGRESSION_GOAL,
        ifMissed:
          'profile both builds under this scenario (`pnpm --filter @tokenomics/bench run profile`, GATEWAY_CLI for the baseline) and compare the workspace functions by inclusive time',
      });
    }
  }
  for (const failed of report.failedScenarios) {
    list.push({
      target: `scenario ${failed.id} ran`,
      measured: failed.message.split('\n')[0] ?? '',
      met: false,
    });
  }
  const failing = report.scenarios.filter((s) => s.failures.gateway > 0 || s.failures.baseline > 0);
  list.push({
    target: 'no failed requests in the load runs',
    measured:
      failing.length === 0
        ? '0'
        : failing
            .map((s) => `${s.id}: ${s.failures.gateway} gateway, ${s.failures.baseline} baseline`)
            .join('; '),
    met: failing.length === 0,
  });
  return list;
}

/** The regression check's goal: this build's throughput at least this share of the baseline build's (noise allowed). */
const REGRESSION_GOAL = 0.95;

function markdown(report: BenchReport): string {
  const s = report.settings;
  const lines: string[] = [];
  lines.push(`# Gateway benchmark, ${report.startedAt}`);
  lines.push('');
  lines.push(`Machine: ${machineLine(report.machine)}.`);
  lines.push(
    `Gateway: ${report.gateway.cli}, commit ${report.gateway.commit}${report.gateway.uncommittedChanges.length > 0 ? ` with uncommitted changes under packages/ (${report.gateway.uncommittedChanges.length} files)` : ''}.`,
  );
  lines.push(
    `Load: autocannon, ${s.connections} connections, ${s.rounds} alternating A/B rounds of ${s.duration} s per scenario after ${s.warmup} s of warm-up per server${s.quick ? ' (quick mode: noisier)' : ''}. The load generator, the baseline and the gateway share this machine's ${report.machine.cpus} CPU(s): compare ratios, not absolute numbers, across machines.`,
  );
  lines.push('');
  lines.push('## Targets');
  lines.push('');
  lines.push(
    table(
      ['target', 'measured', 'result'],
      report.targets.map((t) => [
        t.target,
        t.measured,
        t.met === null
          ? 'measured'
          : t.met
            ? pass(true)
            : `${pass(false)}: next lever: ${t.ifMissed ?? 'see bench/README.md'}`,
      ]),
    ),
  );
  if (report.plots?.length) {
    lines.push('');
    for (const plot of report.plots) lines.push(`![${plot}](${plot})`);
  }
  if (report.scenarios.length > 0) {
    lines.push('');
    lines.push('## Throughput and latency (medians of the rounds)');
    lines.push('');
    lines.push(
      table(
        [
          'scenario',
          'server',
          'req/s',
          'p50 ms',
          'p99 ms',
          'bare yoga req/s',
          'bare p50 ms',
          'bare p99 ms',
          'req/s ratio',
          'p99 ratio',
          'response bytes',
          'failures',
        ],
        report.scenarios.map((r) => [
          r.title,
          r.server,
          fmt(r.gateway.rps),
          fmt(r.gateway.p50, 1),
          fmt(r.gateway.p99, 1),
          fmt(r.baseline.rps),
          fmt(r.baseline.p50, 1),
          fmt(r.baseline.p99, 1),
          `${fmt(r.rpsRatio, 3)}×`,
          `${fmt(r.p99Ratio, 2)}×`,
          fmt(r.gateway.responseBytes),
          `${r.failures.gateway} / ${r.failures.baseline}`,
        ]),
      ),
    );
    lines.push('');
    lines.push('Per round (gateway req/s ÷ bare yoga req/s):');
    lines.push('');
    for (const r of report.scenarios) {
      lines.push(
        `- ${r.title}: ${r.rounds.map((x) => `${fmt(x.gateway.rps)} ÷ ${fmt(x.baseline.rps)} (${x.order})`).join('; ')}`,
      );
    }
  }
  if (report.regression) {
    lines.push('');
    lines.push(`## This build against the --baseline build (\`${report.regression.cli}\`)`);
    lines.push('');
    lines.push(
      `The same document on both gateways, alternating rounds as above; ratio = this build ÷ the baseline build (goal ≥ ${REGRESSION_GOAL}×: no throughput regression).`,
    );
    lines.push('');
    lines.push(
      table(
        ['scenario', 'this build req/s', 'p99 ms', 'baseline req/s', 'p99 ms', 'req/s ratio', 'failures'],
        report.regression.scenarios.map((r) => [
          r.title,
          fmt(r.gateway.rps),
          fmt(r.gateway.p99, 1),
          fmt(r.baseline.rps),
          fmt(r.baseline.p99, 1),
          `${fmt(r.rpsRatio, 3)}×`,
          `${r.failures.gateway} / ${r.failures.baseline}`,
        ]),
      ),
    );
    lines.push('');
    for (const r of report.regression.scenarios) {
      lines.push(
        `- ${r.title}: ${r.rounds.map((x) => `${fmt(x.gateway.rps)} ÷ ${fmt(x.baseline.rps)} (${x.order === 'baseline first' ? 'baseline build first' : 'this build first'})`).join('; ')}`,
      );
    }
  }
  if (report.schedule) {
    const t = report.schedule;
    lines.push('');
    lines.push('## 10-year daily schedule, server time');
    lines.push('');
    lines.push(
      `${t.samples} sequential requests on an idle gateway after 5 warm-up requests; ${t.points} points (both protocols), ${fmt(t.responseBytes / 1024)} KiB per response.`,
    );
    lines.push('');
    lines.push(
      table(
        ['measure', 'value'],
        [
          [
            'repeated document: server time, mean (gateway histogram: request in → response built)',
            `${fmt(t.serverMs.mean, 1)} ms`,
          ],
          [
            'requests ≤ 50 ms / ≤ 25 ms (histogram buckets)',
            `${t.serverMs.atMost50ms} / ${t.serverMs.atMost25ms} of ${t.serverMs.count}`,
          ],
          [
            'round trip p50 / p99 (harness, includes transfer)',
            `${fmt(t.clientMs.p50, 1)} / ${fmt(t.clientMs.p99, 1)} ms`,
          ],
          ['round trip min / max', `${fmt(t.clientMs.min, 1)} / ${fmt(t.clientMs.max, 1)} ms`],
          [
            'uncached (a window never asked before each time): server time mean, ≤ 50 ms',
            `${fmt(t.uncached.serverMs.mean, 1)} ms, ${t.uncached.serverMs.atMost50ms} of ${t.uncached.serverMs.count}`,
          ],
          [
            'uncached: round trip p50 / p99',
            `${fmt(t.uncached.clientMs.p50, 1)} / ${fmt(t.uncached.clientMs.p99, 1)} ms`,
          ],
        ],
      ),
    );
  }
  for (const sp of report.schedulePoints ?? []) {
    lines.push('');
    lines.push(
      `## schedule-points: ${sp.protocol}, daily, a new window each request (median of ${sp.samples})`,
    );
    lines.push('');
    lines.push(
      table(
        ['years', 'points', 'round trip ms', 'µs per point', 'response bytes'],
        sp.rows.map((r) => [r.years, r.points, fmt(r.ms, 1), fmt(r.usPerPoint, 2), fmt(r.bytes)]),
      ),
    );
  }
  if (report.protocolsCost) {
    lines.push('');
    lines.push(
      `## protocols-cost: \`protocols { supply rewards }\` at a new instant (median round trip of ${report.protocolsCost.samples})`,
    );
    lines.push('');
    lines.push(
      table(
        ['build', 'protocols', 'ms', 'µs per protocol'],
        report.protocolsCost.builds.flatMap((b) =>
          b.rows.map((r) => [b.name, r.protocols, fmt(r.ms, 2), fmt(r.msPerProtocol * 1000)]),
        ),
      ),
    );
    lines.push('');
    for (const b of report.protocolsCost.builds)
      lines.push(`- ${b.name} (${b.cli}): ${fmt(b.slopeMs * 1000)} µs per added protocol`);
  }
  if (report.concurrentLive) {
    const c = report.concurrentLive;
    lines.push('');
    lines.push(
      `## ${c.requests} identical live dashboard queries at once (cold cache, TTL ${c.ttlSeconds} s)`,
    );
    lines.push('');
    lines.push(
      `${c.ok}/${c.requests} answered without errors in ${fmt(c.wallMs)} ms (latency p50 ${fmt(c.latencyMs.p50)} ms, p99 ${fmt(c.latencyMs.p99)} ms). Reads the fake upstreams received:`,
    );
    lines.push('');
    lines.push(upstreamTable(c.counts));
    lines.push('');
    lines.push(`Gateway metrics during the burst: ${JSON.stringify(c.gatewayMetrics)}`);
  }
  const live = report.scenarios.find((r) => r.upstream);
  if (live?.upstream) {
    lines.push('');
    lines.push(
      `## Upstream reads during the live dashboard load (${fmt(live.upstream.seconds)} s, TTL ${live.upstream.ttlSeconds} s, ≈ ${fmt(live.gateway.rps * s.rounds * s.duration)} measured queries plus warm-up)`,
    );
    lines.push('');
    lines.push(upstreamTable(live.upstream.counts));
  }
  lines.push('');
  return lines.join('\n');
}

/**
 * Why the uncached literal misses, from the same run: the floor (the same
 * dashboard with its figures memoized) and how much of what a new instant
 * adds to it could remain at the goal. In units of bare yoga's time per
 * request (1 / ratio): the goal allows 1/goal, the floor takes 1/floor.
 */
function floorText(floor: number | undefined, literal: number | undefined, goal: number): string {
  if (floor === undefined || literal === undefined || !(floor > 0) || !(literal > 0)) {
    return 'the floor (the same dashboard with its figures memoized: run dashboard-memoized-figures) was not measured';
  }
  const head = `the floor, the same dashboard with its figures memoized (only the response cache missing), reaches ${fmt(floor, 2)}× in this run`;
  if (floor < goal) return `${head}: below the goal before any figure is computed`;
  const added = 1 / literal - 1 / floor;
  const allowed = 1 / goal - 1 / floor;
  return added > 0
    ? `${head}; a new instant (its literal and figures) adds ${fmt(added, 2)} units of bare yoga's time per request, and the goal leaves ${fmt(allowed, 2)}: it would have to cost ${fmt((100 * allowed) / added)} % of what it costs now`
    : head;
}

/** The PNGs beside the report: throughput ratios per scenario, and cost growth (points, protocols). */
function plots(report: BenchReport, name: string): string[] {
  const written: string[] = [];
  const goals: Partial<Record<ScenarioId, number>> = {
    dashboard: 0.8,
    'dashboard-new-at-literal': 0.5,
    hit: 2.5,
    'not-modified': 4,
  };
  try {
    mkdirSync(REPORTS_DIR, { recursive: true });
    if (report.scenarios.length > 0) {
      const file = `${name}-throughput.png`;
      writePng(
        join(REPORTS_DIR, file),
        barChart(
          'Throughput ÷ bare graphql-yoga { hello } (same run, medians of alternating rounds)',
          report.scenarios.map((r) => ({
            label: r.id,
            value: r.rpsRatio,
            ...(goals[r.id] === undefined ? {} : { goal: goals[r.id] }),
          })),
        ),
      );
      written.push(file);
    }
    if (report.regression?.scenarios.length) {
      const file = `${name}-regression.png`;
      writePng(
        join(REPORTS_DIR, file),
        barChart(
          'Throughput of this build ÷ the --baseline build (same document, same run)',
          report.regression.scenarios.map((r) => ({ label: r.id, value: r.rpsRatio, goal: REGRESSION_GOAL })),
          '×',
          'the baseline build',
        ),
      );
      written.push(file);
    }
    if (report.schedulePoints?.length) {
      const file = `${name}-schedule-points.png`;
      writePng(
        join(REPORTS_DIR, file),
        lineChart(
          'Daily schedule: µs per point by length (a new window each request)',
          'years',
          'µs per point (round trip ÷ points)',
          report.schedulePoints.map((sp) => ({
            name: sp.protocol,
            points: sp.rows.map((r) => ({ x: r.years, y: r.usPerPoint })),
          })),
        ),
      );
      written.push(file);
    }
    if (report.protocolsCost) {
      const file = `${name}-protocols-cost.png`;
      const series: Series[] = report.protocolsCost.builds.map((b) => ({
        name: b.name,
        points: b.rows.map((r) => ({ x: r.protocols, y: r.ms })),
      }));
      writePng(
        join(REPORTS_DIR, file),
        lineChart(
          'protocols { supply rewards } at a new instant',
          'cosmos-mint protocols',
          'ms per request (median)',
          series,
        ),
      );
      written.push(file);
    }
  } catch (error) {
    log(`  ⚠ plots not written: ${error instanceof Error ? error.message : String(error)}`);
  }
  return written;
}

function upstreamTable(counts: UpstreamCounts): string {
  return table(
    ['upstream', 'resource', 'reads'],
    [
      ...Object.entries(counts.lcd).map(([path, n]) => ['Cosmos LCD', `GET ${path}`, n]),
      ...Object.entries(counts.arbitrum).map(([name, n]) => ['Arbitrum', name, n]),
      ['Arbitrum', '(HTTP requests, a JSON-RPC batch each)', counts.arbitrumHttpRequests],
    ],
  );
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const startedAt = new Date();
  const machine = machineInfo();
  log(`Machine: ${machineLine(machine)}`);
  log(`Settings: ${JSON.stringify(settings)}; scenarios: ${ALL.filter(wanted).join(', ')}`);

  const baseline = await startBareYoga();
  const snapshot = await startGateway({ name: 'gateway (snapshot)' });
  log(`bare yoga pid ${baseline.pid}, snapshot gateway pid ${snapshot.pid}`);
  await preflight(baseline.url, HELLO, 'bare yoga');

  const scenarios: Scenario[] = [
    { id: 'dashboard', title: 'Dashboard (snapshot)', query: DASHBOARD, server: () => snapshot },
    { id: 'what-if', title: 'What-if with overrides', query: WHAT_IF, server: () => snapshot },
    {
      id: 'schedule',
      title: '10-year daily schedule, both protocols',
      query: TEN_YEAR_DAILY,
      server: () => snapshot,
    },
    { id: 'fees', title: 'Fee quotes', query: FEE_QUOTES, server: () => snapshot },
    {
      id: 'dashboard-new-at-literal',
      title: 'Dashboard, a new `at` literal per request (uncached)',
      query: dashboardAt('2026-01-01T00:00:00.000Z'),
      server: () => snapshot,
      bodyOf: (() => {
        const next = instants(Date.UTC(2026, 0, 1));
        return () => graphqlBody(dashboardAt(next()));
      })(),
    },
    {
      id: 'dashboard-new-at-variable',
      title: 'Dashboard, a new `at` variable per request (uncached)',
      query: DASHBOARD_AT_VARIABLE,
      server: () => snapshot,
      bodyOf: (() => {
        const next = instants(Date.UTC(2026, 3, 1));
        return () => JSON.stringify({ query: DASHBOARD_AT_VARIABLE, variables: { at: next() } });
      })(),
    },
    {
      // The uncached path's floor: the figures of one instant, memoized after the first request, and a
      // new unused variable each time, so only the response cache misses. What a request at a new instant
      // costs besides computing its figures: yoga's pipeline, the dashboard's execution and its answer.
      id: 'dashboard-memoized-figures',
      title: 'Dashboard at one `$at`, a new unused variable per request (figures memoized: the floor)',
      query: DASHBOARD_AT_VARIABLE,
      server: () => snapshot,
      bodyOf: (() => {
        let next = 0;
        return () =>
          JSON.stringify({
            query: DASHBOARD_AT_VARIABLE,
            variables: { at: '2026-07-01T00:00:00.000Z', request: next++ },
          });
      })(),
    },
    {
      id: 'hit',
      title: "Dashboard over GET, cache hit (the second's answer replayed)",
      query: DASHBOARD,
      server: () => snapshot,
      get: {},
    },
    {
      id: 'not-modified',
      title: 'Supply at a past instant over GET, If-None-Match: 304',
      query: PAST_SUPPLY,
      server: () => snapshot,
      get: {
        headers: async () => ({ 'if-none-match': await etagOf(getUrl(snapshot.url, PAST_SUPPLY)) }),
        expectStatus: 304,
      },
    },
  ];
  for (const scenario of scenarios)
    if (wanted(scenario.id)) await preflight(snapshot.url, scenario.query, scenario.title);
  // The ceiling: the dashboard's answer, precomputed, served by plain node:http.
  let raw: ServerProcess | undefined;
  let rawFolder: string | undefined;
  if (wanted('raw-http')) {
    const answer = await fetch(getUrl(snapshot.url, DASHBOARD), {
      headers: { accept: 'application/graphql-response+json' },
    });
    rawFolder = mkdtempSync(join(tmpdir(), 'bench-raw-'));
    const file = join(rawFolder, 'dashboard.json');
    writeFileSync(file, await answer.text());
    raw = await startRawHttp(file);
    const rawServer = raw;
    scenarios.push({
      id: 'raw-http',
      title: 'Raw node:http, the same precomputed dashboard JSON (the ceiling)',
      query: DASHBOARD,
      server: () => rawServer,
      get: {},
    });
  }

  const partial: Omit<BenchReport, 'targets'> = {
    kind: 'bench',
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    machine,
    gateway: gatewayBuild(),
    settings,
    scenarios: [],
    failedScenarios: [],
  };

  const attempt = async (id: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`  ✖ ${id} failed: ${message}`);
      partial.failedScenarios.push({ id, message: message.slice(0, 2_000) });
    }
  };
  // Idle-machine measurements first: the schedule's server time, the cold-cache burst.
  if (wanted('schedule')) partial.schedule = await timeSchedule(snapshot);
  if (wanted('schedule-points'))
    await attempt('schedule-points', async () => {
      partial.schedulePoints = await schedulePoints(snapshot);
    });

  let upstreams: Upstreams | undefined;
  let live: ServerProcess | undefined;
  if (wanted('live')) {
    upstreams = await startUpstreams();
    // History off: its recorder reads every live economy as the gateway starts, which would warm the
    // cache the burst below must find cold (and it measures the request path, not the recorder).
    const configDir = mkdtempSync(join(tmpdir(), 'bench-live-'));
    writeFileSync(join(configDir, 'gateway.config.json'), JSON.stringify({ history: { enabled: false } }));
    live = await startGateway({
      name: 'gateway (live)',
      env: {
        ...upstreams.env,
        CACHE_TTL_SECONDS: String(settings.ttlSeconds),
        GATEWAY_CONFIG: join(configDir, 'gateway.config.json'),
      },
    });
    log(`live gateway pid ${live.pid}: Arbitrum ${upstreams.arbitrum.url}, LCD ${upstreams.lcd.url}`);
    partial.concurrentLive = await concurrentLive(live, upstreams);
  }

  for (const scenario of scenarios) {
    if (wanted(scenario.id))
      await attempt(scenario.id, async () => {
        partial.scenarios.push(await runScenario(scenario, baseline));
      });
  }
  if (live && upstreams) {
    const liveServer = live;
    partial.scenarios.push(
      await runScenario(
        { id: 'live', title: 'Live dashboard (fake upstreams)', query: DASHBOARD, server: () => liveServer },
        baseline,
        upstreams,
      ),
    );
    await live.stop();
    await upstreams.close();
  }
  if (wanted('regression') && settings.baseline) {
    const cli = settings.baseline;
    await attempt('regression', async () => {
      const previous = await startGateway({ name: 'baseline build (--baseline)', cli });
      try {
        const ids = new Set<ScenarioId>(['dashboard', 'what-if', 'fees', 'schedule', 'hit']);
        const regression: NonNullable<typeof partial.regression> = { cli, scenarios: [] };
        partial.regression = regression;
        for (const scenario of scenarios.filter((x) => ids.has(x.id))) {
          await attempt(`regression ${scenario.id}`, async () => {
            await preflight(snapshot.url, scenario.query, scenario.title);
            await preflight(previous.url, scenario.query, `${scenario.title} (baseline build)`);
            regression.scenarios.push(await runScenario(scenario, previous, undefined, scenario.query));
          });
        }
      } finally {
        await previous.stop();
      }
    });
  }
  if (wanted('cluster'))
    await attempt('cluster', async () => {
      await snapshot.stop(); // one gateway at a time holds the cores
      const how = cliHasWorkers() ? 'serve --workers' : 'bench cluster wrapper';
      const cluster = await startGateway({
        workers: settings.workers,
        name: `gateway (snapshot, ${settings.workers} workers: ${how})`,
      });
      await preflight(cluster.url, DASHBOARD, 'cluster gateway');
      partial.scenarios.push(
        await runScenario(
          {
            id: 'cluster',
            title: `Dashboard, --workers ${settings.workers}`,
            query: DASHBOARD,
            server: () => cluster,
          },
          baseline,
        ),
      );
      await cluster.stop();
    });
  await raw?.stop();
  if (rawFolder) rmSync(rawFolder, { recursive: true, force: true });
  await stopAll();
  // Gateways of many protocols, one at a time (and the baseline build's, alternating).
  if (wanted('protocols-cost'))
    await attempt('protocols-cost', async () => {
      log(`\n▶ protocols-cost: ${settings.protocolCounts.join('/')} cosmos-mint protocols`);
      partial.protocolsCost = await protocolsCost();
    });

  partial.finishedAt = new Date().toISOString();
  const report: BenchReport = { ...partial, targets: targets(partial) };
  report.plots = plots(report, `bench-${stamp(startedAt)}`);
  const md = markdown(report);
  const paths = writeReport(`bench-${stamp(startedAt)}`, report, md);
  process.stdout.write(`\n${md}\nReport: ${paths.md}\n        ${paths.json}\n`);
  const missed = report.targets.filter((t) => t.met === false);
  if (missed.length > 0)
    log(`\n${missed.length} target(s) missed: ${missed.map((t) => t.target).join('; ')}`);
  return report.failedScenarios.length > 0 || (args.strict === true && missed.length > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    await stopAll();
    process.exit(1);
  },
);
