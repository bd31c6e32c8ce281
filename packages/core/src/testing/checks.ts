import { type Decimal, Decimal as DecimalConstructor, formatDecimal, sumDecimals } from '../decimal.js';
import type { Derivation } from '../derivation.js';
import type {
  Capability,
  EconomyContext,
  FeeQuoteInput,
  PenaltyInput,
  Rewards,
  SchedulePoint,
  Supply,
  TokenEconomy,
} from '../economy.js';
import { isTokenomicsError } from '../errors.js';
import type { ParameterOverride } from '../parameters.js';
import { formatFigure } from '../scaled-decimal.js';
import type { Interval } from '../schedule.js';
import { SCHEDULE_FIGURES, scheduleFigure } from '../schedule-point.js';
import { unlockedAt } from '../unlocks/unlocked-at.js';
import { parameterExtremes } from './extremes.js';
import { repositoryRoot, sourceViolation } from './sources.js';

/** What the conformance checks run over. */
export interface ConformanceOptions {
  /** Instants to check supply and rewards at: at or after genesis. */
  instants: readonly Date[];
  /** What-if override sets to check the same invariants under (the preset alone is always checked). */
  overrideSets?: ReadonlyArray<readonly ParameterOverride[]>;
  /** A schedule to check against supply and rewards at its points. */
  schedule?: { from: Date; to: Date; interval: Interval };
  /** Fee quotes to check; default: each fee schedule at a few quantities and prices. */
  feeQuotes?: readonly FeeQuoteInput[];
  /** Penalty simulations to check; default: each rule over two stakes, with and without missed blocks. */
  penaltyInputs?: readonly PenaltyInput[];
  /** The context every call runs with (pin `now`; pass a reader for live sources). */
  context?: () => Partial<EconomyContext>;
}

/** A conformance check: the violations it finds, each a sentence; none is a pass. */
export type ConformanceCheck = (economy: TokenEconomy, options: ConformanceOptions) => Promise<string[]>;

const ZERO = new DecimalConstructor(0);

function isExactDecimal(value: unknown): value is Decimal {
  return (
    DecimalConstructor.isDecimal(value) &&
    (value as Decimal).isFinite() &&
    !/e/i.test((value as Decimal).toFixed())
  );
}

function amountViolations(where: string, amounts: Record<string, unknown>): string[] {
  const violations: string[] = [];
  for (const [name, value] of Object.entries(amounts)) {
    if (value === null || value === undefined) continue;
    if (!isExactDecimal(value))
      violations.push(`${where}: ${name} is not a finite Decimal (${String(value)})`);
    else if (value.isNegative()) violations.push(`${where}: ${name} is negative (${formatDecimal(value)})`);
  }
  return violations;
}

function derivationMatches(
  where: string,
  derivation: Derivation | undefined,
  figure: Decimal | null,
  name: string,
): string[] {
  if (!derivation) return [];
  if (!isExactDecimal(derivation.result)) return [`${where}: derivation of ${name} has no Decimal result`];
  if (figure === null || !derivation.result.eq(figure)) {
    return [
      `${where}: derivation of ${name} gives ${formatDecimal(derivation.result)}, the figure is ${figure === null ? 'null' : formatDecimal(figure)}`,
    ];
  }
  const problems: string[] = [];
  if (!derivation.formula.trim()) problems.push(`${where}: derivation of ${name} has no formula`);
  if (!derivation.source.trim()) problems.push(`${where}: derivation of ${name} has no source`);
  return problems;
}

function overrideSets(options: ConformanceOptions): ReadonlyArray<readonly ParameterOverride[]> {
  return [[], ...(options.overrideSets ?? [])];
}

function label(at: Date, overrides: readonly ParameterOverride[]): string {
  const what = overrides.length ? ` with ${overrides.map((o) => `${o.key}=${o.value}`).join(', ')}` : '';
  return `at ${at.toISOString()}${what}`;
}

