import {
  Decimal,
  decimalKind,
  defineParameters,
  derive,
  durationKind,
  formatDecimal,
  integerKind,
  type Parameter,
  type ParameterValues,
  type PenaltyInput,
  type PenaltyOutcome,
  type PenaltyRule,
  sumDecimals,
  TokenomicsError,
} from '@tokenomics/core';
import { downtimeTrigger } from './formulas/downtime-trigger.js';
import { slashStake } from './formulas/slash-stake.js';

/** The target slashed tokens go to: x/staking burns them. */
export const SLASHING_BURN_TARGET = 'burn';

/**
 * The x/slashing parameters as a model's parameter schema, under the keys
 * every Cosmos adapter uses for the module's `signed_blocks_window`,
 * `min_signed_per_window`, `downtime_jail_duration`, `slash_fraction_downtime`
 * and `slash_fraction_double_sign`. Spread it into an adapter's
 * `defineParameters({ …, ...slashingParameterSchema, … })`; the kinds bound
 * what a preset, an override or a live chain may give.
 *
 * @example
 * ```ts
 * const parameters = defineParameters({ communityTax: { … }, ...slashingParameterSchema });
 * parameters.signedBlocksWindow.kind.parse('16000'); // 16000
 * ```
 */
export const slashingParameterSchema = defineParameters({
  signedBlocksWindow: {
    label: 'Signed blocks window',
    unit: 'blocks',
    description:
      'x/slashing `signed_blocks_window`: the sliding number of blocks over which a validator’s liveness is judged.',
    kind: integerKind({ min: 1 }),
  },
  minSignedPerWindow: {
    label: 'Min signed per window',
    description:
      'x/slashing `min_signed_per_window`: the fraction of the window a validator must sign; downtime is triggered when missed > window − round(minSignedPerWindow × window).',
    kind: decimalKind({ min: '0', max: '1' }),
  },
  downtimeJailSeconds: {
    label: 'Downtime jail duration',
    unit: 's',
    description:
      'x/slashing `downtime_jail_duration`: how long a validator jailed for downtime must wait before it may send MsgUnjail.',
    kind: durationKind(),
  },
  slashFractionDowntime: {
    label: 'Slash fraction, downtime',
    description:
      'x/slashing `slash_fraction_downtime`: the fraction of every stake on the validator slashed (and burned) for downtime.',
    kind: decimalKind({ min: '0', max: '1' }),
  },
  slashFractionDoubleSign: {
    label: 'Slash fraction, double signing',
    description:
      'x/slashing `slash_fraction_double_sign`: the fraction of every stake on the validator slashed (and burned) for double signing.',
    kind: decimalKind({ min: '0', max: '1' }),
  },
});

/** The keys of {@link slashingParameterSchema}, in its order. */
export const SLASHING_PARAMETER_KEYS = [
  'signedBlocksWindow',
  'minSignedPerWindow',
  'downtimeJailSeconds',
  'slashFractionDowntime',
  'slashFractionDoubleSign',
] as const satisfies readonly (keyof typeof slashingParameterSchema)[];

/** One of {@link SLASHING_PARAMETER_KEYS}. */
export type SlashingParameterKey = (typeof SLASHING_PARAMETER_KEYS)[number];

/**
 * The parsed x/slashing values the penalty model reads (a model's `params`
 * fits): the window in blocks, the jail duration in whole seconds, the rest
 * Decimals.
 */
export type SlashingParameterValues = ParameterValues<typeof slashingParameterSchema>;

