/**
 * `pnpm --filter @tokenomics/bench run cpu`: CPU time per request of the
 * built gateway in this process (`process.cpuUsage` around `yoga.fetch`, no
 * HTTP, no load generator): far less sensitive to other load on the machine
 * than throughput ratios, so a lever can be judged on a busy machine.
 * Alternating rounds, medians. See bench/README.md (issue 16).
 */
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { adapterPackageDir, gatewayCliPath } from './lib/paths.js';
import { DASHBOARD, DASHBOARD_AT_VARIABLE, dailySchedule, dashboardAt, instants } from './lib/queries.js';
import { fmt, median, table } from './lib/report.js';

const USAGE = `Usage: pnpm --filter @tokenomics/bench run cpu [options]

  --requests N       requests per round and scenario (default 200; schedules: 3 a round)
  --rounds N         rounds (default 5)
  --only a,b         new-at-literal, new-at-variable, repeat, schedule-points
  --schedule-years 1,10,27`;

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '5' },
    only: { type: 'string' },
    'schedule-years': { type: 'string', default: '1,10,27' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const REQUESTS = Math.max(1, Number(args.requests));
const ROUNDS = Math.max(1, Number(args.rounds));
/** Schedules per round and length (each a window never asked before). */
const SCHEDULES = 3;
const only = new Set(
  (args.only ?? 'new-at-literal,new-at-variable,repeat,schedule-points').split(',').map((id) => id.trim()),
);
const years = args['schedule-years'].split(',').map((n) => Math.max(1, Math.round(Number(n))));

// The measured build: the server app beside the CLI (its default configuration), its gateway library.
const cli = gatewayCliPath();
type GatewayModule = typeof import('@tokenomics/gateway');
const gatewayModule = (await import(
  pathToFileURL(join(adapterPackageDir(cli, 'gateway'), 'dist', 'index.js')).href
)) as GatewayModule;
const serverModule = (await import(pathToFileURL(join(dirname(cli), 'index.js')).href)) as {
  loadServerConfig: (options: { env: Record<string, string> }) => unknown;
  createServerAdapters: (config: unknown, env: Record<string, string>) => Promise<unknown[]>;
};
const adapters = await serverModule.createServerAdapters(serverModule.loadServerConfig({ env: {} }), {});
const gateway = gatewayModule.createGateway({
  adapters: adapters as Parameters<GatewayModule['createGateway']>[0]['adapters'],
  production: true,
  logger: gatewayModule.createLogger('silent'),
});

async function post(body: string): Promise<void> {
  const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body,
  });
  const text = await response.text();
  if (response.status !== 200 || !text.startsWith('{"data":') || text.includes('"errors":')) {
    throw new Error(`a request failed: ${response.status} ${text.slice(0, 300)}`);
  }
}

/** Milliseconds of CPU (user + system) per request of `count` sequential requests. */
async function cpuPerRequest(count: number, body: () => string): Promise<number> {
  const bodies = Array.from({ length: count }, body);
  const started = process.cpuUsage();
  for (const text of bodies) await post(text);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1_000 / count;
}

// Instants never asked before in this process: each scenario draws from its own range.
const literalAt = instants(Date.UTC(2026, 0, 1));
const variableAt = instants(Date.UTC(2025, 6, 1));
const scenarios: Array<{ id: string; title: string; body: () => string }> = [
  {
    id: 'new-at-literal',
    title: 'dashboard, a new `at` literal per request',
    body: () => JSON.stringify({ query: dashboardAt(literalAt()) }),
  },
  {
    id: 'new-at-variable',
    title: 'dashboard, a new `$at` variable per request',
    body: () => JSON.stringify({ query: DASHBOARD_AT_VARIABLE, variables: { at: variableAt() } }),
  },
  {
    id: 'repeat',
    title: 'dashboard, the same document (response cache, result memo)',
    body: () => JSON.stringify({ query: DASHBOARD }),
  },
].filter((scenario) => only.has(scenario.id));

const rows: string[][] = [];
const results: Record<string, number> = {};
if (scenarios.length > 0) {
  const samples = new Map<string, number[]>(scenarios.map((scenario) => [scenario.id, []]));
  for (const scenario of scenarios) await cpuPerRequest(20, scenario.body); // warm-up (JIT, plans)
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so a slow moment of the machine is spread over the scenarios.
    const order = round % 2 === 0 ? scenarios : [...scenarios].reverse();
    for (const scenario of order)
      samples.get(scenario.id)!.push(await cpuPerRequest(REQUESTS, scenario.body));
  }
  for (const scenario of scenarios) {
    const values = samples.get(scenario.id)!;
    results[scenario.id] = median(values);
    rows.push([scenario.title, fmt(median(values), 3), values.map((value) => fmt(value, 3)).join(', ')]);
  }
  process.stdout.write(`${table(['scenario', 'CPU ms / request (median)', 'rounds'], rows)}\n\n`);
}

if (only.has('schedule-points')) {
  const pointRows: string[][] = [];
  for (const protocol of ['session', 'synternet']) {
    const perPoint = new Map<number, number[]>(years.map((y) => [y, []]));
    let offset = 0;
    const window = (y: number) => {
      offset++;
      return dailySchedule(protocol, y, new Date(Date.UTC(2026, 1, 1 + offset)));
    };
    for (const y of years) await post(JSON.stringify({ query: window(y) })); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (const y of round % 2 === 0 ? years : [...years].reverse()) {
        const points = Math.round(y * 365.25) + 1;
        const ms = await cpuPerRequest(SCHEDULES, () => JSON.stringify({ query: window(y) }));
        perPoint.get(y)!.push((ms * 1_000) / points);
      }
    }
    const first = median(perPoint.get(years[0]!)!);
    for (const y of years) {
      const value = median(perPoint.get(y)!);
      results[`schedule-${protocol}-${y}y`] = value;
      pointRows.push([protocol, String(y), fmt(value, 2), `${fmt(value / first, 2)}×`]);
    }
  }
  process.stdout.write(
    `${table(['protocol', 'years', 'CPU µs / point (median)', `÷ ${years[0]} y`], pointRows)}\n`,
  );
}
process.stdout.write(`\n${JSON.stringify(results)}\n`);
await gateway.close();
