import type { EconomyContext, SourceEvent } from './economy.js';
import { type ErrorCode, isTokenomicsError, TokenomicsError } from './errors.js';
import type { ParameterSchema } from './parameters.js';
import type { SourcedState, StateSource } from './state-source.js';
import type { JsonValue, StaleReason, UpstreamReader, UpstreamRequest, UpstreamValue } from './upstream.js';

/**
 * The rules a live read can break, each a short word (the `reason` of an
 * `UPSTREAM_INVALID` error and a metric label):
 * - `chain-id`: the node answers for another chain;
 * - `denom`: an answer is about another denom;
 * - `height`: the block height is below the last good state's;
 * - `block-time`: the block time is in the future (beyond the clock skew) or before genesis;
 * - `supply-drop`: the total supply fell by more than its tolerance since the last good state;
 * - `pool-collapse`: a reward pool fell below its floor or a fraction of the last good value;
 * - `bounds`: a value is outside its plausible range (a staking requirement above the supply…);
 * - `inconsistent`: answers contradict each other (more bonded than supplied…);
 * - `parameter`: a read value the model's parameters refuse;
 * - `genesis`: the read values put the model's genesis after now;
 * - `invalid`: any other rejection.
 */
export const IMPLAUSIBILITY_REASONS = [
  'chain-id',
  'denom',
  'height',
  'block-time',
  'supply-drop',
  'pool-collapse',
  'bounds',
  'inconsistent',
  'parameter',
  'genesis',
  'invalid',
] as const;

/** One of {@link IMPLAUSIBILITY_REASONS}. */
export type ImplausibilityReason = (typeof IMPLAUSIBILITY_REASONS)[number];

/** Why a live read cannot be right. */
export interface Implausibility {
  reason: ImplausibilityReason;
  /** What is wrong: the resource, the field, the value and what was expected. */
  message: string;
}

/** How far a clock may be ahead of ours: block times up to this far in the future are plausible. */
export const DEFAULT_CLOCK_SKEW_MS = 5 * 60_000;

/** Reads all served stale whose fetch times lie this close are one earlier read's (see {@link GuardOptions}). */
export const DEFAULT_SNAPSHOT_WINDOW_MS = 5_000;

/**
 * The snapshot window for a reader whose cache keeps values fresh for
 * `ttlSeconds`: half the TTL, at most {@link DEFAULT_SNAPSHOT_WINDOW_MS}.
 * The reads of one state are made together, so their fetch times lie close;
 * one key's successive reads lie at least a TTL apart (it is read again only
 * once expired), so values of different refreshes lie about a TTL or more
 * apart. A window below the TTL, with a margin, tells the two apart.
 *
 * @example
 * ```ts
 * import { snapshotWindowFor, type TokenEconomy, type UpstreamReader } from '@tokenomics/core';
 *
 * declare const economy: TokenEconomy;
 * declare const reader: UpstreamReader; // its cache keeps values for ttlSeconds
 * const ttlSeconds = 30;
 *
 * snapshotWindowFor(1); // 500 (ms)
 * snapshotWindowFor(30); // 5000: the default's cap
 * await economy.supply!({}, { reader, now: new Date(), snapshotWindowMs: snapshotWindowFor(ttlSeconds) });
 * ```
 */
export function snapshotWindowFor(ttlSeconds: number): number {
  return Math.min(DEFAULT_SNAPSHOT_WINDOW_MS, (ttlSeconds * 1000) / 2);
}

/**
 * The `UPSTREAM_INVALID` error of an implausible read: the message is the
 * problem's, `details.reason` its reason.
 *
 * @example
 * ```ts
 * import { upstreamInvalid } from '@tokenomics/core';
 *
 * throw upstreamInvalid({ reason: 'chain-id', message: 'GET /… answers chain osmosis-1, expected synternet-1' });
 * ```
 */
export function upstreamInvalid(
  problem: Implausibility,
  details: Record<string, unknown> = {},
): TokenomicsError {
  return new TokenomicsError('UPSTREAM_INVALID', problem.message, {
    details: { ...details, reason: problem.reason },
  });
}

