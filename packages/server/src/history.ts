import { isAbsolute, resolve } from 'node:path';
import {
  type EconomyContext,
  type HistoryStore,
  isTokenomicsError,
  type TokenEconomy,
  TokenomicsError,
} from '@tokenomics/core';
import type { GatewayConfig } from '@tokenomics/gateway';
import {
  createRecorder,
  createUpdateBus,
  DEFAULT_HISTORY_DATA_DIR,
  DEFAULT_SAMPLE_SECONDS,
  openHistoryStore,
  type Recorder,
  type UpdateBus,
} from '@tokenomics/history';
import { z } from 'zod';

/** The configuration file's key the server reads its history settings from. */
export const HISTORY_SECTION = 'history';

/** The shortest sample interval accepted (seconds); `0` turns the recorder off. */
export const MIN_SAMPLE_SECONDS = 1;

/** The shortest wait of a schedule timer: a model noting a change already past cannot spin. */
const MIN_SCHEDULE_WAIT_MS = 1_000;

/** The longest a snapshot's schedule timer waits before looking again (one hour). */
export const SCHEDULE_RECHECK_MS = 3_600_000;

const onOff = z.union([z.boolean(), z.stringbool()], {
  error: 'history.enabled must be on or off (true/false)',
});

const SAMPLE_MESSAGE = `history.sampleSeconds must be 0 (no recorder) or a number of seconds from ${MIN_SAMPLE_SECONDS} to 86400`;

const historySectionSchema = z
  .object({
    /** False: no store, no recorder, no updates (history fields answer empty lists). */
    enabled: onOff.default(true),
    /** The embedded store's folder: relative to the configuration file's folder (from the file) or the working directory (from HISTORY_DATA_DIR). */
    dataDir: z.string().min(1, 'history.dataDir must not be empty').optional(),
    sampleSeconds: z.coerce
      .number({ error: SAMPLE_MESSAGE })
      .refine(
        (seconds) => seconds === 0 || (seconds >= MIN_SAMPLE_SECONDS && seconds <= 86_400),
        SAMPLE_MESSAGE,
      )
      .default(DEFAULT_SAMPLE_SECONDS),
    retentionDays: z.coerce
      .number({ error: 'history.retentionDays must be an integer from 1 to 36500' })
      .int('history.retentionDays must be an integer from 1 to 36500')
      .min(1, 'history.retentionDays must be an integer from 1 to 36500')
      .max(36_500, 'history.retentionDays must be an integer from 1 to 36500')
      .nullable()
      .default(null),
  })
  .strict();

/** The server's history settings, validated. */
export interface HistorySettings {
  /** False: no store, no recorder, no updates. */
  enabled: boolean;
  /** `DATABASE_URL`: the shared PostgreSQL store; undefined: the embedded one. Never logged. */
  databaseUrl: string | undefined;
  /** The embedded store's folder (absolute). */
  dataDir: string;
  /** Seconds between samples; 0: this instance never records. */
  sampleSeconds: number;
  /** Days of observations kept; null: all. */
  retentionDays: number | null;
}

/** The environment variables of the history settings (for `--help`). */
export const HISTORY_SETTINGS_ENV = [
  'DATABASE_URL',
  'HISTORY_DATA_DIR',
  'HISTORY_SAMPLE_SECONDS',
  'HISTORY_RETENTION_DAYS',
] as const;

/**
 * The history settings: the configuration file's `history` section, with
 * `DATABASE_URL`, `HISTORY_DATA_DIR`, `HISTORY_SAMPLE_SECONDS` and
 * `HISTORY_RETENTION_DAYS` on top (the environment wins, as for every
 * setting). The database URL is read from the environment only (it holds a
 * password) and never appears in a message.
 *
 * @throws TokenomicsError CONFIGURATION listing every problem
 * @example
 * ```ts
 * import { historySettings, loadServerConfig } from '@tokenomics/server';
 *
 * const env = { HISTORY_SAMPLE_SECONDS: '300' };
 * const settings = historySettings(loadServerConfig({ env }), env);
 * settings.sampleSeconds; // 300
 * ```
 */