function supplyViolations(where: string, supply: Supply): string[] {
  const violations = amountViolations(`supply ${where}`, {
    max: supply.max,
    total: supply.total,
    circulating: supply.circulating,
    staked: supply.staked,
    liquid: supply.liquid,
    burned: supply.burned,
    ...Object.fromEntries(supply.buckets.map((bucket) => [`bucket ${bucket.key}`, bucket.amount])),
  });
  if (violations.length) return violations;
  if (supply.circulating.gt(supply.total)) {
    violations.push(
      `supply ${where}: circulating ${formatDecimal(supply.circulating)} > total ${formatDecimal(supply.total)}`,
    );
  }
  if (supply.max && supply.total.gt(supply.max)) {
    violations.push(
      `supply ${where}: total ${formatDecimal(supply.total)} > max ${formatDecimal(supply.max)}`,
    );
  }
  if (!supply.circulatingDefinition.trim()) violations.push(`supply ${where}: no circulatingDefinition`);
  for (const [figure, derivation] of Object.entries(supply.derivations)) {
    const value =
      supply[figure as keyof Pick<Supply, 'max' | 'total' | 'circulating' | 'staked' | 'liquid' | 'burned'>];
    violations.push(...derivationMatches(`supply ${where}`, derivation, value ?? null, figure));
  }
  return violations;
}

function rewardsViolations(where: string, rewards: Rewards): string[] {
  const violations = amountViolations(`rewards ${where}`, {
    annualEmission: rewards.annualEmission,
    emissionRate: rewards.emissionRate,
    stakingApr: rewards.stakingApr,
    stakingApy: rewards.stakingApy,
    bondedRatio: rewards.bondedRatio,
    perParticipantDaily: rewards.perParticipantDaily,
    delegatorApr: rewards.delegatorApr,
  });
  if (
    rewards.participants !== null &&
    (!Number.isInteger(rewards.participants) || rewards.participants < 0)
  ) {
    violations.push(`rewards ${where}: participants is not a count (${rewards.participants})`);
  }
  violations.push(
    ...derivationMatches(`rewards ${where}`, rewards.derivation, rewards.stakingApr, 'stakingApr'),
  );
  return violations;
}

/** Capabilities listed must be exactly the methods implemented. */
export const capabilitiesMatchMethods: ConformanceCheck = async (economy) => {
  const implemented: Record<Capability, boolean> = {
    SUPPLY: typeof economy.supply === 'function',
    REWARDS: typeof economy.rewards === 'function',
    FEES: typeof economy.fees === 'function' && typeof economy.quoteFee === 'function',
    PENALTIES: typeof economy.penalties === 'function' && typeof economy.simulatePenalty === 'function',
    SCHEDULE: typeof economy.schedule === 'function',
    FLOWS: typeof economy.flows === 'function',
  };
  const violations: string[] = [];
  for (const [capability, present] of Object.entries(implemented)) {
    const listed = economy.capabilities.includes(capability as Capability);
    if (listed && !present) violations.push(`${capability} is listed but not implemented`);
    if (!listed && present) violations.push(`${capability} is implemented but not listed`);
  }
  return violations;
};

/** Supply: circulating ≤ total ≤ max, no negative or inexact amounts, derivations equal their figures. */
export const supplyIsCoherent: ConformanceCheck = async (economy, options) => {
  if (!economy.supply) return [];
  const violations: string[] = [];
  for (const overrides of overrideSets(options)) {
    for (const at of options.instants) {
      const supply = await economy.supply({ at, overrides }, options.context?.());
      violations.push(...supplyViolations(label(at, overrides), supply));
    }
  }
  return violations;
};

/** Rewards: no negative or inexact amounts; the derivation explains stakingApr exactly. */
export const rewardsAreCoherent: ConformanceCheck = async (economy, options) => {
  if (!economy.rewards) return [];
  const violations: string[] = [];
  for (const overrides of overrideSets(options)) {
    for (const at of options.instants) {
      violations.push(
        ...rewardsViolations(
          label(at, overrides),
          await economy.rewards({ at, overrides }, options.context?.()),
        ),
      );
    }
  }
  return violations;
};

/** Parameters: each has a label, a description and a source; each override of its own value round-trips. */
export const parametersHaveProvenance: ConformanceCheck = async (economy, options) => {
  const violations: string[] = [];
  const parameters = await economy.parameters({}, options.context?.());
  if (parameters.length === 0) violations.push('no parameters');
  for (const parameter of parameters) {
    for (const field of ['label', 'description', 'source', 'value'] as const) {
      if (!parameter[field].trim()) violations.push(`parameter ${parameter.key} has no ${field}`);
    }
    const again = await economy.parameters(
      { overrides: [{ key: parameter.key, value: parameter.value }] },
      options.context?.(),
    );
    const echoed = again.find((p) => p.key === parameter.key);
    if (echoed?.value !== parameter.value) {
      violations.push(
        `parameter ${parameter.key}: overriding it with its own value "${parameter.value}" gives "${echoed?.value}"`,
      );
    }
  }
  return violations;
};

