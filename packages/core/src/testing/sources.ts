import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Sources made at run time: a chain read, a query's override, the deployment's configuration. */
export const DYNAMIC_SOURCE_PREFIXES = ['chain:', 'override:', 'configuration:'] as const;

const URL_PATTERN = /https?:\/\/[^\s<>"'`)\]]+/g;
/** A repository-relative file path: folders, then a file with an extension starting with a letter; an optional anchor. */
const PATH_PATTERN =
  /(?:^|[\s(`'"[,;])((?:[A-Za-z0-9_.-]+\/)+[A-Za-z0-9_-][A-Za-z0-9_.-]*\.[A-Za-z][A-Za-z0-9]*)(?:#[^\s)`'"\],;]*)?/g;
/** Files a source may never cite: the project's working notes, which the repository does not ship. */
const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/MODEL\.md/i, 'MODEL.md'],
  [/[A-Za-z0-9_-]*-facts\.md/i, 'a facts sheet (*-facts.md)'],
  [/(?:^|[^A-Za-z0-9_.-])spec\//, 'spec/'],
  [/(?:^|[^A-Za-z0-9_.-])shared\//, 'shared/'],
];

/**
 * The repository root: the nearest folder holding `pnpm-workspace.yaml`,
 * walking up from this file, then from the working directory; null when
 * neither is inside the repository.
 *
 * @example
 * ```ts
 * import { repositoryRoot } from '@tokenomics/core/testing';
 *
 * repositoryRoot(); // the folder holding pnpm-workspace.yaml, e.g. '/home/me/tokenomics-gateway'
 * ```
 */
export function repositoryRoot(): string | null {
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    let folder = resolve(start);
    for (;;) {
      if (existsSync(join(folder, 'pnpm-workspace.yaml'))) return folder;
      const parent = dirname(folder);
      if (parent === folder) break;
      folder = parent;
    }
  }
  return null;
}

function isRepositoryFile(root: string, path: string): boolean {
  const full = resolve(root, path);
  if (full !== root && !full.startsWith(root + sep)) return false;
  try {
    return statSync(full).isFile();
  } catch {
    return false;
  }
}

/**
 * What is wrong with a `source` a model serves, or null when a user can follow
 * it: it starts with `chain:`, `override:` or `configuration:`, or it cites a
 * public `https://` URL or a file of this repository (a relative path such as
 * `docs/methodology/session.md#pool-release`; the anchor is not checked).
 * Every repository path it names must exist, and it never names MODEL.md, a
 * `*-facts.md`, `spec/` or `shared/` outside a URL.
 *
 * @param root - the repository root ({@link repositoryRoot}); null skips the existence check of paths
 * @example
 * ```ts
 * import { repositoryRoot, sourceViolation } from '@tokenomics/core/testing';
 *
 * const root = repositoryRoot();
 * sourceViolation('docs/methodology/session.md#lockups; https://docs.getsession.org/', root); // null
 * sourceViolation('reference/MODEL.md, Session', root); // 'names MODEL.md, which the repository does not ship'
 * ```
 */
export function sourceViolation(source: string, root: string | null): string | null {
  const text = source.trim();
  if (!text) return 'is empty';
  const urls = text.match(URL_PATTERN) ?? [];
  const rest = text.replace(URL_PATTERN, ' ');
  for (const [pattern, name] of FORBIDDEN) {
    if (pattern.test(rest)) return `names ${name}, which the repository does not ship`;
  }
  const paths = [...rest.matchAll(PATH_PATTERN)].map((match) => match[1]!);
  if (root !== null) {
    const missing = paths.find((path) => !isRepositoryFile(root, path));
    if (missing !== undefined) return `cites ${missing}, which the repository does not contain`;
  }
  if (DYNAMIC_SOURCE_PREFIXES.some((prefix) => text.startsWith(prefix))) return null;
  if (urls.some((url) => url.startsWith('https://')) || paths.length > 0) return null;
  return 'cites neither a public https:// URL nor a file of this repository';
}
