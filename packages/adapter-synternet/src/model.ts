import {
  Decimal,
  derive,
  ExactSchedulePoint,
  type FeeQuote,
  type FeeQuoteInput,
  type FeeSchedule,
  formatDecimal,
  fromScaledInteger,
  type Model,
  OVERRIDE_SOURCE,
  type Parameter,
  type PenaltyInput,
  type PenaltyOutcome,
  type PenaltyRule,
  type Rewards,
  type RewardsQuery,
  ScaledDecimal,
  type SchedulePoint,
  type SizedCacheStats,
  type Supply,
  sizedCache,
  sizedCacheStats,
  type TokenFlow,
  TokenomicsError,
  toScaledInteger,
} from '@tokenomics/core';
import {
  dailyCompoundedApy,
  delegatorApr,
  type SlashingModel,
  simulateSlashingPenalty,
  slashingPenaltyRules,
} from '@tokenomics/cosmos-rest';
import { BURN_TARGET, splitProtocolFee } from './formulas/fee-split.js';
import { perUnitFee } from './formulas/per-unit-fee.js';
import { percentWithMinimumFee } from './formulas/percent-with-minimum-fee.js';
import { stakingApr } from './formulas/staking-apr.js';
import {
  AMOUNT_PLACES,
  inflationOf,
  RATE_PLACES,
  type SupplyAnchor,
  type SupplyAtResult,
  type SupplyFigures,
  type SupplySchedule,
  supplySchedule,
} from './formulas/supply-at.js';
import { inflationRatesForYear } from './formulas/year-rates.js';
import type { SynternetParameters } from './parameters.js';
import {
  SYNT_DECIMALS,
  SYNT_DENOM,
  SYNTERNET_TREASURY_ADDRESS,
  type SynternetState,
} from './sources/live.js';

/** The Synternet model as core hands it to each capability. */
export type SynternetModel = Model<SynternetParameters, SynternetState>;

const SPEC = 'Synternet tokenomics specification';
const RULING = 'MODEL.md Synternet, Inflation schedule (ruling)';

function isOverridden(model: SynternetModel, key: keyof SynternetParameters): boolean {
  return model.parameters.some((parameter) => parameter.key === key && parameter.source === OVERRIDE_SOURCE);
}

function parametersOf(model: SynternetModel, keys: readonly (keyof SynternetParameters)[]): Parameter[] {
  return keys.map((key) => model.parameters.find((parameter) => parameter.key === key)!);
}

/**
 * The state the schedule is stepped from. Snapshot: genesis at
 * `inflationStart`. Live: the chain's total at the latest block's time, with
 * the treasury parameter (the chain's balance unless overridden) and, when
 * the chain serves x/mint inflation and the schedule is not overridden, the
 * current year's validator allowance = inflation × total at the block.
 */
export function anchorOf(model: SynternetModel): SupplyAnchor {
  const { params, state } = model;
  if (!state) {
    return {
      at: params.inflationStart,
      total: params.genesisSupply,
      treasury: params.treasuryBalance,
    };
  }
  const useMint =
    state.mintInflation !== null &&
    !isOverridden(model, 'inflationSchedule') &&
    state.blockTime.getTime() >= params.inflationStart.getTime();
  return {
    at: state.blockTime,
    total: state.total,
    treasury: params.treasuryBalance,
    validatorAllowance: useMint ? state.mintInflation!.times(state.total) : null,
  };
}

/** Estimated bytes of a prepared schedule before any year: anchor, rates, closures. */
const SCHEDULE_TABLE_BYTES = 8 * 1024;
/**
 * Estimated bytes of one prepared year (its allowances, the sums before it,
 * its integer constants): 2.5 KB measured, tables stepped from 2025 to 9999.
 */
const YEAR_BYTES = 2_560;
/**
 * Prepared schedules kept, by model, for all models: 16 MiB, hundreds of
 * models over decades, or one model stepped 6,000 years ahead. A table that
 * alone is larger is used for its call and not kept.
 */
export const SCHEDULE_TABLES_BYTES = 16 * 1024 * 1024;

/** A prepared schedule and the years it had prepared when it was (re)counted. */
interface KeptSchedule {
  schedule: SupplySchedule;
  years: number;
}

const schedules = sizedCache<SynternetModel, KeptSchedule>({
  maxBytes: SCHEDULE_TABLES_BYTES,
  sizeOf: (kept) => SCHEDULE_TABLE_BYTES + kept.years * YEAR_BYTES,
});