async function errorCodeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'no error';
  } catch (error) {
    return isTokenomicsError(error) ? error.code : `an uncoded ${(error as Error)?.name ?? 'error'}`;
  }
}

/** Overrides: an unknown key is UNKNOWN_PARAMETER; a nonsense value for any key is BAD_INPUT. */
export const badOverridesAreCoded: ConformanceCheck = async (economy, options) => {
  const violations: string[] = [];
  const ctx = options.context?.();
  const unknown = await errorCodeOf(() =>
    economy.parameters({ overrides: [{ key: '__unknown__', value: '1' }] }, ctx),
  );
  if (unknown !== 'UNKNOWN_PARAMETER')
    violations.push(`an unknown override key gives ${unknown}, not UNKNOWN_PARAMETER`);
  for (const parameter of await economy.parameters({}, ctx)) {
    const code = await errorCodeOf(() =>
      economy.parameters({ overrides: [{ key: parameter.key, value: '¿not a value?' }] }, ctx),
    );
    if (code !== 'BAD_INPUT')
      violations.push(`a nonsense value for ${parameter.key} gives ${code}, not BAD_INPUT`);
  }
  return violations;
};

async function defaultFeeQuotes(
  economy: TokenEconomy,
  options: ConformanceOptions,
): Promise<FeeQuoteInput[]> {
  const schedules = (await economy.fees?.(options.context?.())) ?? [];
  const quotes: FeeQuoteInput[] = [];
  for (const schedule of schedules) {
    for (const [quantity, unitPrice] of [
      ['1', '0'],
      ['1', '8'],
      ['1000', '0.0005'],
      ['2.5', '100'],
    ] as const) {
      quotes.push({
        fee: schedule.key,
        quantity: new DecimalConstructor(quantity),
        unitPrice: new DecimalConstructor(unitPrice),
      });
    }
  }
  return quotes;
}

/** Fees: shares sum to 1; every quote has total = base + protocolFee, allocations summing to protocolFee, and a derivation of total. */
export const feeQuotesBalance: ConformanceCheck = async (economy, options) => {
  if (!economy.fees || !economy.quoteFee) return [];
  const violations: string[] = [];
  for (const schedule of await economy.fees(options.context?.())) {
    const shares = sumDecimals(schedule.destinations.map((d) => d.share));
    if (!shares.eq(1))
      violations.push(`fee ${schedule.key}: destination shares sum to ${formatDecimal(shares)}, not 1`);
  }
  const unknown = await errorCodeOf(() =>
    economy.quoteFee!(
      { fee: '__unknown__', quantity: new DecimalConstructor(1), unitPrice: ZERO },
      options.context?.(),
    ),
  );
  if (unknown !== 'NOT_FOUND') violations.push(`an unknown fee key gives ${unknown}, not NOT_FOUND`);
  for (const input of options.feeQuotes ?? (await defaultFeeQuotes(economy, options))) {
    const where = `fee ${input.fee} × ${formatDecimal(input.quantity)} at ${formatDecimal(input.unitPrice)}`;
    const quote = await economy.quoteFee(input, options.context?.());
    const amounts = amountViolations(where, {
      base: quote.base,
      protocolFee: quote.protocolFee,
      total: quote.total,
      ...Object.fromEntries(quote.allocations.map((a) => [`allocation ${a.target}`, a.amount])),
    });
    if (amounts.length) {
      violations.push(...amounts);
      continue;
    }
    if (!quote.total.eq(quote.base.plus(quote.protocolFee))) {
      violations.push(
        `${where}: total ${formatDecimal(quote.total)} ≠ base + protocolFee ${formatDecimal(quote.base.plus(quote.protocolFee))}`,
      );
    }
    const allocated = sumDecimals(quote.allocations.map((a) => a.amount));
    if (!allocated.eq(quote.protocolFee)) {
      violations.push(
        `${where}: allocations sum to ${formatDecimal(allocated)}, protocolFee is ${formatDecimal(quote.protocolFee)}`,
      );
    }
    violations.push(...derivationMatches(where, quote.derivation, quote.total, 'total'));
  }
  return violations;
};

