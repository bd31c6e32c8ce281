import {
  Decimal,
  fromScaledInteger,
  type Parameter,
  type SizedCacheStats,
  sizedCache,
  sizedCacheStats,
  toScaledInteger,
} from '@tokenomics/core';
import { COSMOS_SDK_SLASHING_SOURCES } from '@tokenomics/cosmos-rest';
import { blocksElapsed } from '../formulas/blocks-elapsed.js';
import type { InflationPath } from '../formulas/inflation-after-blocks.js';
import { inflationAfterBlocks } from '../formulas/inflation-after-blocks.js';
import { inflationChangePerBlock } from '../formulas/inflation-change-per-block.js';
import type { SupplyAfterBlocks } from '../formulas/supply-after-blocks.js';
import { COSMOS_MINT_METHODOLOGY, type CosmosMintParameters } from '../parameters.js';
import type { CosmosMintModel, MintStateAt } from '../state.js';

export const METHOD = COSMOS_MINT_METHODOLOGY;
export const MINT = `cosmos-sdk x/mint (minter.go NextInflationRate, NextAnnualProvisions, BlockProvision), https://github.com/cosmos/cosmos-sdk/blob/5f9c3fdf88952ea43316f1a18de572e7ae3c13f6/x/mint/types/minter.go; ${METHOD}#supply`;
export const DISTRIBUTION = `cosmos-sdk x/distribution (community_tax), https://github.com/cosmos/cosmos-sdk/blob/a26a2e17a16cc7ebf9afb9d898b8996b0049b855/x/distribution/keeper/allocation.go; ${METHOD}#rewards`;
export const SLASHING = {
  downtime: `${METHOD}#slashing; ${COSMOS_SDK_SLASHING_SOURCES.downtime}`,
  doubleSign: `${METHOD}#slashing; ${COSMOS_SDK_SLASHING_SOURCES.doubleSign}`,
};
export const STAKED_FROM_HOLDINGS = `${METHOD}#circulating-staked-and-liquid`;
export const HELD = 'the bonded ratio is held constant from the anchor on';

/** Estimated bytes of one kept state: a handful of 60-digit Decimals and the path. */
const MINT_STATE_BYTES = 2_048;
/** States kept, for all models: 4 MiB, about 2,000 (model, block count) pairs. */
export const MINT_STATES_BYTES = 4 * 1024 * 1024;

/** A number per model (models are immutable objects), so a (model, blocks) pair is one string key. */
const modelIds = new WeakMap<CosmosMintModel, number>();
let nextModelId = 0;
const states = sizedCache<string, MintStateAt>({
  maxBytes: MINT_STATES_BYTES,
  sizeOf: () => MINT_STATE_BYTES,
});

/** What the memo of {@link mintStateAt} holds now, against its bound. */
export type MintStatsAt = SizedCacheStats;

/**
 * What the memo of {@link mintStateAt} holds now, against its bound.
 *
 * @example
 * ```ts
 * import { mintStateStats } from '@tokenomics/adapter-cosmos-mint';
 *
 * mintStateStats().maxBytes; // 4194304
 * ```
 */
export function mintStateStats(): MintStatsAt {
  return sizedCacheStats(states);
}

/**
 * Blocks since the anchor, the inflation path and the supply at `at`, the
 * one computation every capability (and the schedule) reads: memoized per
 * model and block count (bounded, {@link MINT_STATES_BYTES}), so supply,
 * rewards and the schedule at one instant compute it once.
 *
 * @example
 * ```ts
 * import { type CosmosMintModel, mintStateAt } from '@tokenomics/adapter-cosmos-mint';
 *
 * declare const model: CosmosMintModel; // the cosmoshub preset
 *
 * mintStateAt(model, new Date('2020-03-13T05:00:00Z')).blocks; // 4360000 with the cosmoshub preset
 * ```
 */
export function mintStateAt(model: CosmosMintModel, at: Date): MintStateAt {
  const blocks = blocksElapsed(model.params.anchorTime, at, model.params.blocksPerYear);
  let id = modelIds.get(model);
  if (id === undefined) {
    id = nextModelId++;
    modelIds.set(model, id);
  }
  const key = `${id}:${blocks}`;
  let state = states.get(key);
  if (state === undefined) {
    state = mintStateAfter(model, blocks);
    states.set(key, state);
  }
  return state;
}

