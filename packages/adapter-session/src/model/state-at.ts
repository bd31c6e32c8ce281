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
  wholeDaysBetween,
} from '@tokenomics/core';
import {
  type LockupUnits,
  lockedUnitsAt,
  lockupUnits,
  type UnlockWindow,
  unlockWindow,
} from '../formulas/locked-amount.js';
import {
  type PoolBalanceTable,
  poolBalanceTable,
  poolUnitsFromTable,
} from '../formulas/pool-balance-table.js';
import type { LockupTerms } from '../kinds.js';
import { LOCKUPS, type Lockup, type SessionParams } from '../parameters.js';

/**
 * Decimal places kept for amounts the model computes (the stepped pool, linear
 * unlocks). 40 places is far below SESH's precision needs yet keeps every sum
 * of buckets (< 10¹⁰ SESH) within the 60 significant digits of core's Decimal,
 * so circulating = total − Σ buckets holds exactly whatever the order of addition.
 */
export const AMOUNT_PLACES = 40;

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
  staked: Decimal;
  lockedUnscheduled: Decimal;
  /** Still locked per lockup. */
  lockups: Record<Lockup, Decimal>;
  locked: Decimal;
  /** Protocol-owned liquidity: the liquidity share of fees since the TGE (circulating). */
  liquidity: Decimal;
  circulating: Decimal;
}

/**
 * The unscheduled locked tokens: the parameter's amount, or at TGE the
 * remainder `maxSupply − genesisCirculating − stakingRewardPool − Σ lockups`.
 */
export function unscheduledLocked(params: SessionParams): Decimal {
  if (params.lockedUnscheduled !== null) return params.lockedUnscheduled;
  let remainder = params.maxSupply.minus(params.genesisCirculating).minus(params.stakingRewardPool);
  for (const lockup of LOCKUPS) remainder = remainder.minus(params[`lockup${lockup}`].amount);
  return remainder;
}

/** A lockup with its unlock window, fixed for a parameter set. */
interface LockupWindow {
  lockup: Lockup;
  terms: LockupTerms;
  window: UnlockWindow;
  cliffEnd: number;
  end: number;
  /** The lockup prepared for lockedUnitsAt, at AMOUNT_PLACES. */
  units: LockupUnits;
}

/**
 * The lockups still locked at an instant, as integers: each lockup rounded to
 * AMOUNT_PLACES (lockedUnitsIn), summed exactly with the unscheduled locked
 * tokens. `free` (total − staked − locked, what circulates before the pool is
 * taken out) is what every figure needs; the per-lockup Decimals only supply
 * shows, so they are made when first read.
 */
export class LockedBuckets {
  /** total − staked − locked at the context's bucketPlaces. */
  readonly free: bigint;
  private lockupsValue: Record<Lockup, Decimal> | null = null;
  private lockedValue: Decimal | null = null;

  constructor(
    private readonly context: SessionContext,
    private readonly units: readonly bigint[],
  ) {
    let free = context.freeBaseUnits;
    for (const value of units) free -= value * context.bucketUp;
    this.free = free;
  }

  /** Still locked per lockup. */
  get lockups(): Record<Lockup, Decimal> {
    if (this.lockupsValue === null) {
      const lockups = {} as Record<Lockup, Decimal>;
      this.context.windows.forEach(({ lockup }, i) => {
        lockups[lockup] = fromScaledInteger(this.units[i]!, AMOUNT_PLACES);
      });
      this.lockupsValue = lockups;
    }
    return this.lockupsValue;
  }

  /** lockedUnscheduled + Σ lockups, exact. */
  get locked(): Decimal {
    if (this.lockedValue === null) {
      let locked = this.context.lockedUnscheduledUnits;
      for (const value of this.units) locked += value * this.context.bucketUp;
      this.lockedValue = fromScaledInteger(locked, this.context.bucketPlaces);
    }
    return this.lockedValue;
  }
}

/**
 * What {@link figuresAt} needs that does not depend on the instant, built once
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
  lockedUnscheduled: Decimal;
  windows: LockupWindow[];
  /** Places of the exact bucket sums: AMOUNT_PLACES or more if a parameter has more. */
  bucketPlaces: number;
  /** 10^(bucketPlaces − AMOUNT_PLACES): a lockup's units at bucketPlaces. */
  bucketUp: bigint;
  /** (maxSupply − staked − lockedUnscheduled) × 10^bucketPlaces. */
  freeBaseUnits: bigint;
  lockedUnscheduledUnits: bigint;
  pool: PoolBalanceTable;
  /** Locked buckets by the lockups' phases (a bit per lockup: ended), when none is linear. */
  lockedByPhase: Map<number, LockedBuckets>;
  /** This context in the keys of {@link pools}. */
  id: string;
}

/**
 * Estimated bytes of a context: its constants, the lockups' windows, the pool's
 * power table (64 powers of 100 digits per level, up to 4 levels) and the
 * locked buckets by phase (at most 2⁴): 14 KB measured over a few years.
 */