/**
 * Runs `use` on the model's prepared schedule (years, their constants as
 * integers), built once per model (models are immutable) and shared by
 * supply, rewards and schedules, so all three do the same arithmetic at an
 * instant. Years are prepared as instants need them: after each use the
 * schedule is counted again, so the memo's bound holds across calls.
 */
function withSchedule<T>(model: SynternetModel, use: (schedule: SupplySchedule) => T): T {
  let kept = schedules.get(model);
  if (!kept) {
    const { params } = model;
    kept = {
      schedule: supplySchedule({
        inflationStart: params.inflationStart,
        anchor: anchorOf(model),
        rates: (year) => inflationRatesForYear(year, params),
      }),
      years: -1,
    };
  }
  try {
    return use(kept.schedule);
  } finally {
    const years = kept.schedule.preparedYears();
    if (years !== kept.years) schedules.set(model, { schedule: kept.schedule, years });
  }
}

/** What the schedule tables of every Synternet model hold now, against their bound. */
export function scheduleTableStats(): SizedCacheStats {
  return sizedCacheStats(schedules);
}

function checkTreasury(treasury: Decimal, total: Decimal, at: Date): void {
  if (treasury.gt(total)) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `the treasury (${formatDecimal(treasury)} SYNT) exceeds the total supply (${formatDecimal(total)} SYNT) at ${at.toISOString()}; check "treasuryBalance" and "genesisSupply"`,
      { details: { keys: ['treasuryBalance', 'genesisSupply'] } },
    );
  }
}

/** Supply, treasury and emissions at an instant, checked (treasury ≤ total). */
export function stateAt(model: SynternetModel, at: Date): SupplyAtResult {
  const result = withSchedule(model, (schedule) => schedule.supplyAt(at));
  checkTreasury(result.treasury, result.total, at);
  return result;
}

/** The figures a schedule point needs at an instant, checked (treasury ≤ total): the same as {@link stateAt}'s. */
function figuresAt(schedule: SupplySchedule, at: Date): SupplyFigures {
  const figures = schedule.figuresAt(at);
  if (figures.treasuryUnits > figures.totalUnits) {
    checkTreasury(
      fromScaledInteger(figures.treasuryUnits, AMOUNT_PLACES),
      fromScaledInteger(figures.totalUnits, AMOUNT_PLACES),
      at,
    );
  }
  return figures;
}

function staked(model: SynternetModel, total: Decimal): Decimal {
  return model.params.bondedRatio.times(total).toDecimalPlaces(SYNT_DECIMALS);
}

function anchorNote(model: SynternetModel): string {
  const { state } = model;
  return state
    ? `; anchored at the chain's total at block ${state.height} (${state.blockTime.toISOString()}), GET /cosmos/bank/v1beta1/supply/by_denom?denom=usynt`
    : '; stepped from genesisSupply at inflationStart';
}

/** Supply at `at`: total by the yearly-allowance ruling, treasury, circulating, staked. */
export function supplyFigures(model: SynternetModel, at: Date): Supply {
  const s = stateAt(model, at);
  const anchor = anchorOf(model);
  // Exact, as schedule points compute it: a Decimal subtraction rounds to 60 digits, which a
  // total of 10^20 tokens or more at AMOUNT_PLACES exceeds.
  const circulating = fromScaledInteger(
    toScaledInteger(s.total, AMOUNT_PLACES) - toScaledInteger(s.treasury, AMOUNT_PLACES),
    AMOUNT_PLACES,
  );
  const stakedAmount = staked(model, s.total);
  const treasuryAddress = model.state?.treasuryAddress ?? SYNTERNET_TREASURY_ADDRESS;
  return {
    at,
    max: null,
    total: s.total,
    circulating,
    staked: stakedAmount,
    liquid: null, // replaced by the second-edition convention (issue 12)
    burned: null,
    circulatingDefinition: `Total supply minus the treasury (${SPEC}, Circulating Supply: "Circulating supply = Total supply - Treasury"). The treasury is the mint module's treasury_address ${treasuryAddress}; staked tokens count as circulating. Burns (manual, proposal 0009) are not modelled: burned is unknown.`,
    buckets: [
      { key: 'treasury', label: `Treasury (${treasuryAddress})`, amount: s.treasury, circulating: false },
      { key: 'staked', label: 'Staked (bonded to validators)', amount: stakedAmount, circulating: true },
    ],
    derivations: {
      total: derive(
        'total(t) = total(start of year y) + (validatorAllowance_y + treasuryAllowance_y) × elapsed; allowance_y = rate_y × total(start of year y); years start on anniversaries of inflationStart',
        {
          year: s.year.number,
          yearStart: s.year.start,
          yearEnd: s.year.end,
          elapsed: s.elapsed,
          yearStartTotal: s.year.startTotal,
          validatorRate: s.year.rates.validator,
          treasuryRate: s.year.rates.treasury,
          validatorAllowance: s.year.validatorAllowance,
          treasuryAllowance: s.year.treasuryAllowance,
          anchorAt: anchor.at,
          anchorTotal: anchor.total,
        },
        s.total,
        `${RULING}; ${SPEC}, Incentives${anchorNote(model)}`,
      ),
      circulating: derive(
        'circulating = total − treasury',
        {
          total: s.total,
          treasury: s.treasury,
          anchorTreasury: anchor.treasury,
          treasuryEmittedSinceStart: s.treasuryEmitted,
        },
        circulating,
        `${SPEC}, Circulating Supply`,
      ),
      staked: derive(
        'staked = bondedRatio × total, rounded to the usynt',
        { bondedRatio: model.params.bondedRatio, total: s.total },
        stakedAmount,
        model.parameters.find((parameter) => parameter.key === 'bondedRatio')!.source,
      ),
    },
  };
}

