import {
  Decimal,
  formatDecimal,
  fromScaledInteger,
  MS_PER_DAY,
  remember,
  type SizedCacheStats,
  sizedCache,
  sizedCacheStats,
  TokenomicsError,
  toScaledInteger,
  tranchesReached,
  type Unlock,
  unlockedUnitsAt,
  wholeDaysBetween,
} from '@tokenomics/core';
import {
  type PoolBalanceTable,
  poolBalanceTable,
  poolUnitsFromTable,
} from '../formulas/pool-balance-table.js';
import { releasedFraction } from '../formulas/released-fraction.js';
import {
  LOCKUPS,
  type Lockup,
  type SessionParams,
  STAKEABLE_LOCKUPS,
  unscheduledLocked,
} from '../parameters.js';
import type { NonCirculatingHolding, SessionState } from '../state.js';
import { SESH_DECIMALS } from '../token.js';
import { lockupUnlocks } from './unlocks.js';

/**
 * Decimal places kept for amounts the model computes (the stepped pool). 40
 * places is far below SESH's precision needs yet keeps every sum of buckets
 * (< 10¹⁰ SESH) within the 60 significant digits of core's Decimal, so
 * circulating = total − Σ buckets holds exactly whatever the order of addition.
 */
export const AMOUNT_PLACES = 40;

/** What the model reads besides the parameters: the configured non-circulating holdings. */
export interface SessionInputs {
  params: SessionParams;
  state: SessionState;
}

/** The model's figures at one instant. */
export interface SessionFigures {
  at: Date;
  /** Whole days since the TGE. */
  daysSinceTge: number;
  /** The instant the pool parameter holds (the TGE, or a live read). */
  anchor: Date;
  /** Daily steps from the anchor's day to `at`'s day (negative before the anchor's day). */
  daysFromAnchor: number;
  max: Decimal;
  total: Decimal;
  pool: Decimal;
  /** The pool's share of fees per day. */
  poolInflowPerDay: Decimal;
  /** networkSize × stakingRequirement: every staked token, circulating or not. */
  staked: Decimal;
  /** Staked tokens beyond the circulating supply, staked out of the stakeable lockups (A, F): "staked from the treasury". */
  stakedFromTreasury: Decimal;
  /** max(circulating − staked, 0). */
  liquid: Decimal;
  lockedUnscheduled: Decimal;
  /** Still locked per lockup (what its unlocks leave), before any is shown as staked from the treasury. */
  lockups: Record<Lockup, Decimal>;
  /** What each stakeable lockup's bucket shows: still locked less its part of stakedFromTreasury. */
  lockupBuckets: Record<Lockup, Decimal>;
  /** lockedUnscheduled + Σ lockups. */
  locked: Decimal;
  /** The configured holdings (not circulating). */
  holdings: readonly NonCirculatingHolding[];
  /** Protocol-owned liquidity: the liquidity share of fees since the TGE (circulating). */
  liquidity: Decimal;
  circulating: Decimal;
}

/** A lockup and its unlock (null for a lockup of 0), with its amount in base units. */
interface LockupUnlock {
  lockup: Lockup;
  unlock: Unlock | null;
  /** The amount × 10^SESH_DECIMALS. */
  units: bigint;
}

/**
 * The lockups still locked at an instant: each unlock's remaining base units
 * (its amount less `unlockedUnitsAt`, core's exact evaluation), summed
 * exactly with the unscheduled locked tokens and the configured holdings.
 */
class LockedBuckets {
  /** total − locked − holdings, at the context's bucketPlaces: what circulates before the pool is taken out. */
  readonly free: bigint;
  /** Σ remaining of the stakeable lockups (A, F), base units. */
  readonly stakeable: bigint;
  private lockupsValue: Record<Lockup, Decimal> | null = null;
  private lockedValue: Decimal | null = null;

