import { describe, expect, it } from 'vitest';
import {
  Decimal,
  ExactSchedulePoint,
  ScaledDecimal,
  type TokenEconomy,
  TokenomicsError,
  toScaledInteger,
} from '../src/index.js';
import {
  CONFORMANCE_CHECKS,
  type ConformanceOptions,
  checkTokenEconomy,
  describeTokenEconomy,
  exampleEconomy,
} from '../src/testing/index.js';

const options: ConformanceOptions = {
  instants: [new Date('2025-01-01T00:00:00Z'), new Date('2030-06-15T12:00:00Z')],
  overrideSets: [[{ key: 'treasury', value: '900' }]],
  schedule: {
    from: new Date('2025-01-01T00:00:00Z'),
    to: new Date('2026-01-01T00:00:00Z'),
    interval: 'MONTH',
  },
};

describeTokenEconomy('the example economy', () => exampleEconomy(), options);

type Check = keyof typeof CONFORMANCE_CHECKS;

/** The example economy with one method replaced. */
function broken(change: (good: TokenEconomy) => Partial<TokenEconomy>): TokenEconomy {
  const good = exampleEconomy();
  return { ...good, ...change(good) };
}

const d = (value: string) => new Decimal(value);

/** A scaled figure whose wire text lies about its value. */
class Misprinted extends ScaledDecimal {
  override toText(): string {
    return '1';
  }
}

