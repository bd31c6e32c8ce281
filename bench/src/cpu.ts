/**
 * `pnpm --filter @tokenomics/bench run cpu`: CPU time per request of the
 * built gateway in this process (`process.cpuUsage` around `yoga.fetch`, no
 * HTTP, no load generator): far less sensitive to other load on the machine
 * than throughput ratios, so a lever can be judged on a busy machine.
 * Alternating rounds, medians. See bench/README.md (issue 16).
 */
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createSchema, createYoga } from 'graphql-yoga';
import { adapterPackageDir, gatewayCliPath } from './lib/paths.js';
import { gatewayCwd } from './lib/processes.js';
import { DASHBOARD, DASHBOARD_AT_VARIABLE, dailySchedule, dashboardAt, instants } from './lib/queries.js';
import { fmt, median, table } from './lib/report.js';

const USAGE = `Usage: pnpm --filter @tokenomics/bench run cpu [options]

  --requests N       requests per round and scenario (default 200; schedules: 3 a round)
  --rounds N         rounds (default 5)
  --warmup N         requests per scenario and build before the rounds (default 20); the JIT and the
                     memos settle only after some 1,000 requests of the dashboard, so --warmup 1500
                     measures the steady state a long load test sees (default: mostly warm-up)
  --only a,b         hello (bare yoga in this process), new-at-literal, new-at-variable, repeat,
                     schedule-points
  --schedule-years 1,10,27
  --baseline PATH    another build's packages/server/dist/cli.js (a checkout after the server split):
                     loaded in this same process and measured in alternation with this build, the
                     same requests on both (the machine's load falls on both alike)`;

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '20' },
    only: { type: 'string' },
    'schedule-years': { type: 'string', default: '1,10,27' },
    baseline: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const REQUESTS = Math.max(1, Number(args.requests));
const ROUNDS = Math.max(1, Number(args.rounds));
const WARMUP = Math.max(1, Number(args.warmup));
/** Schedules per round and length (each a window never asked before). */
const SCHEDULES = 3;
const only = new Set(
  (args.only ?? 'hello,new-at-literal,new-at-variable,repeat,schedule-points')
    .split(',')
    .map((id) => id.trim()),
);
const years = args['schedule-years'].split(',').map((n) => Math.max(1, Math.round(Number(n))));

type GatewayModule = typeof import('@tokenomics/gateway');
type Target = {
  name: string;
  gateway: {
    yoga: { fetch: (url: string, init: RequestInit) => Response | Promise<Response> };
    close(): Promise<void>;
  };
};

/** A build's gateway in this process: the server app beside the CLI (its default configuration), its gateway library. */
async function load(name: string, cli: string): Promise<Target> {
  const gatewayModule = (await import(
    pathToFileURL(join(adapterPackageDir(cli, 'gateway'), 'dist', 'index.js')).href
  )) as GatewayModule;
  const serverModule = (await import(pathToFileURL(join(dirname(cli), 'index.js')).href)) as {
    loadServerConfig: (options: { env: Record<string, string>; cwd?: string }) => unknown;
    createServerAdapters: (config: unknown, env: Record<string, string>) => Promise<unknown[]>;
  };
  // The configuration's folder is the build's server package: adapter packages resolve from
  // there, so each build runs its own adapters (from the bench's folder, a baseline would run
  // this workspace's adapters beside its own gateway library).
  const config = serverModule.loadServerConfig({ env: {}, cwd: gatewayCwd(cli) });
  const adapters = await serverModule.createServerAdapters(config, {});
  const gateway = gatewayModule.createGateway({
    adapters: adapters as Parameters<GatewayModule['createGateway']>[0]['adapters'],
    production: true,
    logger: gatewayModule.createLogger('silent'),
  });
  return { name, gateway };
}
const targets: Target[] = [await load('this build', gatewayCliPath())];
if (args.baseline) targets.push(await load('baseline', resolve(args.baseline)));

async function post(target: Target, body: string): Promise<void> {
  const response = await target.gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body,
  });
  const text = await response.text();
  if (response.status !== 200 || !text.startsWith('{"data":') || text.includes('"errors":')) {
    throw new Error(`${target.name}: a request failed: ${response.status} ${text.slice(0, 300)}`);
  }
}