  constructor(
    private readonly context: SessionContext,
    /** Remaining base units per lockup, in LOCKUPS order. */
    readonly remaining: readonly bigint[],
  ) {
    let free = context.freeBaseUnits;
    let stakeable = 0n;
    context.lockups.forEach(({ lockup }, i) => {
      const units = remaining[i]!;
      free -= units * context.baseUp;
      if (STAKEABLE_LOCKUPS.includes(lockup)) stakeable += units;
    });
    this.free = free;
    this.stakeable = stakeable;
  }

  /** Still locked per lockup. */
  get lockups(): Record<Lockup, Decimal> {
    if (this.lockupsValue === null) {
      const lockups = {} as Record<Lockup, Decimal>;
      this.context.lockups.forEach(({ lockup }, i) => {
        lockups[lockup] = fromScaledInteger(this.remaining[i]!, SESH_DECIMALS);
      });
      this.lockupsValue = lockups;
    }
    return this.lockupsValue;
  }

  /** lockedUnscheduled + Σ lockups, exact. */
  get locked(): Decimal {
    if (this.lockedValue === null) {
      let locked = this.context.lockedUnscheduledUnits;
      for (const units of this.remaining) locked += units * this.context.baseUp;
      this.lockedValue = fromScaledInteger(locked, this.context.bucketPlaces);
    }
    return this.lockedValue;
  }
}

/**
 * What {@link unitsAt} needs that does not depend on the instant, built once
 * per parameter set (parameters are immutable) and shared by supply, rewards
 * and schedules, so that they do the same arithmetic at an instant.
 */
interface SessionContext {
  tge: number;
  anchor: Date;
  anchorDays: number;
  poolInflowPerDay: Decimal;
  /** The liquidity share of fees per day; null when it is zero. */
  liquidityPerDay: Decimal | null;
  /** liquidityPerDay × 10^liquidityPlaces (0 when there is none). */
  liquidityUnits: bigint;
  /** 10^(places of liquidityPerDay). */
  liquidityScale: bigint;
  /** 10^bucketPlaces. */
  bucketScale: bigint;
  /** Places of the exact released amounts: AMOUNT_PLACES or more if the pool or its inflow has more. */
  releasedPlaces: number;
  /** stakingRewardPool × 10^releasedPlaces. */
  releasedPoolUnits: bigint;
  /** The pool's inflow per day × 10^releasedPlaces. */
  releasedInflowUnits: bigint;
  /** 10^(releasedPlaces − AMOUNT_PLACES): a pool's units at releasedPlaces. */
  releasedUp: bigint;
  staked: Decimal;
  /** staked × 10^bucketPlaces. */
  stakedUnits: bigint;
  lockedUnscheduled: Decimal;
  lockups: LockupUnlock[];
  holdings: readonly NonCirculatingHolding[];
  /** Places of the exact bucket sums: AMOUNT_PLACES or more if a parameter or holding has more. */
  bucketPlaces: number;
  /** 10^(bucketPlaces − AMOUNT_PLACES): a pool's units at bucketPlaces. */
  bucketUp: bigint;
  /** 10^(bucketPlaces − SESH_DECIMALS): a lockup's base units at bucketPlaces. */
  baseUp: bigint;
  /** (maxSupply − lockedUnscheduled − Σ holdings) × 10^bucketPlaces. */
  freeBaseUnits: bigint;
  lockedUnscheduledUnits: bigint;
  pool: PoolBalanceTable;
  /** Locked buckets by the lockups' phases (tranches reached per lockup), as schedules revisit them. */
  lockedByPhase: Map<string, LockedBuckets>;
  /** This context in the keys of {@link pools}. */
  id: string;
}

/**
 * Estimated bytes of a context: its constants, the lockups' unlocks, the pool's
 * power table (64 powers of 100 digits per level, up to 4 levels) and the
 * locked buckets by phase: 14 KB measured over a few years.
 */
const CONTEXT_BYTES = 24 * 1024;
/** Contexts kept, for all parameter sets: 8 MiB, some 340 (a model memo's worth). */
export const CONTEXT_MEMO_BYTES = 8 * 1024 * 1024;
/** Estimated bytes of one kept pool: a 48-digit bigint and its place in the memo. */
const POOL_DAY_BYTES = 128;
/** Pools kept, for all parameter sets: 16 MiB, some 110,000 days. */
export const POOL_MEMO_BYTES = 16 * 1024 * 1024;
/** At most this many lockup phases are kept per parameter set (there are at most 4 × 25 in the presets). */
const PHASE_CACHE_LIMIT = 10_000;