/** Options of {@link guardedSource}. */
export interface GuardOptions<S extends ParameterSchema, State> {
  /** Names the source in events: the protocol id. */
  protocol: string;
  /**
   * Judges a whole read against the last good one (null before the first):
   * why it cannot be right, or null. It may throw a TokenomicsError instead
   * (parameters refusing a read value): any code but UPSTREAM_UNAVAILABLE and
   * INTERNAL counts as implausible.
   */
  check?(
    next: SourcedState<S, State>,
    previous: SourcedState<S, State> | null,
    ctx: EconomyContext,
  ): Implausibility | null;
  /**
   * With no last good state yet (a cold start), reads that the reader all
   * served stale are one earlier read's snapshot when their fetch times lie
   * within this many milliseconds of each other, and are served (stale);
   * farther apart they are a mix. Keep it below the cache's TTL. Default:
   * the read context's `snapshotWindowMs` (the gateway's is
   * {@link snapshotWindowFor} its cache TTL), else
   * {@link DEFAULT_SNAPSHOT_WINDOW_MS}.
   */
  snapshotWindowMs?: number;
}

/** One upstream read a source made, as the guard saw it. */
interface SeenRead {
  key: string;
  resource: string;
  fetchedAt: Date;
  stale: boolean;
  /** Why the reader served it stale (a stale read without a reason is a failed one). */
  staleReason?: StaleReason;
}

/** A whole state the guard accepted. */
interface Kept<S extends ParameterSchema, State> {
  sourced: SourcedState<S, State>;
  /** The reads it was made from, or null when it read nothing. */
  fingerprint: string | null;
  /** The order its read started in: a read started earlier never replaces it. */
  order: number;
}

const REASONS: ReadonlySet<string> = new Set(IMPLAUSIBILITY_REASONS);

function fingerprintOf(reads: readonly SeenRead[]): string | null {
  if (reads.length === 0) return null;
  return reads
    .map((read) => `${read.key}\u0000${read.fetchedAt.getTime()}\u0000${read.stale}`)
    .sort()
    .join('\n');
}

/** What the stale reads are, each as the reader said: failed, or out of date and being read again. */
function staleReadsText(reads: readonly SeenRead[]): string {
  return reads
    .filter((read) => read.stale)
    .map((read) => {
      const from = read.fetchedAt.toISOString();
      return read.staleReason === 'expired'
        ? `${read.resource} is out of date (its last good value is from ${from}; being read again)`
        : `${read.resource} failed (its last good value is from ${from})`;
    })
    .join(', ');
}

/**
 * Why reads do not make one snapshot, or null when they do: none stale, or
 * all stale and fetched within `windowMs` of each other (one earlier read).
 */
function mixOf(reads: readonly SeenRead[], windowMs: number): string | null {
  const stale = reads.filter((read) => read.stale);
  if (stale.length === 0) return null;
  if (stale.length === reads.length) {
    const times = reads.map((read) => read.fetchedAt.getTime());
    if (Math.max(...times) - Math.min(...times) <= windowMs) return null;
  }
  return staleReadsText(reads);
}

/** A thrown error as a rejection, when it says the data is wrong (not unavailable, not a bug). */
function rejectionOf(error: unknown): Implausibility | null {
  if (!isTokenomicsError(error)) return null;
  const passThrough: readonly ErrorCode[] = ['UPSTREAM_UNAVAILABLE', 'INTERNAL'];
  if (passThrough.includes(error.code)) return null;
  const reason = error.details.reason;
  if (error.code === 'UPSTREAM_INVALID') {
    return {
      reason:
        typeof reason === 'string' && REASONS.has(reason) ? (reason as ImplausibilityReason) : 'invalid',
      message: error.message,
    };
  }
  // A live read has no client input: a value its own code or the model refuses is the upstream's.
  return { reason: 'parameter', message: error.message };
}

/** Stale variants (a last good state served stale) and the good state each was made from. */
const goodStates = new WeakMap<object, SourcedState<ParameterSchema, unknown>>();

/**
 * The last good state a stale variant was made from (what {@link guardedSource}
 * serves while an upstream fails), or `sourced` itself. Its parameters and
 * state are the good state's; only its `info` (stale, and why) differs, so
 * what reads no `info` (a schedule's points) is the same for both, and is
 * computed once for the good state rather than again for each variant.
 *
 * @example
 * ```ts
 * import { goodStateOf, type ParameterSchema, type SourcedState } from '@tokenomics/core';
 *
 * declare const sourced: SourcedState<ParameterSchema, null>; // from a guarded source's read
 * goodStateOf(sourced).info.stale; // false for a variant of a good state (the good state as it was read)
 * ```
 */
