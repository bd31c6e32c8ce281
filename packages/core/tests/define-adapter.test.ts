import { describe, expect, it } from 'vitest';
import {
  type DataSourceInfo,
  Decimal,
  decimalKind,
  defineAdapter,
  defineParameters,
  derive,
  formatDecimal,
  instantKind,
  type StateSource,
  snapshotSource,
  TokenomicsError,
  type UpstreamReader,
} from '../src/index.js';

const schema = defineParameters({
  supply: { label: 'Supply', unit: 'EX', description: 'Fixed supply.', kind: decimalKind({ min: '0' }) },
  treasury: {
    label: 'Treasury',
    unit: 'EX',
    description: 'Not circulating.',
    kind: decimalKind({ min: '0' }),
  },
  genesis: { label: 'Genesis', description: 'First block.', kind: instantKind() },
});

const preset = {
  name: 'seed',
  description: 'Example figures.',
  values: {
    supply: { value: '1000', source: 'example spec §1' },
    treasury: { value: '250', source: 'example spec §2' },
    genesis: { value: '2025-01-01T00:00:00Z', source: 'example spec §3' },
  },
};

function example(source: StateSource<typeof schema, unknown> = snapshotSource('Example preset.')) {
  return defineAdapter({
    id: 'example',
    name: 'Example',
    token: { symbol: 'EX', name: 'Example', decimals: 6 },
    parameters: schema,
    preset,
    source,
    genesis: (params) => params.genesis,
    genesisParameter: 'genesis',
    validate(params) {
      if (params.treasury.gt(params.supply)) {
        throw new TokenomicsError('BAD_INPUT', 'treasury must not exceed supply', {
          details: { key: 'treasury' },
        });
      }
    },
    supply: ({ params }, at) => {
      const circulating = params.supply.minus(params.treasury);
      return {
        at,
        max: params.supply,
        total: params.supply,
        circulating,
        staked: null,
        burned: null,
        circulatingDefinition: 'total − treasury',
        buckets: [{ key: 'treasury', label: 'Treasury', amount: params.treasury, circulating: false }],
        derivations: {
          circulating: derive(
            'total − treasury',
            { total: params.supply, treasury: params.treasury },
            circulating,
            'example spec',
          ),
        },
      };
    },
    flows: [{ key: 'mint', from: 'nobody', to: 'holders', kind: 'INFLATIONARY', description: 'None.' }],
  });
}

describe('defineAdapter', () => {
  it('lists exactly the capabilities the definition implements', () => {
    const economy = example();
    expect(economy.capabilities).toEqual(['SUPPLY', 'FLOWS']);
    expect(economy.rewards).toBeUndefined();
    expect(economy.quoteFee).toBeUndefined();
  });

  it('runs the model on the preset, with `at` defaulting to the context now', async () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const supply = await example().supply!({}, { now });
    expect(supply.at).toBe(now);
    expect(formatDecimal(supply.circulating)).toBe('750');
    expect(supply.derivations.circulating?.inputs).toEqual([
      { name: 'total', value: '1000' },
      { name: 'treasury', value: '250' },
    ]);
  });

  it('applies overrides and cross-parameter validation', async () => {
    const economy = example();
    const supply = await economy.supply!({ overrides: [{ key: 'treasury', value: '100' }] });
    expect(formatDecimal(supply.circulating)).toBe('900');
    await expect(economy.supply!({ overrides: [{ key: 'treasury', value: '2000' }] })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(economy.parameters({ overrides: [{ key: 'nope', value: '1' }] })).rejects.toMatchObject({
      code: 'UNKNOWN_PARAMETER',
    });
  });

  it('refuses instants before genesis, naming the parameter', async () => {
    await expect(example().supply!({ at: new Date('2024-12-31T23:59:59Z') })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining(
        'before Example\'s genesis at 2025-01-01T00:00:00.000Z (parameter "genesis")',
      ),
    });
  });

  it('lets live values replace the preset, and overrides replace live values', async () => {
    const info: DataSourceInfo = { kind: 'LIVE', description: 'chain', fetchedAt: new Date(), stale: false };
    const live: StateSource<typeof schema, unknown> = {
      read: async () => ({
        state: null,
        info,
        parameters: { treasury: { value: '400', source: 'chain: treasury' } },
      }),
    };
    const economy = example(live);
    expect(await economy.source()).toBe(info);
    const parameters = await economy.parameters();
    expect(parameters.find((p) => p.key === 'treasury')).toMatchObject({
      value: '400',
      source: 'chain: treasury',
    });
    const supply = await economy.supply!({ overrides: [{ key: 'treasury', value: '0' }] });
    expect(formatDecimal(supply.circulating)).toBe('1000');
  });

  it('passes the context reader to the source', async () => {
    const reads: string[] = [];
    const reader: UpstreamReader = {
      async read(request) {
        reads.push(request.key);
        return {
          value: await request.load(new AbortController().signal),
          fetchedAt: new Date(0),
          stale: true,
        };
      },
    };
    const live: StateSource<typeof schema, Decimal> = {
      async read(ctx) {
        const total = await ctx.reader.read({ key: 'example:total', load: async () => '2000' });
        return {
          state: new Decimal(total.value),
          info: { kind: 'LIVE', description: 'chain', fetchedAt: total.fetchedAt, stale: total.stale },
        };
      },
    };
    const economy = example(live as StateSource<typeof schema, unknown>);
    expect(await economy.source({ reader })).toMatchObject({ stale: true, fetchedAt: new Date(0) });
    expect(reads).toEqual(['example:total']);
  });
});
