import {
  amountInput,
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
  rateInput,
  sumDecimals,
  TokenomicsError,
} from '@tokenomics/core';
import { downtimeTrigger } from './formulas/downtime-trigger.js';
import { type SlashedStakes, slashStakes } from './formulas/slash-stake.js';

/** The target slashed tokens go to: x/staking burns them. */
export const SLASHING_BURN_TARGET = 'burn';

/**
 * The target of what truncating each stake's `after` to the base unit leaves
 * in the validator's tokens (a few base units at most, never burned).
 */
export const SLASHING_ROUNDING_TARGET = 'validator-rounding';

/**
 * Where the x/slashing semantics come from: the Cosmos SDK files, at commits,
 * that the downtime and double-sign rules follow. Adapters cite them (with
 * their own methodology page) in {@link SlashingModel.sources}.
 */
export const COSMOS_SDK_SLASHING_SOURCES = {
  downtime:
    'cosmos-sdk x/slashing HandleValidatorSignature, https://github.com/cosmos/cosmos-sdk/blob/02e221bcea8bcb36e54f4f56c4d012de50cae73c/x/slashing/keeper/infractions.go; x/staking Slash, https://github.com/cosmos/cosmos-sdk/blob/0282b68c497f87c7bc86835ccb2d6fc6cb1dafb5/x/staking/keeper/slash.go',
  doubleSign:
    'cosmos-sdk x/evidence HandleEquivocationEvidence, https://github.com/cosmos/cosmos-sdk/blob/04750254669fdbe0e9909f962228a57023cd1fd2/x/evidence/keeper/infraction.go; x/staking Slash, https://github.com/cosmos/cosmos-sdk/blob/0282b68c497f87c7bc86835ccb2d6fc6cb1dafb5/x/staking/keeper/slash.go',
} as const;

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
 * import { decimalKind, defineParameters } from '@tokenomics/core';
 * import { slashingParameterSchema } from '@tokenomics/cosmos-rest';
 *
 * const parameters = defineParameters({
 *   communityTax: { label: 'Community tax', description: 'x/distribution community_tax', kind: decimalKind({ type: 'RATE', min: '0', max: '1' }) },
 *   ...slashingParameterSchema,
 * });
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
    kind: decimalKind({ type: 'RATE', min: '0', max: '1' }),
  },
  downtimeJailSeconds: {
    label: 'Downtime jail duration',
    unit: 'seconds',
    description:
      'x/slashing `downtime_jail_duration`: how long a validator jailed for downtime must wait before it may send MsgUnjail.',
    kind: durationKind(),
  },
  slashFractionDowntime: {
    label: 'Slash fraction, downtime',
    description:
      'x/slashing `slash_fraction_downtime`: the fraction of the validator’s tokens slashed (truncated to the base unit, burned) for downtime; every stake on it loses its pro-rata share.',
    kind: decimalKind({ type: 'RATE', min: '0', max: '1' }),
  },
  slashFractionDoubleSign: {
    label: 'Slash fraction, double signing',
    description:
      'x/slashing `slash_fraction_double_sign`: the fraction of the validator’s tokens slashed (truncated to the base unit, burned) for double signing; every stake on it loses its pro-rata share.',
    kind: decimalKind({ type: 'RATE', min: '0', max: '1' }),
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
 * import type { Parameter } from '@tokenomics/core';
 * import { type SlashingParameterValues, slashingPenaltyRules } from '@tokenomics/cosmos-rest';
 *
 * declare const model: { params: SlashingParameterValues; parameters: Parameter[] }; // window 16,000, 0.5 to sign
 *
 * const rules = slashingPenaltyRules({ params: model.params, token: { symbol: 'SYNT', decimals: 6, baseUnit: 'usynt' },
 *   parameters: model.parameters, sources: { downtime: 'cosmos-sdk x/slashing', doubleSign: 'cosmos-sdk x/evidence' } });
 * rules.map((rule) => rule.key); // ['downtime', 'double-sign']
 * rules[0]?.trigger; // 'Missing more than 8000 of 16000 blocks in the signing window …'
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
      trigger: `Missing more than ${threshold.maxMissedBlocks} of ${params.signedBlocksWindow} blocks in the signing window (window − round(minSignedPerWindow × window)): the validator's tokens are slashed by ${formatDecimal(params.slashFractionDowntime)} (truncated to the ${unit}, burned), every stake losing its pro-rata share, and the validator is jailed for ${params.downtimeJailSeconds} s, after which it may unjail.`,
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
      trigger: `Signing two blocks at one height (evidence submitted): the validator's tokens are slashed by ${formatDecimal(params.slashFractionDoubleSign)} (truncated to the ${unit}, burned), every stake losing its pro-rata share; the validator is jailed for ever (tombstoned): it can never unjail.`,
      parameters: pick(model, ['slashFractionDoubleSign']),
    },
  ];
}

/** Where a slash goes: the burn, and the stakes' truncation left with the validator (when any). */
function slashAllocations(slash: SlashedStakes): PenaltyOutcome['allocations'] {
  const allocations = [{ target: SLASHING_BURN_TARGET, amount: slash.burned }];
  if (!slash.roundingRemainder.isZero()) {
    allocations.push({ target: SLASHING_ROUNDING_TARGET, amount: slash.roundingRemainder });
  }
  return allocations;
}

