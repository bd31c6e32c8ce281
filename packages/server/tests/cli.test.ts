import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postThrough } from '../../gateway/tests/fixtures.js';

/**
 * The built CLI (`packages/server/dist/cli.js`, as `pnpm start` runs it) in a
 * child process: `pnpm test` builds it before the tests run.
 */
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** An adapter module (its descriptor) of an economy with no capabilities; `extra` runs when the economy is made. */
const adapterModule = (extra = '', sourceDelayMs = 0) => `export const adapter = {
  id: 'tiny', name: 'Tiny', env: [{ name: 'TINY_LEVEL', description: 'how tiny it is' }],
  optionsSchema: { safeParse: (data) => ({ success: true, data }) },
  fromEnv: (env, options) => options,
  create() {
    ${extra}
    return {
      id: 'tiny', name: 'Tiny', token: { symbol: 'TNY', name: 'Tiny', decimals: 0 }, capabilities: [], preset: 'none',
      source: async () => {
        await new Promise((resolve) => setTimeout(resolve, ${sourceDelayMs}));
        return { kind: 'SNAPSHOT', description: 'none', fetchedAt: null, stale: false };
      },
      parameters: async () => [],
    };
  },
};
export default adapter;`;

/** A folder with gateway.config.json serving one adapter module written next to it. */
function project(adapter: string, config: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokenomics-cli-'));
  writeFileSync(join(dir, 'adapter.mjs'), adapter);
  writeFileSync(
    join(dir, 'gateway.config.json'),
    JSON.stringify({ protocols: [{ adapter: './adapter.mjs', options: {} }], ...config }),
  );
  return dir;
}