/** Rewards at `at`: momentary validator inflation, the year's allowance, APR, APY, bonded ratio. */
export function rewardsFigures(model: SynternetModel, at: Date, query: RewardsQuery): Rewards {
  const { params } = model;
  const s = stateAt(model, at);
  // validatorAllowance / total, rounded to RATE_PLACES, as schedule points have it (supplySchedule).
  const inflation = s.inflation;
  const apr = stakingApr(inflation, params.bondedRatio, params.communityTax);
  const delegator = query.commission === undefined ? null : delegatorApr(apr, query.commission);
  const mintNote = s.year.allowanceFromChain
    ? `; this year's validator allowance = x/mint inflation (GET /cosmos/mint/v1beta1/inflation) × total at block ${model.state?.height}`
    : '';
  return {
    at,
    annualEmission: s.year.validatorAllowance,
    emissionRate: inflation,
    stakingApr: apr,
    stakingApy: dailyCompoundedApy(apr),
    bondedRatio: params.bondedRatio,
    participants: null,
    perParticipantDaily: null,
    delegatorApr: delegator,
    derivation: derive(
      'APR = inflation(t) / bondedRatio × (1 − communityTax); inflation(t) = validatorAllowance_y / total(t)',
      {
        inflation,
        validatorAllowance: s.year.validatorAllowance,
        total: s.total,
        year: s.year.number,
        validatorRate: s.year.rates.validator,
        bondedRatio: params.bondedRatio,
        communityTax: params.communityTax,
        ...(query.commission === undefined ? {} : { commission: query.commission }),
      },
      apr,
      `${SPEC}, Incentives ("Reward rate = Inflation rate / Bonding rate"); community tax per x/distribution; ${RULING}${mintNote}`,
    ),
  };
}

/** The two fee schedules: pay-per-data and pay-per-message. */
export function feeSchedules(model: SynternetModel): FeeSchedule[] {
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
          unitPrice,
          dataFeePerGB: params.dataFeePerGB,
          base: fee.base,
          protocolFee: fee.protocolFee,
        },
        fee.total,
        `${SPEC}, Protocol Fee, Pay-per-Data`,
      ),
    };
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
        unitPrice,
        messageFeeRate: params.messageFeeRate,
        messageFeeMinimum: params.messageFeeMinimum,
        base: fee.base,
        protocolFee: fee.protocolFee,
      },
      fee.total,
      `${SPEC}, Protocol Fee, Pay-per-Message; MODEL.md Synternet, Protocol fees (ruling)`,
    ),
  };
}

/**
 * The x/slashing model with Synternet's token and wording: slashes truncated
 * to the usynt, derivations citing the specification's Slashing section and
 * the facts file's reading of the SDK.
 */
function slashingModel(model: SynternetModel): SlashingModel {
  return {
    params: model.params,
    token: { symbol: 'SYNT', decimals: SYNT_DECIMALS, baseUnit: SYNT_DENOM },
    parameters: model.parameters,
    sources: {
      downtime: `${SPEC}, Slashing; cosmos-sdk x/slashing HandleValidatorSignature and x/staking Slash (synternet-facts.md §4)`,
      doubleSign: `${SPEC}, Slashing ("much more severe"); cosmos-sdk x/evidence HandleEquivocationEvidence (synternet-facts.md §4)`,
    },
  };
}