export function goodStateOf<S extends ParameterSchema, State>(
  sourced: SourcedState<S, State>,
): SourcedState<S, State> {
  return (goodStates.get(sourced) as SourcedState<S, State> | undefined) ?? sourced;
}

/**
 * The context a guarded source's read sees: the caller's, with the guard's
 * own `reader` (which records what is read). The other members are read
 * from the caller's context when used (a getter of "now" stays a getter,
 * unread until then); only `reader` is its own (enumerable) member.
 *
 * A class rather than `Object.create(ctx)`: making each request's context
 * the prototype of another object cost about 0.7 µs a read, on every field of
 * every request (copying its descriptors had cost more still).
 */
class ReadContext implements EconomyContext {
  readonly #of: EconomyContext;
  reader: UpstreamReader;
  constructor(of: EconomyContext, reader: UpstreamReader) {
    this.#of = of;
    this.reader = reader;
  }
  get now(): Date {
    return this.#of.now;
  }
  get onSourceEvent(): EconomyContext['onSourceEvent'] {
    return this.#of.onSourceEvent;
  }
  get snapshotWindowMs(): number | undefined {
    return this.#of.snapshotWindowMs;
  }
  get noteNow(): EconomyContext['noteNow'] {
    return this.#of.noteNow;
  }
}

/**
 * Makes a live source serve one consistent, plausible state. It keeps the
 * last good whole state; a new read replaces it only when every upstream
 * read in it is fresh (none a last good value served stale from a cache:
 * a failed read's, or one out of date while it is read again) and it passes
 * `check`. Otherwise the whole last good state is served, flagged stale, its
 * description saying from when and why, naming each stale read as failed or
 * out of date as the reader said (never a mix of new and old reads); with no last good state the read fails: UPSTREAM_UNAVAILABLE
 * for a failed or partial read, UPSTREAM_INVALID for an implausible one.
 * Each rejected read is reported once to `ctx.onSourceEvent` (the same
 * cached reads again are not counted twice). Snapshots pass through.
 *
 * The source must be a function of its reads: when the reads are those of
 * the last good state (the same keys, fetch times and freshness), the last
 * good state object itself is served, so models built on it are reused.
 *
 * @example
 * ```ts
 * import { guardedSource, type ParameterSchema, type StateSource } from '@tokenomics/core';
 *
 * declare const liveSource: StateSource<ParameterSchema, { height: bigint }>;
 *
 * const source = guardedSource(liveSource, {
 *   protocol: 'synternet',
 *   check: (next, previous) =>
 *     previous && next.state.height < previous.state.height
 *       ? { reason: 'height', message: `block height ${next.state.height} is below ${previous.state.height}` }
 *       : null,
 * });
 * ```
 */