/** Milliseconds of CPU (user + system) per request of `count` sequential requests. */
async function cpuPerRequest(target: Target, count: number, body: () => string): Promise<number> {
  const bodies = Array.from({ length: count }, body);
  const started = process.cpuUsage();
  for (const text of bodies) await post(target, text);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1_000 / count;
}

// Instants never asked before by a build: each scenario draws from its own range, each build its own copy.
const SCENARIOS: Array<{ id: string; title: string; body: () => () => string }> = [
  {
    id: 'new-at-literal',
    title: 'dashboard, a new `at` literal per request',
    body: () => {
      const next = instants(Date.UTC(2026, 0, 1));
      return () => JSON.stringify({ query: dashboardAt(next()) });
    },
  },
  {
    id: 'new-at-variable',
    title: 'dashboard, a new `$at` variable per request',
    body: () => {
      const next = instants(Date.UTC(2025, 6, 1));
      return () => JSON.stringify({ query: DASHBOARD_AT_VARIABLE, variables: { at: next() } });
    },
  },
  {
    id: 'repeat',
    title: 'dashboard, the same document (response cache, result memo)',
    body: () => () => JSON.stringify({ query: DASHBOARD }),
  },
];
/** Bare graphql-yoga answering `{ hello }` in this process (what bench.ts runs as its baseline server). */
const bareYoga: Target = {
  name: 'bare yoga',
  gateway: {
    yoga: createYoga({
      schema: createSchema({
        typeDefs: 'type Query { hello: String! }',
        resolvers: { Query: { hello: () => 'world' } },
      }),
      graphqlEndpoint: '/graphql',
      landingPage: false,
      graphiql: false,
      logging: false,
      maskedErrors: true,
    }),
    close: async () => {},
  },
};
const helloRun = only.has('hello')
  ? [
      {
        scenario: {
          id: 'hello',
          title: 'bare graphql-yoga `{ hello }` (the bench baseline)',
          body: () => () => '',
        },
        target: bareYoga,
        body: () => JSON.stringify({ query: '{ hello }' }),
        samples: [] as number[],
      },
    ]
  : [];
const runs = SCENARIOS.filter((scenario) => only.has(scenario.id))
  .flatMap((scenario) =>
    targets.map((target) => ({ scenario, target, body: scenario.body(), samples: [] as number[] })),
  )
  .concat(helloRun);

const results: Record<string, number> = {};
if (runs.length > 0) {
  for (const run of runs) await cpuPerRequest(run.target, WARMUP, run.body); // warm-up (JIT, plans, memos)
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so a slow moment of the machine is spread over scenarios and builds.
    for (const run of round % 2 === 0 ? runs : [...runs].reverse()) {
      run.samples.push(await cpuPerRequest(run.target, REQUESTS, run.body));
    }
  }
  const rows = runs.map((run) => {
    const value = median(run.samples);
    results[`${run.scenario.id}${run.target.name === 'baseline' ? ' (baseline)' : ''}`] = value;
    const hello = runs.find((other) => other.target === bareYoga);
    const base = runs.find((other) => other.scenario === run.scenario && other.target.name === 'baseline');
    return [
      run.scenario.title,
      run.target.name,
      fmt(value, 3),
      base && base !== run ? `${fmt(value / median(base.samples), 2)}×` : '',
      hello && run !== hello ? `${fmt(median(hello.samples) / value, 3)}×` : '',
      run.samples.map((sample) => fmt(sample, 3)).join(', '),
    ];
  });
  process.stdout.write(
    `${table(['scenario', 'build', 'CPU ms / request (median)', '÷ baseline', 'bare yoga ÷ this (CPU)', 'rounds'], rows)}\n\n`,
  );
}

if (only.has('schedule-points')) {
  const pointRows: string[][] = [];
  const target = targets[0]!;
  for (const protocol of ['session', 'synternet']) {
    const perPoint = new Map<number, number[]>(years.map((y) => [y, []]));
    let offset = 0;
    const window = (y: number) => {
      offset++;
      return dailySchedule(protocol, y, new Date(Date.UTC(2026, 1, 1 + offset)));
    };
    for (const y of years) await post(target, JSON.stringify({ query: window(y) })); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (const y of round % 2 === 0 ? years : [...years].reverse()) {
        const points = Math.round(y * 365.25) + 1;
        const ms = await cpuPerRequest(target, SCHEDULES, () => JSON.stringify({ query: window(y) }));
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
await Promise.all(targets.map((target) => target.gateway.close()));