/** What {@link slashingPenaltyRules} and {@link simulateSlashingPenalty} need: values, token, records and citations. */
export interface SlashingModel {
  /** The parameter values in force (the model's `params`, overrides applied). */
  params: SlashingParameterValues;
  /** The slashed token. */
  token: {
    symbol: string;
    /** Base-unit decimals: each slash is truncated to 10^-decimals. */
    decimals: number;
    /** How rules and derivations name the base unit, e.g. `usynt`; default `base unit of <symbol>`. */
    baseUnit?: string;
  };
  /**
   * The parameter records (the model's `parameters`); each rule shows the ones
   * of {@link SLASHING_PARAMETER_KEYS} it reads, with their values and sources.
   */
  parameters: readonly Parameter[];
  /** The citation of each rule's derivation, in the adapter's own words. */
  sources: { downtime: string; doubleSign: string };
}

function pick(model: SlashingModel, keys: readonly SlashingParameterKey[]): Parameter[] {
  return keys.map((key) => {
    const parameter = model.parameters.find((candidate) => candidate.key === key);
    if (!parameter) {
      throw new TokenomicsError('INTERNAL', `the x/slashing model has no parameter record "${key}"`, {
        details: { key },
      });
    }
    return parameter;
  });
}

function baseUnitOf(model: SlashingModel): string {
  return model.token.baseUnit ?? `base unit of ${model.token.symbol}`;
}

/**
 * The two x/slashing penalty rules, `downtime` and `double-sign`, with the
 * trigger in words (the downtime threshold worked out for the window) and the
 * parameter records each reads.
 *
 * @throws TokenomicsError INTERNAL when `parameters` lacks a slashing key
 * @example
 * ```ts
 * const rules = slashingPenaltyRules({ params, token: { symbol: 'SYNT', decimals: 6, baseUnit: 'usynt' },
 *   parameters: model.parameters, sources: { downtime: 'cosmos-sdk x/slashing', doubleSign: 'cosmos-sdk x/evidence' } });
 * rules.map((rule) => rule.key); // ['downtime', 'double-sign']
 * rules[0].trigger; // 'Missing more than 8000 of 16000 blocks in the signing window …'
 * ```
 */
export function slashingPenaltyRules(model: SlashingModel): PenaltyRule[] {
  const { params } = model;
  const threshold = downtimeTrigger(0, params.signedBlocksWindow, params.minSignedPerWindow);
  const unit = baseUnitOf(model);
  return [
    {
      key: 'downtime',
      label: 'Downtime (liveness fault)',
      trigger: `Missing more than ${threshold.maxMissedBlocks} of ${params.signedBlocksWindow} blocks in the signing window (window − round(minSignedPerWindow × window)): every stake on the validator is slashed by ${formatDecimal(params.slashFractionDowntime)} (truncated to the ${unit}, burned) and the validator is jailed for ${params.downtimeJailSeconds} s, after which it may unjail.`,
      parameters: pick(model, [
        'signedBlocksWindow',
        'minSignedPerWindow',
        'downtimeJailSeconds',
        'slashFractionDowntime',
      ]),
    },
    {
      key: 'double-sign',
      label: 'Double signing',
      trigger: `Signing two blocks at one height (evidence submitted): every stake on the validator is slashed by ${formatDecimal(params.slashFractionDoubleSign)} (truncated to the ${unit}, burned); the validator is jailed for ever and tombstoned, never to rejoin.`,
      parameters: pick(model, ['slashFractionDoubleSign']),
    },
  ];
}

