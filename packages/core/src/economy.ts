import type { Decimal } from './decimal.js';
import type { Derivation } from './derivation.js';
import type { Parameter, ParameterOverride } from './parameters.js';
import type { Interval } from './schedule.js';
import type { TokenInfo } from './token-info.js';
import type { UpstreamReader } from './upstream.js';

/** What a protocol's model can answer. */
export const CAPABILITIES = ['SUPPLY', 'REWARDS', 'FEES', 'PENALTIES', 'SCHEDULE', 'FLOWS'] as const;
/** One of {@link CAPABILITIES}. */
export type Capability = (typeof CAPABILITIES)[number];

export type { TokenInfo } from './token-info.js';

/** Where state comes from: the model alone, or the chain. */
export type SourceKind = 'SNAPSHOT' | 'LIVE';

/** Where a protocol's state comes from now. */
export interface DataSourceInfo {
  kind: SourceKind;
  description: string;
  /** When the state was read; null for a snapshot. */
  fetchedAt: Date | null;
  /** True when the upstream failed and the last good state is served. */
  stale: boolean;
  /** The chain height the state was read at; absent or null for a snapshot. */
  height?: bigint | null;
  /** The time of the block the state was read at; absent or null for a snapshot. */
  blockTime?: Date | null;
}

/** A block of a protocol's chain: its height and its time. */
export interface BlockRef {
  height: bigint;
  time: Date;
}

/**
 * One reading of a protocol's chain state, as the history records it: the
 * block it was read at and the figures the model makes of it (null where the
 * protocol has no such figure). Amounts in whole tokens, exact.
 */
export interface Observation {
  /** The block time of the reading. */
  at: Date;
  /** The chain height read. */
  height: bigint;
  total: Decimal | null;
  circulating: Decimal | null;
  liquid: Decimal | null;
  staked: Decimal | null;
  bondedRatio: Decimal | null;
  emissionRate: Decimal | null;
  stakingApr: Decimal | null;
  /** The balance of the protocol's reward pool, where it has one. */
  poolBalance: Decimal | null;
  participants: number | null;
}

/**
 * A live economy's view of its chain: the figures as read now, and, where
 * the source can read an archive node, the blocks and the state at a past
 * height. Absent for a snapshot source.
 */
export interface EconomyHistory {
  /** The figures of the source's current read (its cached read; no extra upstream load), with its block. */
  observe(ctx?: Partial<EconomyContext>): Promise<Observation>;
  /** The chain's latest block; absent where the source cannot read blocks. */
  head?(ctx?: Partial<EconomyContext>): Promise<BlockRef>;
  /** The block at a height (its time). A pruned height is `UPSTREAM_UNAVAILABLE` with `details.reason: 'PRUNED'`. */
  blockAt?(ctx: Partial<EconomyContext> | undefined, height: bigint): Promise<BlockRef>;
  /** The figures of the state at a past height (an archive read). A pruned height is `UPSTREAM_UNAVAILABLE` with `details.reason: 'PRUNED'`. */
  observeAt?(ctx: Partial<EconomyContext> | undefined, height: bigint): Promise<Observation>;
  /**
   * The same protocol as its published tokenomics model it (the snapshot of
   * its preset, no chain reads): what the drift puts beside the observations.
   * Absent where the adapter has no such model.
   */
  published?: TokenEconomy;
}

/** A notable holding: a reward pool, a treasury, locked allocations, liquidity. */
export interface SupplyBucket {
  key: string;
  label: string;
  amount: Decimal;
  /** Whether these tokens count as circulating. */
  circulating: boolean;
  /**
   * Whether these tokens are staked while not circulating (e.g. "staked from
   * the treasury"): the kit checks staked ≤ circulating + Σ(staked
   * non-circulating buckets). Default false.
   */
  staked?: boolean;
  /** Where the amount comes from: a public URL, a repository file, or `chain: …`. */
  source?: string;
}

/** The figures of {@link Supply} that a derivation can explain. */
export type SupplyFigure = 'max' | 'total' | 'circulating' | 'staked' | 'liquid' | 'burned';

