import { checkBaseUnit } from './base-unit.js';
import { clip } from './clip.js';
import { checkDecimalBounds, type Decimal, formatDecimal } from './decimal.js';
import type {
  Capability,
  DataSourceInfo,
  EconomyContext,
  EconomyHistory,
  FeeQuote,
  FeeQuoteInput,
  FeeSchedule,
  ModelQuery,
  Observation,
  PenaltyInput,
  PenaltyOutcome,
  PenaltyRule,
  Rewards,
  RewardsQuery,
  SchedulePoint,
  ScheduleQuery,
  ScheduleWriter,
  SourceEvent,
  Supply,
  TokenEconomy,
  TokenFlow,
  TokenInfo,
  Unlock,
} from './economy.js';
import { isTokenomicsError, TokenomicsError } from './errors.js';
import {
  DEFAULT_CLOCK_SKEW_MS,
  goodStateOf,
  guardedSource,
  type Implausibility,
  upstreamInvalid,
} from './guarded-source.js';
import { observationOf } from './observation-of.js';
import {
  type Parameter,
  type ParameterOverride,
  type ParameterSchema,
  type ParameterValues,
  type Preset,
  resolveParameters,
} from './parameters.js';
import { scheduleInstants } from './schedule.js';
import { scheduleInSlices } from './schedule-slices.js';
import { type SizedCacheStats, sizedCache, sizedCacheStats } from './sized-cache.js';
import type { SourcedState, StateSource } from './state-source.js';
import { unlocksBetween } from './unlocks/unlocks-between.js';
import { createDirectReader, type UpstreamReader } from './upstream.js';

export type { BlockSource, SourcedState, StateSource } from './state-source.js';

/**
 * The error for a height an upstream node no longer keeps (a pruned node):
 * `UPSTREAM_UNAVAILABLE` with `details: { reason: 'PRUNED', height }`.
 *
 * @example
 * ```ts
 * import { prunedHeight } from '@tokenomics/core';
 *
 * prunedHeight(1200n, 'the node keeps heights from 5000').details; // { reason: 'PRUNED', height: '1200' }
 * ```
 */
export function prunedHeight(height: bigint, why: string): TokenomicsError {
  return new TokenomicsError('UPSTREAM_UNAVAILABLE', `height ${height} is pruned on the node: ${clip(why)}`, {
    details: { reason: 'PRUNED', height: height.toString() },
  });
}

/** Everything a formula needs: parsed parameters, their records, the state and its source. */
export interface Model<S extends ParameterSchema, State> {
  params: ParameterValues<S>;
  parameters: Parameter[];
  state: State;
  source: DataSourceInfo;
}

/**
 * What the fields that always answer read (parameters, unlocks, fee schedules,
 * penalty rules): the parameters alone. When a live source cannot be read and
 * no last good state exists, these fields answer from the preset's values
 * (with the preset's sources and the query's overrides), with no state: a
 * function of this model must not need one.
 */
export type ParameterModel<S extends ParameterSchema> = Pick<Model<S, unknown>, 'params' | 'parameters'>;

/** What {@link AdapterDefinition.plausible} judges: a live read's model against the last good one. */
export interface PlausibilityInput<S extends ParameterSchema, State> {
  /** The model the new read makes (preset and read values, no overrides). */
  next: Model<S, State>;
  /** The last good state's model; null before the first. */
  previous: Model<S, State> | null;
  /** The request's "now". */
  now: Date;
}

/**
 * A protocol's economy as plain data and pure functions. {@link defineAdapter}
 * turns it into a {@link TokenEconomy}: it resolves presets, live values and
 * overrides, defaults and checks instants, derives capabilities, memoizes
 * the parsed model per state and overrides, and results per model, in memos
 * bounded by estimated bytes ({@link AdapterMemoOptions}), and serves a live
 * source's reads only as whole, plausible states ({@link guardedSource}).
 */
