import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  Decimal,
  type EconomyContext,
  formatDecimal,
  fromScaledInteger,
  type ParameterOverride,
  type Supply,
  type TokenEconomy,
  toScaledInteger,
} from '@tokenomics/core';

/** Σ values exactly (Decimal arithmetic rounds to 60 digits; supplies of 10^23 at 40 places have more). */
function exactSum(values: readonly Decimal[], negate: readonly Decimal[] = []): Decimal {
  const places = Math.max(0, ...[...values, ...negate].map((value) => value.decimalPlaces()));
  const units = (value: Decimal) => toScaledInteger(value, places);
  const sum =
    values.reduce((total, value) => total + units(value), 0n) -
    negate.reduce((total, value) => total + units(value), 0n);
  return fromScaledInteger(sum, places);
}

/**
 * Why a served `source` cannot be followed by a user (empty when it can): it
 * must start with `chain:`, `override:` or `configuration:`, or contain an
 * https URL or a path to a file of this repository (an anchor after `#`
 * ignored), and never cite the maintainers' working notes (MODEL.md, a
 * facts sheet, spec/ or shared/), which the repository does not contain.
 *
 * @param root - the repository's root directory
 * @example
 * ```ts
 * sourceProblems('docs/methodology/synternet.md#slashing', root); // []
 * sourceProblems('MODEL.md Synternet', root); // ['cites MODEL.md, …', …]
 * ```
 */
export function sourceProblems(source: string, root: string): string[] {
  const problems: string[] = [];
  if (/MODEL\.md|-facts\.md|\bspec\/|\bshared\//.test(source)) {
    problems.push('cites a file the repository does not contain (MODEL.md, a facts sheet, spec/ or shared/)');
  }
  if (/^(chain|override|configuration): /.test(source)) return problems;
  const hasUrl = /https:\/\/[^\s)"]+/.test(source);
  const paths = [
    ...source.matchAll(/(?:^|[\s(;,])((?:docs|packages)\/[\w./-]+?)(?:#[\w-]*)?(?=$|[\s);,])/g),
  ].map((match) => match[1]!);
  const missing = paths.filter((path) => !existsSync(join(root, path)));
  for (const path of missing) problems.push(`cites ${path}, which is not in the repository`);
  if (!hasUrl && paths.length === missing.length) problems.push('has no https URL and no repository file');
  return problems;
}

/** Options of {@link servedSources}. */
export interface ServedSourcesOptions {
  /** Instants to read supply and rewards at. */
  instants: readonly Date[];
  overrides?: readonly ParameterOverride[];
  context?: Partial<EconomyContext>;
}

/**
 * Every `source` an economy serves, with where: each parameter's, each supply
 * derivation's and bucket's, the rewards derivation's, each penalty rule's
 * parameters' and each fee and penalty derivation's (a quote and a
 * simulation of each).
 *
 * @example
 * ```ts
 * for (const { where, source } of await servedSources(economy, { instants: [genesis] }))
 *   expect(sourceProblems(source, root), where).toEqual([]);
 * ```
 */
export async function servedSources(
  economy: TokenEconomy,
  options: ServedSourcesOptions,
): Promise<{ where: string; source: string }[]> {
  const { overrides = [], context } = options;
  const found: { where: string; source: string }[] = [];
  for (const parameter of await economy.parameters({ overrides }, context)) {
    found.push({ where: `parameter ${parameter.key}`, source: parameter.source });
  }
  for (const at of options.instants) {
    const when = at.toISOString();
    if (economy.supply) {
      const supply = await economy.supply({ at, overrides }, context);
      for (const [figure, derivation] of Object.entries(supply.derivations)) {
        if (derivation) found.push({ where: `supply ${when} ${figure}`, source: derivation.source });
      }
      for (const bucket of supply.buckets) {
        found.push({ where: `supply ${when} bucket ${bucket.key}`, source: bucket.source ?? '' });
      }
    }
    if (economy.rewards) {
      const rewards = await economy.rewards({ at, overrides }, context);
      found.push({ where: `rewards ${when}`, source: rewards.derivation.source });
    }
  }
  for (const fee of (await economy.fees?.(context)) ?? []) {
    for (const parameter of fee.parameters) {
      found.push({ where: `fee ${fee.key} parameter ${parameter.key}`, source: parameter.source });
    }
    const quote = await economy.quoteFee!(
      { fee: fee.key, quantity: new Decimal(1), unitPrice: new Decimal(1) },
      context,
    );
    found.push({ where: `fee ${fee.key} quote`, source: quote.derivation.source });
  }
  for (const rule of (await economy.penalties?.(context)) ?? []) {
    for (const parameter of rule.parameters) {
      found.push({ where: `penalty ${rule.key} parameter ${parameter.key}`, source: parameter.source });
    }
    const outcome = await economy.simulatePenalty!(
      { rule: rule.key, stakes: [new Decimal(1)], missedBlocks: 0 },
      context,
    );
    found.push({ where: `penalty ${rule.key} simulation`, source: outcome.derivation.source });
  }
  return found;
}

/**
 * The second edition's supply invariants, as sentences (none is a pass): no
 * negative figure or bucket; total − Σ(non-circulating buckets) =
 * circulating exactly; staked ≤ circulating + Σ(staked non-circulating
 * buckets); liquid = max(circulating − staked, 0) where staked is known, null
 * where it is not.
 *
 * @example
 * ```ts
 * expect(supplyInvariantViolations(await economy.supply!({ at }))).toEqual([]);
 * ```
 */
export function supplyInvariantViolations(supply: Supply): string[] {
  const violations: string[] = [];
  const figures: Record<string, Decimal | null> = {
    total: supply.total,
    circulating: supply.circulating,
    staked: supply.staked,
    liquid: supply.liquid,
    ...Object.fromEntries(supply.buckets.map((bucket) => [`bucket ${bucket.key}`, bucket.amount])),
  };
  for (const [name, value] of Object.entries(figures)) {
    if (value?.isNegative()) violations.push(`${name} is negative (${formatDecimal(value)})`);
  }
  const nonCirculating = exactSum(supply.buckets.filter((b) => !b.circulating).map((b) => b.amount));
  if (!exactSum([supply.total], [nonCirculating]).eq(supply.circulating)) {
    violations.push(
      `total ${formatDecimal(supply.total)} − non-circulating buckets ${formatDecimal(nonCirculating)} ≠ circulating ${formatDecimal(supply.circulating)}`,
    );
  }
  if (supply.staked === null) {
    if (supply.liquid !== null) violations.push('liquid is known though staked is not');
    return violations;
  }
  const stakedHeld = exactSum(
    supply.buckets.filter((b) => b.staked === true && !b.circulating).map((b) => b.amount),
  );
  if (supply.staked.gt(exactSum([supply.circulating, stakedHeld]))) {
    violations.push(
      `staked ${formatDecimal(supply.staked)} > circulating ${formatDecimal(supply.circulating)} + staked non-circulating ${formatDecimal(stakedHeld)}`,
    );
  }
  const liquid = exactSum([supply.circulating], [supply.staked]);
  const expected = Decimal.max(liquid, 0);
  if (supply.liquid === null || !supply.liquid.eq(expected)) {
    violations.push(
      `liquid ${supply.liquid === null ? 'null' : formatDecimal(supply.liquid)} ≠ max(circulating − staked, 0) = ${formatDecimal(expected)}`,
    );
  }
  return violations;
}
