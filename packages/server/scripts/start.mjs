#!/usr/bin/env node
// `pnpm start`: build every package the configuration names (and the explorer, served at `/`), then serve.
// Plain Node (nothing to build first). It reads the configuration as the server
// does (GATEWAY_CONFIG, else ./gateway.config.json, else the server's default
// adapters), maps each adapter to the package that holds it, builds them with
// Turborepo (workspace packages) or their own build script (a package outside
// the workspace, e.g. a scaffolded adapter next to the configuration), then
// starts the server's built CLI with the gateway's Node flags. Arguments after
// `pnpm start` go to `tokenomics-gateway serve` (e.g. `pnpm start --port 4001`).
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('../', import.meta.url));
const REPO_ROOT = resolve(SERVER_DIR, '..', '..');
const SERVER_PACKAGE = '@tokenomics/server';
/** The page the server serves at `/` by default (src/site.ts): built too, unless SITE_DIR names another. */
const EXPLORER_PACKAGE = '@tokenomics/explorer';
/** What the server serves without a configuration (src/config.ts DEFAULT_PROTOCOLS; a test keeps them equal). */
export const DEFAULT_ADAPTERS = ['@tokenomics/adapter-session', '@tokenomics/adapter-synternet'];
/** Written into a package's dist/ once its build is checked current, so the server's freshness check sees it. */
const BUILD_STAMP = '.built-by-start';

function fail(message) {
  process.stderr.write(`start: ${message}\n`);
  process.exit(1);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`${file} is not valid JSON: ${error.message}`);
  }
}

/** The configuration file and the adapters it names (the defaults when it names none). */
export function configuredAdapters(env = process.env, cwd = process.cwd()) {
  const explicit = env.GATEWAY_CONFIG;
  const file = resolve(cwd, explicit ?? 'gateway.config.json');
  if (!existsSync(file)) {
    if (explicit !== undefined) fail(`GATEWAY_CONFIG names ${file}, which does not exist`);
    return { baseDir: cwd, adapters: DEFAULT_ADAPTERS };
  }
  const config = readJson(file);
  const protocols = Array.isArray(config?.protocols) ? config.protocols : undefined;
  const adapters = protocols?.map((protocol) => protocol?.adapter).filter((name) => typeof name === 'string');
  return { baseDir: dirname(file), adapters: adapters?.length ? [...new Set(adapters)] : DEFAULT_ADAPTERS };
}

/** The workspace's packages by name. */
function workspacePackages() {
  const byName = new Map();
  const packages = join(REPO_ROOT, 'packages');
  for (const name of readdirSync(packages)) {
    const manifest = join(packages, name, 'package.json');
    if (existsSync(manifest)) byName.set(readJson(manifest).name, realpathSync(join(packages, name)));
  }
  return byName;
}

function packageRootOfPath(specifier, baseDir) {
  const target = resolve(baseDir, specifier);
  if (!existsSync(target)) return undefined;
  let folder = statSync(target).isDirectory() ? target : dirname(target);
  for (let depth = 0; depth < 64; depth++) {
    if (existsSync(join(folder, 'package.json'))) return realpathSync(folder);
    if (relative(baseDir, folder).startsWith('..')) return undefined;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
  return undefined;
}

/**
 * The build plan: workspace packages for turbo filters, and packages outside
 * the workspace (with a build script) to build with their own script.
 */
export function buildPlan({ baseDir, adapters }) {
  const workspace = workspacePackages();
  const byRoot = new Map([...workspace].map(([name, root]) => [root, name]));
  const filters = [SERVER_PACKAGE];
  const own = [];
  for (const specifier of adapters) {
    const isPath = specifier.startsWith('.') || isAbsolute(specifier);
    if (!isPath) {
      const name = specifier.startsWith('@')
        ? specifier.split('/').slice(0, 2).join('/')
        : specifier.split('/')[0];
      if (workspace.has(name)) filters.push(name);
      // Otherwise an installed package: served as installed.
      continue;
    }
    const root = packageRootOfPath(specifier, baseDir);
    if (root === undefined) continue; // a lone module file: nothing to build
    if (byRoot.has(root)) {
      filters.push(byRoot.get(root));
      continue;
    }
    const { scripts } = readJson(join(root, 'package.json'));
    if (typeof scripts?.build === 'string') own.push(root);
  }
  return { filters: [...new Set(filters)], own: [...new Set(own)], workspace };
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) fail(`${command} ${args.join(' ')} could not start: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

/** The package manager that runs this script (pnpm sets npm_execpath), for a package's own build. */
function runScript(root) {
  const execPath = process.env.npm_execpath;
  if (execPath && existsSync(execPath)) run(process.execPath, [execPath, 'run', 'build'], root);
  else run('npm', ['run', 'build'], root);
}

function stamp(root) {
  const dist = join(root, 'dist');
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, BUILD_STAMP), `${new Date().toISOString()}\n`);
}

async function main() {
  const configured = configuredAdapters();
  const plan = buildPlan(configured);
  const turbo = join(REPO_ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'turbo.cmd' : 'turbo');
  const site = process.env.SITE_DIR?.trim() ? [] : [EXPLORER_PACKAGE];
  run(turbo, ['run', 'build', ...[...plan.filters, ...site].map((name) => `--filter=${name}...`)], REPO_ROOT);
  for (const root of plan.own) runScript(root);
  // Each named package's dist/ now matches its sources (turbo checked their hash): say so for the
  // server's freshness check, which compares modification times.
  for (const name of plan.filters) if (name !== SERVER_PACKAGE) stamp(plan.workspace.get(name));
  for (const root of plan.own) stamp(root);

  const { GATEWAY_NODE_FLAGS } = await import(
    pathToFileURL(join(REPO_ROOT, 'packages', 'gateway', 'dist', 'node-flags.js')).href
  );
  const child = spawn(
    process.execPath,
    [...GATEWAY_NODE_FLAGS, join(SERVER_DIR, 'dist', 'cli.js'), 'serve', ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  await main();
}
