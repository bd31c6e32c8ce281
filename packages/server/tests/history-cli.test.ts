import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeLcd } from '@tokenomics/cosmos-rest/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  configFolder,
  eventually,
  perBlock,
  query,
  startSynternetChain,
  subscribe,
} from './history-fixtures.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

interface Served {
  child: ChildProcess;
  output(): { stdout: string; stderr: string };
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function serve(cwd: string, env: Record<string, string>): Served {
  const child = spawn(process.execPath, [CLI, 'serve'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', CACHE_TTL_SECONDS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => ({ stdout, stderr }), exited };
}

/** The first JSON log line of the served process matching `test`. */
function logLine(served: Served, test: (line: Record<string, unknown>) => boolean) {
  return eventually(
    async () => {
      if (served.child.exitCode !== null) throw new Error(`exited: ${JSON.stringify(served.output())}`);
      return served
        .output()
        .stdout.split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find(test);
    },
    60_000,
    'a log line',
  );
}

describe('tokenomics-gateway serve with history (the built CLI)', { timeout: 180_000 }, () => {
  let lcd: FakeLcd;
  let folder: ReturnType<typeof configFolder>;
  let ticker: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    lcd = await startSynternetChain();
    folder = configFolder({ history: { sampleSeconds: 1 } });
  });
  afterAll(async () => {
    clearInterval(ticker);
    await lcd.close();
    folder.remove();
  });

  it('records into the embedded store; a second process on the same folder is refused; SIGTERM with an open SSE stream exits 0', async () => {
    const env = { SYNTERNET_LCD_URL: lcd.url, HISTORY_DATA_DIR: join(folder.dir, 'history') };
    const served = serve(folder.dir, env);
    const started = await logLine(served, (line) => typeof line.url === 'string');
    const endpoint = String(started.url).replace('localhost', '127.0.0.1');
    const history = await logLine(served, (line) => line.msg === 'history');
    expect(history.history).toMatchObject({ store: 'embedded', sampleSeconds: 1, updates: 'in-process' });

    ticker = setInterval(() => lcd.advance(1, perBlock), 250);
    await eventually(
      async () => {
        const data = await query<{ protocol: { history: unknown[] } }>(
          endpoint,
          '{ protocol(id: "synternet") { history(from: "2025-12-01T00:00:00Z") { height } } }',
        );
        return data.protocol.history.length >= 2 ? true : undefined;
      },
      60_000,
      'two recorded observations',
    );
    clearInterval(ticker);

    // The embedded store is one process's: a second gateway on the folder stops at start, saying why.
    const second = serve(folder.dir, env);
    expect(await second.exited).toBe(1);
    expect(second.output().stderr).toContain('CONFIGURATION: the history store cannot be opened');
    expect(second.output().stderr).toContain('one process per data directory');

    const client = await subscribe(endpoint, 'subscription { protocolUpdated(id: "synternet") { id } }');
    served.child.kill('SIGTERM');
    // The drain ends the open stream (the bus closes after the grace), then the process exits 0.
    // (An event of the recorder's last samples may come first.)
    let ended: Error | null = null;
    for (let i = 0; i < 20 && ended === null; i++) {
      try {
        await client.next(60_000);
      } catch (error) {
        ended = error as Error;
      }
    }
    expect(ended?.message).toMatch(/stream ended|terminated|aborted|fetch failed/);
    expect(await served.exited).toBe(0);
  });
});