/** Supply at an instant, in whole tokens. */
export interface Supply {
  at: Date;
  /** Null where supply has no cap. */
  max: Decimal | null;
  total: Decimal;
  circulating: Decimal;
  staked: Decimal | null;
  /**
   * Circulating tokens that are not staked: circulating − staked, never below
   * 0; null where staked is unknown.
   */
  liquid: Decimal | null;
  /** Tokens destroyed since genesis, where the protocol burns and the figure is known. */
  burned: Decimal | null;
  circulatingDefinition: string;
  buckets: SupplyBucket[];
  /** How each figure was made, by figure. */
  derivations: Partial<Record<SupplyFigure, Derivation>>;
}

/** Staking rewards at an instant. */
export interface Rewards {
  at: Date;
  /** Tokens paid to stakers per year at the current rate. */
  annualEmission: Decimal;
  /** Fraction of the pool released per year, or the inflation rate. */
  emissionRate: Decimal;
  /** Yearly reward per staked token, not compounded. */
  stakingApr: Decimal;
  /** Compounded at the payout frequency; null where not meaningful. */
  stakingApy: Decimal | null;
  bondedRatio: Decimal | null;
  participants: number | null;
  perParticipantDaily: Decimal | null;
  /** A delegator's APR net of the validator's commission, when a commission was given. */
  delegatorApr: Decimal | null;
  derivation: Derivation;
}

/** How a protocol fee is charged. */
export type FeeModel = 'PER_UNIT' | 'PERCENT_WITH_MINIMUM' | 'NETWORK_FEE';

/** Where collected fees go. */
export interface FeeDestination {
  target: string;
  /** A fraction; a schedule's shares sum to 1. */
  share: Decimal;
}

/** A fee the protocol charges. */
export interface FeeSchedule {
  key: string;
  label: string;
  model: FeeModel;
  description: string;
  parameters: Parameter[];
  destinations: FeeDestination[];
}

/** An amount sent to a target. */
export interface Allocation {
  target: string;
  amount: Decimal;
}

/** What a purchase costs under a fee schedule. */
export interface FeeQuote {
  fee: string;
  quantity: Decimal;
  /** What the seller receives: unitPrice × quantity (0 for a network fee). */
  base: Decimal;
  protocolFee: Decimal;
  /** base + protocolFee. */
  total: Decimal;
  /** The protocol fee split among the destinations; sums to protocolFee. */
  allocations: Allocation[];
  derivation: Derivation;
}

/** A penalty the protocol applies. */
export interface PenaltyRule {
  key: string;
  label: string;
  trigger: string;
  parameters: Parameter[];
}

/** One stake before and after a penalty. */
export interface StakeOutcome {
  before: Decimal;
  slashed: Decimal;
  after: Decimal;
}

/** What a penalty does to the stakes exposed to it. */
export interface PenaltyOutcome {
  rule: string;
  triggered: boolean;
  /** The sum of the stakes' `slashed`. */
  slashedTotal: Decimal;
  /** One per input stake, in input order. */
  stakes: StakeOutcome[];
  jailedSeconds: number | null;
  tombstoned: boolean;
  lockedSeconds: number | null;
  /** Where the slashed tokens go. */
  allocations: Allocation[];
  derivation: Derivation;
}

/** The model at one instant of a schedule. */
export interface SchedulePoint {
  at: Date;
  total: Decimal;
  circulating: Decimal;
  /** Tokens emitted to stakers since the previous point (0 at the first). */
  emitted: Decimal;
  emissionRate: Decimal;
  /** Reward-pool or treasury balance where the protocol has one. */
  poolBalance: Decimal | null;
  /** Circulating tokens that are not staked, where staked is known (absent means unknown). */
  liquid?: Decimal | null;
}

/** The shape of a scheduled unlock (the shapes DefiLlama's emissions adapters use). */
export type UnlockKind = 'CLIFF' | 'LINEAR' | 'STEP';

