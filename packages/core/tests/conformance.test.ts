import { describe, expect, it } from 'vitest';
import {
  Decimal,
  decimalKind,
  defineAdapter,
  defineParameters,
  derive,
  ExactSchedulePoint,
  instantKind,
  ScaledDecimal,
  snapshotSource,
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
  vestingEconomy,
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

const vestingOptions: ConformanceOptions = {
  instants: [
    new Date('2025-01-01T00:00:00Z'),
    new Date('2025-07-01T00:00:00Z'),
    new Date('2025-08-15T00:00:00Z'),
    new Date('2026-01-01T00:00:00Z'),
  ],
  // 800 staked > 600 circulating at genesis: 200 staked from the vesting allocation.
  overrideSets: [[{ key: 'staked', value: '800' }], [{ key: 'tranches', value: '7' }]],
  schedule: {
    from: new Date('2025-01-01T00:00:00Z'),
    to: new Date('2026-01-01T00:00:00Z'),
    interval: 'MONTH',
  },
};
describeTokenEconomy('the vesting example economy', () => vestingEconomy(), vestingOptions);

/** The vesting example with one method replaced. */
function brokenVesting(change: (good: TokenEconomy) => Partial<TokenEconomy>): TokenEconomy {
  const good = vestingEconomy();
  return { ...good, ...change(good) };
}

const scaffoldParameters = defineParameters({
  supply: {
    label: 'Total supply',
    unit: 'DEMO',
    description: 'All of it.',
    kind: decimalKind({ min: '0', minExclusive: true }),
  },
  treasury: {
    label: 'Treasury',
    unit: 'DEMO',
    description: 'Not circulating.',
    kind: decimalKind({ min: '0' }),
  },
  genesis: { label: 'Genesis', description: 'First block.', kind: instantKind() },
});
const SCAFFOLD_SOURCE = 'docs/adding-an-adapter.md#1-scaffold';

/**
 * The scaffold template's fixed-supply model (tools/templates/adapter) without
 * its `treasury ≤ supply` check: a treasury above the supply serves a negative
 * circulating supply.
 */
function uncheckedScaffold(): TokenEconomy {
  return defineAdapter({
    id: 'demo-coin',
    name: 'Demo Coin',
    token: { symbol: 'DEMO', name: 'Demo Coin', decimals: 6 },
    parameters: scaffoldParameters,
    preset: {
      name: 'default',
      description: 'Placeholder figures.',
      values: {
        supply: { value: '1000000000', source: SCAFFOLD_SOURCE },
        treasury: { value: '100000000', source: SCAFFOLD_SOURCE },
        genesis: { value: '2025-01-01T00:00:00Z', source: SCAFFOLD_SOURCE },
      },
    },
    source: snapshotSource('Placeholder preset.'),
    genesis: (params) => params.genesis,
    supply: ({ params }, at) => {
      const circulating = params.supply.minus(params.treasury);
      return {
        at,
        max: params.supply,
        total: params.supply,
        circulating,
        staked: null,
        liquid: null,
        burned: null,
        circulatingDefinition: 'total − treasury',
        buckets: [
          {
            key: 'treasury',
            label: 'Treasury',
            amount: params.treasury,
            circulating: false,
            source: SCAFFOLD_SOURCE,
          },
        ],
        derivations: {
          circulating: derive(
            'total − treasury',
            { treasury: params.treasury },
            circulating,
            SCAFFOLD_SOURCE,
          ),
        },
      };
    },
  });
}

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
    "makes a point depend on the schedule's start (emitted: the points since the first)",
    'a schedule equals its halves joined (points depend on their instant and the one before)',
    () =>
      broken((g) => ({
        schedule: async (q, c) =>
          (await g.schedule!(q, c)).map((p, index) => ({ ...p, emitted: new Decimal(index) })),
      })),
    /split at 2025-0\d-01T00:00:00.000Z .*: emitted is \d+, the whole schedule says \d+/,
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
  [
    'leaves a holding out of its buckets',
    'supply: total − Σ non-circulating buckets = circulating; staked ≤ circulating + Σ staked non-circulating buckets',
    () => broken((g) => ({ supply: async (q, c) => ({ ...(await g.supply!(q, c)), buckets: [] }) })),
    /total 1000 − non-circulating buckets 0 = 1000, but circulating is 750/,
  ],
  [
    'stakes more than circulates with no staked bucket to show for it',
    'supply: total − Σ non-circulating buckets = circulating; staked ≤ circulating + Σ staked non-circulating buckets',
    () =>
      broken((g) => ({
        supply: async (q, c) => ({ ...(await g.supply!(q, c)), staked: d('900'), liquid: d('0') }),
      })),
    /staked 900 > circulating 750 \+ staked non-circulating buckets 0/,
  ],
  [
    'knows staked but serves no liquid',
    'liquid = max(circulating − staked, 0) where staked is known, on supply and schedule points',
    () => broken((g) => ({ supply: async (q, c) => ({ ...(await g.supply!(q, c)), staked: d('100') }) })),
    /liquid is missing, max\(circulating − staked, 0\) is 650/,
  ],
  [
    'subtracts staked from liquid twice',
    'liquid = max(circulating − staked, 0) where staked is known, on supply and schedule points',
    () =>
      broken((g) => ({
        supply: async (q, c) => ({ ...(await g.supply!(q, c)), staked: d('100'), liquid: d('550') }),
      })),
    /liquid is 550, max\(circulating − staked, 0\) is 650/,
  ],
  [
    'leaves liquid off its schedule points',
    'liquid = max(circulating − staked, 0) where staked is known, on supply and schedule points',
    () =>
      brokenVesting((g) => ({
        schedule: async (q, c) =>
          (await g.schedule!(q, c)).map((p) => ({
            at: p.at,
            total: p.total,
            circulating: p.circulating,
            emitted: p.emitted,
            emissionRate: p.emissionRate,
            poolBalance: p.poolBalance,
          })),
      })),
    /schedule at 2025-01-01T00:00:00.000Z: liquid is missing, max\(circulating − staked, 0\) is 300/,
  ],
  [
    'is a scaffold serving a negative circulating supply when its treasury is driven past the supply',
    'no figure is negative with any parameter at its documented bounds (or the override is BAD_INPUT)',
    uncheckedScaffold,
    /supply at .* with treasury=1000000000000000000000000000000: circulating is negative \(-999999999999999999999000000000\)/,
  ],
  [
    'crashes uncoded at a bound',
    'no figure is negative with any parameter at its documented bounds (or the override is BAD_INPUT)',
    () =>
      broken((g) => ({
        rewards: async (q, c) => {
          if (q?.overrides?.some((o) => o.key === 'rewardRate' && new Decimal(o.value).isZero()))
            throw new RangeError('division by zero');
          return g.rewards!(q, c);
        },
      })),
    /rewards at .* with rewardRate=0: an uncoded RangeError \(division by zero\)/,
  ],
  [
    'cites the working notes',
    'every source is a public URL, a repository file or a chain/override/configuration reading',
    () =>
      broken((g) => ({
        parameters: async (q, c) =>
          (await g.parameters(q, c)).map((p) => ({
            ...p,
            source: p.key === 'feeRate' ? 'reference/MODEL.md, Fees' : p.source,
          })),
      })),
    /parameter feeRate: source "reference\/MODEL.md, Fees" names MODEL.md/,
  ],
  [
    'cites a file the repository does not contain',
    'every source is a public URL, a repository file or a chain/override/configuration reading',
    () =>
      broken((g) => ({
        supply: async (q, c) => {
          const s = await g.supply!(q, c);
          return {
            ...s,
            buckets: s.buckets.map((b) => ({ ...b, source: 'docs/methodology/nowhere.md#treasury' })),
          };
        },
      })),
    /supply bucket treasury .* cites docs\/methodology\/nowhere.md, which the repository does not contain/,
  ],
  [
    'cites a facts sheet beside a real page',
    'every source is a public URL, a repository file or a chain/override/configuration reading',
    () =>
      broken((g) => ({
        rewards: async (q, c) => {
          const r = await g.rewards!(q, c);
          return {
            ...r,
            derivation: { ...r.derivation, source: 'docs/adding-an-adapter.md; session-facts.md §2' },
          };
        },
      })),
    /rewards derivation .* names a facts sheet/,
  ],
  [
    'cites nothing a user can follow',
    'every source is a public URL, a repository file or a chain/override/configuration reading',
    () =>
      broken((g) => ({
        quoteFee: async (i, c) => {
          const q = await g.quoteFee!(i, c);
          return { ...q, derivation: { ...q.derivation, source: 'the whitepaper, section 4' } };
        },
      })),
    /fee quote service: source "the whitepaper, section 4" cites neither a public https:\/\/ URL nor a file/,
  ],
  [
    'unlocks more than its bucket ever held',
    'unlocks leave locked exactly what the locked buckets hold',
    () =>
      brokenVesting((g) => ({
        unlocks: async (q, c) => (await g.unlocks!(q, c)).map((u) => ({ ...u, amount: u.amount.plus(100) })),
      })),
    /the unlocks leave 100 more locked than the buckets hold/,
  ],
  [
    'keeps a bucket locked after its unlocks released it',
    'unlocks leave locked exactly what the locked buckets hold',
    () =>
      brokenVesting((g) => ({
        unlocks: async (q, c) =>
          (await g.unlocks!(q, c)).map((u) => ({ ...u, start: new Date('2025-03-01T00:00:00Z') })),
      })),
    /unlocks at 2025-07-01T00:00:00.000Z: bucket vesting holds 300, more than its unlocks leave locked \(0\)/,
  ],
  [
    'counts an unlocking bucket as circulating',
    'unlocks leave locked exactly what the locked buckets hold',
    () =>
      brokenVesting((g) => ({
        supply: async (q, c) => {
          const s = await g.supply!(q, c);
          return { ...s, buckets: s.buckets.map((b) => ({ ...b, circulating: true })) };
        },
      })),
    /bucket vesting unlocks but is counted as circulating/,
  ],
];

describe('the conformance kit fails a broken adapter on the invariant it breaks', () => {
  it('passes the example economy on every check', async () => {
    const report = await checkTokenEconomy(exampleEconomy(), options);
    expect(Object.values(report).flat()).toEqual([]);
  });

  it('passes the vesting example on every check, with more staked than circulates', async () => {
    const report = await checkTokenEconomy(vestingEconomy(), vestingOptions);
    expect(Object.values(report).flat()).toEqual([]);
    const supply = await vestingEconomy().supply!({
      at: new Date('2025-01-01T00:00:00Z'),
      overrides: [{ key: 'staked', value: '800' }],
    });
    expect(supply.buckets.map((b) => [b.key, b.amount.toFixed(), b.staked ?? false])).toEqual([
      ['vesting', '200', false],
      ['staked-from-vesting', '200', true],
    ]);
    expect([supply.circulating.toFixed(), supply.liquid?.toFixed()]).toEqual(['600', '0']);
  });

  it.each(BREAKAGES)('an adapter that %s', async (_what, check, build, violation) => {
    const economy = build();
    const violations = await CONFORMANCE_CHECKS[check](
      economy,
      economy.id === 'vesting' ? vestingOptions : options,
    );
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
