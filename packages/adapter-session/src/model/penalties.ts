import {
  amountInput,
  Decimal,
  derive,
  formatDecimal,
  type PenaltyInput,
  type PenaltyOutcome,
  type PenaltyRule,
  type StakeOutcome,
  sumDecimals,
} from '@tokenomics/core';
import { liquidationSplit } from '../formulas/liquidation-split.js';
import { methodology, SOURCES } from '../parameters.js';
import { parameters, type SessionModel, type SessionParameterModel } from '../state.js';
import { SESH_DECIMALS } from '../token.js';
import { POOL_TARGET } from './fees.js';

/**
 * The penalty rules (`liquidation`, `deregistration`).
 *
 * @example
 * ```ts
 * import type { SessionParameterModel } from '../state.js';
 * import { sessionPenaltyRules } from './penalties.js';
 *
 * declare const model: SessionParameterModel;
 *
 * sessionPenaltyRules(model).map((rule) => rule.key); // ['liquidation', 'deregistration']
 * ```
 */
export function sessionPenaltyRules(model: SessionParameterModel): PenaltyRule[] {
  const { exitUnlockDuration, liquidationGraceDuration, deregistrationLockDuration } = model.params;
  const days = (seconds: number) => formatDecimal(new Decimal(seconds).div(86_400));
  const eligible = days(exitUnlockDuration);
  const liquidatable = days(exitUnlockDuration + liquidationGraceDuration);
  return [
    {
      key: 'liquidation',
      label: 'Liquidation',
      trigger:
        `A node may exit ${eligible} days after its exit request (exitUnlockDuration, oxend's UNLOCK_DURATION of 15 days, which the docs and the 11.5.0 upgrade notice also give; the staking portal's constants say 14 days, and we follow oxend). ` +
        `A node deregistered by the network, or one that has not exited ${days(liquidationGraceDuration)} days after becoming eligible (liquidationGraceDuration: ${liquidatable} days after its exit request), may be liquidated by anyone with a network signature. ` +
        'Of the whole deposit, liquidatorRewardRatio / sum goes to the liquidator (truncated), ceil(poolShareOfLiquidationRatio / sum) in base units to the Staking Reward Pool, and the rest is returned; ' +
        `oxend takes the penalty out of the operator's stake (the first stake). Sources: ${methodology('liquidation')}; ${methodology('exit-timings')}; ${SOURCES.serviceNodeRewards}.`,
      parameters: parameters(model, [
        'liquidatorRewardRatio',
        'poolShareOfLiquidationRatio',
        'recipientRatio',
        'exitUnlockDuration',
        'liquidationGraceDuration',
      ]),
    },
    {
      key: 'deregistration',
      label: 'Deregistration',
      trigger:
        `A node that runs out of decommission credit (or is otherwise deregistered by the network) is removed: nothing is slashed, but the stake stays locked for deregistrationLockDuration (${days(deregistrationLockDuration)} days; oxend's DEREGISTRATION_LOCK_DURATION and the staking portal agree on 30) and earns no rewards meanwhile. ` +
        `Sources: ${methodology('deregistration')}; ${SOURCES.deregistration}; ${SOURCES.oxendMainnet}.`,
      parameters: parameters(model, ['deregistrationLockDuration']),
    },
  ];
}

function liquidate(model: SessionModel, input: PenaltyInput): PenaltyOutcome {
  const { params } = model;
  const deposit = sumDecimals(input.stakes);
  const ratios = {
    liquidator: params.liquidatorRewardRatio,
    pool: params.poolShareOfLiquidationRatio,
    recipient: params.recipientRatio,
  };
  const split = liquidationSplit(deposit, ratios, SESH_DECIMALS);
  let remaining = split.liquidator.plus(split.pool);
  // The penalty comes out of the operator's stake (the first); should it not suffice, out of the next stakes in order.
  const stakes: StakeOutcome[] = input.stakes.map((before) => {
    const slashed = Decimal.min(before, remaining);
    remaining = remaining.minus(slashed);
    return { before, slashed, after: before.minus(slashed) };
  });
  const slashedTotal = sumDecimals(stakes.map((stake) => stake.slashed));
  const sum = ratios.liquidator + ratios.pool + ratios.recipient;
  return {
    rule: 'liquidation',
    triggered: input.stakes.length > 0,
    slashedTotal,
    stakes,
    jailedSeconds: null,
    tombstoned: false,
    lockedSeconds: null,
    allocations: [
      { target: 'liquidator', amount: split.liquidator },
      { target: POOL_TARGET, amount: split.pool },
    ],
    derivation: derive(
      `deposit = Σ stakes = ${formatDecimal(deposit)}; liquidator = floor(deposit × ${ratios.liquidator} / ${sum}) = ${formatDecimal(split.liquidator)}; ` +
        `pool = ceil(deposit × ${ratios.pool} / ${sum}) = ${formatDecimal(split.pool)} (base units of 10⁻⁹ SESH, as the contract computes); ` +
        `slashedTotal = liquidator + pool, taken from the operator's stake; returned = deposit − slashedTotal = ${formatDecimal(split.returned)}`,
      {
        deposit: amountInput(deposit),
        liquidatorRewardRatio: ratios.liquidator,
        poolShareOfLiquidationRatio: ratios.pool,
        recipientRatio: ratios.recipient,
        returned: amountInput(split.returned),
      },
      slashedTotal,
      `${methodology('liquidation')}; ${SOURCES.serviceNodeRewards} (liquidateBLSPublicKeyWithSignature); ${SOURCES.deploy}`,
    ),
  };
}

function deregister(model: SessionModel, input: PenaltyInput): PenaltyOutcome {
  const seconds = model.params.deregistrationLockDuration;
  const zero = new Decimal(0);
  return {
    rule: 'deregistration',
    triggered: input.stakes.length > 0,
    slashedTotal: zero,
    stakes: input.stakes.map((before) => ({ before, slashed: zero, after: before })),
    jailedSeconds: null,
    tombstoned: false,
    lockedSeconds: seconds,
    allocations: [],
    derivation: derive(
      `no slash: slashedTotal = 0; every stake stays locked for deregistrationLockDuration = ${seconds} s (${seconds / 86_400} days) and earns no rewards meanwhile (about 30 × the per-node daily reward forgone)`,
      { deregistrationLockDuration: `${seconds}s`, stakes: input.stakes.length },
      zero,
      `${methodology('deregistration')}; ${SOURCES.oxendMainnet}; ${SOURCES.deregistration}`,
    ),
  };
}

/**
 * Simulates a penalty on the stakes of one node (operator first).
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import type { SessionModel } from '../state.js';
 * import { simulateSessionPenalty } from './penalties.js';
 *
 * declare const model: SessionModel;
 *
 * simulateSessionPenalty(model, { rule: 'liquidation', stakes: [new Decimal(25_000)] }).stakes[0]?.after.toFixed(); // '24950'
 * ```
 */
export function simulateSessionPenalty(model: SessionModel, input: PenaltyInput): PenaltyOutcome {
  return input.rule === 'liquidation' ? liquidate(model, input) : deregister(model, input);
}