/** A scheduled release of a non-circulating holding into circulation. */
export interface Unlock {
  /** The holding (a {@link SupplyBucket} key) that unlocks. */
  bucket: string;
  label: string;
  kind: UnlockKind;
  /** CLIFF: the instant all of it unlocks; LINEAR/STEP: the start of the release. */
  start: Date;
  /** Null for a cliff; the end of the release otherwise (a STEP's last tranche). */
  end: Date | null;
  /** Tokens released by this unlock, in whole tokens. */
  amount: Decimal;
  /** STEP only: the number of equal tranches from `start` to `end`, both included. */
  steps?: number;
  /**
   * STEP only: the spacing of the tranches, each `stepInstant(start, interval, k)`
   * (MONTH: the same day-of-month as `start`, clamped to the month's last day).
   * Absent: the tranches are spread evenly in time from `start` to `end`.
   */
  interval?: Interval;
  /** A public URL or a file in this repository. */
  source: string;
}

/** Which unlocks to list: those overlapping [from, to]. */
export interface UnlocksQuery {
  /** Default: genesis. */
  from?: Date;
  /** Default: none (every later unlock). */
  to?: Date;
  overrides?: readonly ParameterOverride[];
}

/** How tokens move into or out of circulation. */
export type FlowKind = 'INFLATIONARY' | 'DEFLATIONARY' | 'UTILITY' | 'LOCK';

/** One movement of tokens in the protocol's economy. */
export interface TokenFlow {
  key: string;
  from: string;
  to: string;
  kind: FlowKind;
  description: string;
}

/**
 * What a live source reports as it reads: a read it rejected as implausible
 * (see `guardedSource`). The gateway counts and logs these.
 */
export interface SourceEvent {
  type: 'rejected';
  /** The protocol whose read was rejected. */
  protocol: string;
  /** A short word naming the rule, e.g. `chain-id`, `height`, `supply-drop` (a metric label). */
  reason: string;
  /** What was wrong, naming the resource and field (no URL credentials or query strings). */
  message: string;
  /** True when the last good state is served instead; false when there is none and the read fails. */
  stale: boolean;
}

/** What every read of a model runs with. */
export interface EconomyContext {
  /** Reads upstream resources; the gateway passes a cached, deduplicating one. */
  reader: UpstreamReader;
  /** The request's "now": `at` and `from` default to it. */
  now: Date;
  /** Receives what live sources report (rejected reads); optional. */
  onSourceEvent?: (event: SourceEvent) => void;
  /**
   * With no last good state, how close (ms) the fetch times of reads all
   * served stale must lie for a live source to take them as one earlier
   * snapshot (see `guardedSource`). It must stay below the reader's cache
   * TTL; the gateway derives it from its TTL with `snapshotWindowFor`.
   * Default `DEFAULT_SNAPSHOT_WINDOW_MS` (5 s).
   */
  snapshotWindowMs?: number;
  /**
   * Told each time a figure is computed at this context's `now` (an `at`
   * left out): with the first instant after it at which the model's figures
   * change (a daily step), or null when they change continuously. HTTP
   * caching uses it to keep an answer until its figures change.
   */
  noteNow?(nextChange: Date | null): void;
}

/** The instant and what-if overrides of a model read. */
export interface ModelQuery {
  /** Defaults to the context's `now`. */
  at?: Date;
  overrides?: readonly ParameterOverride[];
}

/** A rewards read; `commission` asks for a delegator's net figure too. */
export interface RewardsQuery extends ModelQuery {
  /** The validator's commission, a fraction in [0, 1]. */
  commission?: Decimal;
}

/** A schedule read. */
export interface ScheduleQuery {
  /** Defaults to the context's `now`. */
  from?: Date;
  to: Date;
  /** Defaults to MONTH. */
  interval?: Interval;
  overrides?: readonly ParameterOverride[];
  /** The most points allowed (the gateway's limit). */
  maxPoints?: number;
}

/**
 * How a caller keeps a schedule: each point written into a row of its own
 * (its wire text, say) as the point's slice is computed, the rows memoized
 * instead of the points. A long schedule's points then die young, and only
 * the rows outlive the computation ({@link TokenEconomy.writtenSchedule}).
 *
 * @example
 * ```ts
 * import { formatFigure, scheduleFigure, type ScheduleWriter } from '@tokenomics/core';
 *
 * const totals: ScheduleWriter<string> = {
 *   key: 'total as text',
 *   write: (point) => formatFigure(scheduleFigure(point, 'total')),
 *   rowBytes: 64,
 * };
 * ```
 */
