import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * `pnpm create-adapter <id>` into `dir`, then what `pnpm install` would link
 * for it there (the workspace's core and zod, the root's Node types and
 * vitest). Returns the package's folder (`<dir>/adapter-<id>`): its default
 * export is the template's descriptor, as is.
 */
export function scaffoldAdapter(dir: string, id: string, symbol: string): string {
  const created = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'tools', 'create-adapter.mjs'), id, '--dir', dir, '--symbol', symbol],
    { encoding: 'utf8', cwd: REPO_ROOT },
  );
  if (created.status !== 0) throw new Error(`create-adapter failed: ${created.stderr}`);
  mkdirSync(join(dir, 'node_modules', '@tokenomics'), { recursive: true });
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'packages', 'core'), join(dir, 'node_modules', '@tokenomics', 'core'), 'dir');
  symlinkSync(join(REPO_ROOT, 'node_modules', 'vitest'), join(dir, 'node_modules', 'vitest'), 'dir');
  // The template's options are a zod schema: the package finds zod where core does.
  symlinkSync(
    join(REPO_ROOT, 'packages', 'core', 'node_modules', 'zod'),
    join(dir, 'node_modules', 'zod'),
    'dir',
  );
  symlinkSync(
    join(REPO_ROOT, 'node_modules', '@types', 'node'),
    join(dir, 'node_modules', '@types', 'node'),
    'dir',
  );
  return join(dir, `adapter-${id}`);
}
