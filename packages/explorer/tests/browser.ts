import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/** Debian's chromium (installed by tools/ensure-chromium.sh); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where the tests leave screenshots (git-ignored). */
export const ARTIFACTS = join(here, '..', 'test-artifacts');

/**
 * Launches headless Chromium with a fresh profile (playwright-core makes a new user-data-dir per
 * launch). Background networking is off: on a closed network Chromium's own connections are
 * refused and would disturb the page. Fails with the way to install it when it is missing.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}: the browser tests need it. Install it with ` +
        '`bash tools/ensure-chromium.sh` (Debian: apt-get install -y chromium), or set CHROMIUM_PATH.',
    );
  }
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Builds the explorer from its sources into a fresh directory (so a test never sees a stale dist). */
export async function buildExplorer(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'explorer-dist-'));
  await build({
    root: join(here, '..'),
    configFile: join(here, '..', 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}
