import {
  amountInput,
  Decimal,
  type DerivationInput,
  derive,
  formatDecimal,
  type Rewards,
  type RewardsQuery,
  rateInput,
} from '@tokenomics/core';
import { dailyNetworkReward } from '../formulas/daily-network-reward.js';
import { perNodeDailyReward } from '../formulas/per-node-daily-reward.js';
import { stakingApr } from '../formulas/staking-apr.js';
import { methodology, SOURCES } from '../parameters.js';
import type { SessionModel } from '../state.js';
import { atStep, figuresAt, releasedOverDays, releaseRateFractions } from './figures.js';

/** Oxen blocks per day (2-minute blocks). */
const BLOCKS_PER_DAY = 720;

/**
 * Session staking rewards at `at` (the adapter's `rewards`); the derivation
 * explains `stakingApr` through the seed's per-node formula.
 *
 * @example
 * ```ts
 * import type { SessionModel } from '../state.js';
 * import { sessionRewards } from './rewards.js';
 *
 * declare const model: SessionModel; // the seed preset
 *
 * sessionRewards(model, new Date('2025-05-21T00:00:00Z'), {}).stakingApr.toFixed(); // '0.1208' (seed)
 * ```
 */
export function sessionRewards(model: SessionModel, at: Date, query: RewardsQuery): Rewards {
  const commission = query.commission === undefined ? '' : formatDecimal(query.commission);
  return atStep(rewardsMemo, model, at, commission, () => rewardsAt(model, at, query));
}

/** Rewards kept by model, step and commission: the figures step once a day (see atStep). */
const rewardsMemo = new WeakMap<object, Map<string, Rewards>>();

function rewardsAt(model: SessionModel, at: Date, query: RewardsQuery): Rewards {
  const { params, state } = model;
  const f = figuresAt(model, at);
  const rate = params.poolReleaseRate;
  const nodes = params.networkSize;
  const daily = dailyNetworkReward(f.pool, rate);
  const perNode = perNodeDailyReward(f.pool, rate, nodes);
  const apr = stakingApr(f.pool, rate, nodes, params.stakingRequirement);
  // The same at every instant: computed once per rate.
  const { dailySteps: yearly, continuous } = releaseRateFractions(rate);
  // today's release × 365 = rate × pool, exactly (the daily release itself is rate × pool / 365)
  const annualEmission = rate.times(f.pool);
  const nextYear = releasedOverDays(model, at, 365);
  const inputs: Record<string, DerivationInput> = {
    'annualEmission (run-rate: today’s release × 365 = rate × pool)': amountInput(annualEmission),
    'released over the next twelve months (365 daily steps, fee inflows included)': amountInput(nextYear),
    'released over the next twelve months, as a fraction of the pool': rateInput(
      f.pool.isZero() ? new Decimal(0) : nextYear.div(f.pool),
    ),
    pool: amountInput(f.pool),
    poolReleaseRate: rateInput(rate),
    networkSize: nodes,
    stakingRequirement: amountInput(params.stakingRequirement),
    'perParticipantDaily (rate × pool / (365 × networkSize))': amountInput(perNode),
    'network reward per day (rate × pool / 365)': amountInput(daily),
    'released per year with daily steps (1 − (1 − rate/365)^365)': rateInput(yearly),
    'contract: per-second accrual, 2-minute blocks (1 − e^(−rate))': rateInput(continuous),
    'pool₀ (stakingRewardPool)': amountInput(params.stakingRewardPool),
    'days stepped from pool₀': f.daysFromAnchor,
  };
  if (state.kind === 'live') {
    inputs['chain: RewardRatePool.rewardRate() per 2-minute block'] = amountInput(state.rewardRatePerBlock);
    inputs['chain: rewardRate() × 720 blocks per day'] = amountInput(
      state.rewardRatePerBlock.times(BLOCKS_PER_DAY),
    );
  }
  return {
    at,
    annualEmission,
    emissionRate: rate,
    stakingApr: apr,
    stakingApy: null,
    bondedRatio: f.staked.div(f.total),
    participants: nodes,
    perParticipantDaily: perNode,
    delegatorApr: query.commission ? apr.times(new Decimal(1).minus(query.commission)) : null,
    derivation: derive(
      `stakingApr = perParticipantDaily × 365 / stakingRequirement = ${formatDecimal(rate)} × pool / (networkSize × stakingRequirement), ` +
        `with the seed's perParticipantDaily = ${formatDecimal(rate)} × pool / (365 × networkSize), the pool stepped once a day; ` +
        `over a year the daily steps release ${yearly.toSignificantDigits(6).times(100).toFixed()} % of the pool (the seed's "targeted 14 % per year"). ` +
        'annualEmission and emissionRate are the run-rate at the instant (today’s release × 365, the convention of Cosmos annual_provisions), not what a year will release: as the pool shrinks, the next twelve months release less (shown as an input). ' +
        'The contract differs: RewardRatePool accrues per second, linearly, compounding only when payoutReleased() is called, and oxend pays it per 2-minute block ' +
        '(rewardRate() = the 2-minute payout, ≈ 14.015 %/yr released). Not compounded: rewards are claimed, not restaked, so stakingApy is null',
      inputs,
      apr,
      `${methodology('rewards')}; ${methodology('annual-emission')}; ${SOURCES.spec}; ${SOURCES.rewardRatePool}`,
    ),
  };
}
