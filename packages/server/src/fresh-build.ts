import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TokenomicsError } from '@tokenomics/core';

interface PackageInfo {
  root: string;
  name: string;
  /** Whether its package.json has a `build` script. */
  builds: boolean;
}

function readPackage(root: string): PackageInfo | undefined {
  const manifest = join(root, 'package.json');
  if (!existsSync(manifest)) return undefined;
  const { name, scripts } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    name?: unknown;
    scripts?: Record<string, unknown>;
  };
  return {
    root,
    name: typeof name === 'string' ? name : root,
    builds: typeof scripts?.build === 'string',
  };
}

/**
 * The package an adapter entry names: for a path, the folder itself when it
 * holds a package.json; for a package name, the first `node_modules/<name>`
 * above one of the folders it resolves from (links followed). Undefined when
 * it is neither (a lone module file): nothing to build then.
 */
export function adapterPackage(specifier: string, bases: readonly string[]): PackageInfo | undefined {
  if (specifier.startsWith('.') || isAbsolute(specifier)) {
    const target = resolve(bases[0] ?? process.cwd(), specifier);
    return existsSync(target) && statSync(target).isDirectory()
      ? readPackage(realpathSync(target))
      : undefined;
  }
  const name = specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : specifier.split('/')[0];
  if (name === undefined) return undefined;
  for (const base of bases) {
    let folder = resolve(base);
    for (let depth = 0; depth < 64; depth++) {
      const candidate = join(folder, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return readPackage(realpathSync(candidate));
      const parent = dirname(folder);
      if (parent === folder) break;
      folder = parent;
    }
  }
  return undefined;
}

/** The newest modification time of the files under a folder (skipping test files and node_modules), 0 when none. */
function newestMtime(folder: string, skip: (name: string) => boolean): number {
  let newest = 0;
  const stack = [folder];
  // Bounded: a package's own source tree, walked once.
  for (let visited = 0; stack.length > 0 && visited < 100_000; visited++) {
    const current = stack.pop() as string;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || skip(entry.name)) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** The repository this app lives in (from src/ or dist/ alike). */
const WORKSPACE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

const isTestFile = (name: string) => /\.test\.[cm]?[jt]sx?$/.test(name);

/**
 * Refuses to serve a stale build: when an adapter entry names a package (by
 * name or by path) that has a `src/` folder and a `build` script, its `dist/`
 * must exist and its newest file be no older than the newest source file
 * (tests aside). An installed package without sources, or a lone module
 * file, is taken as it is.
 *
 * @param bases where the entry resolves from: the configuration's folder first, then the app's
 * @param file the module the entry resolved to: one inside the package's `src/` is taken as it is;
 *   without it (before resolving), only a missing `dist/` is refused
 * @throws TokenomicsError CONFIGURATION "adapter X is not built; run …" with the command that builds it
 * @example
 * ```ts
 * import { assertAdapterBuilt } from '@tokenomics/server';
 *
 * assertAdapterBuilt('./adapter-demo-coin', [process.cwd()]);
 * ```
 */
export function assertAdapterBuilt(specifier: string, bases: readonly string[], file?: string): void {
  const pkg = adapterPackage(specifier, bases);
  if (pkg === undefined || !pkg.builds) return;
  const src = join(pkg.root, 'src');
  if (!existsSync(src) || !statSync(src).isDirectory()) return;
  // Resolved to its sources (a `source` export condition, as in the tests): there is no build to be stale.
  if (file !== undefined && isInside(src, file)) return;
  const dist = join(pkg.root, 'dist');
  const built = existsSync(dist);
  let newestBuilt = 0;
  if (built && file === undefined) return; // before resolving: a dist/ to resolve into is all that is asked yet
  if (built) {
    newestBuilt = newestMtime(dist, () => false);
    if (newestBuilt > 0 && newestBuilt >= newestMtime(src, isTestFile)) return;
  }
  const inWorkspace =
    existsSync(join(WORKSPACE_ROOT, 'pnpm-workspace.yaml')) && isInside(WORKSPACE_ROOT, pkg.root);
  const command = inWorkspace
    ? `npx -y pnpm@10 --filter ${pkg.name} build`
    : `npx -y pnpm@10 --dir ${pkg.root} run build`;
  const why = newestBuilt === 0 ? 'it has no dist/' : 'its src/ has changed since its dist/ was built';
  throw new TokenomicsError(
    'CONFIGURATION',
    `adapter ${specifier} is not built (${why}); run \`${command}\`, or \`npx -y pnpm@10 start\`, which builds every adapter the configuration names`,
    { details: { adapter: specifier, package: pkg.name } },
  );
}