async function defaultPenaltyInputs(
  economy: TokenEconomy,
  options: ConformanceOptions,
): Promise<PenaltyInput[]> {
  const rules = (await economy.penalties?.(options.context?.())) ?? [];
  return rules.flatMap((rule) => [
    {
      rule: rule.key,
      stakes: [new DecimalConstructor(10_000), new DecimalConstructor(250_000)],
      missedBlocks: 0,
    },
    {
      rule: rule.key,
      stakes: [new DecimalConstructor('25000'), new DecimalConstructor('0.000001')],
      missedBlocks: 1_000_000,
    },
  ]);
}

/** Penalties: after = before − slashed for each stake, slashedTotal = their sum, allocations = slashedTotal. */
export const penaltiesBalance: ConformanceCheck = async (economy, options) => {
  if (!economy.penalties || !economy.simulatePenalty) return [];
  const violations: string[] = [];
  const unknown = await errorCodeOf(() =>
    economy.simulatePenalty!({ rule: '__unknown__', stakes: [ZERO] }, options.context?.()),
  );
  if (unknown !== 'NOT_FOUND') violations.push(`an unknown penalty rule gives ${unknown}, not NOT_FOUND`);
  for (const input of options.penaltyInputs ?? (await defaultPenaltyInputs(economy, options))) {
    const where = `penalty ${input.rule} on [${input.stakes.map(formatDecimal).join(', ')}]${input.missedBlocks == null ? '' : ` missing ${input.missedBlocks}`}`;
    const outcome = await economy.simulatePenalty(input, options.context?.());
    if (outcome.stakes.length !== input.stakes.length) {
      violations.push(`${where}: ${outcome.stakes.length} stake outcomes for ${input.stakes.length} stakes`);
      continue;
    }
    outcome.stakes.forEach((stake, index) => {
      const amounts = amountViolations(
        `${where} stake ${index}`,
        stake as unknown as Record<string, unknown>,
      );
      violations.push(...amounts);
      if (amounts.length) return;
      if (!stake.before.eq(input.stakes[index]!))
        violations.push(`${where} stake ${index}: before is not the input stake`);
      if (!stake.after.eq(stake.before.minus(stake.slashed))) {
        violations.push(`${where} stake ${index}: after ${formatDecimal(stake.after)} ≠ before − slashed`);
      }
    });
    const slashed = sumDecimals(outcome.stakes.map((s) => s.slashed));
    if (!isExactDecimal(outcome.slashedTotal) || !outcome.slashedTotal.eq(slashed)) {
      violations.push(
        `${where}: slashedTotal ${formatDecimal(outcome.slashedTotal)} ≠ sum of slashed ${formatDecimal(slashed)}`,
      );
    }
    const allocated = sumDecimals(outcome.allocations.map((a) => a.amount));
    if (!allocated.eq(outcome.slashedTotal)) {
      violations.push(
        `${where}: allocations sum to ${formatDecimal(allocated)}, slashedTotal is ${formatDecimal(outcome.slashedTotal)}`,
      );
    }
    if (!outcome.triggered && !outcome.slashedTotal.isZero())
      violations.push(`${where}: not triggered yet slashes`);
    violations.push(...derivationMatches(where, outcome.derivation, outcome.slashedTotal, 'slashedTotal'));
  }
  return violations;
};

/** A point's figures are exact Decimals, and each is written (scheduleFigure → wire text) as it reads. */
function pointViolations(where: string, point: SchedulePoint): string[] {
  const figures = Object.fromEntries(SCHEDULE_FIGURES.map((figure) => [figure, point[figure]]));
  const violations = amountViolations(where, figures);
  if (violations.length) return violations;
  for (const figure of SCHEDULE_FIGURES) {
    const read = point[figure];
    const exact = scheduleFigure(point, figure);
    const written = exact === null ? 'null' : formatFigure(exact);
    const shown = read == null ? 'null' : formatDecimal(read);
    if (written !== shown)
      violations.push(`${where}: ${figure} is written as ${written} but reads as ${shown}`);
  }
  return violations;
}

