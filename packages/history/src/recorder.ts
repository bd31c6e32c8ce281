import {
  type EconomyContext,
  type EconomyHistory,
  type HistoryLease,
  type HistoryStore,
  type Observation,
  redactError,
} from '@tokenomics/core';

/** The default seconds between samples (`HISTORY_SAMPLE_SECONDS`): one a minute. */
export const DEFAULT_SAMPLE_SECONDS = 60;
/** The leadership role the recorder takes: one recorder per deployment writes. */
export const RECORDER_ROLE = 'tokenomics-history-recorder';
/** How often retention runs, per protocol. */
const PRUNE_EVERY_MS = 3_600_000;
const MS_PER_DAY = 86_400_000;
/** How long {@link Recorder.stop} waits for samples in flight. */
const STOP_PATIENCE_MS = 10_000;

/** Where the recorder reports (pino's `(object, message)` shape). */
export interface RecorderLog {
  warn(details: Record<string, unknown>, message: string): void;
  info?(details: Record<string, unknown>, message: string): void;
}

/** A protocol the recorder may sample: one without `history` (a snapshot source) is left out. */
export interface RecorderProtocol {
  id: string;
  history?: EconomyHistory | undefined;
}

/** Options of {@link createRecorder}. */
export interface RecorderOptions {
  store: HistoryStore;
  protocols: readonly RecorderProtocol[];
  /** Seconds between samples; default {@link DEFAULT_SAMPLE_SECONDS}. */
  intervalSeconds?: number;
  /** Observations older than this many days are deleted (at most once an hour); default: kept for ever. */
  retentionDays?: number;
  /**
   * Called after each new observation is stored (the recorder leads): `changed`
   * is true when its figures differ from the previous observation's (the
   * first one counts as changed). Publish the update here.
   */
  onObservation?(protocolId: string, observation: Observation, changed: boolean): void | Promise<void>;
  log?: RecorderLog;
  /** The context of each sample's reads: the gateway's cached reader, so a sample costs no extra upstream load. */
  context?(): Partial<EconomyContext>;
  /** False: no timers, only {@link Recorder.sampleOnce} (tests, one-shot tools); default true. */
  start?: boolean;
}

/** A running recorder. */
export interface Recorder {
  /** True while this instance holds the recorder role. */
  readonly leading: boolean;
  /** Samples every protocol once now (taking the role when free); resolves when done. */
  sampleOnce(): Promise<void>;
  /** Clears the timers, waits for samples in flight (10 s at most) and gives the role up. */
  stop(): Promise<void>;
}

const FIGURES = [
  'total',
  'circulating',
  'liquid',
  'staked',
  'bondedRatio',
  'emissionRate',
  'stakingApr',
  'poolBalance',
] as const;

/**
 * True when two observations' figures differ (their heights and times aside).
 *
 * @example
 * ```ts
 * import type { Observation } from '@tokenomics/core';
 * import { figuresDiffer } from '@tokenomics/history';
 *
 * declare const before: Observation;
 * declare const after: Observation;
 * const publish = figuresDiffer(before, after);
 * ```
 */
export function figuresDiffer(a: Observation, b: Observation): boolean {
  if (a.participants !== b.participants) return true;
  return FIGURES.some((key) => {
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) return x !== y;
    return !x.eq(y);
  });
}

/**
 * Samples every live protocol's chain state into the store each interval.
 * Only the instance holding the recorder role (a PostgreSQL advisory lock;
 * the embedded store always leads) samples; the others retry taking it each
 * interval. A sample appends when its height is new; a failing read is
 * logged and skipped, and never holds up the other protocols (each has its
 * own timer).
 *
 * @example
 * ```ts
 * import type { EconomyHistory, HistoryStore } from '@tokenomics/core';
 * import { createRecorder } from '@tokenomics/history';
 *
 * function record(store: HistoryStore, history: EconomyHistory) {
 *   return createRecorder({
 *     store,
 *     protocols: [{ id: 'session', history }],
 *     intervalSeconds: 60,
 *     onObservation: (id, observation, changed) => {
 *       if (changed) console.log(id, observation.height);
 *     },
 *   });
 * }
 * ```
 */
