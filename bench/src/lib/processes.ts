import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { GATEWAY_NODE_FLAGS } from '@tokenomics/gateway';
import { METRICS_TOKEN } from './metrics.js';
import { BENCH_DIR, benchFile, gatewayCliPath } from './paths.js';

/** A server the harness started in a child process, listening on 127.0.0.1. */
export interface ServerProcess {
  name: string;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** `<origin>/graphql`. */
  url: string;
  pid: number;
  /** The last lines the child wrote to stderr/stdout (for error messages). */
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s. Resolves when the child has exited. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let hooksInstalled = false;

/** Stops every child still running: on normal exit, on errors and on SIGINT/SIGTERM. */
function installCleanup(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping servers\n`);
      stopAll().finally(() => process.exit(130));
    });
  }
}

/** Stops every server this process started. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => terminate(child)));
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      running.delete(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface StartOptions {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** The working directory: default the bench's folder. */
  cwd?: string;
  port: number;
  /** A line on stdout that must appear (after /health/live answers) before the server counts as ready. */
  readyLine?: RegExp;
  timeoutMs?: number;
}

async function startServer(options: StartOptions): Promise<ServerProcess> {
  installCleanup();
  const origin = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd ?? BENCH_DIR,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let tail = '';
  let sawReadyLine = options.readyLine === undefined;
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4_000);
    if (!sawReadyLine && options.readyLine?.test(tail)) sawReadyLine = true;
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`${options.name} exited early (${signal ?? code}):\n${tail}`)),
    );
  });
  exited.catch(() => {});
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const ready = (async () => {
    for (;;) {
      if (Date.now() > deadline) throw new Error(`${options.name} not ready in time:\n${tail}`);
      try {
        const response = await fetch(`${origin}/health/live`);
        await response.arrayBuffer();
        if (response.ok && sawReadyLine) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    await Promise.race([ready, exited]);
  } catch (error) {
    await terminate(child);
    throw error;
  }
  return {
    name: options.name,
    origin,
    url: `${origin}/graphql`,
    pid: child.pid ?? -1,
    output: () => tail,
    stop: () => terminate(child),
  };
}

/** The variables that would point a gateway at real upstreams or a config file: never inherited. */
const GATEWAY_VARIABLES = [
  'GATEWAY_CONFIG',
  'SESSION_PRESET',
  'SESSION_RPC_URL',
  'SESSION_L1_RPC_URL',
  'SYNTERNET_PRESET',
  'SYNTERNET_LCD_URL',
  'CACHE_URL',
  'CACHE_TTL_SECONDS',
  'UPSTREAM_TIMEOUT_MS',
  'MAX_SCHEDULE_POINTS',
  'PORT',
  'HOST',
  'WORKERS',
  'CORS_ORIGINS',
  'INTROSPECTION',
  'METRICS',
  'METRICS_TOKEN',
  'METRICS_PORT',
  'METRICS_HOST',
  'DRAIN_GRACE_MS',
];

function gatewayEnv(port: number, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of GATEWAY_VARIABLES) delete env[name];
  return {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    // Production serves /metrics only behind a token (or on a port of its own): scrape() sends it.
    METRICS_TOKEN,
    ...extra,
  };
}

/** The ceiling: node:http serving `bodyFile`'s bytes to every request (bench/src/raw-http.ts). */
export async function startRawHttp(bodyFile: string): Promise<ServerProcess> {
  const port = await freePort();
  return startServer({
    name: 'raw node:http (precomputed JSON)',
    args: ['--import', 'tsx', benchFile('src/raw-http.ts')],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      RAW_BODY_FILE: bodyFile,
    },
    port,
  });
}

export interface GatewayStartOptions {
  /** Extra environment: SESSION_RPC_URL, SYNTERNET_LCD_URL, CACHE_TTL_SECONDS, … */
  env?: Record<string, string>;
  /** Run N workers under node:cluster (bench/src/cluster-gateway.ts). 0 or 1: one plain process. */
  workers?: number;
  /** Extra node flags for the gateway process, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  name?: string;
  /** Another build's CLI (`--baseline`): default {@link gatewayCliPath}. */
  cli?: string;
}

/**
 * Where a build's gateway runs: its CLI's package (`packages/server`, or
 * `packages/gateway` before the server split). Without a configuration file
 * the gateway resolves its adapter packages from its working directory first:
 * run from the bench's folder, another checkout's gateway (`--baseline`) ran
 * this workspace's adapters, and with them a second copy of core whose
 * figures its own core did not recognize (a 10-year schedule took twice the
 * time), so a comparison was never of one build against another.
 */
export function gatewayCwd(cli: string): string {
  return dirname(dirname(cli));
}

/** The built gateway, `node <GATEWAY_NODE_FLAGS> packages/server/dist/cli.js serve` as `pnpm start` runs it, in production mode on a free port. */
export async function startGateway(options: GatewayStartOptions = {}): Promise<ServerProcess> {
  const port = await freePort();
  const env = gatewayEnv(port, options.env ?? {});
  const workers = options.workers ?? 1;
  const cli = resolve(options.cli ?? gatewayCliPath());
  if (workers > 1 && cliHasWorkers()) {
    // The gateway's own cluster (`serve --workers N`): ready once every worker has started and settled.
    const server = await startServer({
      name: options.name ?? `gateway ×${workers}`,
      args: [...GATEWAY_NODE_FLAGS, ...(options.nodeFlags ?? []), cli, 'serve', '--workers', String(workers)],
      env,
      port,
      cwd: gatewayCwd(cli),
    });
    const deadline = Date.now() + 30_000;
    while (processTree(server.pid).length < workers + 1 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitIdle(server.pid, 10_000);
    return server;
  }
  if (workers > 1) {
    // A CLI without `--workers`: the bench's own node:cluster wrapper around it.
    return startServer({
      name: options.name ?? `gateway ×${workers}`,
      args: ['--import', 'tsx', benchFile('src/cluster-gateway.ts'), '--workers', String(workers)],
      env,
      port,
      readyLine: /ready \d+/,
    });
  }
  return startServer({
    name: options.name ?? 'gateway',
    args: [...GATEWAY_NODE_FLAGS, ...(options.nodeFlags ?? []), cli, 'serve'],
    env,
    port,
    cwd: gatewayCwd(cli),
  });
}

/** Whether the gateway CLI has a `--workers` option of its own (its usage text names it). */
export function cliHasWorkers(): boolean {
  const usage = spawnSync(process.execPath, [gatewayCliPath(), '--help'], {
    encoding: 'utf8',
    cwd: BENCH_DIR,
  });
  return /--workers\b/.test(usage.stdout ?? '');
}

/** The baseline: bare graphql-yoga answering `{ hello }` (bench/src/bare-yoga.ts). */
export async function startBareYoga(): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
  };
  return startServer({
    name: 'bare yoga',
    args: ['--import', 'tsx', benchFile('src/bare-yoga.ts')],
    env,
    port,
  });
}

/** Resident set size of a process, in bytes (Linux: /proc/<pid>/status VmRSS). */
export function residentBytes(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The process and its descendants (Linux: /proc/<pid>/task/<tid>/children). */
function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    const current = pids[i]!;
    try {
      for (const line of readFileSync(`/proc/${current}/task/${current}/children`, 'utf8').split(' ')) {
        const child = Number(line);
        if (child > 0) pids.push(child);
      }
    } catch {
      // gone, or no children file
    }
  }
  return pids;
}

/** CPU time (user + system) of a process and its descendants, in clock ticks (1/100 s). */
export function cpuTicks(pid: number): number {
  let ticks = 0;
  for (const member of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${member}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    } catch {
      // gone
    }
  }
  return ticks;
}

/**
 * Waits until a server (and its cluster workers) has used ≤ 1 tick of CPU in
 * each of three 100 ms windows: requests abandoned when a load run ended (a
 * long schedule, say) must not eat into the next run. Gives up after `maxMs`
 * and returns false.
 */
export async function waitIdle(pid: number, maxMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  let quiet = 0;
  let last = cpuTicks(pid);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = cpuTicks(pid);
    quiet = now - last <= 1 ? quiet + 1 : 0;
    last = now;
    if (quiet >= 3) return true;
  }
  return false;
}