/** Schedule: points in time order, each written as it reads, each equal to supply and rewards at its instant. */
export const scheduleMatchesModel: ConformanceCheck = async (economy, options) => {
  if (!economy.schedule || !options.schedule) return [];
  const violations: string[] = [];
  const ctx = options.context?.();
  for (const overrides of overrideSets(options)) {
    const points: SchedulePoint[] = await economy.schedule({ ...options.schedule, overrides }, ctx);
    if (points.length === 0) violations.push('the schedule has no points');
    points.forEach((point, index) => {
      violations.push(...pointViolations(`schedule point ${index}`, point));
      const previous = points[index - 1];
      if (previous && point.at.getTime() <= previous.at.getTime())
        violations.push(`schedule point ${index} is not after point ${index - 1}`);
    });
    for (const point of points) {
      const where = label(point.at, overrides);
      if (economy.supply) {
        const supply = await economy.supply({ at: point.at, overrides }, ctx);
        if (!supply.total.eq(point.total))
          violations.push(
            `schedule ${where}: total ${formatDecimal(point.total)} ≠ supply ${formatDecimal(supply.total)}`,
          );
        if (!supply.circulating.eq(point.circulating)) {
          violations.push(
            `schedule ${where}: circulating ${formatDecimal(point.circulating)} ≠ supply ${formatDecimal(supply.circulating)}`,
          );
        }
      }
      if (economy.rewards) {
        const rewards = await economy.rewards({ at: point.at, overrides }, ctx);
        if (!rewards.emissionRate.eq(point.emissionRate)) {
          violations.push(
            `schedule ${where}: emissionRate ${formatDecimal(point.emissionRate)} ≠ rewards ${formatDecimal(rewards.emissionRate)}`,
          );
        }
      }
    }
  }
  return violations;
};

/** A point as written: its instant and every figure's wire text. */
function writtenPoint(point: SchedulePoint): Record<string, string> {
  const written: Record<string, string> = { at: point.at.toISOString() };
  for (const figure of SCHEDULE_FIGURES) {
    const exact = scheduleFigure(point, figure);
    written[figure] = exact === null ? 'null' : formatFigure(exact);
  }
  return written;
}

/**
 * Schedule: a point depends only on its instant and the one before it, as
 * the economy's slicing of long schedules needs (`scheduleInSlices`): the
 * schedule from `from` to `to` equals, written point by point, the one from
 * `from` to a middle point followed by the one from that point to `to`
 * (whose first point, emitting nothing since itself, is the middle point's
 * twin but for `emitted`).
 */
export const scheduleSplits: ConformanceCheck = async (economy, options) => {
  if (!economy.schedule || !options.schedule) return [];
  const violations: string[] = [];
  const ctx = options.context?.();
  for (const overrides of overrideSets(options)) {
    const whole = await economy.schedule({ ...options.schedule, overrides }, ctx);
    if (whole.length < 3) continue;
    const middle = whole[Math.floor(whole.length / 2)]!.at;
    const head = await economy.schedule({ ...options.schedule, to: middle, overrides }, ctx);
    const tail = await economy.schedule({ ...options.schedule, from: middle, overrides }, ctx);
    const joined = [...head, ...tail.slice(1)].map(writtenPoint);
    const expected = whole.map(writtenPoint);
    if (joined.length !== expected.length) {
      violations.push(
        `split at ${middle.toISOString()}: ${joined.length} points, the whole has ${expected.length}`,
      );
      continue;
    }
    expected.forEach((point, index) => {
      for (const [name, value] of Object.entries(point)) {
        if (joined[index]![name] !== value)
          violations.push(
            `split at ${middle.toISOString()} ${label(whole[index]!.at, overrides)}: ${name} is ${joined[index]![name]}, the whole schedule says ${value}`,
          );
      }
    });
  }
  return violations;
};

/** Flows: keys unique, every field filled. */
export const flowsAreDescribed: ConformanceCheck = async (economy) => {
  if (!economy.flows) return [];
  const violations: string[] = [];
  const seen = new Set<string>();
  for (const flow of economy.flows()) {
    if (seen.has(flow.key)) violations.push(`flow ${flow.key} appears twice`);
    seen.add(flow.key);
    for (const field of ['from', 'to', 'description'] as const) {
      if (!flow[field].trim()) violations.push(`flow ${flow.key} has no ${field}`);
    }
  }
  return violations;
};