const contexts = sizedCache<SessionParams, SessionContext>({
  maxBytes: CONTEXT_MEMO_BYTES,
  sizeOf: () => CONTEXT_BYTES,
});
/**
 * The pool (AMOUNT_PLACES) by context and days from its anchor: a value of
 * poolUnitsFromTable, kept as schedules and requests revisit days.
 */
const pools = sizedCache<string, bigint>({
  maxBytes: POOL_MEMO_BYTES,
  sizeOf: (_pool, key) => POOL_DAY_BYTES + 2 * key.length,
});
let nextContextId = 0;

/**
 * What the memos of contexts and pools of every Session parameter set hold now, against their bounds.
 *
 * @example
 * ```ts
 * import { sessionAdapter, sessionMemoStats } from '@tokenomics/adapter-session';
 *
 * await sessionAdapter().supply!({ at: new Date('2026-01-01T00:00:00Z') });
 * sessionMemoStats().pools; // { entries: 1, bytes: 138, maxBytes: 16777216 } (POOL_MEMO_BYTES)
 * ```
 */
export function sessionMemoStats(): { contexts: SizedCacheStats; pools: SizedCacheStats } {
  return { contexts: sizedCacheStats(contexts), pools: sizedCacheStats(pools) };
}

function contextOf({ params, state }: SessionInputs): SessionContext {
  let context = contexts.get(params);
  if (context) return context;
  const tge = params.tgeDate;
  const anchor = params.poolBalanceAt ?? tge;
  const poolInflowPerDay = params.feeInflowPerDay.times(params.feeToPoolShare);
  const liquidityPerDay = params.feeInflowPerDay.minus(poolInflowPerDay);
  const staked = params.stakingRequirement.times(params.networkSize);
  const lockedUnscheduled = unscheduledLocked(params);
  const holdings = state.holdings;
  const bucketPlaces = Math.max(
    AMOUNT_PLACES,
    params.maxSupply.decimalPlaces(),
    staked.decimalPlaces(),
    lockedUnscheduled.decimalPlaces(),
    ...holdings.map((holding) => holding.amount.decimalPlaces()),
  );
  const lockedUnscheduledUnits = toScaledInteger(lockedUnscheduled, bucketPlaces);
  const holdingUnits = holdings.reduce((sum, h) => sum + toScaledInteger(h.amount, bucketPlaces), 0n);
  const liquidityPlaces = liquidityPerDay.decimalPlaces();
  const releasedPlaces = Math.max(
    AMOUNT_PLACES,
    params.stakingRewardPool.decimalPlaces(),
    poolInflowPerDay.decimalPlaces(),
  );
  context = {
    tge: tge.getTime(),
    anchor,
    anchorDays: wholeDaysBetween(tge, anchor),
    poolInflowPerDay,
    liquidityPerDay: liquidityPerDay.isZero() ? null : liquidityPerDay,
    liquidityUnits: toScaledInteger(liquidityPerDay, liquidityPlaces),
    liquidityScale: 10n ** BigInt(liquidityPlaces),
    bucketScale: 10n ** BigInt(bucketPlaces),
    releasedPlaces,
    releasedPoolUnits: toScaledInteger(params.stakingRewardPool, releasedPlaces),
    releasedInflowUnits: toScaledInteger(poolInflowPerDay, releasedPlaces),
    releasedUp: 10n ** BigInt(releasedPlaces - AMOUNT_PLACES),
    staked,
    stakedUnits: toScaledInteger(staked, bucketPlaces),
    lockedUnscheduled,
    lockups: lockupUnlocks(params).map(({ lockup, unlock }) => ({
      lockup,
      unlock,
      units: toScaledInteger(params[`lockup${lockup}`], SESH_DECIMALS),
    })),
    holdings,
    bucketPlaces,
    bucketUp: 10n ** BigInt(bucketPlaces - AMOUNT_PLACES),
    baseUp: 10n ** BigInt(bucketPlaces - SESH_DECIMALS),
    freeBaseUnits: toScaledInteger(params.maxSupply, bucketPlaces) - lockedUnscheduledUnits - holdingUnits,
    lockedUnscheduledUnits,
    pool: poolBalanceTable(params.stakingRewardPool, params.poolReleaseRate, poolInflowPerDay, AMOUNT_PLACES),
    lockedByPhase: new Map(),
    // Ids are never reused, so a dropped context's pools can only miss.
    id: (nextContextId++).toString(36),
  };
  contexts.set(params, context);
  return context;
}