interface Child {
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** The first JSON log line matching `test`, waiting up to 15 s. */
  line(test: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function serve(cwd: string, env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, [CLI, 'serve'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = () =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    process: child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async line(test) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const found = lines().find(test);
        if (found) return found;
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(`no such log line; stdout:\n${stdout}\nstderr:\n${stderr}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the gateway first (pnpm build)`);
});

describe('tokenomics-gateway serve', () => {
  it('on SIGTERM answers requests on kept-alive sockets with Connection: close, then exits 0', async () => {
    const child = serve(project(adapterModule('', 2_500)), { DRAIN_GRACE_MS: '3000' });
    const started = await child.line((line) => typeof line.url === 'string');
    const url = String(started.url);
    // A kept-alive socket, idle when the signal comes; and a request in flight through the drain.
    const idle = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await postThrough(url, idle, '{ protocols { id } }')).connection).toBe('keep-alive');
    const slow = postThrough(url, new Agent({ keepAlive: true }), '{ protocols { source { kind } } }');
    // Time for the request to reach the server (its answer takes 2.5 s).
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.process.kill('SIGTERM');
    await child.line((line) => line.msg === 'shutting down: finishing requests in flight');
    // Sent on the kept-alive socket after the drain began: answered, and told to close.
    const late = await postThrough(url, idle, '{ protocols { id } }');
    expect(late).toMatchObject({ status: 200, connection: 'close' });
    expect(JSON.parse(late.body)).toEqual({ data: { protocols: [{ id: 'tiny' }] } });
    const slowAnswer = await slow;
    expect(slowAnswer).toMatchObject({ status: 200, connection: 'close' });
    expect(JSON.parse(slowAnswer.body)).toEqual({ data: { protocols: [{ source: { kind: 'SNAPSHOT' } }] } });
    expect(await child.exited).toBe(0);
    idle.destroy();
  });

  it('logs an unhandled rejection as one fatal JSON line without URL credentials, then exits 1', async () => {
    const rejectLater = `setTimeout(() => { Promise.reject(new Error('lost https://gateway-user:hunter2@rpc.example.org/v2/APIKEY123')); }, 300);`;
    const child = serve(project(adapterModule(rejectLater)));
    expect(await child.exited).toBe(1);
    const fatal = await child.line((line) => line.level === 60);
    expect(fatal).toMatchObject({
      msg: 'unhandled promise rejection: exiting',
      err: { type: 'Error', message: 'lost https://rpc.example.org/…' },
    });
    expect(child.stdout() + child.stderr()).not.toMatch(/hunter2|APIKEY123|gateway-user/);
  });

  it('logs an uncaught exception the same way, then exits 1', async () => {
    const throwLater = `setTimeout(() => { throw new TypeError('bad state'); }, 300);`;
    const child = serve(project(adapterModule(throwLater)));
    expect(await child.exited).toBe(1);
    expect(await child.line((line) => line.level === 60)).toMatchObject({
      msg: 'uncaught exception: exiting',
      err: { type: 'TypeError', message: 'bad state' },
    });
  });

  it('refuses an adapter path that escapes the project with a CONFIGURATION error naming it', async () => {
    const dir = project(adapterModule(), { protocols: [{ adapter: '../../../../etc/passwd' }] });
    const child = serve(dir);
    expect(await child.exited).toBe(1);
    expect(child.stderr()).toContain(
      `tokenomics-gateway: CONFIGURATION: adapter "../../../../etc/passwd" is outside the configuration's folder`,
    );
  });

  it('in production, warns at start that /metrics is not served without a token or a port', async () => {
    const child = serve(project(adapterModule()), { NODE_ENV: 'production' });
    const warning = await child.line((line) => line.level === 40);
    expect(String(warning.msg)).toContain('GET /metrics is not served');
    const started = await child.line((line) => typeof line.url === 'string');
    expect(started.metrics).toEqual({ where: 'nowhere', token: false, url: null });
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  });

  it('serves /metrics on METRICS_PORT behind METRICS_TOKEN, and never logs the token', async () => {
    const token = 'cli-metrics-token-0123456789';
    const child = serve(project(adapterModule()), {
      NODE_ENV: 'production',
      METRICS_PORT: '0',
      METRICS_TOKEN: token,
    });
    const started = await child.line((line) => typeof line.url === 'string');
    const metricsUrl = (started.metrics as { url: string }).url;
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect((await fetch(metricsUrl)).status).toBe(401);
    expect((await fetch(metricsUrl, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(new URL('/metrics', String(started.url)))).status).toBe(404);
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(child.stdout() + child.stderr()).not.toContain(token);
  });
});

describe('tokenomics-gateway --help', () => {
  const help = (cwd: string) =>
    spawnSync(process.execPath, [CLI, '--help'], {
      cwd,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });

  it('lists the environment variables of the adapters the configuration loads, from their descriptors', () => {
    const result = help(project(adapterModule()));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: tokenomics-gateway <command> [options]');
    expect(result.stdout).toMatch(/ {2}Tiny \(tiny\):\n {4}TINY_LEVEL +how tiny it is/);
    expect(result.stdout).not.toContain('SESSION_RPC_URL');
  });

  it('without a configuration, lists those of the default adapters (Session and Synternet)', () => {
    const result = help(mkdtempSync(join(tmpdir(), 'tokenomics-cli-')));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Session (session):');
    expect(result.stdout).toMatch(/ {4}SESSION_RPC_URL /);
    expect(result.stdout).toContain('Synternet (synternet):');
    expect(result.stdout).toMatch(/ {4}SYNTERNET_LCD_URL /);
  });

  it('says why when the configuration does not load, and still prints the usage', () => {
    const result = help(project(adapterModule(), { protocols: [{ adapter: './missing.mjs' }] }));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: tokenomics-gateway');
    expect(result.stdout).toContain(
      "(The adapters' environment variables are listed once the configuration loads:",
    );
  });
});

describe('tokenomics-gateway serve, options checked by the adapter', () => {
  it("refuses a typo'd option key with the adapter's own message, naming the protocol entry", () => {
    const strict = adapterModule().replace(
      'optionsSchema: { safeParse: (data) => ({ success: true, data }) },',
      `optionsSchema: { safeParse: (data) => Object.keys(data).every((key) => key === 'preset')
        ? { success: true, data }
        : { success: false, error: { issues: Object.keys(data).filter((key) => key !== 'preset')
            .map((key) => ({ path: [], message: 'tiny adapter: unknown option "' + key + '" (it takes preset)' })) } } },`,
    );
    const dir = project(strict, { protocols: [{ adapter: './adapter.mjs', options: { preest: 'seed' } }] });
    const result = spawnSync(process.execPath, [CLI, 'serve'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1' },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'tokenomics-gateway: CONFIGURATION: protocols.0 (adapter "./adapter.mjs"): invalid options: tiny adapter: unknown option "preest" (it takes preset)\n',
    );
  });
});
