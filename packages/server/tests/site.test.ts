import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXPLORER_DIST, siteFromEnv } from '../src/site.js';

/** The built CLI (`pnpm test` builds it, and the explorer, before the tests run). */
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** `tokenomics-gateway serve` in `cwd`; resolves with the origin once it logs its URL. */
async function serve(
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ origin: string; log: string }> {
  const child = spawn(process.execPath, [CLI, 'serve'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  // Bounded: 30 s for the start-up.
  for (let waited = 0; waited < 1_500; waited++) {
    for (const line of output.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const parsed = JSON.parse(line) as { url?: unknown };
        if (typeof parsed.url === 'string') return { origin: new URL(parsed.url).origin, log: output };
      } catch {
        // a partial line
      }
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the server did not start:\n${output}`);
}

/** An adapter module (its descriptor) of an economy with no capabilities. */
const TINY_ADAPTER = `export const adapter = {
  id: 'tiny', name: 'Tiny', env: [],
  optionsSchema: { safeParse: (data) => ({ success: true, data }) },
  fromEnv: (env, options) => options,
  create: () => ({
    id: 'tiny', name: 'Tiny', token: { symbol: 'TNY', name: 'Tiny', decimals: 0 }, capabilities: [], preset: 'none',
    source: async () => ({ kind: 'SNAPSHOT', description: 'none', fetchedAt: null, stale: false }),
    parameters: async () => [],
  }),
};
export default adapter;`;

let cwd: string;
beforeAll(() => {
  for (const [file, build] of [
    [CLI, 'npx -y pnpm@10 --filter @tokenomics/server build'],
    [join(EXPLORER_DIST, 'index.html'), 'npx -y pnpm@10 --filter @tokenomics/explorer build'],
  ]) {
    if (!existsSync(file as string))
      throw new Error(`${file} is missing: run \`${build}\` (pnpm test builds it)`);
  }
  // A folder with a configuration naming one tiny adapter module (a lone file: nothing to build);
  // the site does not depend on the protocols served.
  cwd = mkdtempSync(join(tmpdir(), 'server-site-'));
  writeFileSync(join(cwd, 'tiny.mjs'), TINY_ADAPTER);
  writeFileSync(
    join(cwd, 'gateway.config.json'),
    JSON.stringify({ protocols: [{ adapter: './tiny.mjs', options: {} }] }),
  );
});
afterAll(() => {
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

describe('the server serves the explorer at / by default', () => {
  it("answers GET / with the explorer's index.html and its assets with their content types; /graphql keeps GraphiQL", async () => {
    const { origin, log } = await serve(cwd);
    expect(log).toContain(`the explorer at ${origin}/`);
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toBe(readFileSync(join(EXPLORER_DIST, 'index.html'), 'utf8'));

    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const style = /<link[^>]+href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(style).toBeDefined();
    const js = await fetch(`${origin}${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe(readFileSync(join(EXPLORER_DIST, script!.slice(1)), 'utf8'));
    const css = await fetch(`${origin}${style}`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    await css.arrayBuffer();

    const graphiql = await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toContain('GraphiQL');
  });

  it('serves another folder with SITE_DIR, none with SITE_DIR=off, and refuses a folder without index.html', async () => {
    const other = join(cwd, 'site');
    mkdirSync(join(other, 'assets'), { recursive: true });
    writeFileSync(join(other, 'index.html'), '<!doctype html><title>Other</title>');
    const { origin } = await serve(cwd, { SITE_DIR: 'site' });
    expect(await (await fetch(`${origin}/`)).text()).toBe('<!doctype html><title>Other</title>');

    const off = await serve(cwd, { SITE_DIR: 'off' });
    expect((await fetch(`${off.origin}/`)).status).toBe(404);

    expect(siteFromEnv({}, cwd)).toEqual({ dir: EXPLORER_DIST });
    expect(siteFromEnv({ SITE_DIR: 'site' }, cwd)).toEqual({ dir: other });
    expect(() => siteFromEnv({ SITE_DIR: 'nowhere' }, cwd)).toThrow(
      /SITE_DIR names .*nowhere, which holds no index\.html/,
    );
  });
});
