import { addDays, cliff, monthlySteps, stepInstant, type Unlock } from '@tokenomics/core';
import {
  LOCKUP_SCHEDULES,
  LOCKUP_TERMS,
  LOCKUPS,
  type Lockup,
  methodology,
  type SessionParams,
  SOURCES,
} from '../parameters.js';

/**
 * The supply bucket of a lockup (what its unlock names).
 *
 * @example
 * ```ts
 * import { lockupBucket } from './unlocks.js';
 *
 * lockupBucket('B'); // 'locked-B'
 * ```
 */
export function lockupBucket(lockup: Lockup): string {
  return `locked-${lockup}`;
}

/** The buckets' labels: the genesis table's categories under each lockup. */
export const LOCKUP_LABELS: Record<Lockup, string> = {
  A: 'Locked allocations, lockup A (Treasury (Session Nodes), Strategic Token Sale)',
  B: 'Locked allocations, lockup B (Treasury (Advisors), Ecosystem & Community, Strategic Token Sale)',
  D: 'Locked allocations, lockup D (Treasury (Contributors), Treasury (Operational))',
  F: 'Locked allocations, lockup F (Testnet Incentive)',
};

const LOCKUP_SOURCE = `${methodology('lockups')}; ${SOURCES.genesis}`;

const byParams = new WeakMap<SessionParams, Array<{ lockup: Lockup; unlock: Unlock | null }>>();

/**
 * Each scheduled lockup with its unlock (null for a lockup of 0), built from
 * {@link LOCKUP_SCHEDULES} and the lockup amounts with core's `cliff` and
 * `monthlySteps`, counted from `tgeDate`. Supply, schedules and `unlocks`
 * all read these records, so they cannot disagree. Kept per parameter set.
 *
 * @example
 * ```ts
 * import type { SessionParams } from '../parameters.js';
 * import { lockupUnlocks } from './unlocks.js';
 *
 * declare const tgeParams: SessionParams; // the tge-2025-05-21 preset's values
 *
 * lockupUnlocks(tgeParams).map(({ unlock }) => unlock?.kind); // ['CLIFF', 'STEP', 'STEP', 'CLIFF']
 * ```
 */
export function lockupUnlocks(params: SessionParams): Array<{ lockup: Lockup; unlock: Unlock | null }> {
  let built = byParams.get(params);
  if (built) return built;
  built = LOCKUPS.map((lockup) => {
    const amount = params[`lockup${lockup}`];
    if (amount.isZero()) return { lockup, unlock: null };
    const schedule = LOCKUP_SCHEDULES[lockup];
    const base = {
      bucket: lockupBucket(lockup),
      label: `${LOCKUP_LABELS[lockup]}: ${LOCKUP_TERMS[lockup]}`,
      amount,
      source: LOCKUP_SOURCE,
    };
    const unlock =
      schedule.kind === 'cliff'
        ? cliff({
            ...base,
            at:
              schedule.months !== undefined
                ? stepInstant(params.tgeDate, 'MONTH', schedule.months)
                : addDays(params.tgeDate, schedule.days ?? 0),
          })
        : monthlySteps({
            ...base,
            start: stepInstant(params.tgeDate, 'MONTH', schedule.firstMonth),
            steps: schedule.steps,
          });
    return { lockup, unlock };
  });
  byParams.set(params, built);
  return built;
}

/**
 * The Session unlocks (the adapter's `unlocks`): lockups A, B, D and F of the
 * genesis table as cliffs and monthly steps; none in the seed, whose locked
 * 120,000,000 have no published schedule.
 *
 * @example
 * ```ts
 * import type { SessionModel } from '../state.js';
 * import { sessionUnlocks } from './unlocks.js';
 *
 * declare const model: SessionModel; // the tge-2025-05-21 preset
 *
 * sessionUnlocks(model).map((u) => u.bucket); // ['locked-A', 'locked-B', 'locked-D', 'locked-F'] (tge-2025-05-21)
 * ```
 */
export function sessionUnlocks(model: { params: SessionParams }): Unlock[] {
  return lockupUnlocks(model.params).flatMap(({ unlock }) => (unlock ? [unlock] : []));
}
