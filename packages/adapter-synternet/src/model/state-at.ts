import {
  cycleYearAt,
  type Decimal,
  formatDecimal,
  fromScaledInteger,
  OVERRIDE_SOURCE,
  type SizedCacheStats,
  sizedCache,
  sizedCacheStats,
  TokenomicsError,
  toScaledInteger,
} from '@tokenomics/core';
import { type CheckedHolding, type HeldAmount, heldAmounts } from '@tokenomics/cosmos-rest';
import {
  AMOUNT_PLACES,
  type SupplyAnchor,
  type SupplyAtResult,
  type SupplyFigures,
  type SupplySchedule,
  supplySchedule,
} from '../formulas/supply-at.js';
import { validatorRateOfTotal } from '../formulas/validator-rate.js';
import { inflationRatesForYear } from '../formulas/year-rates.js';
import { SYNTERNET_METHODOLOGY, SYNTERNET_TOKENOMICS_URL, type SynternetParameters } from '../parameters.js';
import type { SynternetModel } from '../state.js';

export const SPEC = SYNTERNET_TOKENOMICS_URL;
export const METHOD = SYNTERNET_METHODOLOGY;
export const RULING = `${METHOD}#inflation-schedule`;

function isOverridden(model: SynternetModel, key: keyof SynternetParameters): boolean {
  return model.parameters.some((parameter) => parameter.key === key && parameter.source === OVERRIDE_SOURCE);
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
export function withSchedule<T>(model: SynternetModel, use: (schedule: SupplySchedule) => T): T {
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

/**
 * What the schedule tables of every Synternet model hold now, against their bound.
 *
 * @example
 * ```ts
 * import { scheduleTableStats, synternetAdapter } from '@tokenomics/adapter-synternet';
 *
 * await synternetAdapter().supply!({ at: new Date('2026-01-01T00:00:00Z') });
 * scheduleTableStats(); // { entries: 1, bytes: 13312, maxBytes: 16777216 } (SCHEDULE_TABLES_BYTES)
 * ```
 */
export function scheduleTableStats(): SizedCacheStats {
  return sizedCacheStats(schedules);
}

/**
 * The non-circulating holdings a deployment configured: read from the chain
 * by a live source (in its state), the configured amounts for a snapshot.
 */
export function heldOf(model: SynternetModel, configured: readonly CheckedHolding[]): HeldAmount[] {
  return heldAmounts(model.state, configured);
}

export function unitsOf(amount: Decimal): bigint {
  return toScaledInteger(amount, AMOUNT_PLACES);
}

/** Refuses a state where the treasury and the configured holdings exceed the total (circulating would be negative). */
export function checkNonCirculating(
  totalUnits: bigint,
  treasuryUnits: bigint,
  heldUnits: bigint,
  at: Date,
): void {
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

/** The last instant's state of each model: supply and rewards at one instant (one request) compute it once. */
const lastStates = new WeakMap<SynternetModel, { at: number; result: SupplyAtResult }>();

/**
 * Supply, treasury and emissions at an instant, checked (treasury ≤ total).
 * The last instant's is kept per model (models are immutable), so supply and
 * rewards at the same instant share one computation.
 */
export function stateAt(model: SynternetModel, at: Date): SupplyAtResult {
  const last = lastStates.get(model);
  if (last !== undefined && last.at === at.getTime()) return last.result;
  const result = withSchedule(model, (schedule) => schedule.supplyAt(at));
  checkNonCirculating(result.units.total, result.units.treasury, 0n, at);
  lastStates.set(model, { at: at.getTime(), result });
  return result;
}

/** The figures a schedule point needs at an instant, checked with the holdings: the same as {@link stateAt}'s. */
export function figuresAt(schedule: SupplySchedule, at: Date, heldUnits: bigint): SupplyFigures {
  const figures = schedule.figuresAt(at);
  checkNonCirculating(figures.totalUnits, figures.treasuryUnits, heldUnits, at);
  return figures;
}

/** a − b without rounding (Decimal arithmetic rounds to 60 digits, which large supplies at 40 places exceed). */
export function exactMinus(a: Decimal, b: Decimal): Decimal {
  const places = Math.max(a.decimalPlaces(), b.decimalPlaces());
  return fromScaledInteger(toScaledInteger(a, places) - toScaledInteger(b, places), places);
}

export function sourceOf(model: SynternetModel, key: keyof SynternetParameters): string {
  return model.parameters.find((parameter) => parameter.key === key)!.source;
}

export function anchorNote(model: SynternetModel): string {
  const { state } = model;
  return state
    ? `; anchored at the chain's total at block ${state.height} (${state.blockTime.toISOString()}), GET /cosmos/bank/v1beta1/supply/by_denom?denom=usynt`
    : '; stepped from genesisSupply at inflationStart';
}
