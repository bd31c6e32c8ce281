import { COSMOS_SDK_SLASHING_SOURCES, slashingPenalties } from '@tokenomics/cosmos-rest';
import { SYNT_DECIMALS, SYNT_DENOM } from '../token.js';
import { METHOD, SPEC } from './state-at.js';

/**
 * The two penalty rules, downtime and double-sign, and their simulation
 * (x/slashing, shared with every Cosmos adapter): slashes truncated to the
 * usynt, derivations citing the documentation's Slashing section, the
 * methodology page and the Cosmos SDK files at commits.
 */
export const synternetPenalties = slashingPenalties(
  { symbol: 'SYNT', decimals: SYNT_DECIMALS, baseUnit: SYNT_DENOM },
  {
    downtime: `${SPEC} (Slashing); ${METHOD}#slashing; ${COSMOS_SDK_SLASHING_SOURCES.downtime}`,
    doubleSign: `${SPEC} (Slashing: "much more severe"); ${METHOD}#slashing; ${COSMOS_SDK_SLASHING_SOURCES.doubleSign}`,
  },
);
