/**
 * `pnpm soak`: the gateway at full load for 60 s; reports errors (goal 0) and
 * memory growth from after the warm-up to the end (goal < 10 %). Exits 1 when
 * a goal is missed. See bench/README.md.
 */
import { parseArgs } from 'node:util';
import { preflight } from './lib/http.js';
import { type LoadResult, runLoad } from './lib/load.js';
import { sample, scrape } from './lib/metrics.js';
import { gatewayBuild } from './lib/paths.js';
import { residentBytes, startGateway, stopAll } from './lib/processes.js';
import { graphqlBody, SCENARIO_QUERIES } from './lib/queries.js';
import { fmt, machineInfo, machineLine, pass, quantile, stamp, table, writeReport } from './lib/report.js';
import { startUpstreams, type Upstreams } from './lib/upstreams.js';

const USAGE = `Usage: pnpm --filter @tokenomics/bench run soak [options]

  --duration S      seconds at full load, measured (default 60)
  --warmup S        seconds at full load before the first memory sample (default 10)
  --connections N   autocannon connections (default 50)
  --scenario NAME   dashboard (default), what-if, fees, schedule, live (dashboard over fake upstreams)
  --max-growth PCT  the memory goal, percent (default 10)`;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    scenario: { type: 'string', default: 'dashboard' },
    'max-growth': { type: 'string', default: '10' },
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
};
const query = QUERIES[settings.scenario];
if (query === undefined) throw new Error(`--scenario must be one of ${Object.keys(QUERIES).join(', ')}`);
for (const key of ['duration', 'warmup', 'connections', 'maxGrowthPercent'] as const) {
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

async function main(): Promise<number> {
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
  const goals = [
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
