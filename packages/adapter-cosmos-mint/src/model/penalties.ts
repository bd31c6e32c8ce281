import { slashingPenalties } from '@tokenomics/cosmos-rest';
import type { ModelContext } from '../state.js';
import { SLASHING } from './mint-state.js';

/**
 * The two x/slashing rules, downtime and double-sign, and their simulation
 * (shared with every Cosmos adapter), truncating slashes to this chain's base unit.
 */
export function mintPenalties(context: ModelContext): ReturnType<typeof slashingPenalties> {
  return slashingPenalties({ symbol: context.symbol, decimals: context.decimals }, SLASHING);
}
