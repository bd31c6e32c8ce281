import { type Model, type Parameter, type ParameterModel, TokenomicsError } from '@tokenomics/core';
import type { SessionSchema } from '../parameters.js';
import type { SessionState } from '../state.js';

/** The resolved Session model. */
export type SessionModel = Model<SessionSchema, SessionState>;

/** The Session parameters alone (what fee schedules, penalty rules and unlocks read; core's `ParameterModel`). */
export type SessionParameterModel = ParameterModel<SessionSchema>;

/** The parameter record of a key (with its value as text and its source). */
export function parameter(model: SessionParameterModel, key: keyof SessionSchema & string): Parameter {
  const found = model.parameters.find((record) => record.key === key);
  if (!found) throw new TokenomicsError('INTERNAL', `parameter "${key}" is missing from the resolved model`);
  return found;
}

/** Parameter records of several keys, in the given order. */
export function parameters(
  model: SessionParameterModel,
  keys: ReadonlyArray<keyof SessionSchema & string>,
): Parameter[] {
  return keys.map((key) => parameter(model, key));
}
