import type { ParameterModel, PenaltyInput, PenaltyOutcome, PenaltyRule } from '@tokenomics/core';
import {
  COSMOS_SDK_SLASHING_SOURCES,
  type SlashingModel,
  simulateSlashingPenalty,
  slashingPenaltyRules,
} from '@tokenomics/cosmos-rest';
import type { SynternetParameters } from '../parameters.js';
import type { SynternetModel } from '../state.js';
import { SYNT_DECIMALS, SYNT_DENOM } from '../token.js';
import { METHOD, SPEC } from './state-at.js';

/**
 * The x/slashing model with Synternet's token and wording: slashes truncated
 * to the usynt, derivations citing the documentation's Slashing section, the
 * methodology page and the Cosmos SDK files at commits.
 */
function slashingModel(model: ParameterModel<SynternetParameters>): SlashingModel {
  return {
    params: model.params,
    token: { symbol: 'SYNT', decimals: SYNT_DECIMALS, baseUnit: SYNT_DENOM },
    parameters: model.parameters,
    sources: {
      downtime: `${SPEC} (Slashing); ${METHOD}#slashing; ${COSMOS_SDK_SLASHING_SOURCES.downtime}`,
      doubleSign: `${SPEC} (Slashing: "much more severe"); ${METHOD}#slashing; ${COSMOS_SDK_SLASHING_SOURCES.doubleSign}`,
    },
  };
}

/** The two penalty rules: downtime and double-sign (x/slashing, shared with every Cosmos adapter). */
export function penaltyRules(model: ParameterModel<SynternetParameters>): PenaltyRule[] {
  return slashingPenaltyRules(slashingModel(model));
}

/** Simulates a penalty on the given stakes (x/slashing, shared with every Cosmos adapter). */
export function simulatePenalty(model: SynternetModel, input: PenaltyInput): PenaltyOutcome {
  return simulateSlashingPenalty(slashingModel(model), input);
}