/**
 * How far an unlock has gone at `at`, which alone fixes what it leaves
 * locked: tranches reached (STEP), before or after (CLIFF, and LINEAR outside
 * its window); null inside a linear window, where every instant differs.
 */
function phaseOf(unlock: Unlock, at: Date): number | null {
  const t = at.getTime();
  if (unlock.kind === 'STEP') return tranchesReached(unlock, at);
  if (t < unlock.start.getTime()) return 0;
  if (unlock.kind === 'CLIFF' || t >= (unlock.end ?? unlock.start).getTime()) return 1;
  return null;
}

/** The lockups at `at` (remaining base units, by their unlocks), kept by phase. */
function lockedBuckets(context: SessionContext, at: Date): LockedBuckets {
  const phases = context.lockups.map(({ unlock }) => (unlock ? phaseOf(unlock, at) : 0));
  const key = phases.includes(null) ? null : phases.join(',');
  let buckets = key === null ? undefined : context.lockedByPhase.get(key);
  if (!buckets) {
    buckets = new LockedBuckets(
      context,
      context.lockups.map(({ unlock, units }) =>
        unlock ? units - unlockedUnitsAt(unlock, at, SESH_DECIMALS) : 0n,
      ),
    );
    if (key !== null) {
      if (context.lockedByPhase.size >= PHASE_CACHE_LIMIT) context.lockedByPhase.clear();
      context.lockedByPhase.set(key, buckets);
    }
  }
  return buckets;
}

/**
 * What alone fixes the model's figures at `at`: the day since the TGE (the
 * pool steps once a day, fees and liquidity accrue by the day) and each
 * lockup's phase ({@link phaseOf}); null inside a linear unlock's window,
 * where every instant differs. Supply and rewards at two instants with the
 * same key differ only in their `at`: the adapter computes them once per
 * key (a new `at` within the day costs a copy).
 *
 * @example
 * ```ts
 * import type { SessionModel } from '../state.js';
 * import { stepKeyAt } from './figures.js';
 *
 * declare const model: SessionModel; // the seed preset
 *
 * stepKeyAt(model, new Date('2026-01-01T08:00:00Z')) === stepKeyAt(model, new Date('2026-01-01T20:00:00Z')); // true
 * ```
 */
export function stepKeyAt(inputs: SessionInputs, at: Date): string | null {
  const context = contextOf(inputs);
  let key = Math.floor((at.getTime() - context.tge) / MS_PER_DAY).toString();
  for (const { unlock } of context.lockups) {
    const phase = unlock ? phaseOf(unlock, at) : 0;
    if (phase === null) return null;
    key += ` ${phase}`;
  }
  return key;
}

/** Results kept per model and step key: a few days' worth (the memo of results by instant is the adapter's). */
const STEP_MEMO_LIMIT = 64;

/**
 * `compute(at)`, or the result computed at another instant of the same step
 * ({@link stepKeyAt}, and `extra` for what else the result reads) with this
 * `at`: `withAt` (default: a spread with `at` replaced) makes it. Kept per
 * model (models are immutable).
 */
