import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TokenomicsError } from '@tokenomics/core';

/**
 * The explorer's built page in this repository (`packages/explorer/dist`, from `src/` or `dist/`
 * alike), which the server serves at `/` by default.
 */
export const EXPLORER_DIST = fileURLToPath(new URL('../../explorer/dist/', import.meta.url));

/** What {@link siteFromEnv} decided: a folder to serve at `/`, or none and why. */
export type SiteChoice = { dir: string; reason?: undefined } | { dir: null; reason: string };

const hasIndex = (dir: string) => existsSync(join(dir, 'index.html')) && statSync(dir).isDirectory();

/**
 * The static site the server serves at `/` (GraphiQL stays at `/graphql`): `SITE_DIR` when set (a
 * folder holding `index.html` and `assets/`, relative to `cwd`; `off` serves none), else the
 * explorer's build ({@link EXPLORER_DIST}) when it has been built. An unbuilt explorer is not an
 * error: the answer says how to build it, and `/` answers 404 meanwhile.
 *
 * @throws TokenomicsError CONFIGURATION when `SITE_DIR` names a folder without `index.html`
 * @example
 * ```ts
 * import { siteFromEnv } from '@tokenomics/server';
 *
 * const site = siteFromEnv({ SITE_DIR: 'off' }); // { dir: null, reason: 'SITE_DIR=off' }
 * ```
 */
export function siteFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): SiteChoice {
  const setting = env.SITE_DIR?.trim();
  if (setting !== undefined && setting !== '') {
    if (setting.toLowerCase() === 'off') return { dir: null, reason: 'SITE_DIR=off' };
    const dir = resolve(cwd, setting);
    if (!existsSync(dir) || !hasIndex(dir)) {
      throw new TokenomicsError('CONFIGURATION', `SITE_DIR names ${dir}, which holds no index.html`, {
        details: { variable: 'SITE_DIR' },
      });
    }
    return { dir };
  }
  if (existsSync(EXPLORER_DIST) && hasIndex(EXPLORER_DIST)) return { dir: EXPLORER_DIST };
  return {
    dir: null,
    reason:
      'the explorer is not built: run `npx -y pnpm@10 --filter @tokenomics/explorer build` (or `npx -y pnpm@10 start`, which builds it)',
  };
}
