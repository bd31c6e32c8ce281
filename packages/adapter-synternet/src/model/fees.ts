import {
  amountInput,
  Decimal,
  derive,
  type FeeQuote,
  type FeeQuoteInput,
  type FeeSchedule,
  formatDecimal,
  type Parameter,
  type ParameterModel,
  rateInput,
  TokenomicsError,
} from '@tokenomics/core';
import { BURN_TARGET, splitProtocolFee } from '../formulas/fee-split.js';
import { perUnitFee } from '../formulas/per-unit-fee.js';
import { percentWithMinimumFee } from '../formulas/percent-with-minimum-fee.js';
import type { SynternetParameters } from '../parameters.js';
import type { SynternetModel } from '../state.js';
import { METHOD, SPEC } from './state-at.js';

function parametersOf(
  model: ParameterModel<SynternetParameters>,
  keys: readonly (keyof SynternetParameters)[],
): Parameter[] {
  return keys.map((key) => model.parameters.find((parameter) => parameter.key === key)!);
}

/** The two fee schedules: pay-per-data and pay-per-message. */
export function feeSchedules(model: ParameterModel<SynternetParameters>): FeeSchedule[] {
  const { params } = model;
  const destinations = [
    { target: 'treasury', share: new Decimal(1).minus(params.burnShare) },
    { target: BURN_TARGET, share: params.burnShare },
  ];
  return [
    {
      key: 'pay-per-data',
      label: 'Pay-per-data protocol fee',
      model: 'PER_UNIT',
      description: `A fixed protocol fee of ${formatDecimal(params.dataFeePerGB)} SYNT per decimal gigabyte (10^9 bytes) on top of the agent's price per GB: an agent selling 1 GB for 8 SYNT costs the buyer 12 SYNT. Revenue goes to the treasury, burnShare of it burned.`,
      parameters: parametersOf(model, ['dataFeePerGB', 'burnShare']),
      destinations,
    },
    {
      key: 'pay-per-message',
      label: 'Pay-per-message protocol fee',
      model: 'PERCENT_WITH_MINIMUM',
      description: `Per message, a protocol fee of max(${formatDecimal(params.messageFeeMinimum)}, ${formatDecimal(params.messageFeeRate)} × price) on top of the agent's price. Our reading: the specification writes the total as max(0.001 + 0.0005, 0.0005 × 0.25), which equals price + 0.001 for every price and would never apply the 25 %; we read it as price + max(0.001, 0.25 × price), which gives the same 0.0015 for its example. Revenue goes to the treasury, burnShare of it burned.`,
      parameters: parametersOf(model, ['messageFeeRate', 'messageFeeMinimum', 'burnShare']),
      destinations,
    },
  ];
}

/** A quote under one of {@link feeSchedules}; the derivation explains the total. */
export function quoteFee(model: SynternetModel, input: FeeQuoteInput): FeeQuote {
  const { params } = model;
  const { quantity, unitPrice } = input;
  if (input.fee === 'pay-per-data') {
    const fee = perUnitFee(quantity, unitPrice, params.dataFeePerGB);
    return {
      fee: input.fee,
      quantity,
      ...fee,
      allocations: splitProtocolFee(fee.protocolFee, params.burnShare),
      derivation: derive(
        'total = quantity × unitPrice + quantity × dataFeePerGB',
        {
          quantity,
          unitPrice: amountInput(unitPrice),
          dataFeePerGB: amountInput(params.dataFeePerGB),
          base: amountInput(fee.base),
          protocolFee: amountInput(fee.protocolFee),
        },
        fee.total,
        `${SPEC} (Protocol Fee, Pay-per-Data); ${METHOD}#protocol-fees`,
      ),
    };
  }
  if (!quantity.isInteger()) {
    // The chain bills whole messages: a fractional count is a question it cannot answer.
    throw new TokenomicsError(
      'BAD_INPUT',
      `pay-per-message: quantity is a whole number of messages, got ${formatDecimal(quantity)}`,
      { details: { fee: input.fee, quantity: formatDecimal(quantity) } },
    );
  }
  const fee = percentWithMinimumFee(quantity, unitPrice, params.messageFeeRate, params.messageFeeMinimum);
  return {
    fee: input.fee,
    quantity,
    ...fee,
    allocations: splitProtocolFee(fee.protocolFee, params.burnShare),
    derivation: derive(
      'total = quantity × unitPrice + quantity × max(messageFeeMinimum, messageFeeRate × unitPrice) (our reading of the specification’s max(0.001 + p, 0.25 × p))',
      {
        quantity,
        unitPrice: amountInput(unitPrice),
        messageFeeRate: rateInput(params.messageFeeRate),
        messageFeeMinimum: amountInput(params.messageFeeMinimum),
        base: amountInput(fee.base),
        protocolFee: amountInput(fee.protocolFee),
      },
      fee.total,
      `${SPEC} (Protocol Fee, Pay-per-Message); ${METHOD}#protocol-fees (our reading of its formula)`,
    ),
  };
}
