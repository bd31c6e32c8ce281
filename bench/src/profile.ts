/**
 * `pnpm --filter @tokenomics/bench run profile`: runs the gateway child under
 * `node --cpu-prof`, drives one scenario with autocannon, stops the gateway
 * (which writes the profile) and prints the top self-time functions and the
 * time per package. Open the .cpuprofile in Chrome DevTools for the flame chart.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { preflight } from './lib/http.js';
import { runLoad } from './lib/load.js';
import { gatewayBuild, REPORTS_DIR } from './lib/paths.js';
import { startGateway, stopAll } from './lib/processes.js';
import { graphqlBody, SCENARIO_QUERIES } from './lib/queries.js';
import { fmt, machineInfo, machineLine, stamp, table, writeReport } from './lib/report.js';
import { startUpstreams } from './lib/upstreams.js';

const USAGE = `Usage: pnpm --filter @tokenomics/bench run profile [options]

  --scenario NAME   dashboard (default), what-if, fees, schedule, live (the dashboard over the fake upstreams)
  --duration S      seconds of load (default 10)
  --connections N   autocannon connections (default 50)
  --top N           functions listed (default 30)`;

const { values: args } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'dashboard' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    top: { type: 'string', default: '30' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const QUERIES = SCENARIO_QUERIES;
const query = QUERIES[args.scenario];
if (query === undefined) throw new Error(`--scenario must be one of ${Object.keys(QUERIES).join(', ')}`);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a script belongs: an npm package, a workspace package, Node itself, or a V8 pseudo-frame. */
function owner(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const workspace = /\/packages\/([^/]+)\//.exec(url);
  if (workspace) return `@tokenomics/${workspace[1]}`;
  return url;
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  const workspace = url.indexOf('/packages/');
  if (workspace >= 0) return url.slice(workspace + 1);
  return url.replace(/^file:\/\//, '');
}

function analyse(profile: CpuProfile, top: number) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const functions = new Map<string, { name: string; where: string; owner: string; us: number }>();
  const owners = new Map<string, number>();
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    if (frame.functionName === '(idle)') continue;
    busyUs += us;
    const who = owner(frame.url, frame.functionName);
    owners.set(who, (owners.get(who) ?? 0) + us);
    const key = `${frame.functionName}|${frame.url}|${frame.lineNumber}`;
    const entry = functions.get(key) ?? {
      name: frame.functionName || '(anonymous)',
      where: frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '',
      owner: who,
      us: 0,
    };
    entry.us += us;
    functions.set(key, entry);
  }
  const share = (us: number) => (us / busyUs) * 100;
  // Inclusive time of the workspace's own functions: each sample counts once for every function on its stack.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, { name: string; where: string; us: number }>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const frame = byId.get(current)?.callFrame;
      if (
        !frame ||
        !/\/packages\/[^/]+\/(dist|src)\//.test(frame.url) ||
        frame.url.includes('/node_modules/')
      )
        continue;
      const key = `${frame.functionName}|${frame.url}|${frame.lineNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = inclusive.get(key) ?? {
        name: frame.functionName || '(anonymous)',
        where: `${shortUrl(frame.url)}:${frame.lineNumber + 1}`,
        us: 0,
      };
      entry.us += profile.timeDeltas[i] ?? 0;
      inclusive.set(key, entry);
    }
  });
  return {
    busyMs: busyUs / 1000,
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ ...f, ms: f.us / 1000, percent: share(f.us) })),
    workspaceInclusive: [...inclusive.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ ...f, ms: f.us / 1000, percent: share(f.us) })),
    owners: [...owners.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => ({ name, ms: us / 1000, percent: share(us) })),
  };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = machineInfo();
  const dir = join(REPORTS_DIR, `profile-${stamp(startedAt)}`);
  mkdirSync(dir, { recursive: true });
  const upstreams = args.scenario === 'live' ? await startUpstreams() : undefined;
  const gateway = await startGateway({
    nodeFlags: ['--cpu-prof', '--cpu-prof-dir', dir],
    env: upstreams?.env ?? {},
  });
  await preflight(gateway.url, query!, `profile ${args.scenario}`);
  const body = graphqlBody(query!);
  const connections = Number(args.connections);
  const duration = Number(args.duration);
  process.stderr.write(
    `profiling gateway pid ${gateway.pid}: ${args.scenario}, ${duration} s at ${connections} connections\n`,
  );
  const result = await runLoad({ url: gateway.url, body, connections, duration });
  await gateway.stop(); // SIGTERM: the CLI exits, and --cpu-prof writes the profile
  await stopAll();
  await upstreams?.close();
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}: did the gateway exit cleanly?`);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const top = analyse(profile, Number(args.top));
  const md = [
    `# Gateway CPU profile, ${startedAt.toISOString()}`,
    '',
    `Machine: ${machineLine(machine)}.`,
    `Gateway: ${gatewayBuild().cli}, commit ${gatewayBuild().commit}.`,
    `Scenario ${args.scenario}: ${fmt(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms under the profiler (slower than without it), ${result.errors + result.non2xx + result.graphqlErrors} failed. Busy CPU in the profile: ${fmt(top.busyMs)} ms (start-up included, idle excluded). Profile: ${join(dir, file)}.`,
    '',
    '## Self time by package',
    '',
    table(
      ['package', 'self ms', '% of busy'],
      top.owners.slice(0, 25).map((o) => [o.name, fmt(o.ms), fmt(o.percent, 1)]),
    ),
    '',
    '## Top functions by self time',
    '',
    table(
      ['function', 'where', 'self ms', '% of busy'],
      top.functions.map((f) => [f.name, f.where, fmt(f.ms), fmt(f.percent, 1)]),
    ),
    '',
    '## Workspace functions by inclusive time (with everything they call)',
    '',
    table(
      ['function', 'where', 'inclusive ms', '% of busy'],
      top.workspaceInclusive.map((f) => [f.name, f.where, fmt(f.ms), fmt(f.percent, 1)]),
    ),
    '',
  ].join('\n');
  const paths = writeReport(
    `profile-${stamp(startedAt)}`,
    { machine, scenario: args.scenario, load: result, ...top },
    md,
  );
  process.stdout.write(`\n${md}\nReport: ${paths.md}\n`);
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    process.stderr.write(
      `profile failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    await stopAll();
    process.exit(1);
  },
);