/** Supply: total − Σ non-circulating buckets = circulating, exactly; staked ≤ circulating + Σ staked non-circulating buckets. */
export const bucketsReconcile: ConformanceCheck = async (economy, options) => {
  if (!economy.supply) return [];
  const violations: string[] = [];
  for (const overrides of overrideSets(options)) {
    for (const at of options.instants) {
      const where = `supply ${label(at, overrides)}`;
      const supply = await economy.supply({ at, overrides }, options.context?.());
      const keys = new Set<string>();
      for (const bucket of supply.buckets) {
        if (keys.has(bucket.key)) violations.push(`${where}: bucket ${bucket.key} appears twice`);
        keys.add(bucket.key);
      }
      const held = supply.buckets.filter((bucket) => !bucket.circulating);
      const outside = exactSum(held.map((bucket) => bucket.amount));
      const rest = new ExactDecimal(supply.total).minus(outside);
      if (!rest.eq(supply.circulating)) {
        violations.push(
          `${where}: total ${formatDecimal(supply.total)} − non-circulating buckets ${formatDecimal(outside)} = ${formatDecimal(rest)}, but circulating is ${formatDecimal(supply.circulating)}`,
        );
      }
      if (supply.staked !== null) {
        const stakedOutside = exactSum(held.filter((bucket) => bucket.staked).map((bucket) => bucket.amount));
        if (supply.staked.gt(new ExactDecimal(supply.circulating).plus(stakedOutside))) {
          violations.push(
            `${where}: staked ${formatDecimal(supply.staked)} > circulating ${formatDecimal(supply.circulating)} + staked non-circulating buckets ${formatDecimal(stakedOutside)}`,
          );
        }
      }
    }
  }
  return violations;
};

/**
 * The kit's own arithmetic is exact: figures of large supplies carry more
 * digits than the project Decimal's 60, and a check must never blame an
 * adapter for its own rounding.
 */
const ExactDecimal = DecimalConstructor.clone({ precision: 1_000 });

function exactSum(values: readonly Decimal[]): Decimal {
  return values.reduce<Decimal>((sum, value) => sum.plus(value), new ExactDecimal(0));
}

function expectedLiquid(circulating: Decimal, staked: Decimal): Decimal {
  return ExactDecimal.max(new ExactDecimal(circulating).minus(staked), ZERO);
}

/** liquid = max(circulating − staked, 0) where staked is known (null where it is not), on supply and on schedule points. */
export const liquidIsCirculatingLessStaked: ConformanceCheck = async (economy, options) => {
  if (!economy.supply) return [];
  const violations: string[] = [];
  const ctx = () => options.context?.();
  for (const overrides of overrideSets(options)) {
    for (const at of options.instants) {
      const where = `supply ${label(at, overrides)}`;
      const supply = await economy.supply({ at, overrides }, ctx());
      if (supply.staked === null) {
        if (supply.liquid !== null && supply.liquid !== undefined)
          violations.push(`${where}: liquid ${String(supply.liquid)} though staked is unknown`);
        continue;
      }
      const expected = expectedLiquid(supply.circulating, supply.staked);
      if (!DecimalConstructor.isDecimal(supply.liquid) || !supply.liquid.eq(expected)) {
        violations.push(
          `${where}: liquid is ${supply.liquid == null ? 'missing' : formatDecimal(supply.liquid)}, max(circulating − staked, 0) is ${formatDecimal(expected)}`,
        );
      }
    }
    if (!economy.schedule || !options.schedule) continue;
    for (const point of await economy.schedule({ ...options.schedule, overrides }, ctx())) {
      const where = `schedule ${label(point.at, overrides)}`;
      const { staked } = await economy.supply({ at: point.at, overrides }, ctx());
      const liquid = point.liquid;
      if (staked === null) {
        if (liquid !== null && liquid !== undefined)
          violations.push(`${where}: liquid ${String(liquid)} though staked is unknown`);
        continue;
      }
      const expected = expectedLiquid(point.circulating, staked);
      if (!DecimalConstructor.isDecimal(liquid) || !liquid.eq(expected)) {
        violations.push(
          `${where}: liquid is ${liquid == null ? 'missing' : formatDecimal(liquid)}, max(circulating − staked, 0) is ${formatDecimal(expected)}`,
        );
      }
    }
  }
  return violations;
};

async function refusal(run: () => Promise<void>, where: string): Promise<string[]> {
  try {
    await run();
    return [];
  } catch (error) {
    if (isTokenomicsError(error) && error.code === 'BAD_INPUT') return [];
    const what = isTokenomicsError(error) ? error.code : `an uncoded ${(error as Error)?.name ?? 'error'}`;
    return [
      `${where}: ${what} (${(error as Error)?.message ?? String(error)}), not a figure or a BAD_INPUT refusal`,
    ];
  }
}

/**
 * Each numeric parameter driven to its documented bounds (one at a time, see
 * parameterExtremes): supply, rewards and the schedule stay free of negative
 * figures, or the override is refused with BAD_INPUT.
 */