function slashFormula(model: SlashingModel, fraction: string): string {
  const unit = baseUnitOf(model);
  return `validatorTokens = Σ stakes; burned = truncate(validatorTokens × ${fraction}) to the ${unit}; each stake keeps after = truncate(stake × (validatorTokens − burned) / validatorTokens) to the ${unit}; slashed = before − after; slashedTotal = Σ slashed = burned + roundingRemainder (left in the validator's tokens)`;
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
  const slash = slashStakes(input.stakes, fraction, token.decimals);
  const slashedTotal = sumDecimals(slash.stakes.map((stake) => stake.slashed));
  return {
    rule: input.rule,
    triggered: threshold.triggered,
    slashedTotal,
    stakes: slash.stakes,
    jailedSeconds: threshold.triggered ? params.downtimeJailSeconds : null,
    tombstoned: false,
    lockedSeconds: null,
    allocations: slashAllocations(slash),
    derivation: derive(
      `triggered when missed > window − round(minSignedPerWindow × window); then ${slashFormula(model, 'slashFractionDowntime')}; jailed for downtimeJailSeconds`,
      {
        missedBlocks: missed,
        signedBlocksWindow: params.signedBlocksWindow,
        minSignedPerWindow: rateInput(params.minSignedPerWindow),
        maxMissedBlocks: threshold.maxMissedBlocks,
        slashFractionDowntime: rateInput(params.slashFractionDowntime),
        triggered: String(threshold.triggered),
        validatorTokens: amountInput(slash.validatorTokens),
        burned: amountInput(slash.burned),
        roundingRemainder: amountInput(slash.roundingRemainder),
      },
      slashedTotal,
      model.sources.downtime,
    ),
  };
}

function simulateDoubleSign(model: SlashingModel, input: PenaltyInput): PenaltyOutcome {
  const { params, token } = model;
  const slash = slashStakes(input.stakes, params.slashFractionDoubleSign, token.decimals);
  const slashedTotal = sumDecimals(slash.stakes.map((stake) => stake.slashed));
  return {
    rule: input.rule,
    triggered: true,
    slashedTotal,
    stakes: slash.stakes,
    // Not "no jail": jailed for ever, which no number of seconds says; tombstoned says it.
    jailedSeconds: null,
    tombstoned: true,
    lockedSeconds: null,
    allocations: slashAllocations(slash),
    derivation: derive(
      `${slashFormula(model, 'slashFractionDoubleSign')}; the validator is jailed for ever (tombstoned: jailed until 9999-12-31T23:59:59Z and never allowed to unjail)`,
      {
        slashFractionDoubleSign: rateInput(params.slashFractionDoubleSign),
        stakes: input.stakes.length,
        validatorTokens: amountInput(slash.validatorTokens),
        burned: amountInput(slash.burned),
        roundingRemainder: amountInput(slash.roundingRemainder),
      },
      slashedTotal,
      model.sources.doubleSign,
    ),
  };
}

/**
 * Simulates an x/slashing penalty on the stakes exposed to it (the
 * validator's self-stake and every delegation: together its tokens).
 * `downtime` (needs `missedBlocks`, at most the window): when triggered the
 * validator's tokens × `slashFractionDowntime`, truncated to the base unit,
 * are burned, every stake keeps its pro-rata share truncated to the base
 * unit ({@link slashStakes}), and the validator is jailed for
 * `downtimeJailSeconds`. `double-sign`: the same with
 * `slashFractionDoubleSign`, and the validator is jailed for ever
 * (`tombstoned: true`, `jailedSeconds: null`). Allocations: the burn, and
 * the stakes' truncation left with the validator (`validator-rounding`, when
 * any); the derivation's result is `slashedTotal`.
 *
 * @throws TokenomicsError BAD_INPUT for downtime without a whole `missedBlocks`
 *   or with more than the window; NOT_FOUND for another rule
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { type SlashingModel, simulateSlashingPenalty } from '@tokenomics/cosmos-rest';
 *
 * declare const model: SlashingModel; // window 16,000, 0.5 to sign, 0.01 % for downtime
 *
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

/**
 * An adapter's penalties capability for x/slashing in one call: the two rules
 * and the simulation over a model's slashing parameters, with the adapter's
 * token and citations (what every Cosmos adapter wrote out by hand).
 *
 * @param token - the slashed token (`decimals` truncates each slash)
 * @param sources - each rule's citation, in the adapter's words
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { COSMOS_SDK_SLASHING_SOURCES, slashingPenalties } from '@tokenomics/cosmos-rest';
 *
 * const penalties = slashingPenalties({ symbol: 'ATOM', decimals: 6 }, COSMOS_SDK_SLASHING_SOURCES);
 * // defineAdapter({ …, penalties }) — or by hand:
 * // penalties.simulate(model, { rule: 'double-sign', stakes: [new Decimal('10000')] }).slashedTotal.toFixed(); // '500'
 * ```
 */
export function slashingPenalties(
  token: SlashingModel['token'],
  sources: SlashingModel['sources'],
): {
  rules(model: { params: SlashingParameterValues; parameters: readonly Parameter[] }): PenaltyRule[];
  simulate(
    model: { params: SlashingParameterValues; parameters: readonly Parameter[] },
    input: PenaltyInput,
  ): PenaltyOutcome;
} {
  const slashingModel = (model: { params: SlashingParameterValues; parameters: readonly Parameter[] }) => ({
    params: model.params,
    parameters: model.parameters,
    token,
    sources,
  });
  return {
    rules: (model) => slashingPenaltyRules(slashingModel(model)),
    simulate: (model, input) => simulateSlashingPenalty(slashingModel(model), input),
  };
}