export interface AdapterDefinition<S extends ParameterSchema, State> {
  id: string;
  name: string;
  token: TokenInfo;
  parameters: S;
  preset: Preset<S>;
  source: StateSource<S, State>;
  /** The first instant the model covers: `at` before it is BAD_INPUT. */
  genesis(params: ParameterValues<S>): Date;
  /** The parameter whose value {@link AdapterDefinition.genesis} reads, for error messages. */
  genesisParameter?: keyof S & string;
  /**
   * The first instant after `at` at which the figures at an instant change
   * (a pool's next daily step), for a model whose figures move in steps;
   * absent (or null) where they change continuously. Answers at "now" can
   * then be cached until that instant.
   */
  nextChange?(model: Model<S, State>, at: Date): Date | null;
  /** Checks across parameters (e.g. circulating ≤ max); throw BAD_INPUT naming the keys. */
  validate?(params: ParameterValues<S>): void;
  /**
   * Judges a live read before it is served: why the new state cannot be
   * right (another chain, a height going backwards, a supply collapsing…),
   * or null. A rejected read is never served and never replaces the last good
   * state (see {@link guardedSource}). Besides this, every live read is
   * refused when its values fail the parameters' kinds or `validate`, or put
   * genesis after now.
   */
  plausible?(input: PlausibilityInput<S, State>): Implausibility | null;
  supply?(model: Model<S, State>, at: Date): Supply;
  rewards?(model: Model<S, State>, at: Date, query: RewardsQuery): Rewards;
  fees?: {
    /** The fee schedules, from the parameters alone: they answer from the preset when the source fails ({@link ParameterModel}). */
    schedules: (model: ParameterModel<S>) => FeeSchedule[];
    /** Called with a known fee key; unknown keys are refused before. */
    quote(model: Model<S, State>, input: FeeQuoteInput): FeeQuote;
  };
  penalties?: {
    /** The penalty rules, from the parameters alone: they answer from the preset when the source fails ({@link ParameterModel}). */
    rules: (model: ParameterModel<S>) => PenaltyRule[];
    /** Called with a known rule key and non-negative stakes. */
    simulate(model: Model<S, State>, input: PenaltyInput): PenaltyOutcome;
  };
  /**
   * Points at the given instants, all at or after genesis and in order. A
   * point may depend only on its instant and the instant before it (what was
   * emitted since): a long schedule is computed in slices overlapping by one
   * instant ({@link scheduleInSlices}), so that one request never holds the
   * event loop for long. The conformance kit checks it (`scheduleSplits`).
   * Points read the model's parameters and state, never `model.source`: while
   * an upstream fails, the last good state's schedules serve its stale
   * variants too ({@link goodStateOf}).
   */
  schedule?(model: Model<S, State>, instants: Date[]): SchedulePoint[];
  flows?: readonly TokenFlow[];
  /** Bounds of the memos of models and results; defaults suit a gateway. */
  memo?: AdapterMemoOptions;
  /**
   * Scheduled unlocks of non-circulating holdings (build them with `cliff`,
   * `linear`, `monthlySteps`). The query's range is checked and defaulted
   * (`from`: genesis, `to`: none); the economy keeps the unlocks overlapping
   * it, so returning every unlock is fine. From the parameters alone: unlocks
   * are preset data, and answer from the preset when the source fails
   * ({@link ParameterModel}).
   */
  unlocks?: (model: ParameterModel<S>, query: { from: Date; to: Date | null }) => Unlock[];
  /**
   * Observed figures the supply and rewards do not carry (a reward pool's
   * balance), for the history's observations; the rest come from `supply`
   * and `rewards`.
   */
  observed?(model: Model<S, State>): { poolBalance?: Decimal | null };
  /**
   * For a live source: the snapshot source the published tokenomics make
   * (the preset alone, no chain). The history's `published` economy runs on
   * it, so that observations can be put beside the model's figures (drift).
   */
  publishedSource?: StateSource<S, State>;
}

/**
 * A source that reads nothing: the model runs on the preset alone.
 *
 * @example
 * ```ts
 * import { type EconomyContext, snapshotSource } from '@tokenomics/core';
 *
 * declare const ctx: EconomyContext;
 *
 * const { state, info } = await snapshotSource('The published preset.').read(ctx);
 * state; // null
 * info; // { kind: 'SNAPSHOT', description: 'The published preset.', fetchedAt: null, stale: false }
 * ```
 */
export function snapshotSource<S extends ParameterSchema>(description: string): StateSource<S, null> {
  const sourced: SourcedState<S, null> = {
    state: null,
    info: { kind: 'SNAPSHOT', description, fetchedAt: null, stale: false },
  };
  return { read: async () => sourced };
}