export function historySettings(
  config: Pick<GatewayConfig, 'baseDir' | 'sections'>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): HistorySettings {
  const section = config.sections?.[HISTORY_SECTION] ?? {};
  const fromFile = historySectionSchema.partial().safeParse(section);
  if (!fromFile.success) throw invalid(fromFile.error);
  const text = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const merged = {
    ...fromFile.data,
    ...(text('HISTORY_SAMPLE_SECONDS') === undefined
      ? {}
      : { sampleSeconds: text('HISTORY_SAMPLE_SECONDS') }),
    ...(text('HISTORY_RETENTION_DAYS') === undefined
      ? {}
      : { retentionDays: text('HISTORY_RETENTION_DAYS') }),
  };
  const result = historySectionSchema.safeParse(merged);
  if (!result.success) throw invalid(result.error);
  const databaseUrl = text('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new TokenomicsError(
      'CONFIGURATION',
      'invalid configuration:\n- DATABASE_URL must be a postgres:// or postgresql:// URL',
    );
  }
  const envDir = text('HISTORY_DATA_DIR');
  const dataDir =
    envDir !== undefined
      ? resolve(envDir)
      : result.data.dataDir !== undefined
        ? resolve(config.baseDir, result.data.dataDir)
        : resolve(DEFAULT_HISTORY_DATA_DIR);
  return {
    enabled: result.data.enabled,
    databaseUrl,
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(dataDir),
    sampleSeconds: result.data.sampleSeconds,
    retentionDays: result.data.retentionDays,
  };
}

function invalid(error: z.ZodError): TokenomicsError {
  const lines = error.issues.map((issue) => {
    const path = [HISTORY_SECTION, ...issue.path].join('.');
    return `- ${issue.message.startsWith(path) ? issue.message : `${path}: ${issue.message}`}`;
  });
  return new TokenomicsError('CONFIGURATION', `invalid configuration:\n${lines.join('\n')}`);
}