export function atStep<T extends { at: Date }>(
  memo: WeakMap<object, Map<string, T>>,
  model: SessionInputs,
  at: Date,
  extra: string,
  compute: () => T,
  withAt: (kept: T, at: Date) => T = (kept) => ({ ...kept, at }),
): T {
  const step = stepKeyAt(model, at);
  if (step === null) return compute();
  const key = extra === '' ? step : `${step} ${extra}`;
  let kept = memo.get(model);
  if (!kept) {
    kept = new Map();
    memo.set(model, kept);
  }
  const same = kept.get(key);
  if (same) return same.at.getTime() === at.getTime() ? same : withAt(same, at);
  const result = compute();
  if (kept.size >= STEP_MEMO_LIMIT) kept.clear();
  kept.set(key, result);
  return result;
}

/** The model at an instant in exact integers: what {@link figuresAt} and schedules share. */
export interface SessionUnits {
  /** Whole days since the TGE. */
  daysSinceTge: number;
  /** Daily steps from the anchor's day to the instant's day (negative before the anchor's day). */
  daysFromAnchor: number;
  /** The pool × 10^AMOUNT_PLACES. */
  pool: bigint;
  /** circulating = total − pool − locked − holdings, × 10^bucketPlaces. */
  circulating: bigint;
  /** max(circulating − staked, 0) × 10^bucketPlaces. */
  liquid: bigint;
  /** max(staked − circulating, 0) × 10^bucketPlaces: staked out of the stakeable lockups. */
  stakedFromTreasury: bigint;
  bucketPlaces: number;
  /** Released by the pool from the anchor (stakingRewardPool + inflow × days − pool) × 10^releasedPlaces. */
  released: bigint;
  releasedPlaces: number;
  buckets: LockedBuckets;
}

/** The pool (× 10^AMOUNT_PLACES) `daysFromAnchor` daily steps from its anchor, kept by day. */
function poolAt(context: SessionContext, daysFromAnchor: number): bigint {
  // pool₀ × q^days + inflow × (1 − q^days) / (1 − q), rounded once to AMOUNT_PLACES (poolUnitsFromTable);
  // a function of the day count alone, so a kept value is the value.
  return remember(pools, `${context.id} ${daysFromAnchor}`, () =>
    poolUnitsFromTable(context.pool, daysFromAnchor),
  );
}

/**
 * The Session model at `at` in integers: the pool stepped daily from its
 * anchor, the lockups' remaining amounts (their unlocks evaluated by core's
 * `unlockedUnitsAt`), and circulating = total − pool − locked − configured
 * holdings, every term exact. Staked tokens circulate (the published
 * convention): liquid = circulating − staked; where more is staked than
 * circulates, the excess is staked out of the stakeable lockups A and F
 * ("staked from the treasury") and circulating does not change.
 *
 * Supply, rewards and schedules all come here, with the per-parameter-set
 * context (the pool's power table, the lockups' unlocks, the constant
 * buckets) built once; so a schedule point equals supply and rewards at its
 * instant to the last digit, and costs a few integer products.
 *
 * @throws TokenomicsError BAD_INPUT when the non-circulating holdings exceed
 *   the total supply, or more is staked than circulates and the stakeable
 *   lockups hold
 * @example
 * ```ts
 * import { formatScaledInteger } from '@tokenomics/core';
 * import type { SessionModel } from '../state.js';
 * import { AMOUNT_PLACES, unitsAt } from './figures.js';
 *
 * declare const model: SessionModel; // the seed preset
 *
 * formatScaledInteger(unitsAt(model, new Date('2025-05-22Z')).pool, AMOUNT_PLACES); // '39983452.0547…' (seed)
 * ```
 */
