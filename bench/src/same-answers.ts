/**
 * `npx tsx src/same-answers.ts --baseline PATH`: the same requests to this
 * build and to another build's gateway (both in this process, each with its
 * own adapters), every answer compared byte for byte. A performance lever
 * must leave the answers as they were: this is its check across builds
 * (the dashboard as a literal and as a variable at random instants from 2024
 * to 2104, with and without a commission, every supply derivation at three
 * instants of a day, the protocols' figures, two-year schedules, and the
 * GraphiQL examples). Exits 1 when an answer differs. See bench/README.md
 * (issue 16).
 */
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { adapterPackageDir, gatewayCliPath } from './lib/paths.js';
import { gatewayCwd } from './lib/processes.js';
import {
  DASHBOARD,
  DASHBOARD_AT_VARIABLE,
  dailySchedule,
  dashboardAt,
  FEE_QUOTES,
  protocolsAt,
  WHAT_IF,
} from './lib/queries.js';

const USAGE = `Usage: npx tsx src/same-answers.ts --baseline PATH [--instants N]

  --baseline PATH   another build's packages/server/dist/cli.js
  --instants N      random instants (default 200; 7 requests each, schedules every 20th)`;

const { values: args } = parseArgs({
  options: {
    baseline: { type: 'string' },
    instants: { type: 'string', default: '200' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help || !args.baseline) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(args.help ? 0 : 2);
}

type Fetching = { yoga: { fetch: (url: string, init: RequestInit) => Response | Promise<Response> } };

/** A build's gateway with its server's default configuration, adapters resolved from that build's server package. */
async function load(cli: string): Promise<Fetching> {
  const gateway = (await import(
    pathToFileURL(join(adapterPackageDir(cli, 'gateway'), 'dist', 'index.js')).href
  )) as typeof import('@tokenomics/gateway');
  const server = (await import(pathToFileURL(join(dirname(cli), 'index.js')).href)) as {
    loadServerConfig: (options: { env: Record<string, string>; cwd?: string }) => unknown;
    createServerAdapters: (config: unknown, env: Record<string, string>) => Promise<unknown[]>;
  };
  const config = server.loadServerConfig({ env: {}, cwd: gatewayCwd(cli) });
  const adapters = await server.createServerAdapters(config, {});
  return gateway.createGateway({
    adapters: adapters as Parameters<typeof gateway.createGateway>[0]['adapters'],
    production: true,
    logger: gateway.createLogger('silent'),
  });
}

const builds = [await load(gatewayCliPath()), await load(resolve(args.baseline))];

async function answer(build: Fetching, body: string): Promise<string> {
  const response = await build.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body,
  });
  return `${response.status} ${await response.text()}`;
}

let compared = 0;
let differing = 0;
async function check(body: string): Promise<void> {
  const [mine, theirs] = [await answer(builds[0]!, body), await answer(builds[1]!, body)];
  compared++;
  if (mine === theirs) return;
  differing++;
  if (differing <= 3) {
    process.stdout.write(
      `differs: ${body.slice(0, 200)}\n  this:     ${mine.slice(0, 300)}\n  baseline: ${theirs.slice(0, 300)}\n`,
    );
  }
}

const D = '{ formula inputs { name value } result source }';
const SUPPLY_DERIVATIONS = `query ($at: DateTime) { protocols { id supply(at: $at) { at total circulating buckets { key amount } a: derivation(figure: TOTAL) ${D} b: derivation(figure: CIRCULATING) ${D} c: derivation(figure: STAKED) ${D} d: derivation(figure: LIQUID) ${D} e: derivation(figure: MAX) ${D} f: derivation(figure: BURNED) ${D} } rewards(at: $at) { stakingApr stakingApy annualEmission derivation ${D} } } }`;
const WITH_COMMISSION = DASHBOARD_AT_VARIABLE.replace(
  'rewards(at: $at) {',
  'rewards(at: $at, commission: "0.05") {',
);

// A fixed pseudo-random sequence: the same instants on every run.
let state = 12_345;
const random = () => {
  state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
  return state / 2_147_483_648;
};
const count = Math.max(1, Number(args.instants));
for (let i = 0; i < count; i++) {
  const t = Date.UTC(2024, 0, 1) + Math.floor(random() * 80 * 365.25 * 86_400_000);
  const at = new Date(t).toISOString();
  await check(JSON.stringify({ query: dashboardAt(at) }));
  await check(JSON.stringify({ query: DASHBOARD_AT_VARIABLE, variables: { at } }));
  await check(JSON.stringify({ query: WITH_COMMISSION, variables: { at } }));
  await check(JSON.stringify({ query: protocolsAt(at) }));
  for (const later of [0, 3_600_000, 7_200_500]) {
    await check(
      JSON.stringify({ query: SUPPLY_DERIVATIONS, variables: { at: new Date(t + later).toISOString() } }),
    );
  }
  if (i % 20 === 0) {
    await check(JSON.stringify({ query: dailySchedule('session', 2, new Date(t)) }));
    await check(JSON.stringify({ query: dailySchedule('synternet', 2, new Date(t)) }));
  }
}
for (const query of [DASHBOARD, WHAT_IF, FEE_QUOTES]) await check(JSON.stringify({ query }));
process.stdout.write(`${compared} answers compared, ${differing} differ\n`);
process.exit(differing === 0 ? 0 : 1);