export function guardedSource<S extends ParameterSchema, State>(
  source: StateSource<S, State>,
  options: GuardOptions<S, State>,
): StateSource<S, State> {
  let kept: Kept<S, State> | null = null;
  let started = 0;
  /** The reads of the last rejected state and its error, so the same cached answers are refused again quietly. */
  let rejected: { fingerprint: string; error: TokenomicsError } | null = null;
  /** The last stale variant served, reused while the kept state and the reason are the same. */
  let served: { of: SourcedState<S, State>; reason: string; sourced: SourcedState<S, State> } | null = null;

  function staleVariant(reason: string): SourcedState<S, State> {
    const of = kept!.sourced;
    if (served && served.of === of && served.reason === reason) return served.sourced;
    const { info } = of;
    const from = info.fetchedAt ? info.fetchedAt.toISOString() : 'an earlier read';
    const sourced: SourcedState<S, State> = {
      ...of,
      info: {
        ...info,
        stale: true,
        description: `${info.description} — stale: last good state from ${from}; ${reason}`,
      },
    };
    served = { of, reason, sourced };
    goodStates.set(sourced, goodStateOf(of) as SourcedState<ParameterSchema, unknown>);
    return sourced;
  }

  /** The last good state, stale, or `error` when there is none. */
  function fallback(reason: string, error: TokenomicsError): SourcedState<S, State> {
    if (kept) return staleVariant(reason);
    throw error;
  }

  function reject(
    problem: Implausibility,
    fingerprint: string | null,
    ctx: EconomyContext,
    cause?: unknown,
  ): SourcedState<S, State> {
    if (fingerprint !== null && rejected?.fingerprint === fingerprint) {
      return fallback(rejected.error.message, rejected.error);
    }
    // A reason outside the fixed list (a JavaScript adapter's) is `invalid`: metric labels stay bounded.
    const reason: ImplausibilityReason = REASONS.has(problem.reason) ? problem.reason : 'invalid';
    // The thrown error's details (the resource, the key) stay: the client sees what was refused.
    const details = isTokenomicsError(cause) ? cause.details : {};
    const error = new TokenomicsError('UPSTREAM_INVALID', problem.message, {
      details: { ...details, reason },
      ...(cause === undefined ? {} : { cause }),
    });
    if (fingerprint !== null) rejected = { fingerprint, error };
    report(ctx, {
      type: 'rejected',
      protocol: options.protocol,
      reason,
      message: problem.message,
      stale: kept !== null,
    });
    return fallback(problem.message, error);
  }

  return {
    async read(ctx) {
      const order = ++started;
      const previous = kept;
      const windowMs = options.snapshotWindowMs ?? ctx.snapshotWindowMs ?? DEFAULT_SNAPSHOT_WINDOW_MS;
      const reads: SeenRead[] = [];
      const reader: UpstreamReader = {
        async read<T extends JsonValue>(request: UpstreamRequest<T>): Promise<UpstreamValue<T>> {
          const value = await ctx.reader.read(request);
          reads.push({
            key: request.key,
            resource: request.resource ?? 'an upstream resource',
            fetchedAt: value.fetchedAt,
            stale: value.stale,
            ...(value.stale && value.staleReason ? { staleReason: value.staleReason } : {}),
          });
          return value;
        },
      };

      let next: SourcedState<S, State>;
      try {
        next = await source.read(new ReadContext(ctx, reader));
      } catch (error) {
        const problem = rejectionOf(error);
        const unavailable = isTokenomicsError(error) && error.code === 'UPSTREAM_UNAVAILABLE';
        if (!problem && !unavailable) throw error;
        // Answers that contradict each other because some are old ones are a mix, not a rejection.
        const mix = mixOf(reads, windowMs);
        if (mix !== null) return fallback(mix, partial(mix));
        if (problem) return reject(problem, fingerprintOf(reads), ctx, error);
        return fallback((error as TokenomicsError).message, error as TokenomicsError);
      }
      if (next.info.kind !== 'LIVE') return next;

      const fingerprint = fingerprintOf(reads);
      if (fingerprint !== null && fingerprint === kept?.fingerprint) return kept.sourced;
      const mix = mixOf(reads, windowMs);
      if (mix !== null) return fallback(mix, partial(mix));
      const stale = reads.some((read) => read.stale);
      // All reads stale but one snapshot: the kept state is at least as good.
      if (stale && kept) return staleVariant(staleReadsText(reads));
      if (fingerprint !== null && rejected?.fingerprint === fingerprint) {
        return fallback(rejected.error.message, rejected.error);
      }

      let problem: Implausibility | null;
      try {
        problem = options.check?.(next, previous?.sourced ?? null, ctx) ?? null;
      } catch (error) {
        problem = rejectionOf(error);
        if (!problem) throw error;
        return reject(problem, fingerprint, ctx, error);
      }
      if (problem) return reject(problem, fingerprint, ctx);

      if (stale && !next.info.stale) next = { ...next, info: { ...next.info, stale: true } };
      if (!kept || order > kept.order) kept = { sourced: next, fingerprint, order };
      return next;
    },
  };
}

/** The error of a read that is part new, part old, with no whole state to serve instead. */
function partial(mix: string): TokenomicsError {
  return new TokenomicsError(
    'UPSTREAM_UNAVAILABLE',
    `${mix}; no whole state was read earlier to serve instead`,
    {
      details: { reason: 'partial' },
    },
  );
}

function report(ctx: EconomyContext, event: SourceEvent): void {
  try {
    ctx.onSourceEvent?.(event);
  } catch {
    // A failing listener must not fail the read it reports on.
  }
}
