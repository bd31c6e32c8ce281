import { Decimal } from '@tokenomics/core';

/**
 * The validator (staker) inflation rate within a total inflation rate that
 * also mints to the treasury: `max(total − treasury, 0)`. Synternet's x/mint
 * `inflation`, where a chain serves it, is read as the total (proposal 0008
 * states its figures as totals: year 2 = 12 %, of which 5.5 % to the
 * treasury); a total below the treasury's rate leaves stakers nothing, never
 * a negative rate.
 *
 * Source: https://github.com/Synternet/synternet-chain-releases/blob/74e3a29f07825c3ff1bebbc79c721e39e0df7f69/networks/mainnet/proposals/proposal-0008.json;
 * docs/methodology/synternet.md#chain-inflation-read-live.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { validatorRateOfTotal } from './validator-rate.js';
 *
 * validatorRateOfTotal(new Decimal('0.12'), new Decimal('0.055')).toFixed(); // '0.065'
 * validatorRateOfTotal(new Decimal('0.05'), new Decimal('0.055')).toFixed(); // '0'
 * ```
 */
export function validatorRateOfTotal(totalInflation: Decimal, treasuryRate: Decimal): Decimal {
  return Decimal.max(totalInflation.minus(treasuryRate), 0);
}