/** The two penalty rules: downtime and double-sign (x/slashing, shared with every Cosmos adapter). */
export function penaltyRules(model: SynternetModel): PenaltyRule[] {
  return slashingPenaltyRules(slashingModel(model));
}

/** Simulates a penalty on the given stakes (x/slashing, shared with every Cosmos adapter). */
export function simulatePenalty(model: SynternetModel, input: PenaltyInput): PenaltyOutcome {
  return simulateSlashingPenalty(slashingModel(model), input);
}

/**
 * Schedule points: the same figures as supply and rewards at each instant
 * (shared {@link supplySchedule}), kept as the schedule's exact integers
 * until something reads them.
 */
export function schedulePoints(model: SynternetModel, instants: Date[]): SchedulePoint[] {
  // Evenly spaced points within a year emit the same amount, and a treasury that
  // gets no inflation stays put: such figures are made (and written) once.
  const emittedAmounts = new SharedAmounts(AMOUNT_PLACES);
  const treasuries = new SharedAmounts(AMOUNT_PLACES);
  let previous: bigint | null = null;
  return withSchedule(model, (schedule) =>
    instants.map((at) => {
      const s = figuresAt(schedule, at);
      const emitted = previous === null ? ZERO : emittedAmounts.of(s.validatorEmittedUnits - previous);
      previous = s.validatorEmittedUnits;
      return new ExactSchedulePoint(at, {
        total: new ScaledDecimal(s.totalUnits, AMOUNT_PLACES),
        circulating: new ScaledDecimal(s.totalUnits - s.treasuryUnits, AMOUNT_PLACES),
        emitted,
        emissionRate:
          s.inflationUnits === null ? inflationOf(s) : new ScaledDecimal(s.inflationUnits, RATE_PLACES),
        poolBalance: treasuries.of(s.treasuryUnits),
      });
    }),
  );
}

/** One {@link ScaledDecimal} per distinct value at a scale, for figures that repeat along a schedule. */
class SharedAmounts {
  private readonly amounts = new Map<bigint, ScaledDecimal>();
  constructor(private readonly places: number) {}

  of(units: bigint): ScaledDecimal {
    let amount = this.amounts.get(units);
    if (amount === undefined) {
      // A schedule repeats a handful of values, or none: keep the map small either way.
      if (this.amounts.size >= 64) this.amounts.clear();
      amount = new ScaledDecimal(units, this.places);
      this.amounts.set(units, amount);
    }
    return amount;
  }
}

const ZERO = new Decimal(0);

/** The specification's three value flows, and the movements inside them. */
export function synternetFlows(withTreasuryInflation: boolean): TokenFlow[] {
  const flows: TokenFlow[] = [
    {
      key: 'network-inflation',
      from: 'mint (new tokens)',
      to: 'validators and delegators',
      kind: 'INFLATIONARY',
      description:
        'Network / inflationary flow: each block mints an equal share of the year’s allowance and, with the gas fees collected, pays it to stakers.',
    },
    {
      key: 'staking',
      from: 'token holders',
      to: 'validators (bonded)',
      kind: 'LOCK',
      description:
        'Network flow: tokens bought or earned are staked on validators to earn rewards; unbonding takes 14 days.',
    },
    {
      key: 'utility',
      from: 'users',
      to: 'agents',
      kind: 'UTILITY',
      description:
        'Utility flow: tokens are paid to agents for their data (pay-per-data) or messages (pay-per-message).',
    },
    {
      key: 'protocol-fee',
      from: 'users',
      to: 'treasury',
      kind: 'DEFLATIONARY',
      description:
        'Protocol / deflationary flow: a protocol fee on every agent interaction is kept in the treasury for future use, out of circulation.',
    },
    {
      key: 'protocol-fee-burn',
      from: 'treasury',
      to: 'burn',
      kind: 'DEFLATIONARY',
      description:
        'Protocol / deflationary flow: part of protocol revenue (burnShare) is burned; revenue in other denominations buys SYNT back to burn. Burns are manual today.',
    },
    {
      key: 'slashing-burn',
      from: 'slashed stakes',
      to: 'burn',
      kind: 'DEFLATIONARY',
      description: 'Slashed tokens (downtime, double signing) are burned, lowering total supply.',
    },
  ];
  if (withTreasuryInflation) {
    flows.splice(1, 0, {
      key: 'treasury-inflation',
      from: 'mint (new tokens)',
      to: 'treasury',
      kind: 'INFLATIONARY',
      description:
        'Treasury inflation of governance proposal 0008: minted to the treasury, not circulating until spent.',
    });
  }
  return flows;
}
