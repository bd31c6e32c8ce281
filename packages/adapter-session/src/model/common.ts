import { type Model, type Parameter, TokenomicsError } from '@tokenomics/core';
import type { SessionSchema } from '../parameters.js';
import type { SessionState } from '../state.js';

/** The resolved Session model. */
export type SessionModel = Model<SessionSchema, SessionState>;

/** The parameter record of a key (with its value as text and its source). */
export function parameter(model: SessionModel, key: keyof SessionSchema & string): Parameter {
  const found = model.parameters.find((record) => record.key === key);
  if (!found) throw new TokenomicsError('INTERNAL', `parameter "${key}" is missing from the resolved model`);
  return found;
}

/** Parameter records of several keys, in the given order. */
export function parameters(
  model: SessionModel,
  keys: ReadonlyArray<keyof SessionSchema & string>,
): Parameter[] {
  return keys.map((key) => parameter(model, key));
}
