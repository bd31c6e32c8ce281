import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EconomyContext, Supply, TokenEconomy } from '@tokenomics/core';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../src/config.js';
import { historySettings, openServerHistory } from '../src/history.js';
import { configFolder } from './history-fixtures.js';

const folders: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const folder of folders.splice(0)) folder.remove();
});

function settingsOf(config: Record<string, unknown>, env: Record<string, string> = {}) {
  const folder = configFolder(config);
  folders.push(folder);
  return { settings: historySettings(loadServerConfig({ env, cwd: folder.dir }), env), dir: folder.dir };
}

describe('history settings: the history section of gateway.config.json and the environment', () => {
  it('defaults: on, the embedded store under ./data/history, 60 s samples, everything kept', () => {
    const { settings } = settingsOf({});
    expect(settings).toEqual({
      enabled: true,
      databaseUrl: undefined,
      dataDir: resolve('./data/history'),
      sampleSeconds: 60,
      retentionDays: null,
    });
  });

  it('reads the file (dataDir relative to its folder) and lets the environment win', () => {
    const { settings, dir } = settingsOf(
      { history: { dataDir: './kept', sampleSeconds: 5, retentionDays: 30 } },
      { HISTORY_SAMPLE_SECONDS: '0', DATABASE_URL: 'postgres://u:secret@127.0.0.1:5432/db' },
    );
    expect(settings).toEqual({
      enabled: true,
      databaseUrl: 'postgres://u:secret@127.0.0.1:5432/db',
      dataDir: join(dir, 'kept'),
      sampleSeconds: 0,
      retentionDays: 30,
    });
    expect(
      settingsOf({}, { HISTORY_DATA_DIR: '/tmp/elsewhere', HISTORY_RETENTION_DAYS: '7' }).settings,
    ).toMatchObject({
      dataDir: '/tmp/elsewhere',
      retentionDays: 7,
    });
  });

  it('refuses bad values with CONFIGURATION, naming the key, never echoing the database URL', () => {
    expect(() => settingsOf({ history: { sampleSecs: 5 } })).toThrow(
      /history: Unrecognized key: "sampleSecs"/,
    );
    expect(() => settingsOf({}, { HISTORY_SAMPLE_SECONDS: '0.5' })).toThrow(
      'history.sampleSeconds must be 0 (no recorder) or a number of seconds from 1 to 86400',
    );
    expect(() => settingsOf({}, { HISTORY_RETENTION_DAYS: '-1' })).toThrow(
      'history.retentionDays must be an integer from 1 to 36500',
    );
    let message = '';
    try {
      settingsOf({}, { DATABASE_URL: 'mysql://root:hunter2@db/x' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(message).not.toContain('hunter2');
  });

  it('a store that cannot be opened is a CONFIGURATION error at start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokenomics-notadir-'));
    const file = join(dir, 'file');
    writeFileSync(file, 'not a folder');
    try {
      const live = { id: 'live', history: { observe: async () => ({}) } } as unknown as TokenEconomy;
      await expect(
        openServerHistory({
          settings: {
            enabled: true,
            databaseUrl: undefined,
            dataDir: file,
            sampleSeconds: 60,
            retentionDays: null,
          },
          economies: [live],
        }),
      ).rejects.toMatchObject({
        code: 'CONFIGURATION',
        message: expect.stringContaining('the history store cannot be opened'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('snapshot protocols: an update at each new day of the schedule', () => {
  it('publishes protocolUpdated when the next change the model notes comes', async () => {
    let asked = 0;
    // A snapshot whose figures change 300 ms from each read (a day, shortened).
    const snapshot = {
      id: 'snap',
      async supply(_query: unknown, ctx?: Partial<EconomyContext>): Promise<Supply> {
        asked += 1;
        ctx?.noteNow?.(new Date(Date.now() + 300));
        return {} as Supply;
      },
    } as unknown as TokenEconomy;
    const history = await openServerHistory({
      settings: {
        enabled: true,
        databaseUrl: undefined,
        dataDir: '/nonexistent',
        sampleSeconds: 60,
        retentionDays: null,
      },
      economies: [snapshot],
    });
    // No live protocol: no store is opened (the data dir is never touched).
    expect(history.store).toBeNull();
    const updates = history.bus!.subscribe('snap');
    const first = updates.next();
    history.start(() => ({ now: new Date() }) as EconomyContext);
    const { value } = await first;
    expect(value).toMatchObject({ protocolId: 'snap', height: null });
    expect(typeof value.at).toBe('string');
    expect(asked).toBeGreaterThanOrEqual(1);
    await updates.return?.();
    await history.stopRecording();
    await history.closeBus();
    await history.closeStore();
  });
});