export function createRecorder(options: RecorderOptions): Recorder {
  const { store, onObservation, log, context, retentionDays } = options;
  const intervalMs = Math.max(1, (options.intervalSeconds ?? DEFAULT_SAMPLE_SECONDS) * 1000);
  const protocols = options.protocols.filter(
    (p): p is RecorderProtocol & { history: EconomyHistory } => p.history !== undefined,
  );
  let lease: HistoryLease | null = null;
  let acquiring: Promise<boolean> | null = null;
  let stopped = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  const previous = new Map<string, Observation | null>();
  const prunedAt = new Map<string, number>();

  const warn = (details: Record<string, unknown>, message: string) => log?.warn(details, message);

  function lead(): Promise<boolean> {
    if (lease !== null && !lease.lost) return Promise.resolve(true);
    if (lease?.lost) {
      lease = null;
      previous.clear();
      log?.info?.({}, 'history recorder: lost the recorder role');
    }
    acquiring ??= (async () => {
      try {
        const taken = await store.tryLeadership(RECORDER_ROLE);
        if (taken === null) return false;
        if (stopped) {
          await taken.release();
          return false;
        }
        lease = taken;
        log?.info?.({}, 'history recorder: took the recorder role');
        return true;
      } catch (error) {
        warn({ error: redactError(error).message }, 'history recorder: cannot take the recorder role');
        return false;
      } finally {
        acquiring = null;
      }
    })();
    return acquiring;
  }

  async function sample(protocol: RecorderProtocol & { history: EconomyHistory }): Promise<void> {
    if (stopped || !(await lead())) return;
    const { id, history } = protocol;
    try {
      const observation = await history.observe(context?.());
      if (!previous.has(id)) previous.set(id, await store.latest(id));
      const before = previous.get(id) ?? null;
      if (before !== null && observation.height <= before.height) return;
      if (stopped || lease === null || lease.lost) return;
      // A silently partitioned old leader must not write: confirm the lease on its own connection.
      if (lease.check !== undefined && !(await lease.check())) return;
      const added = await store.append(id, [observation]);
      previous.set(id, observation);
      if (added === 0) return;
      const changed = before === null || figuresDiffer(before, observation);
      try {
        await onObservation?.(id, observation, changed);
      } catch (error) {
        warn({ protocol: id, error: redactError(error).message }, 'history recorder: onObservation failed');
      }
    } catch (error) {
      warn({ protocol: id, error: redactError(error).message }, 'history recorder: sample failed, skipped');
    } finally {
      // Also when the height stood still (the early returns above).
      await retain(id);
    }
  }

  async function retain(id: string): Promise<void> {
    if (retentionDays === undefined || stopped) return;
    const now = Date.now();
    if (now - (prunedAt.get(id) ?? 0) < PRUNE_EVERY_MS) return;
    prunedAt.set(id, now);
    try {
      const deleted = await store.prune(id, new Date(now - retentionDays * MS_PER_DAY));
      if (deleted > 0) log?.info?.({ protocol: id, deleted }, 'history recorder: pruned old observations');
    } catch (error) {
      warn({ protocol: id, error: redactError(error).message }, 'history recorder: retention failed');
    }
  }

  function track(work: Promise<void>): Promise<void> {
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  }

  function schedule(protocol: RecorderProtocol & { history: EconomyHistory }, delay: number): void {
    if (stopped) return;
    const timer = setTimeout(() => {
      void track(sample(protocol)).finally(() => schedule(protocol, intervalMs));
    }, delay);
    timer.unref?.();
    timers.set(protocol.id, timer);
  }

  if (options.start !== false) for (const protocol of protocols) schedule(protocol, 0);

  return {
    get leading() {
      return lease !== null && !lease.lost;
    },
    async sampleOnce() {
      await Promise.all(protocols.map((protocol) => track(sample(protocol))));
    },
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      // A read hung upstream must not hold the shutdown for ever.
      let timer: NodeJS.Timeout | undefined;
      const patience = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, STOP_PATIENCE_MS);
        timer.unref?.();
      });
      await Promise.race([Promise.allSettled([...inFlight, acquiring]), patience]);
      clearTimeout(timer);
      const held = lease;
      lease = null;
      await held?.release();
    },
  };
}