/**
 * Estimated bytes of one schedule point held in the memo: the point as
 * adapters build it (an instant and five exact figures: heap growth per point
 * held measured at 490 to 520 bytes on Session's and Synternet's daily
 * schedules, 680 on Synternet's yearly ones, fewer figures being shared
 * between points), and what a caller may keep beside it for as long as the
 * point is kept (a written row: an object and up to seven short strings,
 * about 350 bytes). A caller that keeps only rows asks for
 * `writtenSchedule`, whose rows are counted by the writer's `rowBytes`.
 */
export const SCHEDULE_POINT_BYTES = 1024;
/** Estimated bytes of one stake in a penalty outcome (before, slashed, after): 390 to 550 measured. */
export const STAKE_BYTES = 512;
/** Estimated bytes of one figure (a supply, rewards, a quote, a list of rules or fees): 1.7 to 6.2 KB measured. */
const FIGURE_BYTES = 8 * 1024;
/** Estimated bytes of one model (parsed values and parameter records with provenance): 7 to 12 KB measured. */
const MODEL_BYTES = 16 * 1024;

/** Bounds of an adapter's memos, in estimated bytes. */
export interface AdapterMemoOptions {
  /** Computed results (figures, simulations, schedules) of every model. Default {@link DEFAULT_RESULT_MEMO_BYTES}. */
  resultBytes?: number;
  /** Models, one per source read and override set. Default {@link DEFAULT_MODEL_MEMO_BYTES}. */
  modelBytes?: number;
}

/** Results kept per adapter by default: 32 MiB, e.g. nine 10-year daily schedules or 4,000 figures. */
export const DEFAULT_RESULT_MEMO_BYTES = 32 * 1024 * 1024;
/** Models kept per adapter by default: 4 MiB, about 250 override sets. */
export const DEFAULT_MODEL_MEMO_BYTES = 4 * 1024 * 1024;

/** What an adapter's memos hold now. */
export interface AdapterMemoStats {
  models: SizedCacheStats;
  results: SizedCacheStats;
}

const memoStatsOf = new WeakMap<TokenEconomy, () => AdapterMemoStats>();

/**
 * The memos of an economy made by {@link defineAdapter}: entries and
 * estimated bytes of its models and results, against their bounds; undefined
 * for an economy made another way.
 *
 * @example
 * ```ts
 * import { memoStats, type TokenEconomy } from '@tokenomics/core';
 *
 * declare const economy: TokenEconomy; // made by defineAdapter
 * memoStats(economy)?.results; // { entries: 0, bytes: 0, maxBytes: 33554432 }
 * ```
 */
export function memoStats(economy: TokenEconomy): AdapterMemoStats | undefined {
  return memoStatsOf.get(economy)?.();
}

function overridesKey(overrides: readonly ParameterOverride[] | undefined): string {
  if (!overrides || overrides.length === 0) return '';
  return JSON.stringify(overrides.map((override) => [override.key, override.value]));
}

/** Ids for objects (source reads, models), so that one string key can name an object and a query. */
function objectIds<T extends object>(): (value: T) => string {
  const ids = new WeakMap<T, string>();
  let next = 0;
  return (value) => {
    let id = ids.get(value);
    if (id === undefined) {
      id = (next++).toString(36);
      ids.set(value, id);
    }
    return id;
  };
}

/**
 * The whole context of a caller's context that has a "now": its members
 * copied, its "now" read from it when used (a caller may note whether an
 * answer depended on it, for HTTP caching), or the instant this context was
 * made when the caller's is undefined. A class: defining a getter on each
 * new object cost more than the memoized figure it led to.
 */
class CallerContext implements EconomyContext {
  readonly #of: Partial<EconomyContext>;
  readonly #made = Date.now();
  reader: UpstreamReader;
  onSourceEvent?: (event: SourceEvent) => void;
  snapshotWindowMs?: number;
  noteNow?: (nextChange: Date | null) => void;
  constructor(of: Partial<EconomyContext>, reader: UpstreamReader) {
    this.#of = of;
    this.reader = reader;
    if (of.onSourceEvent) this.onSourceEvent = of.onSourceEvent;
    if (of.snapshotWindowMs !== undefined) this.snapshotWindowMs = of.snapshotWindowMs;
    if (of.noteNow) this.noteNow = of.noteNow;
  }
  get now(): Date {
    return this.#of.now ?? new Date(this.#made);
  }
}

