/**
 * `pnpm --filter @tokenomics/bench run http-cpu`: CPU time per request of
 * the gateway process over HTTP (its user + system ticks from /proc, divided
 * by the requests autocannon got answered), for the dashboard at a new
 * instant on every request, against another build (`--baseline`) and bare
 * yoga's `{ hello }` measured the same way, in alternating rounds (medians).
 * `memoized-figures` asks the dashboard at one instant with a new unused
 * variable each time: the figures are memoized after the first request and
 * only the response cache misses, so it is what a request costs around the
 * models at a new instant.
 *
 * `cpu` measures in one process through `yoga.fetch`, which skips Node's
 * HTTP server and the request body stream yoga reads over HTTP; throughput
 * ratios (`bench`) move with whatever else the machine runs. CPU per request
 * of the server process over real HTTP is the figure a lever changes, and it
 * is the one a throughput ratio follows when the CPU is the limit. See
 * bench/README.md (issue 16).
 */
import { parseArgs } from 'node:util';
import { runLoad } from './lib/load.js';
import { gatewayCliPath } from './lib/paths.js';
import { cpuTicks, type ServerProcess, startBareYoga, startGateway, stopAll } from './lib/processes.js';
import { DASHBOARD_AT_VARIABLE, dashboardAt, graphqlBody, HELLO, instants } from './lib/queries.js';
import { fmt, median, table } from './lib/report.js';

const USAGE = `Usage: pnpm --filter @tokenomics/bench run http-cpu [options]

  --baseline PATH    another build's packages/server/dist/cli.js, measured in alternation with this one
  --only a,b         new-at-literal, new-at-variable, memoized-figures, hello (default: all four)
  --rounds N         rounds (default 3)
  --duration S       seconds measured per round (default 8), after --warmup S (default 4) of the same load
  --connections N    autocannon connections (default 20)`;

const { values: args } = parseArgs({
  options: {
    baseline: { type: 'string' },
    only: { type: 'string', default: 'new-at-literal,new-at-variable,memoized-figures,hello' },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '4' },
    connections: { type: 'string', default: '20' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const ROUNDS = Math.max(1, Number(args.rounds));
const DURATION = Math.max(1, Number(args.duration));
const WARMUP = Math.max(1, Number(args.warmup));
const CONNECTIONS = Math.max(1, Number(args.connections));
const only = new Set(args.only.split(',').map((id) => id.trim()));

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface Server {
  name: string;
  start(): Promise<ServerProcess>;
}
interface Scenario {
  id: string;
  title: string;
  /** A new body generator per run: each run's instants are its own, never asked before by that process. */
  bodies: () => () => string;
  servers: Server[];
}

const builds: Server[] = [
  { name: 'this build', start: () => startGateway({ cli: gatewayCliPath() }) },
  ...(args.baseline
    ? [{ name: 'baseline', start: () => startGateway({ name: 'baseline', cli: args.baseline! }) }]
    : []),
];
const scenarios: Scenario[] = [
  {
    id: 'new-at-literal',
    title: 'dashboard, a new `at` literal per request',
    bodies: () => {
      const next = instants();
      return () => graphqlBody(dashboardAt(next()));
    },
    servers: builds,
  },
  {
    id: 'new-at-variable',
    title: 'dashboard, a new `$at` variable per request',
    bodies: () => {
      const next = instants();
      return () => JSON.stringify({ query: DASHBOARD_AT_VARIABLE, variables: { at: next() } });
    },
    servers: builds,
  },
  {
    // The figures of one instant, memoized after the first request: only the response cache misses
    // (a new unused variable each time). What the request costs around the models at a new instant.
    id: 'memoized-figures',
    title: 'dashboard at one `$at`, a new unused variable per request (figures memoized)',
    bodies: () => {
      let next = 0;
      return () =>
        JSON.stringify({
          query: DASHBOARD_AT_VARIABLE,
          variables: { at: '2026-01-01T00:00:00.000Z', request: next++ },
        });
    },
    servers: builds,
  },
  {
    id: 'hello',
    title: 'bare graphql-yoga `{ hello }`',
    bodies: () => () => graphqlBody(HELLO),
    servers: [{ name: 'bare yoga', start: startBareYoga }],
  },
].filter((scenario) => only.has(scenario.id));

/** Milliseconds of the server's CPU per answered request under `DURATION` s of load (after a warm-up). */
async function cpuPerRequest(server: Server, bodyOf: () => string): Promise<{ ms: number; rps: number }> {
  const started = await server.start();
  try {
    const url = `${started.origin}/graphql`;
    await runLoad({ url, body: bodyOf(), bodyOf, connections: CONNECTIONS, duration: WARMUP });
    const before = cpuTicks(started.pid);
    const load = await runLoad({ url, body: bodyOf(), bodyOf, connections: CONNECTIONS, duration: DURATION });
    const ms = ((cpuTicks(started.pid) - before) * 1_000) / TICKS_PER_SECOND;
    const failed = load.errors + load.timeouts + load.non2xx + load.graphqlErrors;
    if (failed > 0 || load.requests === 0) {
      throw new Error(
        `${server.name}: ${failed} of ${load.requests} requests failed; no CPU figure from a failing run`,
      );
    }
    return { ms: ms / load.requests, rps: load.rps };
  } finally {
    await started.stop();
  }
}

const samples = new Map<string, number[]>();
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const scenario of scenarios) {
      // Alternate which build goes first: a slow moment of the machine falls on both alike.
      const servers = round % 2 === 0 ? scenario.servers : [...scenario.servers].reverse();
      for (const server of servers) {
        const { ms, rps } = await cpuPerRequest(server, scenario.bodies());
        const key = `${scenario.id}\n${server.name}`;
        samples.set(key, [...(samples.get(key) ?? []), ms]);
        process.stdout.write(
          `round ${round + 1}: ${scenario.id}, ${server.name}: ${fmt(ms, 3)} ms of CPU a request (${fmt(rps)} req/s)\n`,
        );
      }
    }
  }
} finally {
  await stopAll();
}

const hello = samples.get('hello\nbare yoga');
const rows = scenarios.flatMap((scenario) =>
  scenario.servers.map((server) => {
    const values = samples.get(`${scenario.id}\n${server.name}`) ?? [];
    const value = median(values);
    const base = server.name === 'this build' ? samples.get(`${scenario.id}\nbaseline`) : undefined;
    return [
      scenario.title,
      server.name,
      fmt(value, 3),
      base ? `${fmt(value / median(base), 2)}×` : '',
      hello && scenario.id !== 'hello' ? `${fmt(median(hello) / value, 3)}×` : '',
      values.map((sample) => fmt(sample, 3)).join(', '),
    ];
  }),
);
process.stdout.write(
  `\n${table(['scenario', 'server', 'CPU ms / request (median)', '÷ baseline', 'bare yoga ÷ this (CPU)', 'rounds'], rows)}\n`,
);