/** The state after `blocks` blocks from the anchor, computed (the memo's miss path). */
function mintStateAfter(model: CosmosMintModel, blocks: number): MintStateAt {
  const { params } = model;
  const change = inflationChangePerBlock(
    params.bondedRatio,
    params.goalBonded,
    params.inflationRateChange,
    params.blocksPerYear,
  );
  const bounds = { min: params.inflationMin, max: params.inflationMax };
  const path = inflationAfterBlocks(params.anchorInflation, change, bounds, blocks);
  const supply = supplyAfterBlocksScaled(params.anchorSupply, path, change, params.blocksPerYear, blocks);
  return { blocks, change, path, supply };
}

/** Decimal places of the fixed point the series is evaluated in (the answer keeps {@link SCALED_TOTAL_PLACES}). */
const WORK_PLACES = 90;
const WORK_ONE = 10n ** BigInt(WORK_PLACES);
/** Decimal places of the total and minted amounts given back: far beyond the served 18 (and the token's base unit). */
export const SCALED_TOTAL_PLACES = 40;
/** Decimal places of the series' error bound given back (a relative error, ≈ 10⁻³⁰ a year for the Hub). */
const ERROR_BOUND_PLACES = 60;

/** `numerator / denominator` rounded half away from zero, for positive denominators. */
function divideRound(numerator: bigint, denominator: bigint): bigint {
  const twice = 2n * numerator;
  return twice >= 0n
    ? (twice + denominator) / (2n * denominator)
    : -((-twice + denominator) / (2n * denominator));
}

/** `e^(value / WORK_ONE)` in the fixed point of {@link WORK_PLACES}. */
function expFixed(value: bigint): bigint {
  if (value < 0n) return divideRound(WORK_ONE * WORK_ONE, expFixed(-value));
  // Halve the argument until it is below 2^-20, sum the Taylor series, then square back.
  let halvings = 0;
  let reduced = value;
  const small = WORK_ONE >> 20n;
  while (reduced > small) {
    reduced >>= 1n;
    halvings++;
  }
  // The shifts above dropped bits: take the exact quotient of the original value instead.
  reduced = divideRound(value, 1n << BigInt(halvings));
  let sum = WORK_ONE;
  let term = WORK_ONE;
  for (let k = 1n; term !== 0n; k++) {
    term = divideRound(term * reduced, WORK_ONE * k);
    sum += term;
  }
  for (let i = 0; i < halvings; i++) sum = divideRound(sum * sum, WORK_ONE);
  return sum;
}

/** `ln(1 + numerator / denominator)` in the fixed point of {@link WORK_PLACES} (a positive or small negative ratio), as `2 atanh(z)`, `z = x / (2 + x)`. */
function log1pFixed(numerator: bigint, denominator: bigint): bigint {
  const zNumerator = numerator;
  const zDenominator = 2n * denominator + numerator;
  const z = divideRound(zNumerator * WORK_ONE, zDenominator);
  const z2 = divideRound(z * z, WORK_ONE);
  let power = z;
  let sum = 0n;
  for (let k = 1n; power !== 0n; k += 2n) {
    sum += divideRound(power, k);
    power = divideRound(power * z2, WORK_ONE);
  }
  return 2n * sum;
}

/** The decimal places a Decimal needs to be an integer when scaled (its own places). */
function placesOf(...values: Decimal[]): number {
  return Math.max(...values.map((value) => value.decimalPlaces()));
}

/**
 * {@link supplyAfterBlocks}'s closed form evaluated in scaled integers
 * (bigint, {@link WORK_PLACES} places) instead of 60-digit decimal.js
 * `exp`/`ln`: over the linear phase the four power sums of
 * `x_j = (first + j × change) / B` are exact integers over `(10^p × B)^q`
 * (Faulhaber), so the truncated log series is an exact rational rounded once;
 * the constant phase's `ln(1 + bound / B)` is an `atanh` series and the
 * exponential a Taylor series after halving the argument, both in the fixed
 * point. Totals are given to {@link SCALED_TOTAL_PLACES} places: the same as
 * the decimal.js path at the served precision (the token's base unit, 18
 * places for rates), which `tests/mint-state-scaled.test.ts` checks over many
 * block counts against {@link supplyAfterBlocks}, kept as the reference.
 *
 * @param n - whole blocks, ≥ 0
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { supplyAfterBlocksScaled } from './mint-state.js';
 *
 * const path = { first: new Decimal('0.07'), linearBlocks: 4360000, bound: null };
 * // constant 7 % over a year of 4,360,000 blocks: (1 + 0.07/4,360,000)^4,360,000 ≈ e^0.07
 * supplyAfterBlocksScaled(new Decimal('1000000'), path, new Decimal(0), 4360000, 4360000).total.toFixed(6); // '1072508.180652'
 * ```
 */
