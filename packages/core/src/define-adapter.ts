import type {
  Capability,
  DataSourceInfo,
  EconomyContext,
  FeeQuote,
  FeeQuoteInput,
  FeeSchedule,
  ModelQuery,
  PenaltyInput,
  PenaltyOutcome,
  PenaltyRule,
  Rewards,
  RewardsQuery,
  SchedulePoint,
  Supply,
  TokenEconomy,
  TokenFlow,
  TokenInfo,
} from './economy.js';
import { isTokenomicsError, TokenomicsError } from './errors.js';
import {
  DEFAULT_CLOCK_SKEW_MS,
  guardedSource,
  type Implausibility,
  upstreamInvalid,
} from './guarded-source.js';
import {
  type Parameter,
  type ParameterData,
  type ParameterOverride,
  type ParameterSchema,
  type ParameterValues,
  type Preset,
  resolveParameters,
} from './parameters.js';
import { scheduleInstants } from './schedule.js';
import { createDirectReader } from './upstream.js';

/** What a source read: the state, where it came from, and any parameters it replaces. */
export interface SourcedState<S extends ParameterSchema, State> {
  state: State;
  info: DataSourceInfo;
  /** Values read from the chain (slash fractions, windows…), replacing the preset's; their `source` says so. */
  parameters?: Partial<ParameterData<S>>;
}

/** Where a model's state comes from: the preset alone (snapshot) or the chain (live). */
export interface StateSource<S extends ParameterSchema, State> {
  read(ctx: EconomyContext): Promise<SourcedState<S, State>>;
}

/** Everything a formula needs: parsed parameters, their records, the state and its source. */
export interface Model<S extends ParameterSchema, State> {
  params: ParameterValues<S>;
  parameters: Parameter[];
  state: State;
  source: DataSourceInfo;
}

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
 * the parsed model per state and overrides, and serves a live source's reads
 * only as whole, plausible states ({@link guardedSource}).
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
    schedules(model: Model<S, State>): FeeSchedule[];
    /** Called with a known fee key; unknown keys are refused before. */
    quote(model: Model<S, State>, input: FeeQuoteInput): FeeQuote;
  };
  penalties?: {
    rules(model: Model<S, State>): PenaltyRule[];
    /** Called with a known rule key and non-negative stakes. */
    simulate(model: Model<S, State>, input: PenaltyInput): PenaltyOutcome;
  };
  /** Points at the given instants, all at or after genesis and in order. */
  schedule?(model: Model<S, State>, instants: Date[]): SchedulePoint[];
  flows?: readonly TokenFlow[];
}

/** A source that reads nothing: the model runs on the preset alone. */
export function snapshotSource<S extends ParameterSchema>(description: string): StateSource<S, null> {
  const sourced: SourcedState<S, null> = {
    state: null,
    info: { kind: 'SNAPSHOT', description, fetchedAt: null, stale: false },
  };
  return { read: async () => sourced };
}

const MODEL_MEMO_LIMIT = 256;
/** Computed results kept per model: figures at many instants, and a few (large) schedules. */
const RESULT_MEMO_LIMIT = 1024;
const SCHEDULE_MEMO_LIMIT = 8;

/**
 * A bounded memo of computed results per model. Models are immutable and
 * results pure, so a figure computed once at an instant is reused until its
 * model (a source read, an override set) is dropped. Results are shared:
 * callers must not mutate them.
 */
class ResultMemo {
  private readonly results = new Map<string, unknown>();
  constructor(private readonly limit: number) {}

  get<T>(key: string, compute: () => T): T {
    if (this.results.has(key)) return this.results.get(key) as T;
    const value = compute();
    if (this.results.size >= this.limit) this.results.clear();
    this.results.set(key, value);
    return value;
  }
}

function overridesKey(overrides: readonly ParameterOverride[] | undefined): string {
  if (!overrides || overrides.length === 0) return '';
  return JSON.stringify(overrides.map((override) => [override.key, override.value]));
}

/**
 * Turns an {@link AdapterDefinition} into a {@link TokenEconomy}.
 *
 * @example
 * ```ts
 * export const fixedSupply = defineAdapter({
 *   id: 'example', name: 'Example', token: { symbol: 'EX', name: 'Example', decimals: 6 },
 *   parameters: schema, preset, source: snapshotSource('The example preset.'),
 *   genesis: (params) => params.genesis,
 *   supply: ({ params }, at) => ({ at, max: params.supply, total: params.supply, ... }),
 * });
 * ```
 */
