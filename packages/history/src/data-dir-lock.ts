import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TokenomicsError } from '@tokenomics/core';

/** The lock file's name inside an embedded store's data directory. */
export const DATA_DIR_LOCK_FILE = 'tokenomics-history.lock';

/** Data directories this process holds. */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes a data directory for this process (PGlite has no lock of its own: two
 * processes on one directory would silently diverge). A lock left by a process
 * that is gone is taken over.
 *
 * @throws TokenomicsError CONFIGURATION when another live process, or this one, holds it
 * @example
 * ```ts
 * import { lockDataDir } from './data-dir-lock.js';
 *
 * const unlock = lockDataDir('/var/lib/tokenomics/history');
 * unlock();
 * ```
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, DATA_DIR_LOCK_FILE);
  const refuse = (who: string) =>
    new TokenomicsError(
      'CONFIGURATION',
      `the history data directory ${dir} is in use by ${who}: one process per data directory (several instances share a PostgreSQL history: set DATABASE_URL)`,
    );
  if (held.has(dir)) throw refuse('this process');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      held.add(dir);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(dir);
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
      // The same pid as ours (a restarted container) is a previous life's lock.
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw refuse(`process ${pid}`);
      rmSync(file, { force: true });
    }
  }
  throw refuse('another process');
}