export function supplyAfterBlocksScaled(
  start: Decimal,
  path: Pick<InflationPath, 'first' | 'linearBlocks' | 'bound'>,
  change: Decimal,
  blocksPerYear: number,
  n: number,
): SupplyAfterBlocks {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`blocks must be a whole number ≥ 0, got ${n}`);
  const m = Math.min(path.linearBlocks, n);
  const places = placesOf(path.first, change, ...(path.bound === null ? [] : [path.bound]));
  const scale = 10n ** BigInt(places);
  const B = BigInt(blocksPerYear);
  const D = scale * B; // x = integer / D
  let logGrowth = 0n; // × WORK_ONE
  let seriesErrorBound = new Decimal(0);
  if (m > 0) {
    const f = toScaledInteger(path.first, places);
    const c = toScaledInteger(change, places);
    const M = BigInt(m);
    const J = M - 1n;
    // Σ_{j=0}^{m−1} j^q, q = 0 … 4 (Faulhaber), exact.
    const s1 = (J * M) / 2n;
    const s2 = (J * M * (2n * M - 1n)) / 6n;
    const s3 = s1 * s1;
    const s4 = (J * M * (2n * M - 1n) * (3n * J * J + 3n * J - 1n)) / 30n;
    const sums = [M, s1, s2, s3, s4];
    const binomial = [[1n], [1n, 1n], [1n, 2n, 1n], [1n, 3n, 3n, 1n], [1n, 4n, 6n, 4n, 1n]];
    // N_p = Σ_j (f + j c)^p = Σ_q C(p, q) f^(p−q) c^q S_q, so Σ_j x_j^p = N_p / D^p.
    const powerSum = (p: number): bigint => {
      let total = 0n;
      for (let q = 0; q <= p; q++) total += binomial[p]![q]! * f ** BigInt(p - q) * c ** BigInt(q) * sums[q]!;
      return total;
    };
    // N1/D − N2/(2D²) + N3/(3D³) − N4/(4D⁴) over the common denominator 12 D⁴.
    const D2 = D * D;
    const D3 = D2 * D;
    const numerator =
      12n * powerSum(1) * D3 - 6n * powerSum(2) * D2 + 4n * powerSum(3) * D - 3n * powerSum(4);
    logGrowth = divideRound(numerator * WORK_ONE, 12n * D3 * D);
    const xMax = f > f + c * J ? f : f + c * J;
    // m × xMax⁵ / 5, xMax = integer / D.
    seriesErrorBound = fromScaledInteger(
      divideRound(xMax ** 5n * M * 10n ** BigInt(ERROR_BOUND_PLACES), 5n * D ** 5n),
      ERROR_BOUND_PLACES,
    );
  }
  if (n > m) {
    if (path.bound === null) throw new RangeError('the inflation path ends before n blocks without a bound');
    logGrowth += BigInt(n - m) * log1pFixed(toScaledInteger(path.bound, places), D);
  }
  const startPlaces = start.decimalPlaces();
  const startUnits = toScaledInteger(start, startPlaces);
  const growth = expFixed(logGrowth);
  // start × growth at startPlaces + WORK_PLACES places, rounded to SCALED_TOTAL_PLACES (or the start's own places).
  const outPlaces = Math.max(SCALED_TOTAL_PLACES, startPlaces);
  const totalUnits = divideRound(startUnits * growth, 10n ** BigInt(startPlaces + WORK_PLACES - outPlaces));
  const total = fromScaledInteger(totalUnits, outPlaces);
  const minted = fromScaledInteger(
    totalUnits - startUnits * 10n ** BigInt(outPlaces - startPlaces),
    outPlaces,
  );
  return { total, minted, seriesErrorBound };
}

/** The source of a parameter's value in this model. */
export function sourceOf(model: CosmosMintModel, key: keyof CosmosMintParameters): string {
  return model.parameters.find((parameter: Parameter) => parameter.key === key)!.source;
}

/** Where the model steps from: the chain's block (live) or the preset's anchor. */
export function anchorNote(model: CosmosMintModel): string {
  const { state, params } = model;
  return state
    ? `anchored at the chain's total at block ${state.height} (${state.blockTime.toISOString()})`
    : `anchored at anchorSupply on ${params.anchorTime.toISOString()} (${sourceOf(model, 'anchorSupply')})`;
}