export function unitsAt(inputs: SessionInputs, at: Date): SessionUnits {
  const { params } = inputs;
  const context = contextOf(inputs);
  const t = at.getTime();
  const daysSinceTge = Math.floor((t - context.tge) / MS_PER_DAY);
  const daysFromAnchor = daysSinceTge - context.anchorDays;
  const pool = poolAt(context, daysFromAnchor);
  const buckets = lockedBuckets(context, at);
  // total − (pool + locked + holdings), every term exact.
  const circulating = buckets.free - pool * context.bucketUp;
  // circulating must cover the protocol-owned liquidity (liquidityPerDay × days), compared exactly.
  const liquidity = context.liquidityUnits * BigInt(Math.max(daysSinceTge, 0));
  if (circulating < 0n || circulating * context.liquidityScale < liquidity * context.bucketScale) {
    throw overdrawn(params, context, at, pool, buckets);
  }
  const excess = context.stakedUnits - circulating;
  if (excess > buckets.stakeable * context.baseUp) throw overstaked(context, at, circulating, buckets);
  return {
    daysSinceTge,
    daysFromAnchor,
    pool,
    circulating,
    liquid: excess < 0n ? -excess : 0n,
    stakedFromTreasury: excess > 0n ? excess : 0n,
    bucketPlaces: context.bucketPlaces,
    // What went in minus what is left (poolReleasedOverDays, on the rounded pool).
    released:
      context.releasedPoolUnits +
      context.releasedInflowUnits * BigInt(daysFromAnchor) -
      pool * context.releasedUp,
    releasedPlaces: context.releasedPlaces,
    buckets,
  };
}

/**
 * What the pool releases over `days` daily steps from `at`'s day, exactly
 * (pool now + inflows − pool then, each pool rounded to AMOUNT_PLACES): the
 * "next twelve months" of the rewards derivation. Reads the pool alone, so it
 * never fails.
 *
 * @example
 * ```ts
 * import type { SessionModel } from '../state.js';
 * import { releasedOverDays } from './figures.js';
 *
 * declare const model: SessionModel; // the seed preset
 *
 * releasedOverDays(model, new Date('2025-05-21T00:00:00Z'), 365).toSignificantDigits(16).toFixed(); // '5607166.601021248' (seed)
 * ```
 */
export function releasedOverDays(inputs: SessionInputs, at: Date, days: number): Decimal {
  const context = contextOf(inputs);
  const daysFromAnchor = Math.floor((at.getTime() - context.tge) / MS_PER_DAY) - context.anchorDays;
  const now = poolAt(context, daysFromAnchor);
  const later = poolAt(context, daysFromAnchor + days);
  const released = (now - later) * context.releasedUp + context.releasedInflowUnits * BigInt(days);
  return fromScaledInteger(released, context.releasedPlaces);
}

function overdrawn(
  params: SessionParams,
  context: SessionContext,
  at: Date,
  pool: bigint,
  buckets: LockedBuckets,
): TokenomicsError {
  const holdings = context.holdings.length
    ? ` and configured non-circulating holdings (${formatDecimal(context.holdings.reduce((s, h) => s.plus(h.amount), new Decimal(0)))})`
    : '';
  return new TokenomicsError(
    'BAD_INPUT',
    `at ${at.toISOString()} the pool (${formatDecimal(fromScaledInteger(pool, AMOUNT_PLACES))}), locked allocations (${formatDecimal(buckets.locked)})${holdings} exceed the total supply ${formatDecimal(params.maxSupply)} less protocol-owned liquidity; lower stakingRewardPool or feeInflowPerDay`,
    {
      details: {
        keys: ['stakingRewardPool', 'feeInflowPerDay', 'maxSupply', 'lockedUnscheduled'],
        at: at.toISOString(),
      },
    },
  );
}

function overstaked(
  context: SessionContext,
  at: Date,
  circulating: bigint,
  buckets: LockedBuckets,
): TokenomicsError {
  return new TokenomicsError(
    'BAD_INPUT',
    `at ${at.toISOString()} staked tokens (networkSize × stakingRequirement = ${formatDecimal(context.staked)}) exceed the circulating supply (${formatDecimal(fromScaledInteger(circulating, context.bucketPlaces))}) and the stakeable locked allocations, lockups A and F (${formatDecimal(fromScaledInteger(buckets.stakeable, SESH_DECIMALS))}); lower networkSize or stakingRequirement`,
    { details: { keys: ['networkSize', 'stakingRequirement'], at: at.toISOString() } },
  );
}

/**
 * The Session model at `at` as Decimals: {@link unitsAt}, with the figures
 * supply and rewards show.
 *
 * @throws TokenomicsError BAD_INPUT as {@link unitsAt}
 * @example
 * ```ts
 * import type { SessionModel } from '../state.js';
 * import { figuresAt } from './figures.js';
 *
 * declare const model: SessionModel; // the seed preset
 *
 * figuresAt(model, new Date('2025-05-21T00:00:00Z')).liquid.toFixed(); // '30000000' (seed)
 * ```
 */