const CONTEXT_BYTES = 24 * 1024;
/** Contexts kept, for all parameter sets: 8 MiB, some 340 (a model memo's worth). */
export const CONTEXT_MEMO_BYTES = 8 * 1024 * 1024;
/** Estimated bytes of one kept pool: a 48-digit bigint and its place in the memo. */
const POOL_DAY_BYTES = 128;
/** Pools kept, for all parameter sets: 16 MiB, some 110,000 days. */
export const POOL_MEMO_BYTES = 16 * 1024 * 1024;

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

/** What the memos of contexts and pools of every Session parameter set hold now, against their bounds. */
export function sessionMemoStats(): { contexts: SizedCacheStats; pools: SizedCacheStats } {
  return { contexts: sizedCacheStats(contexts), pools: sizedCacheStats(pools) };
}

function contextOf(params: SessionParams): SessionContext {
  let context = contexts.get(params);
  if (context) return context;
  const tge = params.tgeDate;
  const anchor = params.poolBalanceAt ?? tge;
  const poolInflowPerDay = params.feeInflowPerDay.times(params.feeToPoolShare);
  const liquidityPerDay = params.feeInflowPerDay.minus(poolInflowPerDay);
  const staked = params.stakingRequirement.times(params.networkSize);
  const lockedUnscheduled = unscheduledLocked(params);
  const bucketPlaces = Math.max(
    AMOUNT_PLACES,
    params.maxSupply.decimalPlaces(),
    staked.decimalPlaces(),
    lockedUnscheduled.decimalPlaces(),
  );
  const lockedUnscheduledUnits = toScaledInteger(lockedUnscheduled, bucketPlaces);
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
    lockedUnscheduled,
    windows: LOCKUPS.map((lockup) => {
      const terms = params[`lockup${lockup}`];
      const window = unlockWindow(terms, tge);
      return {
        lockup,
        terms,
        window,
        cliffEnd: window.cliffEnd.getTime(),
        end: window.end.getTime(),
        units: lockupUnits(terms, window, AMOUNT_PLACES),
      };
    }),
    bucketPlaces,
    bucketUp: 10n ** BigInt(bucketPlaces - AMOUNT_PLACES),
    freeBaseUnits:
      toScaledInteger(params.maxSupply, bucketPlaces) -
      toScaledInteger(staked, bucketPlaces) -
      lockedUnscheduledUnits,
    lockedUnscheduledUnits,
    pool: poolBalanceTable(params.stakingRewardPool, params.poolReleaseRate, poolInflowPerDay, AMOUNT_PLACES),
    lockedByPhase: new Map(),
    // Ids are never reused, so a dropped context's pools can only miss.
    id: (nextContextId++).toString(36),
  };
  contexts.set(params, context);
  return context;
}

/** The lockups at `t` (AMOUNT_PLACES each, lockedUnitsIn) and their exact sums. */
function lockedBuckets(context: SessionContext, t: number): LockedBuckets {
  return new LockedBuckets(
    context,
    context.windows.map((window) => lockedUnitsAt(window.units, t)),
  );
}

/** The model at an instant in exact integers: what {@link figuresAt} and schedules share. */
export interface SessionUnits {
  /** Whole days since the TGE. */
  daysSinceTge: number;
  /** Daily steps from the anchor's day to the instant's day (negative before the anchor's day). */
  daysFromAnchor: number;
  /** The pool × 10^AMOUNT_PLACES. */
  pool: bigint;
  /** circulating = total − pool − staked − locked, × 10^bucketPlaces. */
  circulating: bigint;
  bucketPlaces: number;
  /** Released by the pool from the anchor (stakingRewardPool + inflow × days − pool) × 10^releasedPlaces. */
  released: bigint;
  releasedPlaces: number;
  buckets: LockedBuckets;
}

/**
 * The Session model at `at` in integers: the pool stepped daily from its
 * anchor, the lockups' remaining amounts, staked = nodes × requirement, and
 * circulating = total − pool − staked − locked, every term exact.
 *
 * Supply, rewards and schedules all come here, with the per-parameter-set
 * context (the pool's power table, the lockups' windows, the constant
 * buckets) built once; so a schedule point equals supply and rewards at its
 * instant to the last digit, and costs a few integer products.
 *
 * @throws TokenomicsError BAD_INPUT when the non-circulating buckets exceed the total supply
 * @example
 * ```ts
 * formatScaledInteger(unitsAt(SEED_PRESET.values, new Date('2025-05-22Z')).pool, AMOUNT_PLACES); // '39983452.0547…'
 * ```
 */