/**
 * Turns an {@link AdapterDefinition} into a {@link TokenEconomy}.
 *
 * @example
 * ```ts
 * import { defineAdapter, type ParameterSchema, type Preset, snapshotSource, type Supply } from '@tokenomics/core';
 *
 * declare const schema: ParameterSchema;
 * declare const preset: Preset<ParameterSchema>;
 * declare function supplyAt(model: unknown, at: Date): Supply;
 *
 * export const fixedSupply = defineAdapter({
 *   id: 'example', name: 'Example', token: { symbol: 'EX', name: 'Example', decimals: 6 },
 *   parameters: schema, preset, source: snapshotSource('The example preset.'),
 *   genesis: () => new Date('2025-01-01T00:00:00Z'),
 *   supply: supplyAt,
 * });
 * ```
 */
export function defineAdapter<S extends ParameterSchema, State>(
  definition: AdapterDefinition<S, State>,
): TokenEconomy {
  // One memo of models and one of results for the whole adapter, each bounded by
  // estimated bytes: models are immutable and results pure, so a result is
  // reused (by every request) until it is the least recently used one to go.
  // Results are shared: callers must not mutate them.
  const models = sizedCache<string, Model<S, State>>({
    maxBytes: definition.memo?.modelBytes ?? DEFAULT_MODEL_MEMO_BYTES,
    sizeOf: (_model, key) => MODEL_BYTES + 2 * key.length,
  });
  const results = sizedCache<string, object>({
    maxBytes: definition.memo?.resultBytes ?? DEFAULT_RESULT_MEMO_BYTES,
    sizeOf: (_result, key) => FIGURE_BYTES + 2 * key.length,
  });
  // The preset's models (no source read), for the fields that answer when the source fails.
  const presetModels = sizedCache<string, ParameterModel<S>>({
    maxBytes: Math.max(1, Math.floor((definition.memo?.modelBytes ?? DEFAULT_MODEL_MEMO_BYTES) / 4)),
    sizeOf: (_model, key) => MODEL_BYTES + 2 * key.length,
  });
  // Schedules being computed (in slices), by result key: bounded by the requests in flight.
  const schedulesInProgress = new Map<string, Promise<unknown[]>>();
  const sourceId = objectIds<SourcedState<S, State>>();
  const fullContexts = new WeakMap<Partial<EconomyContext>, EconomyContext>();
  const modelId = objectIds<ParameterModel<S>>();

  /**
   * The result under `key` for `resolved`, or `compute()`'s, kept with its
   * estimated bytes: `bytes` of it (default {@link FIGURE_BYTES}) and its key's.
   */
  function figure<T extends object>(
    resolved: ParameterModel<S>,
    key: string,
    compute: () => T,
    bytes: (value: T) => number = () => FIGURE_BYTES,
  ): T {
    const id = `${modelId(resolved)} ${key}`;
    const kept = results.get(id);
    if (kept !== undefined) return kept as T;
    const value = compute();
    results.set(id, value, { size: Math.max(1, Math.ceil(bytes(value) + 2 * id.length)) });
    return value;
  }

  /**
   * The whole context of a caller's: made once per caller's object while its
   * members are the same (a request's fields each call with the request's
   * context; defining its "now" getter cost more than the memo it reached).
   * A context without "now" is not kept: each call reads the clock anew.
   */
  function context(ctx: Partial<EconomyContext> | undefined): EconomyContext {
    if (ctx === undefined || !('now' in ctx)) return fullContext(ctx);
    const kept = fullContexts.get(ctx);
    if (
      kept !== undefined &&
      (ctx.reader === undefined || kept.reader === ctx.reader) &&
      kept.onSourceEvent === ctx.onSourceEvent &&
      kept.snapshotWindowMs === ctx.snapshotWindowMs &&
      kept.noteNow === ctx.noteNow
    ) {
      return kept;
    }
    const full = fullContext(ctx);
    fullContexts.set(ctx, full);
    return full;
  }

  function fullContext(ctx: Partial<EconomyContext> | undefined): EconomyContext {
    // "now" is read when used, not copied: a caller may note whether an answer depended on it (HTTP caching).
    if (ctx && 'now' in ctx) return new CallerContext(ctx, ctx.reader ?? createDirectReader());
    const full = { reader: ctx?.reader ?? createDirectReader(), now: new Date() } as EconomyContext;
    if (ctx?.onSourceEvent) full.onSourceEvent = ctx.onSourceEvent;
    if (ctx?.snapshotWindowMs !== undefined) full.snapshotWindowMs = ctx.snapshotWindowMs;
    if (ctx?.noteNow) full.noteNow = ctx.noteNow;
    return full;
  }

  function resolve(
    sourced: SourcedState<S, State>,
    overrides?: readonly ParameterOverride[],
  ): Model<S, State> {
    const key = `${sourceId(sourced)} ${overridesKey(overrides)}`;
    let resolved = models.get(key);
    if (!resolved) {
      const { values, list } = resolveParameters(
        definition.parameters,
        [definition.preset.values, sourced.parameters ?? {}],
        overrides,
        { token: definition.token },
      );
      definition.validate?.(values);
      resolved = { params: values, parameters: list, state: sourced.state, source: sourced.info };
      models.set(key, resolved);
    }
    return resolved;
  }

  /**
   * The preset's values (and the query's overrides) without a source read:
   * what the fields that must answer use when the source cannot be read and
   * no last good state exists. Overrides are checked as always.
   */
  function presetModel(overrides?: readonly ParameterOverride[]): ParameterModel<S> {
    const key = overridesKey(overrides);
    let resolved = presetModels.get(key);
    if (!resolved) {
      const { values, list } = resolveParameters(
        definition.parameters,
        [definition.preset.values],
        overrides,
      );
      definition.validate?.(values);
      resolved = { params: values, parameters: list };
      presetModels.set(key, resolved);
    }
    return resolved;
  }

  /** A live read's model, judged before it is served; its model is memoized for the queries that follow. */
  function check(
    next: SourcedState<S, State>,
    previous: SourcedState<S, State> | null,
    ctx: EconomyContext,
  ): Implausibility | null {
    let resolved: Model<S, State>;
    try {
      resolved = resolve(next);
    } catch (error) {
      if (!isTokenomicsError(error)) throw error;
      // Thrown, not returned, so the refusal's details (the key, the value) reach the client.
      throw upstreamInvalid(
        { reason: 'parameter', message: `${definition.name}'s live values are refused: ${error.message}` },
        error.details,
      );
    }
    const problem = definition.plausible?.({
      next: resolved,
      previous: previous ? resolve(previous) : null,
      now: ctx.now,
    });
    if (problem) return problem;
    const genesis = definition.genesis(resolved.params);
    if (genesis.getTime() > ctx.now.getTime() + DEFAULT_CLOCK_SKEW_MS) {
      const parameter = definition.genesisParameter ? ` ("${definition.genesisParameter}")` : '';
      return {
        reason: 'genesis',
        message: `${definition.name}'s live values put its genesis${parameter} at ${genesis.toISOString()}, after now (${ctx.now.toISOString()})`,
      };
    }
    return null;
  }

  const source = guardedSource(definition.source, { protocol: definition.id, check });

  async function model(
    ctx: Partial<EconomyContext> | undefined,
    overrides?: readonly ParameterOverride[],
  ): Promise<{ model: Model<S, State>; ctx: EconomyContext }> {
    const full = context(ctx);
    const sourced = await source.read(full);
    return { model: resolve(sourced, overrides), ctx: full };
  }

  /**
   * The model of a field that always answers (parameters, unlocks, fee
   * schedules, penalty rules): the source's, or, when the source cannot be
   * read and no last good state exists, the preset's ({@link presetModel}).
   * The source's failure is not lost: `source` reports it, and the fields
   * that need the state (figures, quotes, simulations, schedules) fail with it.
   */
  async function parameterModel(
    ctx: Partial<EconomyContext> | undefined,
    overrides?: readonly ParameterOverride[],
  ): Promise<ParameterModel<S>> {
    let sourced: SourcedState<S, State>;
    try {
      sourced = await source.read(context(ctx));
    } catch {
      return presetModel(overrides);
    }
    return resolve(sourced, overrides);
  }

  function checkInstant(resolved: ParameterModel<S>, at: Date, what: string): void {
    const genesis = definition.genesis(resolved.params);
    if (at.getTime() < genesis.getTime()) {
      const parameter = definition.genesisParameter ? ` (parameter "${definition.genesisParameter}")` : '';
      throw new TokenomicsError(
        'BAD_INPUT',
        `${what} ${at.toISOString()} is before ${definition.name}'s genesis at ${genesis.toISOString()}${parameter}`,
        { details: { at: at.toISOString(), genesis: genesis.toISOString() } },
      );
    }
  }

  async function modelAt(query: ModelQuery | undefined, ctx: Partial<EconomyContext> | undefined) {
    const { model: resolved, ctx: full } = await model(ctx, query?.overrides);
    if (query?.at !== undefined) {
      checkInstant(resolved, query.at, 'at');
      return { resolved, at: query.at };
    }
    const at = full.now;
    checkInstant(resolved, at, 'at');
    // A live model's figures follow its reads; a snapshot's may move in steps the adapter knows.
    full.noteNow?.(
      resolved.source.kind === 'SNAPSHOT' ? (definition.nextChange?.(resolved, at) ?? null) : null,
    );
    return { resolved, at };
  }

  const capabilities: Capability[] = [];
  if (definition.supply) capabilities.push('SUPPLY');
  if (definition.rewards) capabilities.push('REWARDS');
  if (definition.fees) capabilities.push('FEES');
  if (definition.penalties) capabilities.push('PENALTIES');
  if (definition.schedule) capabilities.push('SCHEDULE');
  if (definition.flows) capabilities.push('FLOWS');

  const economy: TokenEconomy = {
    id: definition.id,
    name: definition.name,
    token: definition.token,
    capabilities,
    preset: definition.preset.name,
    async source(ctx) {
      return (await source.read(context(ctx))).info;
    },
    async parameters(query, ctx) {
      return (await parameterModel(ctx, query?.overrides)).parameters;
    },
  };

  const { supply, rewards, fees, penalties, schedule, flows, unlocks } = definition;
  if (supply) {
    economy.supply = async (query, ctx) => {
      const { resolved, at } = await modelAt(query, ctx);
      return figure(resolved, `supply ${at.getTime()}`, () => supply(resolved, at));
    };
  }
  if (rewards) {
    economy.rewards = async (query, ctx) => {
      const commissionRate = query?.commission;
      if (commissionRate !== undefined) {
        checkDecimalBounds(commissionRate, 'commission');
        if (commissionRate.lt(0) || commissionRate.gt(1)) {
          const commission = formatDecimal(commissionRate);
          throw new TokenomicsError(
            'BAD_INPUT',
            `commission must be a fraction in [0, 1], got ${commission}`,
            {
              details: { commission },
            },
          );
        }
      }
      const { resolved, at } = await modelAt(query, ctx);
      const commission = query?.commission?.toString() ?? '';
      return figure(resolved, `rewards ${at.getTime()} ${commission}`, () =>
        rewards(resolved, at, query ?? {}),
      );
    };
  }
  if (fees) {
    economy.fees = async (ctx) => {
      const resolved = await parameterModel(ctx);
      return figure(resolved, 'fees', () => fees.schedules(resolved));
    };
    economy.quoteFee = async (input, ctx) => {
      const { model: resolved } = await model(ctx, input.overrides);
      const keys = figure(resolved, 'fees', () => fees.schedules(resolved)).map((schedule) => schedule.key);
      if (!keys.includes(input.fee)) {
        const fee = clip(input.fee);
        throw new TokenomicsError(
          'NOT_FOUND',
          `${definition.name} has no fee ${JSON.stringify(fee)}; fees: ${keys.join(', ')}`,
          { details: { fee, validKeys: keys } },
        );
      }
      checkDecimalBounds(input.quantity, 'quantity');
      checkDecimalBounds(input.unitPrice, 'unitPrice');
      if (input.quantity.isNegative() || input.unitPrice.isNegative()) {
        throw new TokenomicsError('BAD_INPUT', 'quantity and unitPrice must not be negative', {
          details: { quantity: input.quantity.toFixed(), unitPrice: input.unitPrice.toFixed() },
        });
      }
      // The price is paid in the token; the quantity counts units (gigabytes, messages).
      checkBaseUnit(input.unitPrice, definition.token, 'unitPrice');
      const key = `quote ${input.fee} ${input.quantity.toString()} ${input.unitPrice.toString()}`;
      return figure(resolved, key, () => fees.quote(resolved, input));
    };
  }
  if (penalties) {
    economy.penalties = async (ctx) => {
      const resolved = await parameterModel(ctx);
      return figure(resolved, 'penalties', () => penalties.rules(resolved));
    };
    economy.simulatePenalty = async (input, ctx) => {
      const { model: resolved } = await model(ctx, input.overrides);
      const keys = figure(resolved, 'penalties', () => penalties.rules(resolved)).map((rule) => rule.key);
      if (!keys.includes(input.rule)) {
        const rule = clip(input.rule);
        throw new TokenomicsError(
          'NOT_FOUND',
          `${definition.name} has no penalty rule ${JSON.stringify(rule)}; rules: ${keys.join(', ')}`,
          { details: { rule, validKeys: keys } },
        );
      }
      if (input.stakes.length === 0) {
        throw new TokenomicsError('BAD_INPUT', 'stakes must list at least one stake', {
          details: { violation: 'MIN_ITEMS', limit: 1 },
        });
      }
      input.stakes.forEach((stake, index) => {
        checkDecimalBounds(stake, `stakes[${index}]`);
      });
      const negative = input.stakes.findIndex((stake) => stake.isNegative());
      if (negative >= 0) {
        throw new TokenomicsError('BAD_INPUT', `stakes[${negative}] must not be negative`, {
          details: { index: negative },
        });
      }
      input.stakes.forEach((stake, index) => {
        checkBaseUnit(stake, definition.token, `stakes[${index}]`);
      });
      if (input.missedBlocks != null && input.missedBlocks < 0) {
        throw new TokenomicsError('BAD_INPUT', 'missedBlocks must not be negative');
      }
      const key = `penalty ${input.rule} ${input.stakes.map(String).join(',')} ${input.missedBlocks ?? ''}`;
      return figure(
        resolved,
        key,
        () => penalties.simulate(resolved, input),
        (outcome) => FIGURE_BYTES + outcome.stakes.length * STAKE_BYTES,
      );
    };
  }
  if (schedule) {
    /**
     * The schedule asked for, memoized: its points, or with `writer` each
     * point written as its slice is computed and the rows kept instead.
     */
    const scheduled = async <R>(
      query: ScheduleQuery,
      ctx: Partial<EconomyContext> | undefined,
      writer: ScheduleWriter<R> | undefined,
    ): Promise<Array<SchedulePoint | R>> => {
      const full = context(ctx);
      // The last good state served stale (an upstream failing) schedules as the good state does: a
      // schedule reads the parameters and the state, never the source's info, so its points are the good
      // state's, computed once rather than again for each stale variant.
      const resolved = resolve(goodStateOf(await source.read(full)), query.overrides);
      const from = query.from ?? full.now;
      checkInstant(resolved, from, 'from');
      const interval = query.interval ?? 'MONTH';
      const key = `${from.getTime()} ${query.to.getTime()} ${interval} ${query.maxPoints ?? ''}`;
      const id = `${modelId(resolved)} schedule ${key}${writer === undefined ? '' : ` written ${writer.key}`}`;
      const kept = results.get(id);
      if (kept !== undefined) return kept as Array<SchedulePoint | R>;
      const instants = scheduleInstants(from, query.to, interval, {
        ...(query.maxPoints === undefined ? {} : { maxPoints: query.maxPoints }),
      });
      // A long schedule is computed in slices, giving the event loop a turn between them; concurrent
      // asks of the same schedule share one computation. Written, a slice's points are dropped as soon
      // as their rows are made: only the rows outlive the slice.
      let computing = schedulesInProgress.get(id) as Promise<Array<SchedulePoint | R>> | undefined;
      if (computing === undefined) {
        // Points, or the rows written from them: the memo counts each at its own size.
        const itemBytes = writer === undefined ? SCHEDULE_POINT_BYTES : writer.rowBytes;
        computing = scheduleInSlices<SchedulePoint | R>(instants, (part) =>
          writer === undefined ? schedule(resolved, part) : schedule(resolved, part).map(writer.write),
        ).then((items) => {
          results.set(id, items, { size: Math.ceil(items.length * itemBytes + 2 * id.length) });
          return items;
        });
        schedulesInProgress.set(id, computing);
        const done = () => schedulesInProgress.delete(id);
        computing.then(done, done);
      }
      return computing;
    };
    economy.schedule = (query, ctx) => scheduled(query, ctx, undefined) as Promise<SchedulePoint[]>;
    // Not enumerable: an economy spread into a wrapper that replaces `schedule` (`{ ...economy, schedule }`)
    // must not keep a `writtenSchedule` that answers from the schedule it replaced.
    // With a writer, every item kept is a row.
    const writtenSchedule: NonNullable<TokenEconomy['writtenSchedule']> = <R>(
      query: ScheduleQuery,
      writer: ScheduleWriter<R>,
      ctx?: Partial<EconomyContext>,
    ) => scheduled(query, ctx, writer) as Promise<R[]>;
    Object.defineProperty(economy, 'writtenSchedule', { value: writtenSchedule, enumerable: false });
  }
  if (flows) economy.flows = () => flows;
  memoStatsOf.set(economy, () => ({ models: sizedCacheStats(models), results: sizedCacheStats(results) }));
  if (unlocks) {
    economy.unlocks = async (query, ctx) => {
      const resolved = await parameterModel(ctx, query?.overrides);
      const from = query?.from ?? definition.genesis(resolved.params);
      checkInstant(resolved, from, 'from');
      const to = query?.to ?? null;
      if (to !== null && to.getTime() < from.getTime()) {
        throw new TokenomicsError(
          'BAD_INPUT',
          `unlocks "to" (${to.toISOString()}) is before "from" (${from.toISOString()})`,
          { details: { from: from.toISOString(), to: to.toISOString() } },
        );
      }
      return figure(resolved, `unlocks ${from.getTime()} ${to?.getTime() ?? ''}`, () =>
        unlocksBetween(unlocks(resolved, { from, to }), from, to),
      );
    };
  }
  if (definition.source.live || definition.source.blocks) {
    economy.history = adapterHistory(definition, {
      read: async (ctx) => source.read(context(ctx)),
      context,
      resolve,
      figure,
    });
  }
  return economy;
}