export function figuresAt(inputs: SessionInputs, at: Date): SessionFigures {
  const { params } = inputs;
  const context = contextOf(inputs);
  const units = unitsAt(inputs, at);
  return new Figures(at, context, units, params);
}

/** {@link SessionFigures} whose per-lockup amounts are made when first read (schedules never read them). */
class Figures implements SessionFigures {
  readonly daysSinceTge: number;
  readonly anchor: Date;
  readonly daysFromAnchor: number;
  readonly total: Decimal;
  readonly pool: Decimal;
  readonly poolInflowPerDay: Decimal;
  readonly staked: Decimal;
  readonly stakedFromTreasury: Decimal;
  readonly liquid: Decimal;
  readonly lockedUnscheduled: Decimal;
  readonly holdings: readonly NonCirculatingHolding[];
  readonly liquidity: Decimal;
  readonly circulating: Decimal;
  private bucketsValue: Record<Lockup, Decimal> | null = null;

  constructor(
    readonly at: Date,
    context: SessionContext,
    private readonly units: SessionUnits,
    params: SessionParams,
  ) {
    this.daysSinceTge = units.daysSinceTge;
    this.anchor = context.anchor;
    this.daysFromAnchor = units.daysFromAnchor;
    this.total = params.maxSupply;
    this.pool = fromScaledInteger(units.pool, AMOUNT_PLACES);
    this.poolInflowPerDay = context.poolInflowPerDay;
    this.staked = context.staked;
    this.stakedFromTreasury = fromScaledInteger(units.stakedFromTreasury, units.bucketPlaces);
    this.liquid = fromScaledInteger(units.liquid, units.bucketPlaces);
    this.lockedUnscheduled = context.lockedUnscheduled;
    this.holdings = context.holdings;
    this.liquidity =
      context.liquidityPerDay === null
        ? ZERO
        : context.liquidityPerDay.times(Math.max(units.daysSinceTge, 0));
    this.circulating = fromScaledInteger(units.circulating, units.bucketPlaces);
  }

  /** maxSupply (= total). */
  get max(): Decimal {
    return this.total;
  }

  get lockups(): Record<Lockup, Decimal> {
    return this.units.buckets.lockups;
  }

  get locked(): Decimal {
    return this.units.buckets.locked;
  }

  /** The stakeable lockups (A, then F) give up what is staked from the treasury, in that order. */
  get lockupBuckets(): Record<Lockup, Decimal> {
    if (this.bucketsValue === null) {
      const buckets = { ...this.lockups };
      let excess = this.stakedFromTreasury;
      for (const lockup of STAKEABLE_LOCKUPS) {
        const taken = Decimal.min(excess, buckets[lockup]);
        buckets[lockup] = buckets[lockup].minus(taken);
        excess = excess.minus(taken);
      }
      this.bucketsValue = buckets;
    }
    return this.bucketsValue;
  }
}

/**
 * Cross-parameter checks (defineAdapter's `validate`).
 *
 * @throws TokenomicsError BAD_INPUT naming the keys at fault
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import type { SessionParams } from '../parameters.js';
 * import { validateSessionParams } from './figures.js';
 *
 * declare const params: SessionParams;
 *
 * validateSessionParams({ ...params, lockupB: new Decimal('1.0000000001') }); // throws BAD_INPUT naming lockupB
 * ```
 */
