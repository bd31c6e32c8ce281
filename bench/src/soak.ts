/**
 * `pnpm soak`: the gateway at full load for 60 s; reports errors (goal 0) and
 * memory growth from after the warm-up to the end (goal < 10 %). Then the
 * hostile mix for 60 s against a live gateway whose fake upstreams fail in
 * turn: 0 crashes, 0 5xx, RSS after within 25 % of before, /health/live
 * within 100 ms throughout. Exits 1 when a goal is missed. See bench/README.md.
 */
import { parseArgs } from 'node:util';
import { cycleUpstreamFaults, type HostileResult, runHostile } from './lib/hostile.js';
import { preflight } from './lib/http.js';
import { type LoadResult, runLoad } from './lib/load.js';
import { sample, scrape } from './lib/metrics.js';
import { gatewayBuild } from './lib/paths.js';
import { residentBytes, type ServerProcess, startGateway, stopAll } from './lib/processes.js';
import { graphqlBody, SCENARIO_QUERIES } from './lib/queries.js';
import { fmt, machineInfo, machineLine, pass, quantile, stamp, table, writeReport } from './lib/report.js';
import { startUpstreams, type Upstreams } from './lib/upstreams.js';

const USAGE = `Usage: pnpm --filter @tokenomics/bench run soak [options]

  --duration S      seconds at full load, measured (default 60)
  --warmup S        seconds at full load before the first memory sample (default 10)
  --connections N   autocannon connections (default 50)
  --scenario NAME   dashboard (default), what-if, fees, schedule, live (dashboard over fake upstreams)
  --max-growth PCT  the memory goal, percent (default 10)
  --hostile S       seconds of the hostile mix after the soak (default 60; 0 skips it)
  --hostile-only    run only the hostile mix
  --gateway-flags F Node flags for the gateway after its own (e.g. "--max-semi-space-size=16")
  --load-nice N     the hostile mix's load loops run under \`nice -n N\` (default 19: they stand in for
                    remote clients; 0 lets them compete with the gateway and the probe for the cores)`;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    scenario: { type: 'string', default: 'dashboard' },
    'max-growth': { type: 'string', default: '10' },
    hostile: { type: 'string', default: '60' },
    'hostile-only': { type: 'boolean', default: false },
    'gateway-flags': { type: 'string', default: '' },
    'load-nice': { type: 'string', default: '19' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const QUERIES = SCENARIO_QUERIES;
const settings = {
  duration: Number(args.duration),
  warmup: Number(args.warmup),
  connections: Number(args.connections),
  scenario: args.scenario,
  maxGrowthPercent: Number(args['max-growth']),
  hostile: Number(args.hostile),
  hostileOnly: args['hostile-only'],
  gatewayFlags: args['gateway-flags'].split(/\s+/).filter(Boolean),
  loadNice: Number(args['load-nice']),
};
const query = QUERIES[settings.scenario];
if (query === undefined) throw new Error(`--scenario must be one of ${Object.keys(QUERIES).join(', ')}`);
for (const key of ['duration', 'warmup', 'connections', 'maxGrowthPercent', 'hostile', 'loadNice'] as const) {
  if (!Number.isFinite(settings[key]) || settings[key] < 0) throw new Error(`invalid --${key}`);
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const MiB = 2 ** 20;

interface MemorySample {
  /** Seconds since the measured phase started. */
  t: number;
  rssBytes: number;
  /** V8 heap in use, from the gateway's /metrics (every 5 s). */
  heapUsedBytes?: number;
}

/** The hostile phase's goals, as the soak's goals table shows them. */
interface Goal {
  goal: string;
  measured: string;
  met: boolean;
}

/** A gateway is down when its process has exited. */
const exited = (server: ServerProcess) => {
  try {
    process.kill(server.pid, 0);
    return false;
  } catch {
    return true;
  }
};

/**
 * The hostile mix: a live gateway (cache TTL 2 s, so upstream reads keep
 * happening) over fake upstreams that fail, hang and recover every 3 s, sent
 * the mix from 16 concurrent loops.
 */
async function hostilePhase(): Promise<{
  result: HostileResult;
  goals: Goal[];
  rss: { before: number; after: number };
  eventLoopDelayMs: { max: number; p99: number };
}> {
  const upstreams = await startUpstreams();
  const gateway = await startGateway({
    name: 'gateway (live, hostile)',
    env: { ...upstreams.env, CACHE_TTL_SECONDS: '2' },
    nodeFlags: settings.gatewayFlags,
  });
  try {
    log(
      `hostile mix: gateway pid ${gateway.pid}, ${settings.hostile} s, 16 loops, upstream faults every 3 s`,
    );
    await preflight(gateway.url, QUERIES.dashboard!, 'hostile warm-up');
    // Warm-up: the mix itself until every bounded memo and cache has filled (what stays is bounded by design).
    await runHostile(gateway.origin, 45, 16, { loadNice: settings.loadNice });
    const before = residentBytes(gateway.pid) ?? 0;
    // The gateway's own event-loop delay (prom-client's, reset by each scrape): from here to the mix's end.
    await scrape(gateway.origin);
    const stopFaults = cycleUpstreamFaults(upstreams, 3_000);
    const result = await runHostile(gateway.origin, settings.hostile, 16, { loadNice: settings.loadNice });
    stopFaults();
    const loopDelay = await scrape(gateway.origin);
    // Let the collector catch up with the last requests before reading memory.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const crashed = exited(gateway);
    const after = crashed ? 0 : (residentBytes(gateway.pid) ?? 0);
    const growth = before > 0 ? ((after - before) / before) * 100 : Number.NaN;
    const goals: Goal[] = [
      { goal: 'hostile: crashes = 0', measured: crashed ? 'the gateway exited' : 'alive', met: !crashed },
      {
        goal: 'hostile: 5xx = 0',
        measured: `${result.serverErrors} of ${result.requests} requests (${result.socketErrors} socket errors)`,
        met: result.serverErrors === 0 && result.socketErrors === 0,
      },
      {
        goal: 'hostile: the heaviest accepted requests answered in full',
        measured: `${result.notWhole} not whole`,
        met: result.notWhole === 0,
      },
      {
        goal: 'hostile: RSS after within 25 % of before',
        measured: `${fmt(before / MiB, 1)} → ${fmt(after / MiB, 1)} MiB (${growth >= 0 ? '+' : ''}${fmt(growth, 1)} %)`,
        met: !crashed && Math.abs(growth) <= 25,
      },
      {
        goal: 'hostile: /health/live ≤ 100 ms throughout',
        measured: `max ${fmt(result.liveMaxMs, 1)} ms, p99 ${fmt(result.liveP99Ms, 1)} ms over ${result.liveProbes} probes, ${result.liveFailures} failed`,
        met: result.liveMaxMs <= 100 && result.liveFailures === 0,
      },
    ];
    // Not a goal: what the gateway's own event loop waited, whatever the harness does.
    const eventLoopDelayMs = {
      max: sample(loopDelay, 'tokenomics_nodejs_eventloop_lag_max_seconds') * 1000,
      p99: sample(loopDelay, 'tokenomics_nodejs_eventloop_lag_p99_seconds') * 1000,
    };
    return { result, goals, rss: { before, after }, eventLoopDelayMs };
  } finally {
    await gateway.stop();
    await upstreams.close();
  }
}

async function main(): Promise<number> {
  if (settings.hostileOnly) return hostileReport(new Date(), await hostilePhase());
  const startedAt = new Date();
  const machine = machineInfo();
  log(`Machine: ${machineLine(machine)}`);
  let upstreams: Upstreams | undefined;
  if (settings.scenario === 'live') upstreams = await startUpstreams();
  const gateway = await startGateway({
    name: `gateway (${settings.scenario === 'live' ? 'live' : 'snapshot'})`,
    env: upstreams?.env ?? {},
  });
  log(
    `gateway pid ${gateway.pid}; scenario ${settings.scenario}; warm-up ${settings.warmup} s, then ${settings.duration} s at ${settings.connections} connections`,
  );
  await preflight(gateway.url, query!, `soak ${settings.scenario}`);
  const body = graphqlBody(query!);
  const rssBeforeWarmup = residentBytes(gateway.pid) ?? 0;

  const warmup: LoadResult | null =
    settings.warmup > 0
      ? await runLoad({
          url: gateway.url,
          body,
          connections: settings.connections,
          duration: settings.warmup,
        })
      : null;

  const samples: MemorySample[] = [];
  const started = performance.now();
  const heapUsed = async () => sample(await scrape(gateway.origin), 'tokenomics_nodejs_heap_size_used_bytes');
  let tick = 0;
  const takeSample = async () => {
    const t = (performance.now() - started) / 1000;
    const entry: MemorySample = { t, rssBytes: residentBytes(gateway.pid) ?? 0 };
    if (tick % 5 === 0) entry.heapUsedBytes = await heapUsed().catch(() => undefined);
    tick += 1;
    samples.push(entry);
  };
  await takeSample();
  const sampler = setInterval(() => void takeSample(), 1_000);
  const result = await runLoad({
    url: gateway.url,
    body,
    connections: settings.connections,
    duration: settings.duration,
  });
  clearInterval(sampler);
  await takeSample();
  const endHeap = await heapUsed().catch(() => undefined);
  await stopAll();
  await upstreams?.close();

  // Growth: the median of the last 5 samples against the median of the first 5 (after the warm-up).
  const rss = samples.map((s) => s.rssBytes);
  const head = quantile(rss.slice(0, 5), 0.5);
  const tail = quantile(rss.slice(-5), 0.5);
  const growthPercent = ((tail - head) / head) * 100;
  const peak = Math.max(...rss);
  const heaps = samples.flatMap((s) => (s.heapUsedBytes === undefined ? [] : [s.heapUsedBytes]));
  const errors = {
    socket: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    graphql: result.graphqlErrors,
  };
  const errorTotal = errors.socket + errors.timeouts + errors.non2xx + errors.graphql;
  const goals: Goal[] = [
    {
      goal: 'errors = 0',
      measured: `${errorTotal} (${JSON.stringify(errors)}) of ${result.requests} requests`,
      met: errorTotal === 0,
    },
    {
      goal: `memory growth < ${settings.maxGrowthPercent} %`,
      measured: `RSS ${fmt(head / MiB, 1)} → ${fmt(tail / MiB, 1)} MiB (${growthPercent >= 0 ? '+' : ''}${fmt(growthPercent, 1)} %), peak ${fmt(peak / MiB, 1)} MiB`,
      met: growthPercent < settings.maxGrowthPercent,
    },
  ];
  const report = {
    kind: 'soak',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    gateway: gatewayBuild(),
    settings,
    load: result,
    warmup,
    errors,
    memory: {
      rssBeforeWarmupBytes: rssBeforeWarmup,
      rssAfterWarmupBytes: head,
      rssEndBytes: tail,
      rssPeakBytes: peak,
      growthPercent,
      heapUsedFirstBytes: heaps[0] ?? null,
      heapUsedLastBytes: endHeap ?? heaps.at(-1) ?? null,
      samples,
    },
    goals,
  };

  const lines = [
    `# Gateway soak, ${report.startedAt}`,
    '',
    `Machine: ${machineLine(machine)}.`,
    `Gateway: ${report.gateway.cli}, commit ${report.gateway.commit}${report.gateway.uncommittedChanges.length > 0 ? ' with uncommitted changes under packages/' : ''}.`,
    `Scenario: ${settings.scenario}; ${settings.warmup} s warm-up, then ${settings.duration} s at full load (autocannon, ${settings.connections} connections); RSS of the gateway process from /proc every second, V8 heap in use from /metrics every 5 s. Growth compares the median of the last 5 RSS samples with the median of the first 5 after the warm-up.`,
    '',
    table(
      ['goal', 'measured', 'result'],
      goals.map((g) => [g.goal, g.measured, pass(g.met)]),
    ),
    '',
    table(
      ['req/s', 'p50 ms', 'p99 ms', 'requests', 'RSS before warm-up', 'heap used first → last'],
      [
        [
          fmt(result.rps),
          fmt(result.p50, 1),
          fmt(result.p99, 1),
          result.requests,
          `${fmt(rssBeforeWarmup / MiB, 1)} MiB`,
          `${fmt((heaps[0] ?? 0) / MiB, 1)} → ${fmt((endHeap ?? 0) / MiB, 1)} MiB`,
        ],
      ],
    ),
    '',
    'RSS over time (MiB): ' +
      samples
        .filter((_, i) => i % 5 === 0 || i === samples.length - 1)
        .map((s) => `${fmt(s.t)} s: ${fmt(s.rssBytes / MiB, 1)}`)
        .join(', '),
    '',
  ];
  const md = lines.join('\n');
  const paths = writeReport(`soak-${stamp(startedAt)}`, report, md);
  process.stdout.write(`\n${md}\nReport: ${paths.md}\n        ${paths.json}\n`);
  const hostileMet = settings.hostile > 0 ? await hostileReport(new Date(), await hostilePhase()) : 0;
  return goals.every((g) => g.met) && hostileMet === 0 ? 0 : 1;
}

/** Writes the hostile phase's report; 0 when every goal is met. */
function hostileReport(
  startedAt: Date,
  phase: {
    result: HostileResult;
    goals: Goal[];
    rss: { before: number; after: number };
    eventLoopDelayMs: { max: number; p99: number };
  },
): number {
  const { result, goals } = phase;
  const byRequest = Object.entries(result.statuses).map(([name, statuses]) => [
    name,
    Object.entries(statuses)
      .map(([status, n]) => `${status}: ${n}`)
      .join(', '),
  ]);
  const md = [
    `# Gateway soak, hostile mix, ${startedAt.toISOString()}`,
    '',
    `Machine: ${machineLine(machineInfo())}.`,
    `${settings.hostile} s of the hostile mix (bench/src/lib/hostile.ts: the heaviest accepted queries, up to 39,452 of the 50,000 budget units and 8 MB of answer, each of which must come back whole; inputs the gateway must refuse; malformed and oversized bodies) from 16 concurrent loops (a process of their own under \`nice -n ${settings.loadNice}\`${settings.loadNice > 0 ? ': they stand in for remote clients and take the cores only when the gateway and the probe do not want them' : ': competing with the gateway and the probe for the cores'}), against a live gateway (cache TTL 2 s) whose fake upstreams fail, hang and recover every 3 s; /health/live probed every 200 ms from a thread of its own (so the harness's own load does not add to its times). RSS compares the gateway before the mix (after a 45 s warm-up of it, which fills the bounded memos and caches and lets the heap reach its working size) with 5 s after it.`,
    '',
    table(
      ['goal', 'measured', 'result'],
      goals.map((g) => [g.goal, g.measured, pass(g.met)]),
    ),
    '',
    `The gateway's own event-loop delay during the mix (prom-client's, from its /metrics; not a goal): max ${fmt(phase.eventLoopDelayMs.max, 1)} ms, p99 ${fmt(phase.eventLoopDelayMs.p99, 1)} ms.`,
    '',
    table(['request', 'statuses'], byRequest),
    '',
  ].join('\n');
  const paths = writeReport(
    `soak-hostile-${stamp(startedAt)}`,
    { kind: 'soak-hostile', settings, ...phase },
    md,
  );
  process.stdout.write(`\n${md}\nReport: ${paths.md}\n        ${paths.json}\n`);
  return goals.every((g) => g.met) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    process.stderr.write(
      `soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    await stopAll();
    process.exit(1);
  },
);
