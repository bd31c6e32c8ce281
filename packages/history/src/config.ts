import { TokenomicsError } from '@tokenomics/core';
import { DEFAULT_HISTORY_DATA_DIR } from './embedded-store.js';
import { DEFAULT_SAMPLE_SECONDS } from './recorder.js';

/** The history's settings, as {@link historyConfigFromEnv} reads them. */
export interface HistoryConfig {
  /** `DATABASE_URL`: the shared PostgreSQL store; undefined: the embedded one. */
  databaseUrl: string | undefined;
  /** `HISTORY_DATA_DIR`: the embedded store's folder; default `./data/history`. */
  dataDir: string;
  /** `HISTORY_SAMPLE_SECONDS`: seconds between the recorder's samples; default 60; `0` turns the recorder off. */
  sampleSeconds: number;
  /** `HISTORY_RETENTION_DAYS`: observations older than this are pruned; undefined: kept for ever. */
  retentionDays: number | undefined;
}

/** The environment variables the history reads, with what each does (for `--help` and the README). */
export const HISTORY_ENV = [
  {
    name: 'DATABASE_URL',
    description: 'PostgreSQL URL of a history shared by every instance (unset: the embedded store)',
  },
  {
    name: 'HISTORY_DATA_DIR',
    description: `the embedded store's folder (default ${DEFAULT_HISTORY_DATA_DIR})`,
  },
  {
    name: 'HISTORY_SAMPLE_SECONDS',
    description: `seconds between recorded samples of each live protocol (default ${DEFAULT_SAMPLE_SECONDS}; 0: off)`,
  },
  { name: 'HISTORY_RETENTION_DAYS', description: 'days of history kept (default: all)' },
] as const;

function number(
  env: Record<string, string | undefined>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(value) || value < min || value > max) {
    throw new TokenomicsError(
      'CONFIGURATION',
      `${name} must be a number from ${min} to ${max}, got ${JSON.stringify(raw.slice(0, 40))}`,
    );
  }
  return value;
}

/**
 * Reads the history's settings from the environment (see {@link HISTORY_ENV}).
 *
 * @throws TokenomicsError CONFIGURATION for a malformed value (the database URL is never echoed)
 * @example
 * ```ts
 * import { historyConfigFromEnv } from '@tokenomics/history';
 *
 * historyConfigFromEnv({ HISTORY_SAMPLE_SECONDS: '300' }).sampleSeconds; // 300
 * historyConfigFromEnv({}).dataDir; // './data/history'
 * ```
 */
export function historyConfigFromEnv(env: Record<string, string | undefined>): HistoryConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new TokenomicsError('CONFIGURATION', 'DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  return {
    databaseUrl,
    dataDir: env.HISTORY_DATA_DIR?.trim() || DEFAULT_HISTORY_DATA_DIR,
    sampleSeconds: number(env, 'HISTORY_SAMPLE_SECONDS', 0, 86_400) ?? DEFAULT_SAMPLE_SECONDS,
    retentionDays: number(env, 'HISTORY_RETENTION_DAYS', 1, 36_500),
  };
}
