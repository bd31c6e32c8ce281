import { describe, expect, it } from 'vitest';
import { historyConfigFromEnv } from '../src/index.js';

describe('historyConfigFromEnv', () => {
  it('has defaults: the embedded store under ./data/history, a sample a minute, kept for ever', () => {
    expect(historyConfigFromEnv({})).toEqual({
      databaseUrl: undefined,
      dataDir: './data/history',
      sampleSeconds: 60,
      retentionDays: undefined,
    });
  });

  it('reads every setting', () => {
    expect(
      historyConfigFromEnv({
        DATABASE_URL: 'postgres://history:pw@db.internal:5432/history',
        HISTORY_DATA_DIR: '/var/lib/history',
        HISTORY_SAMPLE_SECONDS: '0',
        HISTORY_RETENTION_DAYS: '365',
      }),
    ).toEqual({
      databaseUrl: 'postgres://history:pw@db.internal:5432/history',
      dataDir: '/var/lib/history',
      sampleSeconds: 0,
      retentionDays: 365,
    });
  });

  it('refuses malformed values, never echoing the database URL', () => {
    expect(() => historyConfigFromEnv({ HISTORY_SAMPLE_SECONDS: '-5' })).toThrow(
      'HISTORY_SAMPLE_SECONDS must be a number from 0 to 86400, got "-5"',
    );
    expect(() => historyConfigFromEnv({ HISTORY_RETENTION_DAYS: '0' })).toThrow('HISTORY_RETENTION_DAYS');
    expect(() => historyConfigFromEnv({ HISTORY_RETENTION_DAYS: '1e3' })).toThrow('HISTORY_RETENTION_DAYS');
    let message = '';
    try {
      historyConfigFromEnv({ DATABASE_URL: 'mysql://root:hunter2@db/x' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(message).not.toContain('hunter2');
  });
});
