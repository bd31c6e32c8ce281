import {
  addMonths,
  amountInput,
  cycleYearAt,
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
  type ParameterModel,
  type PenaltyInput,
  type PenaltyOutcome,
  type PenaltyRule,
  type Rewards,
  type RewardsQuery,
  rateInput,
  ScaledDecimal,
  type SchedulePoint,
  type SizedCacheStats,
  type Supply,
  type SupplyBucket,
  servedFigure,
  sizedCache,
  sizedCacheStats,
  type TokenFlow,
  TokenomicsError,
  toScaledInteger,
} from '@tokenomics/core';
import {
  type CheckedHolding,
  COSMOS_SDK_SLASHING_SOURCES,
  configuredHoldings,
  dailyCompoundedApy,
  delegatorApr,
  type HeldAmount,
  holdingBucket,
  type SlashingModel,
  simulateSlashingPenalty,
  slashingPenaltyRules,
  splitStaked,
  stakedAmount,
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
import { validatorRateOfTotal } from './formulas/validator-rate.js';
import { inflationRatesForYear } from './formulas/year-rates.js';
import { SYNTERNET_METHODOLOGY, SYNTERNET_TOKENOMICS_URL, type SynternetParameters } from './parameters.js';
import {
  SYNT_DECIMALS,
  SYNT_DENOM,
  SYNTERNET_TREASURY_ADDRESS,
  type SynternetState,
} from './sources/live.js';

/** The Synternet model as core hands it to each capability. */
export type SynternetModel = Model<SynternetParameters, SynternetState>;

const SPEC = SYNTERNET_TOKENOMICS_URL;
const METHOD = SYNTERNET_METHODOLOGY;
const RULING = `${METHOD}#inflation-schedule`;

function isOverridden(model: SynternetModel, key: keyof SynternetParameters): boolean {
  return model.parameters.some((parameter) => parameter.key === key && parameter.source === OVERRIDE_SOURCE);
}

function parametersOf(
  model: ParameterModel<SynternetParameters>,
  keys: readonly (keyof SynternetParameters)[],
): Parameter[] {
  return keys.map((key) => model.parameters.find((parameter) => parameter.key === key)!);
}

/**
 * The validator inflation rate the chain's x/mint inflation implies, when a
 * live source read one and the schedule is not overridden: x/mint
 * `inflation` is read as the TOTAL inflation (validator + treasury, as
 * proposal 0008 states its figures), so the validator rate is it minus the
 * preset's treasury rate for the block's inflation year, never below 0.
 * Null otherwise (the schedule's rate is used).
 */
export function chainValidatorRate(model: SynternetModel): {
  chainInflation: Decimal;
  treasuryRate: Decimal;
  validatorRate: Decimal;
} | null {
  const { params, state } = model;
  if (
    !state ||
    state.mintInflation === null ||
    isOverridden(model, 'inflationSchedule') ||
    state.blockTime.getTime() < params.inflationStart.getTime()
  ) {
    return null;
  }
  const year = cycleYearAt(params.inflationStart, state.blockTime).number;
  const treasuryRate = inflationRatesForYear(year, params).treasury;
  return {
    chainInflation: state.mintInflation,
    treasuryRate,
    validatorRate: validatorRateOfTotal(state.mintInflation, treasuryRate),
  };
}

/**
 * The state the schedule is stepped from. Snapshot: genesis at
 * `inflationStart`. Live: the chain's total at the latest block's time, with
 * the treasury parameter (the chain's balance unless overridden) and, when
 * the chain serves x/mint inflation and the schedule is not overridden, the
 * current year's validator allowance = validator rate ({@link chainValidatorRate}) × total at the block.
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
  const chain = chainValidatorRate(model);
  return {
    at: state.blockTime,
    total: state.total,
    treasury: params.treasuryBalance,
    validatorAllowance: chain ? chain.validatorRate.times(state.total) : null,
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

/**
 * The non-circulating holdings a deployment configured: read from the chain
 * by a live source (in its state), the configured amounts for a snapshot.
 */
export function heldOf(model: SynternetModel, configured: readonly CheckedHolding[]): HeldAmount[] {
  return model.state ? model.state.nonCirculating : configuredHoldings(configured);
}

function unitsOf(amount: Decimal): bigint {
  return toScaledInteger(amount, AMOUNT_PLACES);
}

/** Refuses a state where the treasury and the configured holdings exceed the total (circulating would be negative). */
function checkNonCirculating(totalUnits: bigint, treasuryUnits: bigint, heldUnits: bigint, at: Date): void {
  if (treasuryUnits + heldUnits <= totalUnits) return;
  const amount = (units: bigint) => formatDecimal(fromScaledInteger(units, AMOUNT_PLACES));
  const held =
    heldUnits === 0n ? '' : ` and the configured non-circulating holdings (${amount(heldUnits)} SYNT)`;
  throw new TokenomicsError(
    'BAD_INPUT',
    `the treasury (${amount(treasuryUnits)} SYNT)${held} ${heldUnits === 0n ? 'exceeds' : 'exceed'} the total supply (${amount(totalUnits)} SYNT) at ${at.toISOString()}: circulating would be negative; check "treasuryBalance" and "genesisSupply"${heldUnits === 0n ? '' : ' and the non-circulating holdings'}`,
    { details: { keys: ['treasuryBalance', 'genesisSupply'] } },
  );
}

/** Supply, treasury and emissions at an instant, checked (treasury ≤ total). */
export function stateAt(model: SynternetModel, at: Date): SupplyAtResult {
  const result = withSchedule(model, (schedule) => schedule.supplyAt(at));
  checkNonCirculating(unitsOf(result.total), unitsOf(result.treasury), 0n, at);
  return result;
}

/** The figures a schedule point needs at an instant, checked with the holdings: the same as {@link stateAt}'s. */
function figuresAt(schedule: SupplySchedule, at: Date, heldUnits: bigint): SupplyFigures {
  const figures = schedule.figuresAt(at);
  checkNonCirculating(figures.totalUnits, figures.treasuryUnits, heldUnits, at);
  return figures;
}

/** a − b without rounding (Decimal arithmetic rounds to 60 digits, which large supplies at 40 places exceed). */
function exactMinus(a: Decimal, b: Decimal): Decimal {
  const places = Math.max(a.decimalPlaces(), b.decimalPlaces());
  return fromScaledInteger(toScaledInteger(a, places) - toScaledInteger(b, places), places);
}

function sourceOf(model: SynternetModel, key: keyof SynternetParameters): string {
  return model.parameters.find((parameter) => parameter.key === key)!.source;
}

function anchorNote(model: SynternetModel): string {
  const { state } = model;
  return state
    ? `; anchored at the chain's total at block ${state.height} (${state.blockTime.toISOString()}), GET /cosmos/bank/v1beta1/supply/by_denom?denom=usynt`
    : '; stepped from genesisSupply at inflationStart';
}

const STAKED_FROM_TREASURY = `${METHOD}#staked-from-the-treasury`;

/**
 * Supply at `at`: total by the yearly-allowance ruling; circulating = total −
 * treasury − configured non-circulating holdings (staked tokens count as
 * circulating); staked = bondedRatio × total; liquid = max(circulating −
 * staked, 0). Where more is staked than circulates, the excess is its own
 * non-circulating, staked bucket, "staked from the treasury", taken from the
 * treasury bucket (then from configured holdings, in order, should the
 * treasury not cover it), so total − Σ(non-circulating buckets) = circulating.
 */
export function supplyFigures(
  model: SynternetModel,
  at: Date,
  configured: readonly CheckedHolding[] = [],
): Supply {
  const { params } = model;
  const s = stateAt(model, at);
  const anchor = anchorOf(model);
  const held = heldOf(model, configured);
  const totalUnits = unitsOf(s.total);
  const treasuryUnits = unitsOf(s.treasury);
  const heldUnits = held.reduce((sum, holding) => sum + unitsOf(holding.amount), 0n);
  checkNonCirculating(totalUnits, treasuryUnits, heldUnits, at);
  // Exact, as schedule points compute it: a Decimal subtraction rounds to 60 digits, which a
  // total of 10^20 tokens or more at AMOUNT_PLACES exceeds.
  const circulating = fromScaledInteger(totalUnits - treasuryUnits - heldUnits, AMOUNT_PLACES);
  const staked = stakedAmount(
    params.bondedRatio,
    new ScaledDecimal(totalUnits, AMOUNT_PLACES),
    SYNT_DECIMALS,
  ).toDecimal();
  const split = splitStaked(staked, circulating, [s.treasury, ...held.map((holding) => holding.amount)]);
  const fromTreasury = split.taken[0]!.toDecimal();
  const fromHoldings = split.fromHoldings.toDecimal();
  const liquid = split.liquid.toDecimal();
  const treasuryAddress = model.state?.treasuryAddress ?? SYNTERNET_TREASURY_ADDRESS;
  const bondedSource = sourceOf(model, 'bondedRatio');
  const spills = fromHoldings.gt(fromTreasury);
  const treasuryNotes = [
    sourceOf(model, 'treasuryBalance'),
    ...(s.treasuryEmitted.isZero() ? [] : [`plus treasury inflation (${METHOD}#treasury-inflation)`]),
    ...(fromTreasury.isZero()
      ? []
      : [
          `less ${formatDecimal(servedFigure(fromTreasury, SYNT_DECIMALS) as Decimal)} SYNT counted as staked from the treasury (${STAKED_FROM_TREASURY})`,
        ]),
  ];
  const buckets: SupplyBucket[] = [
    {
      key: 'treasury',
      label: `Treasury (${treasuryAddress}), not staked`,
      amount: exactMinus(s.treasury, fromTreasury),
      circulating: false,
      source: treasuryNotes.join('; '),
    },
    {
      key: 'staked-from-treasury',
      label: `Staked from the treasury${spills ? ' and configured holdings' : ''} (an assumption: the staked supply beyond the circulating supply)`,
      amount: fromHoldings,
      circulating: false,
      staked: true,
      source: `${STAKED_FROM_TREASURY}; staked from bondedRatio: ${bondedSource}`,
    },
    ...held.map((holding, index) =>
      holdingBucket(holding, split.taken[index + 1]!.toDecimal(), STAKED_FROM_TREASURY),
    ),
    {
      key: 'staked',
      label: 'Staked (bonded to validators) from the circulating supply',
      amount: split.fromCirculating.toDecimal(),
      circulating: true,
      source: bondedSource,
    },
  ];
  return {
    at,
    max: null,
    total: s.total,
    circulating,
    staked,
    liquid,
    burned: null,
    circulatingDefinition: `Total supply minus the treasury (${SPEC}, Circulating Supply: "Circulating supply = Total supply - Treasury") and minus any non-circulating holding the deployment configures. The treasury is the mint module's treasury_address ${treasuryAddress}. Staked tokens count as circulating, the convention of CoinGecko, CoinMarketCap and Messari; liquid = circulating − staked, never below 0. Where more is staked than circulates (the seed's bonded ratio of 0.5 against a 90 % treasury), the excess is shown as staked from the treasury, an assumption. Burns (manual, proposal 0009) are not modelled: burned is unknown. See ${METHOD}#circulating-supply.`,
    buckets,
    derivations: {
      total: derive(
        'total(t) = total(start of year y) + (validatorAllowance_y + treasuryAllowance_y) × elapsed; allowance_y = rate_y × total(start of year y); years start on anniversaries of inflationStart',
        {
          year: s.year.number,
          yearStart: s.year.start,
          yearEnd: s.year.end,
          elapsed: rateInput(s.elapsed),
          yearStartTotal: amountInput(s.year.startTotal),
          validatorRate: rateInput(s.year.rates.validator),
          treasuryRate: rateInput(s.year.rates.treasury),
          validatorAllowance: amountInput(s.year.validatorAllowance),
          treasuryAllowance: amountInput(s.year.treasuryAllowance),
          anchorAt: anchor.at,
          anchorTotal: amountInput(anchor.total),
        },
        s.total,
        `${RULING}; ${SPEC} (Incentives)${anchorNote(model)}`,
      ),
      circulating: derive(
        'circulating = total − treasury − Σ configured non-circulating holdings (staked tokens count as circulating)',
        {
          total: amountInput(s.total),
          treasury: amountInput(s.treasury),
          nonCirculatingHoldings: amountInput(fromScaledInteger(heldUnits, AMOUNT_PLACES)),
          anchorTreasury: amountInput(anchor.treasury),
          treasuryEmittedSinceStart: amountInput(s.treasuryEmitted),
        },
        circulating,
        `${SPEC} (Circulating Supply); ${METHOD}#circulating-supply`,
      ),
      staked: derive(
        'staked = bondedRatio × total, rounded half to even to the usynt (never above total)',
        { bondedRatio: rateInput(params.bondedRatio), total: amountInput(s.total) },
        staked,
        bondedSource,
      ),
      liquid: derive(
        'liquid = max(circulating − staked, 0); the staked tokens beyond circulating are staked from the treasury',
        {
          circulating: amountInput(circulating),
          staked: amountInput(staked),
          stakedFromTreasury: amountInput(fromHoldings),
        },
        liquid,
        STAKED_FROM_TREASURY,
      ),
    },
  };
}

/**
 * Rewards at `at`: momentary validator inflation (emissionRate), the run-rate
 * annualEmission (this year's validator allowance, emitted evenly, × (1 −
 * communityTax): what stakers receive a year at the current rate, the chain's
 * annual provisions), APR, APY, bonded ratio; the derivation also shows what
 * the next twelve months actually release to stakers.
 */
export function rewardsFigures(model: SynternetModel, at: Date, query: RewardsQuery): Rewards {
  const { params } = model;
  const s = stateAt(model, at);
  // validatorAllowance / total, rounded to RATE_PLACES, as schedule points have it (supplySchedule).
  const inflation = s.inflation;
  const keep = new Decimal(1).minus(params.communityTax);
  const annualEmission = s.year.validatorAllowance.times(keep);
  const nextTo = addMonths(at, 12);
  const next = withSchedule(model, (schedule) => schedule.supplyAt(nextTo));
  const nextRelease = exactMinus(next.validatorEmitted, s.validatorEmitted).times(keep);
  const apr = stakingApr(inflation, params.bondedRatio, params.communityTax);
  const delegator = query.commission === undefined ? null : delegatorApr(apr, query.commission);
  const chain = s.year.allowanceFromChain ? chainValidatorRate(model) : null;
  const mintNote = chain
    ? `; x/mint inflation (GET /cosmos/mint/v1beta1/inflation) read as the total inflation (validator + treasury, as proposal 0008 states its figures): validator rate = max(chainInflation − treasuryRate, 0), this year's validator allowance = that × total at block ${model.state?.height} (${METHOD}#chain-inflation-read-live)`
    : '';
  return {
    at,
    annualEmission,
    emissionRate: inflation,
    stakingApr: apr,
    stakingApy: dailyCompoundedApy(apr),
    bondedRatio: params.bondedRatio,
    participants: null,
    perParticipantDaily: null,
    delegatorApr: delegator,
    derivation: derive(
      'APR = inflation(t) / bondedRatio × (1 − communityTax); inflation(t) = validatorAllowance_y / total(t) (emissionRate); annualEmission = validatorAllowance_y × (1 − communityTax), the run-rate at t (the allowance is emitted evenly through the year: the annual provisions stakers receive); nextTwelveMonthsRelease = (validatorEmitted(t + 12 months) − validatorEmitted(t)) × (1 − communityTax), what the next twelve months actually release',
      {
        inflation: rateInput(inflation),
        validatorAllowance: amountInput(s.year.validatorAllowance),
        total: amountInput(s.total),
        year: s.year.number,
        validatorRate: rateInput(s.year.rates.validator),
        ...(chain
          ? {
              chainInflation: rateInput(chain.chainInflation),
              treasuryRate: rateInput(chain.treasuryRate),
              chainValidatorRate: rateInput(chain.validatorRate),
            }
          : {}),
        bondedRatio: rateInput(params.bondedRatio),
        communityTax: rateInput(params.communityTax),
        annualEmission: amountInput(annualEmission),
        nextTwelveMonthsTo: nextTo,
        nextTwelveMonthsRelease: amountInput(nextRelease),
        ...(query.commission === undefined ? {} : { commission: rateInput(query.commission) }),
      },
      apr,
      `${SPEC} (Incentives: "Reward rate = Inflation rate / Bonding rate"); x/distribution community_tax; ${METHOD}#rewards; ${RULING}${mintNote}`,
    ),
  };
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

/**
 * The x/slashing model with Synternet's token and wording: slashes truncated
 * to the usynt, derivations citing the documentation's Slashing section, the
 * methodology page and the Cosmos SDK files at commits.
 */
function slashingModel(model: ParameterModel<SynternetParameters>): SlashingModel {
  return {
    params: model.params,
    token: { symbol: 'SYNT', decimals: SYNT_DECIMALS, baseUnit: SYNT_DENOM },
    parameters: model.parameters,
    sources: {
      downtime: `${SPEC} (Slashing); ${METHOD}#slashing; ${COSMOS_SDK_SLASHING_SOURCES.downtime}`,
      doubleSign: `${SPEC} (Slashing: "much more severe"); ${METHOD}#slashing; ${COSMOS_SDK_SLASHING_SOURCES.doubleSign}`,
    },
  };
}

/** The two penalty rules: downtime and double-sign (x/slashing, shared with every Cosmos adapter). */
export function penaltyRules(model: ParameterModel<SynternetParameters>): PenaltyRule[] {
  return slashingPenaltyRules(slashingModel(model));
}

/** Simulates a penalty on the given stakes (x/slashing, shared with every Cosmos adapter). */
export function simulatePenalty(model: SynternetModel, input: PenaltyInput): PenaltyOutcome {
  return simulateSlashingPenalty(slashingModel(model), input);
}

/**
 * Schedule points: the same figures as supply and rewards at each instant
 * (shared {@link supplySchedule}), kept as the schedule's exact integers
 * until something reads them: circulating = total − treasury − configured
 * holdings, liquid = max(circulating − staked, 0), emitted = the validator
 * emissions since the previous point × (1 − communityTax) (what stakers
 * receive, as annualEmission), poolBalance = the treasury balance.
 */
export function schedulePoints(
  model: SynternetModel,
  instants: Date[],
  configured: readonly CheckedHolding[] = [],
): SchedulePoint[] {
  const { params } = model;
  const held = heldOf(model, configured);
  const heldUnits = held.reduce((sum, holding) => sum + unitsOf(holding.amount), 0n);
  const heldAmounts = held.map((holding) => holding.amount);
  // Stakers keep (1 − communityTax) of each emission: an exact product at K more places.
  const keep = new Decimal(1).minus(params.communityTax);
  const keepPlaces = keep.decimalPlaces();
  const keepUnits = toScaledInteger(keep, keepPlaces);
  // Evenly spaced points within a year emit the same amount, and a treasury that
  // gets no inflation stays put: such figures are made (and written) once.
  const emittedAmounts = new SharedAmounts(AMOUNT_PLACES + keepPlaces);
  const treasuries = new SharedAmounts(AMOUNT_PLACES);
  let previous: bigint | null = null;
  return withSchedule(model, (schedule) =>
    instants.map((at) => {
      const s = figuresAt(schedule, at, heldUnits);
      const emitted =
        previous === null ? ZERO : emittedAmounts.of((s.validatorEmittedUnits - previous) * keepUnits);
      previous = s.validatorEmittedUnits;
      const total = new ScaledDecimal(s.totalUnits, AMOUNT_PLACES);
      const circulating = new ScaledDecimal(s.totalUnits - s.treasuryUnits - heldUnits, AMOUNT_PLACES);
      const treasury = treasuries.of(s.treasuryUnits);
      const staked = stakedAmount(params.bondedRatio, total, SYNT_DECIMALS);
      return new ExactSchedulePoint(at, {
        total,
        circulating,
        emitted,
        emissionRate:
          s.inflationUnits === null ? inflationOf(s) : new ScaledDecimal(s.inflationUnits, RATE_PLACES),
        poolBalance: treasury,
        liquid: splitStaked(staked, circulating, [treasury, ...heldAmounts]).liquid,
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
