import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeLcd } from '@tokenomics/cosmos-rest/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configFolder,
  perBlock,
  query,
  START_HEIGHT,
  startHistoryServer,
  startSynternetChain,
  synt,
} from './history-fixtures.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
/** One block an hour: a day is 24 blocks. */
const BLOCKS_PER_DAY = 24n;
/** The node keeps heights from the start of the sixth day on. */
const LOWEST = START_HEIGHT + 5n * BLOCKS_PER_DAY;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (asynchronously: the fake chain answers from this process). */
function cli(args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd,
        env: { ...process.env, DATABASE_URL: '', CACHE_URL: '', LOG_LEVEL: 'silent', ...env },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('tokenomics-gateway backfill over a fake archive node with a pruned range', {
  timeout: 180_000,
}, () => {
  let lcd: FakeLcd;
  let folder: ReturnType<typeof configFolder>;
  let env: Record<string, string>;
  const args = [
    'backfill',
    '--protocol',
    'synternet',
    '--from',
    '2026-01-01',
    '--to',
    '2026-01-10',
    '--interval',
    'DAY',
  ];

  beforeAll(async () => {
    lcd = await startSynternetChain({ blockSeconds: 3600 });
    // Ten days of blocks, supply and bonded changing at each; the first five days pruned.
    lcd.advance(Number(10n * BLOCKS_PER_DAY), perBlock);
    lcd.setLowestHeight(LOWEST);
    folder = configFolder({
      protocols: [{ adapter: '@tokenomics/adapter-session' }, { adapter: '@tokenomics/adapter-synternet' }],
    });
    env = { SYNTERNET_LCD_URL: lcd.url, HISTORY_DATA_DIR: join(folder.dir, 'history') };
  });
  afterAll(async () => {
    await lcd.close();
    folder.remove();
  });

  it('fills the kept heights, names the pruned ones in one message, exits 2; a rerun adds nothing', async () => {
    const first = await cli(args, folder.dir, env);
    expect(first.stderr).toContain(
      `the node has pruned heights below ${LOWEST}: 5 instants could not be read (2026-01-01 … 2026-01-05); the rest is filled`,
    );
    expect(first.stderr).toContain('synternet: 10 instants: 5 added, 0 already there');
    // Not a terminal: a progress line per ~10 %, the last at 100 %.
    expect(first.stderr).toContain('synternet: 10/10 instants (100%)');
    expect(first.code).toBe(2);
    expect(JSON.parse(first.stdout)).toMatchObject({
      protocol: 'synternet',
      total: 10,
      added: 5,
      skipped: 0,
    });
    expect(JSON.parse(first.stdout).pruned).toHaveLength(5);

    const again = await cli(args, folder.dir, env);
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout)).toMatchObject({ total: 10, added: 0, skipped: 5 });
    expect(again.stderr).toContain('synternet: 10 instants: 0 added, 5 already there');

    // What was filled, served by the gateway on the same data dir: the fake's state at each day's block.
    const server = await startHistoryServer(folder.dir, { ...env, HISTORY_SAMPLE_SECONDS: '0' });
    try {
      const data = await query<{
        protocol: { history: Array<{ at: string; height: string; total: string; staked: string }> };
      }>(
        server.endpoint,
        '{ protocol(id: "synternet") { history(from: "2025-12-01T00:00:00Z") { at height total staked } } }',
      );
      expect(data.protocol.history).toEqual(
        [6, 7, 8, 9, 10].map((day) => {
          const height = START_HEIGHT + BigInt(day - 1) * BLOCKS_PER_DAY;
          const state = lcd.stateAt(height)!;
          return {
            at: `2026-01-${String(day).padStart(2, '0')}T00:00:00.000Z`,
            height: height.toString(),
            total: synt(state.supply.find((coin) => coin.denom === 'usynt')!.amount),
            staked: synt(state.pool.bonded_tokens),
          };
        }),
      );
    } finally {
      await server.close();
    }
  });

  it('completes with exit code 0 over kept heights only', async () => {
    const run = await cli(
      [
        'backfill',
        '--protocol',
        'synternet',
        '--from',
        '2026-01-06T12:00:00Z',
        '--to',
        '2026-01-08T12:00:00Z',
      ],
      folder.dir,
      env,
    );
    expect(run.stderr).toContain('synternet: 3 instants: 3 added, 0 already there; complete');
    expect(run.code).toBe(0);
  });

  it('a protocol without archive access, an unknown protocol and a bad date are clear errors (exit 1)', async () => {
    const snapshot = await cli(
      ['backfill', '--protocol', 'session', '--from', '2026-01-01'],
      folder.dir,
      env,
    );
    expect(snapshot.code).toBe(1);
    expect(snapshot.stderr).toContain('NOT_SUPPORTED: protocol "session" has no archive access');
    const unknown = await cli(['backfill', '--protocol', 'nope', '--from', '2026-01-01'], folder.dir, env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no protocol "nope" is configured (configured: session, synternet)');
    const badDate = await cli(
      ['backfill', '--protocol', 'synternet', '--from', 'yesterday'],
      folder.dir,
      env,
    );
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('--from must be a date');
  });
});