export function unitsAt(params: SessionParams, at: Date): SessionUnits {
  const context = contextOf(params);
  const t = at.getTime();
  const daysSinceTge = Math.floor((t - context.tge) / MS_PER_DAY);
  const daysFromAnchor = daysSinceTge - context.anchorDays;
  // pool₀ × q^days + inflow × (1 − q^days) / (1 − q), rounded once to AMOUNT_PLACES (poolUnitsFromTable);
  // a function of the day count alone, so a kept value is the value.
  const pool = remember(pools, `${context.id} ${daysFromAnchor}`, () =>
    poolUnitsFromTable(context.pool, daysFromAnchor),
  );
  let buckets: LockedBuckets | undefined;
  let phases = 0;
  for (let i = 0; i < context.windows.length; i++) {
    const window = context.windows[i]!;
    if (t >= window.end) phases |= 1 << i;
    else if (t >= window.cliffEnd) {
      phases = -1;
      break;
    }
  }
  if (phases < 0) buckets = lockedBuckets(context, t);
  else {
    buckets = context.lockedByPhase.get(phases);
    if (!buckets) {
      buckets = lockedBuckets(context, t);
      context.lockedByPhase.set(phases, buckets);
    }
  }
  // total − (pool + staked + locked), every term exact.
  const circulating = buckets.free - pool * context.bucketUp;
  // circulating must cover the protocol-owned liquidity (liquidityPerDay × days), compared exactly.
  const liquidity = context.liquidityUnits * BigInt(Math.max(daysSinceTge, 0));
  if (circulating < 0n || circulating * context.liquidityScale < liquidity * context.bucketScale) {
    throw overdrawn(params, context, at, pool, buckets);
  }
  return {
    daysSinceTge,
    daysFromAnchor,
    pool,
    circulating,
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

function overdrawn(
  params: SessionParams,
  context: SessionContext,
  at: Date,
  pool: bigint,
  buckets: LockedBuckets,
): TokenomicsError {
  return new TokenomicsError(
    'BAD_INPUT',
    `at ${at.toISOString()} the pool (${formatDecimal(fromScaledInteger(pool, AMOUNT_PLACES))}), staked tokens (networkSize × stakingRequirement = ${formatDecimal(context.staked)}) and locked allocations (${formatDecimal(buckets.locked)}) exceed the total supply ${formatDecimal(params.maxSupply)} less protocol-owned liquidity; lower networkSize, stakingRequirement or feeInflowPerDay`,
    {
      details: {
        keys: ['networkSize', 'stakingRequirement', 'feeInflowPerDay', 'stakingRewardPool'],
        at: at.toISOString(),
      },
    },
  );
}

/**
 * The Session model at `at` as Decimals: {@link unitsAt}, with the figures
 * supply and rewards show.
 *
 * @throws TokenomicsError BAD_INPUT when the non-circulating buckets exceed the total supply
 */
export function figuresAt(params: SessionParams, at: Date): SessionFigures {
  const context = contextOf(params);
  const units = unitsAt(params, at);
  return new Figures(
    at,
    units.daysSinceTge,
    context.anchor,
    units.daysFromAnchor,
    params.maxSupply,
    fromScaledInteger(units.pool, AMOUNT_PLACES),
    context.poolInflowPerDay,
    context.staked,
    context.lockedUnscheduled,
    units.buckets,
    context.liquidityPerDay === null ? ZERO : context.liquidityPerDay.times(Math.max(units.daysSinceTge, 0)),
    fromScaledInteger(units.circulating, units.bucketPlaces),
  );
}

/** {@link SessionFigures} whose per-lockup amounts are made when first read (schedules never read them). */
class Figures implements SessionFigures {
  constructor(
    readonly at: Date,
    readonly daysSinceTge: number,
    readonly anchor: Date,
    readonly daysFromAnchor: number,
    readonly total: Decimal,
    readonly pool: Decimal,
    readonly poolInflowPerDay: Decimal,
    readonly staked: Decimal,
    readonly lockedUnscheduled: Decimal,
    private readonly buckets: LockedBuckets,
    readonly liquidity: Decimal,
    readonly circulating: Decimal,
  ) {}

  /** maxSupply (= total). */
  get max(): Decimal {
    return this.total;
  }

  get lockups(): Record<Lockup, Decimal> {
    return this.buckets.lockups;
  }

  get locked(): Decimal {
    return this.buckets.locked;
  }
}

/**
 * Cross-parameter checks (defineAdapter's `validate`).
 *
 * @throws TokenomicsError BAD_INPUT naming the keys at fault
 */
export function validateSessionParams(params: SessionParams): void {
  if (params.poolBalanceAt !== null && params.poolBalanceAt.getTime() < params.tgeDate.getTime()) {
    throw new TokenomicsError('BAD_INPUT', 'parameter "poolBalanceAt" must not be before "tgeDate"', {
      details: { keys: ['poolBalanceAt', 'tgeDate'] },
    });
  }
  const genesisKeys = [
    'maxSupply',
    'genesisCirculating',
    'stakingRewardPool',
    'lockedUnscheduled',
    ...LOCKUPS.map((l) => `lockup${l}`),
  ];
  if (params.lockedUnscheduled === null) {
    if (params.poolBalanceAt !== null) {
      throw new TokenomicsError(
        'BAD_INPUT',
        'parameter "lockedUnscheduled" can be "remainder" only when "poolBalanceAt" is "tgeDate"; give an amount',
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
  } else if (params.poolBalanceAt === null) {
    let sum = params.genesisCirculating.plus(params.stakingRewardPool).plus(params.lockedUnscheduled);
    for (const lockup of LOCKUPS) sum = sum.plus(params[`lockup${lockup}`].amount);
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
