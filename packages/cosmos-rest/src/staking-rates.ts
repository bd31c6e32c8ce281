import type { Decimal, Rewards } from '@tokenomics/core';
import { delegatorApr } from './formulas/delegator-apr.js';
import { dailyCompoundedApy } from './formulas/staking-apy.js';

/**
 * The rates every Cosmos staking chain serves from its APR: the APR itself,
 * the daily-compounded APY, the bonded ratio, a delegator's APR after a
 * commission when one is asked, and no participant figures (a Cosmos chain
 * has delegators, not a fixed set of nodes).
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { stakingRates } from '@tokenomics/cosmos-rest';
 *
 * stakingRates(new Decimal('0.16'), new Decimal('0.5'), new Decimal('0.05')).delegatorApr?.toFixed(); // '0.152'
 * ```
 */
export function stakingRates(
  apr: Decimal,
  bondedRatio: Decimal,
  commission: Decimal | undefined,
): Pick<
  Rewards,
  'stakingApr' | 'stakingApy' | 'bondedRatio' | 'participants' | 'perParticipantDaily' | 'delegatorApr'
> {
  return {
    stakingApr: apr,
    stakingApy: dailyCompoundedApy(apr),
    bondedRatio,
    participants: null,
    perParticipantDaily: null,
    delegatorApr: commission === undefined ? null : delegatorApr(apr, commission),
  };
}