export function defineAdapter<S extends ParameterSchema, State>(
  definition: AdapterDefinition<S, State>,
): TokenEconomy {
  const memo = new WeakMap<SourcedState<S, State>, Map<string, Model<S, State>>>();
  const figures = new WeakMap<Model<S, State>, ResultMemo>();
  const schedules = new WeakMap<Model<S, State>, ResultMemo>();

  function remember<T>(
    store: WeakMap<Model<S, State>, ResultMemo>,
    limit: number,
    resolved: Model<S, State>,
    key: string,
    compute: () => T,
  ): T {
    let results = store.get(resolved);
    if (!results) {
      results = new ResultMemo(limit);
      store.set(resolved, results);
    }
    return results.get(key, compute);
  }
  const figure = <T>(resolved: Model<S, State>, key: string, compute: () => T): T =>
    remember(figures, RESULT_MEMO_LIMIT, resolved, key, compute);

  function context(ctx: Partial<EconomyContext> | undefined): EconomyContext {
    const full: EconomyContext = { reader: ctx?.reader ?? createDirectReader(), now: ctx?.now ?? new Date() };
    if (ctx?.onSourceEvent) full.onSourceEvent = ctx.onSourceEvent;
    return full;
  }

  function resolve(
    sourced: SourcedState<S, State>,
    overrides?: readonly ParameterOverride[],
  ): Model<S, State> {
    let models = memo.get(sourced);
    if (!models) {
      models = new Map();
      memo.set(sourced, models);
    }
    const key = overridesKey(overrides);
    let resolved = models.get(key);
    if (!resolved) {
      const { values, list } = resolveParameters(
        definition.parameters,
        [definition.preset.values, sourced.parameters ?? {}],
        overrides,
      );
      definition.validate?.(values);
      resolved = { params: values, parameters: list, state: sourced.state, source: sourced.info };
      if (models.size >= MODEL_MEMO_LIMIT) models.clear();
      models.set(key, resolved);
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

  function checkInstant(resolved: Model<S, State>, at: Date, what: string): void {
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
    const at = query?.at ?? full.now;
    checkInstant(resolved, at, 'at');
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
      return (await model(ctx, query?.overrides)).model.parameters;
    },
  };

  const { supply, rewards, fees, penalties, schedule, flows } = definition;
  if (supply) {
    economy.supply = async (query, ctx) => {
      const { resolved, at } = await modelAt(query, ctx);
      return figure(resolved, `supply ${at.getTime()}`, () => supply(resolved, at));
    };
  }
  if (rewards) {
    economy.rewards = async (query, ctx) => {
      const { resolved, at } = await modelAt(query, ctx);
      const commission = query?.commission?.toString() ?? '';
      return figure(resolved, `rewards ${at.getTime()} ${commission}`, () =>
        rewards(resolved, at, query ?? {}),
      );
    };
  }
  if (fees) {
    economy.fees = async (ctx) => {
      const { model: resolved } = await model(ctx);
      return figure(resolved, 'fees', () => fees.schedules(resolved));
    };
    economy.quoteFee = async (input, ctx) => {
      const { model: resolved } = await model(ctx, input.overrides);
      const keys = figure(resolved, 'fees', () => fees.schedules(resolved)).map((schedule) => schedule.key);
      if (!keys.includes(input.fee)) {
        throw new TokenomicsError(
          'NOT_FOUND',
          `${definition.name} has no fee "${input.fee}"; fees: ${keys.join(', ')}`,
          { details: { fee: input.fee, validKeys: keys } },
        );
      }
      if (input.quantity.isNegative() || input.unitPrice.isNegative()) {
        throw new TokenomicsError('BAD_INPUT', 'quantity and unitPrice must not be negative', {
          details: { quantity: input.quantity.toFixed(), unitPrice: input.unitPrice.toFixed() },
        });
      }
      const key = `quote ${input.fee} ${input.quantity.toString()} ${input.unitPrice.toString()}`;
      return figure(resolved, key, () => fees.quote(resolved, input));
    };
  }
  if (penalties) {
    economy.penalties = async (ctx) => {
      const { model: resolved } = await model(ctx);
      return figure(resolved, 'penalties', () => penalties.rules(resolved));
    };
    economy.simulatePenalty = async (input, ctx) => {
      const { model: resolved } = await model(ctx, input.overrides);
      const keys = figure(resolved, 'penalties', () => penalties.rules(resolved)).map((rule) => rule.key);
      if (!keys.includes(input.rule)) {
        throw new TokenomicsError(
          'NOT_FOUND',
          `${definition.name} has no penalty rule "${input.rule}"; rules: ${keys.join(', ')}`,
          { details: { rule: input.rule, validKeys: keys } },
        );
      }
      const negative = input.stakes.findIndex((stake) => stake.isNegative());
      if (negative >= 0) {
        throw new TokenomicsError('BAD_INPUT', `stakes[${negative}] must not be negative`, {
          details: { index: negative },
        });
      }
      if (input.missedBlocks != null && input.missedBlocks < 0) {
        throw new TokenomicsError('BAD_INPUT', 'missedBlocks must not be negative');
      }
      const key = `penalty ${input.rule} ${input.stakes.map(String).join(',')} ${input.missedBlocks ?? ''}`;
      return figure(resolved, key, () => penalties.simulate(resolved, input));
    };
  }
  if (schedule) {
    economy.schedule = async (query, ctx) => {
      const { model: resolved, ctx: full } = await model(ctx, query.overrides);
      const from = query.from ?? full.now;
      checkInstant(resolved, from, 'from');
      const interval = query.interval ?? 'MONTH';
      const key = `${from.getTime()} ${query.to.getTime()} ${interval} ${query.maxPoints ?? ''}`;
      return remember(schedules, SCHEDULE_MEMO_LIMIT, resolved, key, () => {
        const instants = scheduleInstants(from, query.to, interval, {
          ...(query.maxPoints === undefined ? {} : { maxPoints: query.maxPoints }),
        });
        return schedule(resolved, instants);
      });
    };
  }
  if (flows) economy.flows = () => flows;
  return economy;
}