const BREAKAGES: Array<[string, Check, () => TokenEconomy, RegExp]> = [
  [
    'lists a capability it lacks',
    'capabilities list exactly what is implemented',
    () => broken((g) => ({ flows: undefined, capabilities: g.capabilities })),
    /FLOWS is listed but not implemented/,
  ],
  [
    'implements one it does not list',
    'capabilities list exactly what is implemented',
    () => broken((g) => ({ capabilities: g.capabilities.filter((c) => c !== 'FEES') })),
    /FEES is implemented but not listed/,
  ],
  [
    'circulates more than exists',
    'supply: circulating ≤ total ≤ max, exact non-negative amounts, derivations equal their figures',
    () =>
      broken((g) => ({ supply: async (q, c) => ({ ...(await g.supply!(q, c)), circulating: d('1001') }) })),
    /circulating 1001 > total 1000/,
  ],
  [
    'exceeds its cap',
    'supply: circulating ≤ total ≤ max, exact non-negative amounts, derivations equal their figures',
    () => broken((g) => ({ supply: async (q, c) => ({ ...(await g.supply!(q, c)), max: d('999') }) })),
    /total 1000 > max 999/,
  ],
  [
    'holds a negative bucket',
    'supply: circulating ≤ total ≤ max, exact non-negative amounts, derivations equal their figures',
    () =>
      broken((g) => ({
        supply: async (q, c) => {
          const s = await g.supply!(q, c);
          return { ...s, buckets: [{ ...s.buckets[0]!, amount: d('-1') }] };
        },
      })),
    /bucket treasury is negative/,
  ],
  [
    'carries money in a float',
    'supply: circulating ≤ total ≤ max, exact non-negative amounts, derivations equal their figures',
    () =>
      broken((g) => ({
        supply: async (q, c) => ({ ...(await g.supply!(q, c)), staked: 0.1 as unknown as Decimal }),
      })),
    /staked is not a finite Decimal/,
  ],
  [
    'explains a figure it did not compute',
    'supply: circulating ≤ total ≤ max, exact non-negative amounts, derivations equal their figures',
    () =>
      broken((g) => ({
        supply: async (q, c) => {
          const s = await g.supply!(q, c);
          return { ...s, circulating: s.circulating.minus(1) };
        },
      })),
    /derivation of circulating gives 750, the figure is 749/,
  ],
  [
    'derives a different APR',
    'rewards: exact non-negative amounts, the derivation equals stakingApr',
    () =>
      broken((g) => ({ rewards: async (q, c) => ({ ...(await g.rewards!(q, c)), stakingApr: d('0.5') }) })),
    /derivation of stakingApr gives 0.025, the figure is 0.5/,
  ],
  [
    'has a parameter without a source',
    'parameters have provenance and their overrides round-trip',
    () =>
      broken((g) => ({
        parameters: async (q, c) =>
          (await g.parameters(q, c)).map((p) => ({ ...p, source: p.key === 'feeRate' ? '' : p.source })),
      })),
    /parameter feeRate has no source/,
  ],
  [
    'echoes an override in another form',
    'parameters have provenance and their overrides round-trip',
    () =>
      broken((g) => ({
        parameters: async (q, c) => {
          const list = await g.parameters(q, c);
          return q?.overrides?.length ? list.map((p) => ({ ...p, value: `${p.value}.0` })) : list;
        },
      })),
    /overriding it with its own value/,
  ],
  [
    'ignores unknown overrides',
    'unknown and bad overrides give coded errors',
    () => broken((g) => ({ parameters: (_q, c) => g.parameters({}, c) })),
    /an unknown override key gives no error/,
  ],
  [
    'throws uncoded errors for bad values',
    'unknown and bad overrides give coded errors',
    () =>
      broken((g) => ({
        parameters: async (q, c) => {
          if (q?.overrides?.some((o) => o.value.startsWith('¿'))) throw new Error('boom');
          return g.parameters(q, c);
        },
      })),
    /gives an uncoded Error, not BAD_INPUT/,
  ],
  [
    'charges more than base + fee',
    'fee quotes: total = base + protocolFee, allocations sum to protocolFee',
    () =>
      broken((g) => ({
        quoteFee: async (i, c) => {
          const q = await g.quoteFee!(i, c);
          return { ...q, total: q.total.plus('0.000001') };
        },
      })),
    /≠ base \+ protocolFee/,
  ],
  [
    'loses part of the fee',
    'fee quotes: total = base + protocolFee, allocations sum to protocolFee',
    () =>
      broken((g) => ({
        quoteFee: async (i, c) => {
          const q = await g.quoteFee!(i, c);
          return { ...q, allocations: q.allocations.slice(0, 1) };
        },
      })),
    /allocations sum to/,
  ],
  [
    'answers an unknown fee',
    'fee quotes: total = base + protocolFee, allocations sum to protocolFee',
    () => broken((g) => ({ quoteFee: (i, c) => g.quoteFee!({ ...i, fee: 'service' }, c) })),
    /unknown fee key gives no error/,
  ],
  [
    'miscounts a stake',
    'penalties: after = before − slashed, slashedTotal = their sum',
    () =>
      broken((g) => ({
        simulatePenalty: async (i, c) => {
          const o = await g.simulatePenalty!(i, c);
          return { ...o, stakes: o.stakes.map((s) => ({ ...s, after: s.before })) };
        },
      })),
    /after .* ≠ before − slashed/,
  ],
  [
    'misreports the total slashed',
    'penalties: after = before − slashed, slashedTotal = their sum',
    () =>
      broken((g) => ({
        simulatePenalty: async (i, c) => ({ ...(await g.simulatePenalty!(i, c)), slashedTotal: d('1') }),
      })),
    /slashedTotal 1 ≠ sum of slashed/,
  ],
  [
    'puts points out of order',
    'schedule points are ordered, written as they read, and equal supply and rewards at their instants',
    () => broken((g) => ({ schedule: async (q, c) => (await g.schedule!(q, c)).reverse() })),
    /is not after point/,
  ],
  [
    'disagrees with its own supply',
    'schedule points are ordered, written as they read, and equal supply and rewards at their instants',
    () =>
      broken((g) => ({
        schedule: async (q, c) =>
          (await g.schedule!(q, c)).map((p) => ({ ...p, circulating: p.circulating.plus(1) })),
      })),
    /circulating 751 ≠ supply 750/,
  ],
  [
    'writes a figure other than it reads',
    'schedule points are ordered, written as they read, and equal supply and rewards at their instants',
    () =>
      broken((g) => ({
        schedule: async (q, c) =>
          (await g.schedule!(q, c)).map(
            (p) =>
              new ExactSchedulePoint(p.at, {
                total: p.total,
                circulating: new Misprinted(toScaledInteger(p.circulating, 0), 0),
                emitted: p.emitted,
                emissionRate: p.emissionRate,
                poolBalance: p.poolBalance,
              }),
          ),
      })),
    /circulating is written as 1 but reads as 750/,
  ],
  [
    'repeats a flow',
    'flows are described',
    () => broken((g) => ({ flows: () => [...g.flows!(), ...g.flows!()] })),
    /flow rewards appears twice/,
  ],
];

describe('the conformance kit fails a broken adapter on the invariant it breaks', () => {
  it('passes the example economy on every check', async () => {
    const report = await checkTokenEconomy(exampleEconomy(), options);
    expect(Object.values(report).flat()).toEqual([]);
  });

  it.each(BREAKAGES)('an adapter that %s', async (_what, check, build, violation) => {
    const violations = await CONFORMANCE_CHECKS[check](build(), options);
    expect(violations.join('\n')).toMatch(violation);
  });

  it('covers every check with at least one breakage', () => {
    expect(new Set(BREAKAGES.map(([, check]) => check))).toEqual(new Set(Object.keys(CONFORMANCE_CHECKS)));
  });

  it('reports coded errors from a check as they are', async () => {
    const failing = broken(() => ({
      supply: async () => {
        throw new TokenomicsError('UPSTREAM_UNAVAILABLE', 'down');
      },
    }));
    await expect(
      CONFORMANCE_CHECKS[
        'supply: circulating ≤ total ≤ max, exact non-negative amounts, derivations equal their figures'
      ](failing, options),
    ).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });
});
