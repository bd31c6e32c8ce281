import {
  Decimal,
  ExactSchedulePoint,
  ScaledDecimal,
  type SchedulePoint,
  toScaledInteger,
} from '@tokenomics/core';
import { type CheckedHolding, splitStaked, stakedUnitsOf } from '@tokenomics/cosmos-rest';
import { AMOUNT_PLACES, inflationOf, RATE_PLACES } from '../formulas/supply-at.js';
import type { SynternetModel } from '../state.js';
import { SYNT_DECIMALS } from '../token.js';
import { figuresAt, heldOf, unitsOf, withSchedule } from './state-at.js';

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
  // Staked and liquid in scaled integers, the ratio's made once: staked = bondedRatio × total to the
  // usynt, liquid = max(circulating − staked, 0), both at AMOUNT_PLACES (every amount's places here).
  const stakedUnits = stakedUnitsOf(params.bondedRatio, AMOUNT_PLACES, SYNT_DECIMALS);
  const usyntScale = 10n ** BigInt(AMOUNT_PLACES - SYNT_DECIMALS);
  // Holdings finer than AMOUNT_PLACES (none a chain serves) would set splitStaked's places: the general split.
  const fastSplit = heldAmounts.every((amount) => amount.decimalPlaces() <= AMOUNT_PLACES);
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
      const staked = stakedUnits(s.totalUnits) * usyntScale;
      const circulatingUnits = circulating.units;
      let liquid: ScaledDecimal;
      if (fastSplit && staked <= circulatingUnits)
        liquid = new ScaledDecimal(circulatingUnits - staked, AMOUNT_PLACES);
      else if (fastSplit && staked - circulatingUnits <= s.treasuryUnits + heldUnits) liquid = LIQUID_NONE;
      else {
        // More staked than the holdings cover (splitStaked refuses it), or fine holdings: the general split.
        liquid = splitStaked(new ScaledDecimal(staked, AMOUNT_PLACES), circulating, [
          treasury,
          ...heldAmounts,
        ]).liquid;
      }
      return new ExactSchedulePoint(at, {
        total,
        circulating,
        emitted,
        emissionRate:
          s.inflationUnits === null ? inflationOf(s) : new ScaledDecimal(s.inflationUnits, RATE_PLACES),
        poolBalance: treasury,
        liquid,
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
/** Liquid when all of circulating is staked: 0 at AMOUNT_PLACES, as splitStaked gives it. */
const LIQUID_NONE = new ScaledDecimal(0n, AMOUNT_PLACES);