/** Where the history machinery logs (pino's shape). */
export interface HistoryLog {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

/** Options of {@link openServerHistory}. */
export interface OpenServerHistoryOptions {
  settings: HistorySettings;
  /** The configured economies: those with `history` are recorded, the others get schedule-day updates. */
  economies: readonly TokenEconomy[];
  /** The shared cache's Redis URL (`CACHE_URL`): updates fan out through it to every instance. */
  redisUrl?: string | null | undefined;
  log?: HistoryLog;
}

/** The history of a running server: its store, its update bus, and (once started) the recorder. */
export interface ServerHistory {
  /** The store `Protocol.history` reads; null when history is off or no protocol is live (nothing to record or backfill). */
  readonly store: HistoryStore | null;
  /** The update bus `Subscription.protocolUpdated` listens to; null when history is off. */
  readonly bus: UpdateBus | null;
  /** The recorder once {@link ServerHistory.start} ran with a sample interval; else null. */
  readonly recorder: Recorder | null;
  /**
   * Starts the recorder (its samples read through `context()`, the gateway's
   * cached reads) and the schedule timers of snapshot protocols.
   */
  start(context: () => EconomyContext): void;
  /** Stops the recorder and the timers (samples in flight finish). */
  stopRecording(): Promise<void>;
  /** Ends every subscription and closes the bus's Redis connections. */
  closeBus(): Promise<void>;
  /** Closes the store. */
  closeStore(): Promise<void>;
}

/**
 * Opens the server's history: the store (the embedded one under
 * `settings.dataDir`, or PostgreSQL with `DATABASE_URL`), and the update bus
 * (over Redis when `redisUrl` is given). With no live protocol configured,
 * no store is opened: there is nothing to record or backfill. Call `start`
 * once the gateway exists, then shut down with `stopRecording`, `closeBus`,
 * `closeStore`, in that order.
 *
 * @throws TokenomicsError CONFIGURATION when the store cannot be opened (the database URL never in the message)
 * @example
 * ```ts
 * import { createGateway } from '@tokenomics/gateway';
 * import { historySettings, loadServerConfig, openServerHistory } from '@tokenomics/server';
 * import type { TokenEconomy } from '@tokenomics/core';
 *
 * declare const economies: TokenEconomy[];
 * const config = loadServerConfig({ env: {} });
 * const history = await openServerHistory({ settings: historySettings(config, {}), economies });
 * const gateway = createGateway({
 *   adapters: economies,
 *   ...(history.store ? { history: history.store } : {}),
 *   ...(history.bus ? { updates: history.bus } : {}),
 * });
 * history.start(() => gateway.economyContext());
 * await history.stopRecording();
 * await history.closeBus();
 * await history.closeStore();
 * ```
 */
export async function openServerHistory({
  settings,
  economies,
  redisUrl,
  log,
}: OpenServerHistoryOptions): Promise<ServerHistory> {
  if (!settings.enabled) {
    return {
      store: null,
      bus: null,
      recorder: null,
      start() {},
      async stopRecording() {},
      async closeBus() {},
      async closeStore() {},
    };
  }
  const live = economies.filter((economy) => economy.history !== undefined);
  const store = live.length === 0 ? null : await openStore(settings);
  const bus = createUpdateBus({
    redisUrl: redisUrl ?? undefined,
    onError: (error) => log?.warn({ error: error.message }, 'update bus: Redis error'),
  });
  let recorder: Recorder | null = null;
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;

  /**
   * A snapshot's next change: `supply` at the context's now reports, through
   * `noteNow`, the first instant its figures change (a daily step).
   */
  async function nextChange(economy: TokenEconomy, context: () => EconomyContext): Promise<Date | null> {
    if (!economy.supply) return null;
    let next: Date | null = null;
    const ctx: EconomyContext = {
      ...context(),
      noteNow(change) {
        if (change !== null && (next === null || change.getTime() < next.getTime())) next = change;
      },
    };
    await economy.supply({}, ctx);
    return next;
  }

  function armSchedule(economy: TokenEconomy, context: () => EconomyContext): void {
    if (stopped) return;
    nextChange(economy, context).then(
      (next) => {
        if (stopped) return;
        const wait =
          next === null
            ? SCHEDULE_RECHECK_MS
            : Math.min(Math.max(next.getTime() - Date.now() + 1, MIN_SCHEDULE_WAIT_MS), SCHEDULE_RECHECK_MS);
        const due = next !== null && next.getTime() - Date.now() < SCHEDULE_RECHECK_MS;
        const timer = setTimeout(() => {
          timers.delete(economy.id);
          if (due && mayAnnounce())
            bus.publish(economy.id, { height: null, at: next?.toISOString() ?? null });
          armSchedule(economy, context);
        }, wait);
        timer.unref();
        timers.set(economy.id, timer);
      },
      (error: unknown) => {
        log?.warn(
          { protocol: economy.id, error: isTokenomicsError(error) ? error.message : String(error) },
          'history: cannot read the schedule; looking again in an hour',
        );
        if (stopped) return;
        const timer = setTimeout(() => armSchedule(economy, context), SCHEDULE_RECHECK_MS);
        timer.unref();
        timers.set(economy.id, timer);
      },
    );
  }

  /**
   * Who announces a new day of a snapshot's schedule: the recording instance
   * (over Redis every instance would otherwise announce it); where nothing
   * records (no live protocol configured), every instance; a pure reader
   * (`sampleSeconds: 0`) only when its updates stay in this process.
   */
  function mayAnnounce(): boolean {
    if (recorder !== null) return recorder.leading;
    if (store === null) return true;
    return !redisUrl;
  }

  return {
    store,
    bus,
    get recorder() {
      return recorder;
    },
    start(context) {
      if (store !== null && settings.sampleSeconds > 0) {
        recorder = createRecorder({
          store,
          protocols: live.map((economy) => ({ id: economy.id, history: economy.history })),
          intervalSeconds: settings.sampleSeconds,
          ...(settings.retentionDays === null ? {} : { retentionDays: settings.retentionDays }),
          context,
          onObservation: (id, observation, changed) => {
            if (changed) {
              bus.publish(id, { height: observation.height.toString(), at: observation.at.toISOString() });
            }
          },
          ...(log ? { log } : {}),
        });
      }
      for (const economy of economies) {
        if (economy.history === undefined) armSchedule(economy, context);
      }
    },
    async stopRecording() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await recorder?.stop();
    },
    closeBus: () => bus.close(),
    async closeStore() {
      await store?.close();
    },
  };
}

/** Opens the configured store; a failure is a CONFIGURATION error that never quotes the database URL. */
async function openStore(settings: HistorySettings): Promise<HistoryStore> {
  try {
    return await openHistoryStore(
      settings.databaseUrl ? { databaseUrl: settings.databaseUrl } : { dataDir: settings.dataDir },
    );
  } catch (error) {
    const where = settings.databaseUrl ? 'the PostgreSQL database DATABASE_URL names' : settings.dataDir;
    let reason = error instanceof Error ? error.message : String(error);
    if (settings.databaseUrl) reason = reason.replaceAll(settings.databaseUrl, '[DATABASE_URL]');
    reason = reason.replace(/postgres(ql)?:\/\/[^\s'"]*/g, '[DATABASE_URL]');
    throw new TokenomicsError('CONFIGURATION', `the history store cannot be opened (${where}): ${reason}`, {
      cause: error,
    });
  }
}
