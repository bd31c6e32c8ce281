import {
  Decimal,
  type Derivation,
  type ExactFigure,
  type FeeQuote,
  formatFigure,
  lazyMember,
  type NamedValue,
  type PenaltyOutcome,
  RATE_PLACES,
  type Rewards,
  type Supply,
  type SupplyFigure,
  servedFigure,
  type TokenEconomy,
  type Unlock,
} from '@tokenomics/core';

/**
 * The served precision, in one place (MODEL.md, second edition): every amount
 * is rounded half to even to its token's base unit, every rate or ratio to 18
 * decimal places; written with no exponent and no trailing zeros. Adapters
 * compute exactly; the gateway rounds only on the way out, here, so that a
 * derivation's `result` is the figure served beside it.
 */
export interface ServedPrecision {
  /** Decimal places of an amount: the token's base-unit decimals. */
  readonly amountPlaces: number;
  /** Decimal places of a rate or ratio: 18. */
  readonly ratePlaces: number;
}

/**
 * The precision a protocol's figures are served at.
 *
 * @example
 * ```ts
 * import { servedPrecision } from './served.js';
 *
 * servedPrecision({ decimals: 9 }); // { amountPlaces: 9, ratePlaces: 18 }
 * ```
 */
export function servedPrecision(token: { decimals: number }): ServedPrecision {
  return { amountPlaces: token.decimals, ratePlaces: RATE_PLACES };
}

// The served figure is a Decimal again where the adapter gave a Decimal, so types stay as the core declares them.
const amount = (p: ServedPrecision, figure: Decimal): Decimal =>
  servedFigure(figure, p.amountPlaces) as Decimal;
const rate = (p: ServedPrecision, figure: Decimal): Decimal => servedFigure(figure, p.ratePlaces) as Decimal;
const maybe = <T>(value: T | null, serve: (value: T) => T): T | null =>
  value === null ? null : serve(value);

/**
 * A schedule figure at the served precision (amounts or rates), kept a scaled
 * integer where it is one.
 *
 * @example
 * ```ts
 * import { formatFigure, ScaledDecimal } from '@tokenomics/core';
 * import { servedPrecision, servedScheduleFigure } from './served.js';
 *
 * const precision = servedPrecision({ decimals: 9 }); // SESH: 9 places for amounts
 * formatFigure(servedScheduleFigure(precision, new ScaledDecimal(25n, 10), 'amount')); // '0.000000002'
 * ```
 */
export function servedScheduleFigure(
  p: ServedPrecision,
  figure: ExactFigure,
  kind: 'amount' | 'rate',
): ExactFigure {
  return servedFigure(figure, kind === 'amount' ? p.amountPlaces : p.ratePlaces);
}

/** A plain decimal as derive() writes one: digits, an optional sign and fraction, no exponent. */
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

function servedInput(p: ServedPrecision, input: NamedValue): NamedValue {
  if (input.figure) {
    const figure = input.kind === 'AMOUNT' ? amount(p, input.figure) : rate(p, input.figure);
    // Built member by member: cheaper than a spread. A figure served as it is (no more places
    // than served) keeps the text derive() wrote of it, the same text formatFigure would write.
    const value = figure === input.figure ? input.value : formatFigure(figure);
    return input.kind === undefined
      ? { name: input.name, value, figure }
      : { name: input.name, value, figure, kind: input.kind };
  }
  // A decimal given without its kind is served as a rate is (18 places): never more digits than that.
  if (!PLAIN_DECIMAL.test(input.value) || input.value.length <= p.ratePlaces) return input;
  const dot = input.value.indexOf('.');
  if (dot < 0 || input.value.length - dot - 1 <= p.ratePlaces) return input;
  return { ...input, value: formatFigure(rate(p, new Decimal(input.value))) };
}

/** A derivation whose result is `result` (the served figure it explains) and whose inputs are served by their kinds. */
function servedDerivation(p: ServedPrecision, derivation: Derivation, result: Decimal): Derivation {
  return { ...derivation, result, inputs: derivation.inputs.map((input) => servedInput(p, input)) };
}

/**
 * Derivations served once per derivation object, their result as an amount
 * or as a rate: an adapter's memoized figures (a day's, copied to each
 * instant of it) carry the same derivation to every request.
 */
interface DerivationsServed {
  amount(derivation: Derivation): Derivation;
  rate(derivation: Derivation): Derivation;
}

function derivationsServed(p: ServedPrecision): DerivationsServed {
  return {
    amount: perResult((d: Derivation) => servedDerivation(p, d, amount(p, d.result))),
    rate: perResult((d: Derivation) => servedDerivation(p, d, rate(p, d.result))),
  };
}

