import type { ParameterModel, PenaltyInput, PenaltyOutcome, PenaltyRule } from '@tokenomics/core';
import { type SlashingModel, simulateSlashingPenalty, slashingPenaltyRules } from '@tokenomics/cosmos-rest';
import type { CosmosMintParameters } from '../parameters.js';
import type { CosmosMintModel, ModelContext } from '../state.js';
import { SLASHING } from './mint-state.js';

/** The x/slashing model with this chain's token, truncating slashes to its base unit. */
function slashingModel(model: ParameterModel<CosmosMintParameters>, context: ModelContext): SlashingModel {
  return {
    params: model.params,
    token: { symbol: context.symbol, decimals: context.decimals },
    parameters: model.parameters,
    sources: SLASHING,
  };
}

/**
 * The two x/slashing rules: downtime and double-sign (shared with every Cosmos adapter).
 *
 * @example
 * ```ts
 * penaltyRules(model, context).map((rule) => rule.key); // ['downtime', 'double-sign']
 * ```
 */
export function penaltyRules(
  model: ParameterModel<CosmosMintParameters>,
  context: ModelContext,
): PenaltyRule[] {
  return slashingPenaltyRules(slashingModel(model, context));
}

/**
 * Simulates an x/slashing penalty on the given stakes (shared with every Cosmos adapter).
 *
 * @example
 * ```ts
 * simulatePenalty(model, { rule: 'double-sign', stakes: [new Decimal('10000')] }, context).slashedTotal.toFixed(); // '500'
 * ```
 */
export function simulatePenalty(
  model: CosmosMintModel,
  input: PenaltyInput,
  context: ModelContext,
): PenaltyOutcome {
  return simulateSlashingPenalty(slashingModel(model, context), input);
}