export interface ScheduleWriter<R> {
  /**
   * Names what `write` makes: rows written under one key are taken to be
   * the same (a schedule written once under a key is reused by every writer
   * with that key), so the key names everything `write` depends on.
   */
  readonly key: string;
  /** The row of one point; called once per point, in order. */
  write(point: SchedulePoint): R;
  /** Estimated bytes of one row as kept (the memo's bound counts them). */
  readonly rowBytes: number;
}

/** A fee quote request. */
export interface FeeQuoteInput {
  /** The fee schedule key. */
  fee: string;
  /** Units bought: gigabytes, messages, or 1 for a network fee. */
  quantity: Decimal;
  /** The seller's price per unit; for a network fee, the fee itself. */
  unitPrice: Decimal;
  overrides?: readonly ParameterOverride[];
}

/** A penalty simulation request. */
export interface PenaltyInput {
  /** The penalty rule key. */
  rule: string;
  /** The stakes exposed: a validator's self-stake, then each delegation. */
  stakes: Decimal[];
  /** Blocks missed in the signing window, for downtime rules. */
  missedBlocks?: number | null;
  overrides?: readonly ParameterOverride[];
}

/**
 * One protocol's token economy, as the gateway sees it. Each capability is
 * optional; `capabilities` lists exactly those present. Every method takes an
 * optional context: without one, reads go straight upstream and `now` is the
 * wall clock.
 */
export interface TokenEconomy {
  readonly id: string;
  readonly name: string;
  readonly token: TokenInfo;
  readonly capabilities: readonly Capability[];
  /** The preset the model starts from. */
  readonly preset: string;
  source(ctx?: Partial<EconomyContext>): Promise<DataSourceInfo>;
  /**
   * The model's parameters. Like `fees`, `penalties` and `unlocks`, it answers
   * when a live source cannot be read and no last good state exists: from the
   * preset's values, with their sources (`source` then fails with the reason).
   */
  parameters(query?: Pick<ModelQuery, 'overrides'>, ctx?: Partial<EconomyContext>): Promise<Parameter[]>;
  supply?(query?: ModelQuery, ctx?: Partial<EconomyContext>): Promise<Supply>;
  rewards?(query?: RewardsQuery, ctx?: Partial<EconomyContext>): Promise<Rewards>;
  fees?(ctx?: Partial<EconomyContext>): Promise<FeeSchedule[]>;
  quoteFee?(input: FeeQuoteInput, ctx?: Partial<EconomyContext>): Promise<FeeQuote>;
  penalties?(ctx?: Partial<EconomyContext>): Promise<PenaltyRule[]>;
  simulatePenalty?(input: PenaltyInput, ctx?: Partial<EconomyContext>): Promise<PenaltyOutcome>;
  schedule?(query: ScheduleQuery, ctx?: Partial<EconomyContext>): Promise<SchedulePoint[]>;
  /**
   * The same schedule, each point written by `writer` as it is computed and
   * the rows kept instead of the points (memoized per model, window and
   * `writer.key`). Present with `schedule` on every economy `defineAdapter`
   * makes, as a property that is not enumerable, so that a wrapper spreading
   * the economy (`{ ...economy, schedule }`) does not keep it; a wrapper
   * made otherwise that replaces `schedule` must replace or drop it too. A
   * caller falls back to `schedule` where it is absent.
   */
  writtenSchedule?<R>(
    query: ScheduleQuery,
    writer: ScheduleWriter<R>,
    ctx?: Partial<EconomyContext>,
  ): Promise<R[]>;
  flows?(): readonly TokenFlow[];
  /** Scheduled unlocks of non-circulating holdings; absent (or empty) where there are none. */
  unlocks?(query?: UnlocksQuery, ctx?: Partial<EconomyContext>): Promise<Unlock[]>;
  /** The chain as observed (live sources only): what the history records and backfills. */
  history?: EconomyHistory;
}