/** What {@link adapterHistory} uses of {@link defineAdapter}'s memos and guarded source. */
interface HistoryDeps<S extends ParameterSchema, State> {
  read(ctx: Partial<EconomyContext> | undefined): Promise<SourcedState<S, State>>;
  context(ctx: Partial<EconomyContext> | undefined): EconomyContext;
  resolve(sourced: SourcedState<S, State>): Model<S, State>;
  figure<T extends object>(resolved: ParameterModel<S>, key: string, compute: () => T): T;
}

/** A live adapter's {@link EconomyHistory}: its current read and, with `blocks`, the archive. */
function adapterHistory<S extends ParameterSchema, State>(
  definition: AdapterDefinition<S, State>,
  deps: HistoryDeps<S, State>,
): EconomyHistory {
  const observeModel = (resolved: Model<S, State>): Observation => {
    const { height, blockTime } = resolved.source;
    if (height == null || blockTime == null) {
      throw new TokenomicsError(
        'UPSTREAM_INVALID',
        `${definition.name}'s source did not say which block it read (height and block time)`,
      );
    }
    const at = blockTime;
    const supply = definition.supply
      ? deps.figure(resolved, `supply ${at.getTime()}`, () => definition.supply?.(resolved, at) as Supply)
      : null;
    const rewards = definition.rewards
      ? deps.figure(
          resolved,
          `rewards ${at.getTime()} `,
          () => definition.rewards?.(resolved, at, {}) as Rewards,
        )
      : null;
    return observationOf({ height, time: at }, supply, rewards, definition.observed?.(resolved) ?? {});
  };
  const publishedSource = definition.publishedSource;
  let published: TokenEconomy | undefined;
  const history: EconomyHistory = {
    get published(): TokenEconomy | undefined {
      if (!publishedSource) return undefined;
      published ??= defineAdapter({ ...definition, source: publishedSource, publishedSource: undefined });
      return published;
    },
    async observe(ctx) {
      const sourced = await deps.read(ctx);
      if (sourced.info.kind === 'SNAPSHOT') {
        throw new TokenomicsError('NOT_SUPPORTED', `${definition.name} reads a snapshot: nothing to observe`);
      }
      return observeModel(deps.resolve(sourced));
    },
  };
  const blocks = definition.source.blocks;
  if (blocks) {
    history.head = async (ctx) => blocks.head(deps.context(ctx));
    history.blockAt = async (ctx, height) => blocks.blockAt(deps.context(ctx), height);
    history.observeAt = async (ctx, height) => {
      const sourced = await blocks.readAt(deps.context(ctx), height);
      return observeModel(deps.resolve(sourced));
    };
  }
  return history;
}
