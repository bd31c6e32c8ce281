import {
  addMonths,
  amountInput,
  Decimal,
  derive,
  type Rewards,
  type RewardsQuery,
  rateInput,
} from '@tokenomics/core';
import { stakingRates } from '@tokenomics/cosmos-rest';
import { annualProvisions } from '../formulas/annual-provisions.js';
import { stakingApr } from '../formulas/staking-apr.js';
import type { CosmosMintModel } from '../state.js';
import { anchorNote, DISTRIBUTION, HELD, MINT, mintStateAt } from './mint-state.js';

/**
 * Rewards at `at`: x/mint inflation (emissionRate), the run-rate
 * annualEmission (annual provisions × (1 − communityTax): what stakers
 * receive a year at this block's rate, the chain's `annual_provisions`
 * convention), APR after the community tax, daily-compounded APY; the
 * derivation also shows what the next twelve months actually mint to stakers.
 *
 * @example
 * ```ts
 * import type { CosmosMintModel } from '../state.js';
 * import { rewardsFigures } from './rewards.js';
 *
 * declare const model: CosmosMintModel; // the cosmoshub preset
 *
 * rewardsFigures(model, new Date('2019-03-13T23:00:00Z'), {}).stakingApr.toFixed(8); // '0.10238806' (0.07 × 0.98 / 0.67)
 * ```
 */
export function rewardsFigures(model: CosmosMintModel, at: Date, query: RewardsQuery): Rewards {
  const { params } = model;
  const s = mintStateAt(model, at);
  const inflation = s.path.inflation;
  const provisions = annualProvisions(inflation, s.supply.total);
  const keep = new Decimal(1).minus(params.communityTax);
  const toStakers = provisions.times(keep);
  const nextTo = addMonths(at, 12);
  const nextRelease = mintStateAt(model, nextTo).supply.minted.minus(s.supply.minted).times(keep);
  const apr = stakingApr(inflation, params.bondedRatio, params.communityTax);
  return {
    at,
    annualEmission: toStakers,
    emissionRate: inflation,
    ...stakingRates(apr, params.bondedRatio, query.commission),
    derivation: derive(
      'stakingApr = inflation × (1 − communityTax) / bondedRatio; inflation after n blocks of x/mint (see supply derivation of total); annualProvisions = inflation × total; annualEmission = annualProvisions × (1 − communityTax), the run-rate at t (what stakers receive a year at this block’s rate, as x/mint’s annual_provisions); nextTwelveMonthsRelease = (minted(t + 12 months) − minted(t)) × (1 − communityTax), what the next twelve months actually mint to stakers (the bonded ratio held)',
      {
        inflation: rateInput(inflation),
        blocks: s.blocks,
        total: amountInput(s.supply.total),
        annualProvisions: amountInput(provisions),
        communityTax: rateInput(params.communityTax),
        bondedRatio: rateInput(params.bondedRatio),
        annualEmission: amountInput(toStakers),
        nextTwelveMonthsTo: nextTo,
        nextTwelveMonthsRelease: amountInput(nextRelease),
        ...(query.commission === undefined ? {} : { commission: rateInput(query.commission) }),
      },
      apr,
      `${MINT}; ${DISTRIBUTION}; ${anchorNote(model)}; ${HELD}. Fees, proposer rewards and commission are not in the APR`,
    ),
  };
}
