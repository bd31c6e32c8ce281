import type { Decimal } from '@tokenomics/core';
import type { SessionModel } from '../state.js';

/**
 * What the history records beyond supply and rewards: the Staking Reward
 * Pool's unreleased balance as read on chain (`SESH.balanceOf(RewardRatePool)`
 * less the released-but-unpaid tokens), the figure the model steps from. A
 * snapshot observes nothing: null.
 *
 * @example
 * ```ts
 * import type { SessionModel } from '../state.js';
 * import { sessionObserved } from './observed.js';
 *
 * declare const model: SessionModel;
 * sessionObserved(model).poolBalance?.toFixed(); // e.g. '55554555.123456789' live, undefined for a snapshot
 * ```
 */
export function sessionObserved(model: Pick<SessionModel, 'state'>): { poolBalance: Decimal | null } {
  const { state } = model;
  if (state.kind !== 'live') return { poolBalance: null };
  return { poolBalance: state.poolTokenBalance.minus(state.accruedUnpaid) };
}
