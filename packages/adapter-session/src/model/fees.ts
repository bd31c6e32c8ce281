import {
  amountInput,
  Decimal,
  derive,
  type FeeQuote,
  type FeeQuoteInput,
  type FeeSchedule,
  formatDecimal,
  formatFigure,
  rateInput,
  servedFigure,
} from '@tokenomics/core';
import { networkFeeSplit } from '../formulas/network-fee-split.js';
import { methodology, SOURCES } from '../parameters.js';
import { parameters, type SessionModel, type SessionParameterModel } from '../state.js';
import { SESH_DECIMALS } from '../token.js';

/** Fee destinations' targets. */
export const POOL_TARGET = 'staking-reward-pool';
export const LIQUIDITY_TARGET = 'protocol-owned-liquidity';

const FEES = [
  {
    key: 'session-pro',
    label: 'Session Pro',
    description:
      'Network Fee for Session Pro, paid in SESH, burnt and reminted: feeToPoolShare (90 %) into the Staking Reward Pool, the rest (10 %) protocol-owned liquidity (a Uniswap pool for at least 5 years from TGE). ' +
      'No Pro price is published (fiat prices are converted to SESH by oracle; the docs say "minus transaction fees"): the fee is the quote\'s input. ' +
      'On chain SESH has no mint function, so the "remint" is presumably a transfer to the pool (see docs/methodology/session.md#fees).',
  },
  {
    key: 'session-names',
    label: 'Session Names',
    description:
      'Network Fee for registering a Session Name (SNS), burnt and reminted 90 % / 10 % like every Network Fee. SNS "has not yet been deployed" and no price is published: the fee is the quote\'s input (see docs/methodology/session.md#fees).',
  },
] as const;

/**
 * The Network Fee schedules (`session-pro`, `session-names`).
 *
 * @example
 * ```ts
 * import type { SessionParameterModel } from '../state.js';
 * import { sessionFeeSchedules } from './fees.js';
 *
 * declare const model: SessionParameterModel;
 *
 * sessionFeeSchedules(model).map((fee) => fee.key); // ['session-pro', 'session-names']
 * ```
 */
export function sessionFeeSchedules(model: SessionParameterModel): FeeSchedule[] {
  const share = model.params.feeToPoolShare;
  return FEES.map((fee) => ({
    key: fee.key,
    label: fee.label,
    model: 'NETWORK_FEE',
    description: fee.description,
    parameters: parameters(model, ['feeToPoolShare', 'feeInflowPerDay']),
    destinations: [
      { target: POOL_TARGET, share },
      { target: LIQUIDITY_TARGET, share: new Decimal(1).minus(share) },
    ],
  }));
}

/**
 * Quotes a Network Fee: base 0, protocol fee = unitPrice × quantity (the fee
 * itself for quantity 1), total = the fee, allocations 90 % / 10 %.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import type { SessionModel } from '../state.js';
 * import { quoteSessionFee } from './fees.js';
 *
 * declare const model: SessionModel;
 *
 * const quote = quoteSessionFee(model, { fee: 'session-pro', quantity: new Decimal(1), unitPrice: new Decimal(100) });
 * quote.allocations.map((a) => a.amount.toFixed()); // ['90', '10']
 * ```
 */
export function quoteSessionFee(model: SessionModel, input: FeeQuoteInput): FeeQuote {
  const share = model.params.feeToPoolShare;
  const base = new Decimal(0);
  const protocolFee = input.unitPrice.times(input.quantity);
  const split = networkFeeSplit(protocolFee, share);
  // The split as the allocations are served: at SESH's base unit.
  const served = (amount: Decimal) => formatFigure(servedFigure(amount, SESH_DECIMALS));
  return {
    fee: input.fee,
    quantity: input.quantity,
    base,
    protocolFee,
    total: base.plus(protocolFee),
    allocations: [
      { target: POOL_TARGET, amount: split.pool },
      { target: LIQUIDITY_TARGET, amount: split.liquidity },
    ],
    derivation: derive(
      `total = protocolFee = unitPrice × quantity (a Network Fee has no seller: base 0); burnt and reminted: ${formatDecimal(share)} × fee → Staking Reward Pool = ${served(split.pool)}, the rest → protocol-owned liquidity = ${served(split.liquidity)}`,
      { unitPrice: amountInput(input.unitPrice), quantity: input.quantity, feeToPoolShare: rateInput(share) },
      protocolFee,
      `${methodology('fees')}; ${SOURCES.spec}; ${SOURCES.sessionPro}`,
    ),
  };
}