function simulateDowntime(model: SlashingModel, input: PenaltyInput): PenaltyOutcome {
  const { params, token } = model;
  const missed = input.missedBlocks;
  if (missed == null || !Number.isInteger(missed)) {
    throw new TokenomicsError('BAD_INPUT', 'the downtime rule needs missedBlocks, a whole number of blocks', {
      details: { rule: input.rule },
    });
  }
  if (missed > params.signedBlocksWindow) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `missedBlocks (${missed}) cannot exceed the signing window of ${params.signedBlocksWindow} blocks`,
      { details: { missedBlocks: missed, signedBlocksWindow: params.signedBlocksWindow } },
    );
  }
  const threshold = downtimeTrigger(missed, params.signedBlocksWindow, params.minSignedPerWindow);
  const fraction = threshold.triggered ? params.slashFractionDowntime : new Decimal(0);
  const stakes = input.stakes.map((stake) => slashStake(stake, fraction, token.decimals));
  const slashedTotal = sumDecimals(stakes.map((stake) => stake.slashed));
  return {
    rule: input.rule,
    triggered: threshold.triggered,
    slashedTotal,
    stakes,
    jailedSeconds: threshold.triggered ? params.downtimeJailSeconds : null,
    tombstoned: false,
    lockedSeconds: null,
    allocations: [{ target: SLASHING_BURN_TARGET, amount: slashedTotal }],
    derivation: derive(
      `triggered when missed > window − round(minSignedPerWindow × window); then each stake loses truncate(stake × slashFractionDowntime) to the ${baseUnitOf(model)}; slashedTotal = Σ slashed (burned)`,
      {
        missedBlocks: missed,
        signedBlocksWindow: params.signedBlocksWindow,
        minSignedPerWindow: params.minSignedPerWindow,
        maxMissedBlocks: threshold.maxMissedBlocks,
        slashFractionDowntime: params.slashFractionDowntime,
        triggered: String(threshold.triggered),
      },
      slashedTotal,
      model.sources.downtime,
    ),
  };
}

function simulateDoubleSign(model: SlashingModel, input: PenaltyInput): PenaltyOutcome {
  const { params, token } = model;
  const stakes = input.stakes.map((stake) =>
    slashStake(stake, params.slashFractionDoubleSign, token.decimals),
  );
  const slashedTotal = sumDecimals(stakes.map((stake) => stake.slashed));
  return {
    rule: input.rule,
    triggered: true,
    slashedTotal,
    stakes,
    jailedSeconds: null,
    tombstoned: true,
    lockedSeconds: null,
    allocations: [{ target: SLASHING_BURN_TARGET, amount: slashedTotal }],
    derivation: derive(
      `each stake loses truncate(stake × slashFractionDoubleSign) to the ${baseUnitOf(model)}; slashedTotal = Σ slashed (burned); jailed until 9999-12-31 and tombstoned`,
      { slashFractionDoubleSign: params.slashFractionDoubleSign, stakes: input.stakes.length },
      slashedTotal,
      model.sources.doubleSign,
    ),
  };
}

/**
 * Simulates an x/slashing penalty on the stakes exposed to it. `downtime`
 * (needs `missedBlocks`, at most the window): when triggered each stake loses
 * `slashFractionDowntime` of itself truncated to the base unit, and the
 * validator is jailed for `downtimeJailSeconds`. `double-sign`: each stake
 * loses `slashFractionDoubleSign`, and the validator is tombstoned. Slashed
 * tokens are burned; the derivation's result is `slashedTotal`.
 *
 * @throws TokenomicsError BAD_INPUT for downtime without a whole `missedBlocks`
 *   or with more than the window; NOT_FOUND for another rule
 * @example
 * ```ts
 * const outcome = simulateSlashingPenalty(model, { rule: 'downtime', stakes: [new Decimal('10000'), new Decimal('250000')], missedBlocks: 8001 });
 * outcome.stakes.map((stake) => stake.after.toFixed()); // ['9999', '249975'] (window 16,000, 0.5 to sign, 0.01 %)
 * outcome.jailedSeconds; // 600
 * ```
 */
export function simulateSlashingPenalty(model: SlashingModel, input: PenaltyInput): PenaltyOutcome {
  if (input.rule === 'downtime') return simulateDowntime(model, input);
  if (input.rule === 'double-sign') return simulateDoubleSign(model, input);
  throw new TokenomicsError(
    'NOT_FOUND',
    `x/slashing has no penalty rule "${input.rule}"; rules: downtime, double-sign`,
    { details: { rule: input.rule, validKeys: ['downtime', 'double-sign'] } },
  );
}
