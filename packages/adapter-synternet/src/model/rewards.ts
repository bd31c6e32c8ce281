import {
  addMonths,
  amountInput,
  Decimal,
  derive,
  fromScaledInteger,
  type Rewards,
  type RewardsQuery,
  rateInput,
} from '@tokenomics/core';
import { stakingRates } from '@tokenomics/cosmos-rest';
import { stakingApr } from '../formulas/staking-apr.js';
import { AMOUNT_PLACES } from '../formulas/supply-at.js';
import type { SynternetModel } from '../state.js';
import { chainValidatorRate, METHOD, RULING, SPEC, stateAt, withSchedule } from './state-at.js';

/**
 * Rewards at `at`: momentary validator inflation (emissionRate), the run-rate
 * annualEmission (this year's validator allowance, emitted evenly, × (1 −
 * communityTax): what stakers receive a year at the current rate, the chain's
 * annual provisions), APR, APY, bonded ratio; the derivation also shows what
 * the next twelve months actually release to stakers.
 */
export function rewardsFigures(model: SynternetModel, at: Date, query: RewardsQuery): Rewards {
  const { params } = model;
  const s = stateAt(model, at);
  // validatorAllowance / total, rounded to RATE_PLACES, as schedule points have it (supplySchedule).
  const inflation = s.inflation;
  const keep = new Decimal(1).minus(params.communityTax);
  const annualEmission = s.year.validatorAllowance.times(keep);
  const nextTo = addMonths(at, 12);
  // Only what stakers get by then: the schedule's integer figures, not a whole supplyAt.
  const nextEmitted = withSchedule(model, (schedule) => schedule.figuresAt(nextTo).validatorEmittedUnits);
  const nextRelease = fromScaledInteger(nextEmitted - s.units.validatorEmitted, AMOUNT_PLACES).times(keep);
  const apr = stakingApr(inflation, params.bondedRatio, params.communityTax);
  const chain = s.year.allowanceFromChain ? chainValidatorRate(model) : null;
  const mintNote = chain
    ? `; x/mint inflation (GET /cosmos/mint/v1beta1/inflation) read as the total inflation (validator + treasury, as proposal 0008 states its figures): validator rate = max(chainInflation − treasuryRate, 0), this year's validator allowance = that × total at block ${model.state?.height} (${METHOD}#chain-inflation-read-live)`
    : '';
  return {
    at,
    annualEmission,
    emissionRate: inflation,
    ...stakingRates(apr, params.bondedRatio, query.commission),
    derivation: derive(
      'APR = inflation(t) / bondedRatio × (1 − communityTax); inflation(t) = validatorAllowance_y / total(t) (emissionRate); annualEmission = validatorAllowance_y × (1 − communityTax), the run-rate at t (the allowance is emitted evenly through the year: the annual provisions stakers receive); nextTwelveMonthsRelease = (validatorEmitted(t + 12 months) − validatorEmitted(t)) × (1 − communityTax), what the next twelve months actually release',
      {
        inflation: rateInput(inflation),
        validatorAllowance: amountInput(s.year.validatorAllowance),
        total: amountInput(s.total),
        year: s.year.number,
        validatorRate: rateInput(s.year.rates.validator),
        ...(chain
          ? {
              chainInflation: rateInput(chain.chainInflation),
              treasuryRate: rateInput(chain.treasuryRate),
              chainValidatorRate: rateInput(chain.validatorRate),
            }
          : {}),
        bondedRatio: rateInput(params.bondedRatio),
        communityTax: rateInput(params.communityTax),
        annualEmission: amountInput(annualEmission),
        nextTwelveMonthsTo: nextTo,
        nextTwelveMonthsRelease: amountInput(nextRelease),
        ...(query.commission === undefined ? {} : { commission: rateInput(query.commission) }),
      },
      apr,
      `${SPEC} (Incentives: "Reward rate = Inflation rate / Bonding rate"); x/distribution community_tax; ${METHOD}#rewards; ${RULING}${mintNote}`,
    ),
  };
}