export const figuresStayNonNegativeAtBounds: ConformanceCheck = async (economy, options) => {
  const violations: string[] = [];
  const ctx = () => options.context?.();
  for (const parameter of await economy.parameters({}, ctx())) {
    const extremes = parameterExtremes(parameter, economy.token.decimals);
    if (!('values' in extremes)) continue;
    for (const value of extremes.values) {
      const overrides = [{ key: parameter.key, value }];
      for (const at of options.instants) {
        const where = label(at, overrides);
        if (economy.supply) {
          violations.push(
            ...(await refusal(async () => {
              violations.push(...supplyViolations(where, await economy.supply!({ at, overrides }, ctx())));
            }, `supply ${where}`)),
          );
        }
        if (economy.rewards) {
          violations.push(
            ...(await refusal(async () => {
              violations.push(...rewardsViolations(where, await economy.rewards!({ at, overrides }, ctx())));
            }, `rewards ${where}`)),
          );
        }
      }
      if (economy.schedule && options.schedule) {
        const schedule = options.schedule;
        violations.push(
          ...(await refusal(async () => {
            const points = await economy.schedule!({ ...schedule, overrides }, ctx());
            for (const point of points) {
              violations.push(...pointViolations(`schedule point ${label(point.at, overrides)}`, point));
            }
          }, `schedule with ${parameter.key}=${value}`)),
        );
      }
    }
  }
  return violations;
};

/** Every source served (parameters, buckets, derivations, fee and penalty records, unlocks) either follows the sources rule or says why not. */
export const sourcesAreFollowable: ConformanceCheck = async (economy, options) => {
  const root = repositoryRoot();
  const ctx = () => options.context?.();
  const seen = new Map<string, string>();
  const cite = (source: string | undefined, where: string) => {
    if (source !== undefined && !seen.has(source)) seen.set(source, where);
  };
  for (const overrides of overrideSets(options)) {
    for (const parameter of await economy.parameters({ overrides }, ctx()))
      cite(parameter.source, `parameter ${parameter.key}`);
    for (const at of options.instants) {
      const where = label(at, overrides);
      if (economy.supply) {
        const supply = await economy.supply({ at, overrides }, ctx());
        for (const bucket of supply.buckets) cite(bucket.source, `supply bucket ${bucket.key} ${where}`);
        for (const [figure, derivation] of Object.entries(supply.derivations))
          cite(derivation?.source, `supply derivation of ${figure} ${where}`);
      }
      if (economy.rewards)
        cite(
          (await economy.rewards({ at, overrides }, ctx())).derivation.source,
          `rewards derivation ${where}`,
        );
    }
    if (economy.unlocks) {
      for (const unlock of await economy.unlocks({ overrides }, ctx()))
        cite(unlock.source, `unlock of ${unlock.bucket}`);
    }
  }
  if (economy.fees && economy.quoteFee) {
    for (const schedule of await economy.fees(ctx()))
      for (const parameter of schedule.parameters)
        cite(parameter.source, `fee ${schedule.key} parameter ${parameter.key}`);
    for (const input of options.feeQuotes ?? (await defaultFeeQuotes(economy, options)))
      cite((await economy.quoteFee(input, ctx())).derivation.source, `fee quote ${input.fee}`);
  }
  if (economy.penalties && economy.simulatePenalty) {
    for (const rule of await economy.penalties(ctx()))
      for (const parameter of rule.parameters)
        cite(parameter.source, `penalty ${rule.key} parameter ${parameter.key}`);
    for (const input of options.penaltyInputs ?? (await defaultPenaltyInputs(economy, options)))
      cite((await economy.simulatePenalty(input, ctx())).derivation.source, `penalty outcome ${input.rule}`);
  }
  const violations: string[] = [];
  for (const [source, where] of seen) {
    const problem = sourceViolation(source, root);
    if (problem) violations.push(`${where}: source ${JSON.stringify(source)} ${problem}`);
  }
  return violations;
};

/**
 * Unlocks: at each instant, what the unlocks leave locked (their amounts less
 * what they released by then) is what the supply's buckets of the same keys
 * hold, non-circulating; a part may be shown apart as staked non-circulating
 * buckets (staked from the treasury), never more.
 */