function servedSupply(p: ServedPrecision, d: DerivationsServed, s: Supply): Supply {
  // Member by member, not a spread: a spread would read `derivations`, which an adapter may
  // derive only when read (lazyMember), and which a query rarely selects (the dashboard does not).
  const served: Supply = {
    at: s.at,
    max: maybe(s.max, (v) => amount(p, v)),
    total: amount(p, s.total),
    circulating: amount(p, s.circulating),
    staked: maybe(s.staked, (v) => amount(p, v)),
    liquid: maybe(s.liquid, (v) => amount(p, v)),
    burned: maybe(s.burned, (v) => amount(p, v)),
    circulatingDefinition: s.circulatingDefinition,
    buckets: s.buckets.map((bucket) => ({ ...bucket, amount: amount(p, bucket.amount) })),
    derivations: {},
  };
  return lazyMember(served, 'derivations', () => {
    const derivations: Supply['derivations'] = {};
    for (const [figure, derivation] of Object.entries(s.derivations) as [SupplyFigure, Derivation][]) {
      derivations[figure] = d.amount(derivation);
    }
    return derivations;
  });
}

function servedRewards(p: ServedPrecision, d: DerivationsServed, r: Rewards): Rewards {
  return {
    ...r,
    annualEmission: amount(p, r.annualEmission),
    emissionRate: rate(p, r.emissionRate),
    stakingApr: rate(p, r.stakingApr),
    stakingApy: maybe(r.stakingApy, (v) => rate(p, v)),
    bondedRatio: maybe(r.bondedRatio, (v) => rate(p, v)),
    perParticipantDaily: maybe(r.perParticipantDaily, (v) => amount(p, v)),
    delegatorApr: maybe(r.delegatorApr, (v) => rate(p, v)),
    // The rewards derivation explains stakingApr.
    derivation: d.rate(r.derivation),
  };
}

function servedQuote(p: ServedPrecision, d: DerivationsServed, q: FeeQuote): FeeQuote {
  return {
    ...q,
    base: amount(p, q.base),
    protocolFee: amount(p, q.protocolFee),
    total: amount(p, q.total),
    allocations: q.allocations.map((a) => ({ ...a, amount: amount(p, a.amount) })),
    // A quote's derivation explains its total.
    derivation: d.amount(q.derivation),
  };
}

function servedOutcome(p: ServedPrecision, d: DerivationsServed, o: PenaltyOutcome): PenaltyOutcome {
  return {
    ...o,
    slashedTotal: amount(p, o.slashedTotal),
    stakes: o.stakes.map((s) => ({
      before: amount(p, s.before),
      slashed: amount(p, s.slashed),
      after: amount(p, s.after),
    })),
    allocations: o.allocations.map((a) => ({ ...a, amount: amount(p, a.amount) })),
    // An outcome's derivation explains slashedTotal.
    derivation: d.amount(o.derivation),
  };
}

function servedUnlocks(p: ServedPrecision, unlocks: Unlock[]): Unlock[] {
  return unlocks.map((unlock) => ({ ...unlock, amount: amount(p, unlock.amount) }));
}

/**
 * Memoizes a pure transform per input object: adapters memoize their
 * results, so a repeated figure is served from the same rounded object.
 */
function perResult<T extends object>(serve: (value: T) => T): (value: T) => T {
  const served = new WeakMap<T, T>();
  return (value) => {
    let result = served.get(value);
    if (result === undefined) {
      result = serve(value);
      served.set(value, result);
    }
    return result;
  };
}

/**
 * The economy as the gateway serves it: the same protocol, with every figure
 * of supply, rewards, fee quotes, penalty outcomes and unlocks at the served
 * precision ({@link ServedPrecision}). Schedules are rounded point by point
 * where the schema writes them ({@link servedScheduleFigure}).
 *
 * @example
 * ```ts
 * import { exampleEconomy } from '@tokenomics/core/testing';
 * import { servedEconomy } from './served.js';
 *
 * const served = servedEconomy(exampleEconomy({ id: 'example' }));
 * (await served.supply!()).circulating.toFixed(); // '750' (at the token's 6 places)
 * ```
 */
export function servedEconomy(economy: TokenEconomy): TokenEconomy {
  const p = servedPrecision(economy.token);
  const d = derivationsServed(p);
  const served: TokenEconomy = Object.create(economy);
  const { supply, rewards, quoteFee, simulatePenalty, unlocks } = economy;
  if (supply) {
    const serve = perResult((s: Supply) => servedSupply(p, d, s));
    served.supply = async (query, ctx) => serve(await supply.call(economy, query, ctx));
  }
  if (rewards) {
    const serve = perResult((r: Rewards) => servedRewards(p, d, r));
    served.rewards = async (query, ctx) => serve(await rewards.call(economy, query, ctx));
  }
  if (quoteFee) {
    const serve = perResult((q: FeeQuote) => servedQuote(p, d, q));
    served.quoteFee = async (input, ctx) => serve(await quoteFee.call(economy, input, ctx));
  }
  if (simulatePenalty) {
    const serve = perResult((o: PenaltyOutcome) => servedOutcome(p, d, o));
    served.simulatePenalty = async (input, ctx) => serve(await simulatePenalty.call(economy, input, ctx));
  }
  if (unlocks) {
    const serve = perResult((list: Unlock[]) => servedUnlocks(p, list));
    served.unlocks = async (query, ctx) => serve(await unlocks.call(economy, query, ctx));
  }
  return served;
}
