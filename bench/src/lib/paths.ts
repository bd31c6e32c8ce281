import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bench package's directory. */
export const BENCH_DIR = fileURLToPath(new URL('../../', import.meta.url));
/** Where reports go (gitignored). */
export const REPORTS_DIR = fileURLToPath(new URL('../../reports/', import.meta.url));

/**
 * The built gateway CLI: this workspace's `packages/server/dist/cli.js` (what
 * `pnpm build` produced), or the one `GATEWAY_CLI` names, to measure another
 * build (another checkout, a commit before a change) with the same harness.
 */
export function gatewayCliPath(): string {
  const path = process.env.GATEWAY_CLI
    ? resolve(process.env.GATEWAY_CLI)
    : fileURLToPath(new URL('../../../packages/server/dist/cli.js', import.meta.url));
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: build first (npx -y pnpm@10 build)`);
  }
  return path;
}

/** A source file of this package, e.g. `src/bench.ts`. */
export function benchFile(relative: string): string {
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}

/** Which gateway build is measured: its CLI, the commit, and whether the gateway's sources differ from it. */
export function gatewayBuild(): { cli: string; commit: string; uncommittedChanges: string[] } {
  const cli = gatewayCliPath();
  const cwd = dirname(cli);
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown (not a git checkout)';
  const changes = git('status', '--porcelain', '--', '../../../packages')
    .split('\n')
    .filter((line) => line !== '');
  return { cli, commit, uncommittedChanges: changes };
}

/**
 * An adapter package of the checkout a gateway CLI belongs to (the CLI is
 * `<checkout>/packages/<gateway or server>/dist/cli.js`): e.g.
 * `adapterPackageDir(cli, 'adapter-cosmos-mint')`. The one place that knows
 * the layout around the CLI besides {@link gatewayCliPath}.
 */
export function adapterPackageDir(cli: string, name: string): string {
  return resolve(dirname(cli), '..', '..', name);
}