export function validateSessionParams(params: SessionParams): void {
  if (params.poolBalanceAt !== null && params.poolBalanceAt.getTime() < params.tgeDate.getTime()) {
    throw new TokenomicsError('BAD_INPUT', 'parameter "poolBalanceAt" must not be before "tgeDate"', {
      details: { keys: ['poolBalanceAt', 'tgeDate'] },
    });
  }
  for (const lockup of LOCKUPS) {
    const key = `lockup${lockup}` as const;
    if (params[key].decimalPlaces() > SESH_DECIMALS) {
      throw new TokenomicsError(
        'BAD_INPUT',
        `parameter "${key}" has more than ${SESH_DECIMALS} decimals, finer than SESH's base unit`,
        { details: { keys: [key] } },
      );
    }
  }
  const genesisKeys = [
    'maxSupply',
    'genesisCirculating',
    'stakingRewardPool',
    'lockedUnscheduled',
    ...LOCKUPS.map((l) => `lockup${l}`),
  ];
  // The pool anchored at the TGE: the word "tgeDate", or the TGE instant as served and sent back.
  const poolAtTge =
    params.poolBalanceAt === null || params.poolBalanceAt.getTime() === params.tgeDate.getTime();
  if (params.lockedUnscheduled === null) {
    if (!poolAtTge) {
      throw new TokenomicsError(
        'BAD_INPUT',
        'parameter "lockedUnscheduled" can be "remainder" only when "poolBalanceAt" is the TGE ("tgeDate"); give an amount',
        { details: { keys: ['lockedUnscheduled', 'poolBalanceAt'] } },
      );
    }
    const remainder = unscheduledLocked(params);
    if (remainder.isNegative()) {
      throw new TokenomicsError(
        'BAD_INPUT',
        `genesisCirculating + stakingRewardPool + lockups A, B, D, F exceed maxSupply by ${formatDecimal(remainder.neg())}; lower one of them or raise maxSupply`,
        { details: { keys: genesisKeys } },
      );
    }
  } else if (poolAtTge) {
    let sum = params.genesisCirculating.plus(params.stakingRewardPool).plus(params.lockedUnscheduled);
    for (const lockup of LOCKUPS) sum = sum.plus(params[`lockup${lockup}`]);
    if (!sum.eq(params.maxSupply)) {
      throw new TokenomicsError(
        'BAD_INPUT',
        `genesisCirculating + stakingRewardPool + lockedUnscheduled + lockups A, B, D, F = ${formatDecimal(sum)}, not maxSupply ${formatDecimal(params.maxSupply)}; use lockedUnscheduled "remainder" or make them add up`,
        { details: { keys: genesisKeys } },
      );
    }
  }
  const penalty = params.liquidatorRewardRatio + params.poolShareOfLiquidationRatio;
  if (penalty * 3 > params.recipientRatio) {
    throw new TokenomicsError(
      'BAD_INPUT',
      '(liquidatorRewardRatio + poolShareOfLiquidationRatio) × 3 must not exceed recipientRatio (ServiceNodeRewards: LiquidatorPenaltyTooHigh)',
      { details: { keys: ['liquidatorRewardRatio', 'poolShareOfLiquidationRatio', 'recipientRatio'] } },
    );
  }
}

/** Zero. */
export const ZERO = new Decimal(0);

/** What the rewards derivation shows of a release rate alone: yearly released fractions, by rate. */
export interface ReleaseRateFractions {
  /** Released per year with daily steps: 1 − (1 − rate/365)^365. */
  dailySteps: Decimal;
  /** Released per year by the contract's per-second accrual: 1 − e^(−rate). */
  continuous: Decimal;
}

/** Kept by the rate's Decimal (immutable; a model's parameters hold one for their life). */
const rateFractions = new WeakMap<Decimal, ReleaseRateFractions>();

/**
 * The yearly released fractions of a release rate (a `pow` and an `exp` in
 * 60-digit decimals), computed once per rate rather than at every instant
 * the rewards are asked at: they do not depend on the instant.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { releaseRateFractions } from './figures.js';
 *
 * releaseRateFractions(new Decimal('0.145')).continuous.toFixed(6); // '0.134978'
 * ```
 */
export function releaseRateFractions(rate: Decimal): ReleaseRateFractions {
  let fractions = rateFractions.get(rate);
  if (fractions === undefined) {
    fractions = {
      dailySteps: releasedFraction(rate, 365),
      continuous: new Decimal(1).minus(rate.neg().exp()),
    };
    rateFractions.set(rate, fractions);
  }
  return fractions;
}
