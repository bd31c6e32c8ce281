import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROTOCOLS } from '../src/config.js';
import { REPO_ROOT, scaffoldAdapter } from './scaffolded.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const START = fileURLToPath(new URL('../scripts/start.mjs', import.meta.url));

/** What a shell gives `pnpm start`: no test runner's Node options (no `source` condition). */
function childEnv(extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    PORT: '0',
    HOST: '127.0.0.1',
    ...extra,
  };
}

const started: ChildProcess[] = [];
afterEach(() => {
  // `pnpm start` runs start.mjs, which runs the CLI: each was started in a process group of its own.
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

/** `npx -y pnpm@10 start` at the repository's root; resolves with the served URL once the CLI logs it. */
async function pnpmStart(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn('npx', ['-y', 'pnpm@10', 'start'], {
    cwd: REPO_ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Bounded: builds (mostly turbo cache hits) and start-up, within a generous 4 minutes.
  for (let waited = 0; waited < 2_400; waited++) {
    for (const line of output.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const parsed = JSON.parse(line) as { url?: unknown };
        if (typeof parsed.url === 'string') return { child, url: parsed.url, output: () => output };
      } catch {
        // a partial line
      }
    }
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 100, 'waiting'))]);
    if (code !== 'waiting') throw new Error(`pnpm start exited (${String(code)}):\n${output}`);
  }
  throw new Error(`pnpm start did not serve within 4 minutes:\n${output}`);
}

async function totalSupply(url: string, id: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ protocol(id: "${id}") { token { symbol } supply { total } } }` }),
  });
  return response.json();
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
  await exited;
}

describe('pnpm start builds what it serves', () => {
  let tmp: string;
  let pkg: string;
  let config: string;

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'tokenomics-start-'));
    pkg = scaffoldAdapter(tmp, 'demo-coin', 'DEMO');
    config = join(tmp, 'gateway.config.json');
    writeFileSync(
      config,
      JSON.stringify({ protocols: [{ adapter: './adapter-demo-coin', options: { id: 'demo-coin' } }] }),
    );
  });
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('serves a scaffolded adapter named in gateway.config.json, and after its source changes, serves the change', async () => {
    const first = await pnpmStart({ GATEWAY_CONFIG: config });
    expect(await totalSupply(first.url, 'demo-coin')).toEqual({
      data: { protocol: { token: { symbol: 'DEMO' }, supply: { total: '1000000000' } } },
    });
    await stop(first.child);

    // A maintainer changes a constant of the preset: the total supply.
    const parameters = join(pkg, 'src', 'parameters.ts');
    const source = readFileSync(parameters, 'utf8');
    expect(source).toContain("value: '1000000000'");
    writeFileSync(parameters, source.replace("value: '1000000000'", "value: '2000000000'"));

    const second = await pnpmStart({ GATEWAY_CONFIG: config });
    expect(await totalSupply(second.url, 'demo-coin')).toEqual({
      data: { protocol: { token: { symbol: 'DEMO' }, supply: { total: '2000000000' } } },
    });
    await stop(second.child);
  }, 600_000);

  it('the server alone refuses a stale build: "adapter … is not built; run …" with the command', () => {
    // After the test above, dist/ is current; a source edit makes it stale.
    const parameters = join(pkg, 'src', 'parameters.ts');
    writeFileSync(
      parameters,
      readFileSync(parameters, 'utf8').replace("value: '2000000000'", "value: '3000000000'"),
    );
    const serve = () =>
      spawnSync(process.execPath, [CLI, 'serve'], {
        cwd: REPO_ROOT,
        env: childEnv({ GATEWAY_CONFIG: config }),
        encoding: 'utf8',
        timeout: 30_000,
      });
    const stale = serve();
    expect(stale.status).toBe(1);
    expect(stale.stderr).toBe(
      `tokenomics-gateway: CONFIGURATION: adapter ./adapter-demo-coin is not built (its src/ has changed since its dist/ was built); run \`npx -y pnpm@10 --dir ${pkg} run build\`, or \`npx -y pnpm@10 start\`, which builds every adapter the configuration names\n`,
    );
    rmSync(join(pkg, 'dist'), { recursive: true, force: true });
    const never = serve();
    expect(never.status).toBe(1);
    expect(never.stderr).toContain(
      'adapter ./adapter-demo-coin is not built (it has no dist/); run `npx -y pnpm@10 --dir',
    );
  });
});

describe('start.mjs', () => {
  it('builds the server and the default adapters when there is no configuration', async () => {
    const { DEFAULT_ADAPTERS, buildPlan, configuredAdapters } = (await import(START)) as {
      DEFAULT_ADAPTERS: string[];
      configuredAdapters: (
        env: Record<string, string>,
        cwd: string,
      ) => { baseDir: string; adapters: string[] };
      buildPlan: (configured: { baseDir: string; adapters: string[] }) => {
        filters: string[];
        own: string[];
      };
    };
    expect(DEFAULT_ADAPTERS).toEqual(DEFAULT_PROTOCOLS.map((protocol) => protocol.adapter));
    const empty = mkdtempSync(join(tmpdir(), 'tokenomics-start-'));
    const configured = configuredAdapters({}, empty);
    expect(configured.adapters).toEqual(DEFAULT_ADAPTERS);
    expect(buildPlan(configured)).toMatchObject({
      filters: ['@tokenomics/server', '@tokenomics/adapter-session', '@tokenomics/adapter-synternet'],
      own: [],
    });
  });

  it('maps a path to a workspace package onto its turbo filter', async () => {
    const { buildPlan } = (await import(START)) as {
      buildPlan: (configured: { baseDir: string; adapters: string[] }) => {
        filters: string[];
        own: string[];
      };
    };
    expect(buildPlan({ baseDir: REPO_ROOT, adapters: ['./packages/adapter-cosmos-mint'] })).toMatchObject({
      filters: ['@tokenomics/server', '@tokenomics/adapter-cosmos-mint'],
      own: [],
    });
  });
});
