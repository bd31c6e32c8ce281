import { Decimal, formatDecimal, TokenomicsError, wholeDaysBetween } from '@tokenomics/core';
import { lockedAmount } from '../formulas/locked-amount.js';
import { poolBalanceAfterDays } from '../formulas/pool-balance.js';
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
  /** Released by the pool from the anchor to `at` (negative before the anchor). */
  releasedSinceAnchor: Decimal;
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

/**
 * The Session model at `at`: the pool stepped daily from its anchor, the
 * lockups' remaining amounts, staked = nodes × requirement, and
 * circulating = total − pool − staked − locked.
 *
 * @throws TokenomicsError BAD_INPUT when the non-circulating buckets exceed the total supply
 */
export function figuresAt(params: SessionParams, at: Date): SessionFigures {
  const tge = params.tgeDate;
  const anchor = params.poolBalanceAt ?? tge;
  const daysSinceTge = wholeDaysBetween(tge, at);
  const daysFromAnchor = daysSinceTge - wholeDaysBetween(tge, anchor);
  const poolInflowPerDay = params.feeInflowPerDay.times(params.feeToPoolShare);
  const step = {
    pool: params.stakingRewardPool,
    rate: params.poolReleaseRate,
    days: daysFromAnchor,
    dailyInflow: poolInflowPerDay,
  };
  const pool = poolBalanceAfterDays(step).toDecimalPlaces(AMOUNT_PLACES);
  // What went in minus what is left (poolReleasedOverDays, on the rounded pool).
  const releasedSinceAnchor = params.stakingRewardPool
    .plus(poolInflowPerDay.times(daysFromAnchor))
    .minus(pool);
  const staked = params.stakingRequirement.times(params.networkSize);
  const lockedUnscheduled = unscheduledLocked(params);
  const lockups = {} as Record<Lockup, Decimal>;
  let locked = lockedUnscheduled;
  for (const lockup of LOCKUPS) {
    lockups[lockup] = lockedAmount(params[`lockup${lockup}`], tge, at).toDecimalPlaces(AMOUNT_PLACES);
    locked = locked.plus(lockups[lockup]);
  }
  const total = params.maxSupply;
  // Every non-circulating bucket, in the order supply lists them.
  const circulating = total.minus(pool.plus(staked).plus(locked));
  const liquidity = params.feeInflowPerDay.minus(poolInflowPerDay).times(Math.max(daysSinceTge, 0));
  if (circulating.lt(liquidity) || circulating.isNegative()) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `at ${at.toISOString()} the pool (${formatDecimal(pool)}), staked tokens (networkSize × stakingRequirement = ${formatDecimal(staked)}) and locked allocations (${formatDecimal(locked)}) exceed the total supply ${formatDecimal(total)} less protocol-owned liquidity; lower networkSize, stakingRequirement or feeInflowPerDay`,
      {
        details: {
          keys: ['networkSize', 'stakingRequirement', 'feeInflowPerDay', 'stakingRewardPool'],
          at: at.toISOString(),
        },
      },
    );
  }
  return {
    at,
    daysSinceTge,
    anchor,
    daysFromAnchor,
    max: params.maxSupply,
    total,
    pool,
    poolInflowPerDay,
    releasedSinceAnchor,
    staked,
    lockedUnscheduled,
    lockups,
    locked,
    liquidity,
    circulating,
  };
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