export const unlocksMatchBuckets: ConformanceCheck = async (economy, options) => {
  if (!economy.unlocks || !economy.supply) return [];
  const violations: string[] = [];
  const ctx = () => options.context?.();
  const decimals = economy.token.decimals;
  for (const overrides of overrideSets(options)) {
    const unlocks = await economy.unlocks({ overrides }, ctx());
    const keys = [...new Set(unlocks.map((unlock) => unlock.bucket))];
    for (const at of options.instants) {
      const where = `unlocks ${label(at, overrides)}`;
      const supply = await economy.supply({ at, overrides }, ctx());
      let gap = ZERO;
      let exactPerKey = true;
      const stakedOutside = sumDecimals(
        supply.buckets.filter((b) => !b.circulating && b.staked).map((b) => b.amount),
      );
      for (const key of keys) {
        let remaining = ZERO;
        try {
          for (const unlock of unlocks.filter((u) => u.bucket === key))
            remaining = remaining.plus(unlock.amount).minus(unlockedAt(unlock, at, decimals));
        } catch (error) {
          violations.push(`${where}: unlock of ${key} cannot be evaluated (${(error as Error).message})`);
          continue;
        }
        const bucket = supply.buckets.find((b) => b.key === key);
        const held = bucket?.amount ?? ZERO;
        if (bucket?.circulating)
          violations.push(`${where}: bucket ${key} unlocks but is counted as circulating`);
        if (held.gt(remaining)) {
          violations.push(
            `${where}: bucket ${key} holds ${formatDecimal(held)}, more than its unlocks leave locked (${formatDecimal(remaining)})`,
          );
        }
        if (!held.eq(remaining)) exactPerKey = false;
        gap = gap.plus(remaining.minus(held));
      }
      if (!exactPerKey && (gap.isNegative() || gap.gt(stakedOutside))) {
        violations.push(
          `${where}: the unlocks leave ${formatDecimal(gap)} more locked than the buckets hold, and staked non-circulating buckets show only ${formatDecimal(stakedOutside)}`,
        );
      }
    }
  }
  return violations;
};

/** Every conformance check, by the invariant it holds. */
export const CONFORMANCE_CHECKS = {
  'capabilities list exactly what is implemented': capabilitiesMatchMethods,
  'supply: circulating ≤ total ≤ max, exact non-negative amounts, derivations equal their figures':
    supplyIsCoherent,
  'rewards: exact non-negative amounts, the derivation equals stakingApr': rewardsAreCoherent,
  'parameters have provenance and their overrides round-trip': parametersHaveProvenance,
  'unknown and bad overrides give coded errors': badOverridesAreCoded,
  'fee quotes: total = base + protocolFee, allocations sum to protocolFee': feeQuotesBalance,
  'penalties: after = before − slashed, slashedTotal = their sum': penaltiesBalance,
  'schedule points are ordered, written as they read, and equal supply and rewards at their instants':
    scheduleMatchesModel,
  'a schedule equals its halves joined (points depend on their instant and the one before)': scheduleSplits,
  'flows are described': flowsAreDescribed,
  'supply: total − Σ non-circulating buckets = circulating; staked ≤ circulating + Σ staked non-circulating buckets':
    bucketsReconcile,
  'liquid = max(circulating − staked, 0) where staked is known, on supply and schedule points':
    liquidIsCirculatingLessStaked,
  'no figure is negative with any parameter at its documented bounds (or the override is BAD_INPUT)':
    figuresStayNonNegativeAtBounds,
  'every source is a public URL, a repository file or a chain/override/configuration reading':
    sourcesAreFollowable,
  'unlocks leave locked exactly what the locked buckets hold': unlocksMatchBuckets,
} as const satisfies Record<string, ConformanceCheck>;

/**
 * Runs every conformance check and returns the violations by check (empty
 * lists everywhere is a pass). The vitest wrapper is {@link describeTokenEconomy}.
 *
 * @example
 * ```ts
 * import type { TokenEconomy } from '@tokenomics/core';
 * import { checkTokenEconomy } from '@tokenomics/core/testing';
 *
 * declare function myAdapter(): TokenEconomy;
 *
 * const report = await checkTokenEconomy(myAdapter(), { instants: [new Date('2026-01-01Z')] });
 * ```
 */
export async function checkTokenEconomy(
  economy: TokenEconomy,
  options: ConformanceOptions,
): Promise<Record<keyof typeof CONFORMANCE_CHECKS, string[]>> {
  const entries = await Promise.all(
    Object.entries(CONFORMANCE_CHECKS).map(
      async ([name, check]) => [name, await check(economy, options)] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<keyof typeof CONFORMANCE_CHECKS, string[]>;
}
